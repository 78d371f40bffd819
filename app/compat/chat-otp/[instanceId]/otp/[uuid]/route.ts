export { getChatOtp as GET } from "@/lib/compat/chat-otp/handlers";
