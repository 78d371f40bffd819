export { reportsMultiChannel as GET } from "@/lib/compat/multi-channel/handlers";
