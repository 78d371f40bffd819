export { requestChatOtp as POST } from "@/lib/compat/chat-otp/handlers";
