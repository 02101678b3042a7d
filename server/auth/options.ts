import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { ZLoginInput } from "@/server/schemas/auth";
import { verifyCredentials } from "@/server/services/auth";
import { clientAddress, loginLimiter } from "@/server/services/rate-limit";

/**
 * E-mail + password, JWT session. The token carries the user id and nothing else: membership and role
 * are read from the database on every request (server/trpc/init.ts), so a removed member loses access
 * at once.
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      name: "email",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(raw, req) {
        const parsed = ZLoginInput.safeParse({ email: raw?.email, password: raw?.password });
        if (!parsed.success) return null;
        const ip = clientAddress((req?.headers ?? {}) as Record<string, string | undefined>);
        const limited = loginLimiter.check(parsed.data.email, ip);
        if (limited) throw new Error(`RateLimited:${limited.retryAfterSeconds}`);
        const user = await verifyCredentials(parsed.data.email, parsed.data.password);
        loginLimiter.record(parsed.data.email, ip, Boolean(user));
        return user ? { id: user.id } : null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      return { sub: user?.id ?? token.sub, iat: token.iat, exp: token.exp, jti: token.jti };
    },
    session({ session, token }) {
      return { expires: session.expires, user: { id: token.sub ?? "" } } as typeof session;
    },
  },
};
