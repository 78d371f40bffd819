export { logsMultiChannel as GET } from "@/lib/compat/multi-channel/handlers";
