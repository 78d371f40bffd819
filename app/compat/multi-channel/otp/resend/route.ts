export { resendMultiChannel as POST } from "@/lib/compat/multi-channel/handlers";
