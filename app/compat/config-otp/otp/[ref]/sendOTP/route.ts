export { sendConfigOtp as POST } from "@/lib/compat/config-otp/handlers";
