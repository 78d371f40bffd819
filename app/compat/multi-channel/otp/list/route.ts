export { listMultiChannel as GET } from "@/lib/compat/multi-channel/handlers";
