export { verifyUserAuth as POST } from "@/lib/compat/user-auth/handlers";
