import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { baseUrl } from "@/lib/config/env";
import { serverSecrets } from "@/lib/config/secrets";
import { db } from "@/lib/db/client";
import { clientIp } from "@/lib/http/client-ip";
import { authEnv } from "./auth-env";
import { signInWithPassword } from "./sign-in";

const SESSION_MAX_AGE = 7 * 24 * 3600;

let cached: NextAuthOptions | undefined;

/**
 * next-auth (v4) for the console. Sessions are JWTs in an HttpOnly, SameSite=Lax cookie, `Secure`
 * (and `__Secure-` prefixed) when the base URL is https; the token carries only the user id, and
 * the console wrapper reads the person and their memberships from the database on every request,
 * so a removed member loses access at once. GitHub and Google appear when their variables are set;
 * they sign in people who already have an account (or an invitation) with that verified email.
 */
export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const url = baseUrl();
  process.env.NEXTAUTH_URL ??= url;
  const config = authEnv();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const headers = new Headers(request?.headers as Record<string, string> | undefined);
        return signInWithPassword(credentials, clientIp(headers));
      },
    }),
  ];
  if (config.github) providers.push(GitHubProvider(config.github));
  if (config.google) providers.push(GoogleProvider(config.google));

  cached = {
    secret: serverSecrets().nextAuthSecret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE },
    useSecureCookies: url.startsWith("https://"),
    pages: { signIn: "/console/sign-in", error: "/console/sign-in" },
    providers,
    callbacks: {
      async signIn({ user, account }) {
        if (!account || account.provider === "credentials") return true;
        // OAuth: only an email the provider verified, and only for a person we already know.
        const email = user.email?.toLowerCase();
        if (!email) return false;
        const prisma = await db();
        const known = await prisma.user.findUnique({ where: { email }, select: { id: true } });
        return known ? true : "/console/sign-in?error=NoAccount";
      },
      async jwt({ token, user, account }) {
        if (user) {
          // When this sign-in happened: a later password reset ends the sessions signed in before it.
          token.signedInAt = Date.now();
          if (account && account.provider !== "credentials") {
            const prisma = await db();
            const known = await prisma.user.findUnique({ where: { email: user.email!.toLowerCase() } });
            token.uid = known?.id;
          } else {
            token.uid = user.id;
          }
        }
        return token;
      },
      async session({ session, token }) {
        return {
          ...session,
          uid: typeof token.uid === "string" ? token.uid : undefined,
          signedInAt: typeof token.signedInAt === "number" ? token.signedInAt : 0,
        };
      },
      async redirect({ url: target, baseUrl: base }) {
        // Only ever back into this site.
        if (target.startsWith("/")) return `${base}${target}`;
        try {
          if (new URL(target).origin === base) return target;
        } catch {
          /* fall through */
        }
        return `${base}/console`;
      },
    },
  };
  return cached;
}

export function oauthProviders(): { id: "github" | "google"; name: string }[] {
  const config = authEnv();
  return [
    ...(config.github ? [{ id: "github" as const, name: "GitHub" }] : []),
    ...(config.google ? [{ id: "google" as const, name: "Google" }] : []),
  ];
}
