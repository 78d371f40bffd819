export { sendMultiChannel as POST } from "@/lib/compat/multi-channel/handlers";
