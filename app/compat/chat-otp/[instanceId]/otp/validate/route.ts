export { validateChatOtp as POST } from "@/lib/compat/chat-otp/handlers";
