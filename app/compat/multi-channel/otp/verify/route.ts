export { verifyMultiChannel as POST } from "@/lib/compat/multi-channel/handlers";
