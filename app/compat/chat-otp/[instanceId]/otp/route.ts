export { listChatOtp as GET } from "@/lib/compat/chat-otp/handlers";
