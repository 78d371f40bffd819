export { verifyConfigOtp as POST } from "@/lib/compat/config-otp/handlers";
