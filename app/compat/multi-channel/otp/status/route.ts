export { statusMultiChannel as GET } from "@/lib/compat/multi-channel/handlers";
