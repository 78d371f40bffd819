import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";

// next-auth's own endpoints (sign-in, callback, CSRF token, session, sign-out). Its POSTs carry
// next-auth's double-submit CSRF token.
type Context = { params: Promise<{ nextauth: string[] }> };

function handler(request: Request, context: Context) {
  return NextAuth(authOptions())(request, context);
}

export { handler as GET, handler as POST };
