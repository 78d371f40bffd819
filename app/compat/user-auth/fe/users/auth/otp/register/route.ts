export { registerUserAuth as POST } from "@/lib/compat/user-auth/handlers";
