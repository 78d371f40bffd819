export { resendUserAuth as POST } from "@/lib/compat/user-auth/handlers";
