import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { decodeJwt, encodeJwt } from "@/server/auth/jwt";
import { loginAccountKey } from "@/server/domain/login-id";
import { ZLoginInput } from "@/server/schemas/auth";
import { verifyCredentials } from "@/server/services/auth";
import { secondFactorForLogin } from "@/server/services/two-factor";
import { clientAddress, loginLimiter } from "@/server/services/rate-limit";

/**
 * Mobile number or e-mail + password, JWT session. The token carries the user id and nothing else: membership and role
 * are read from the database on every request (server/trpc/init.ts), so a removed member loses access
 * at once.
 */
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  // next-auth's token format, with the HKDF key derived once instead of twice per request (server/auth/jwt.ts).
  jwt: { encode: encodeJwt, decode: decodeJwt },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      name: "login",
      credentials: { login: { type: "text" }, password: { type: "password" }, otp: { type: "text" } },
      async authorize(raw, req) {
        const parsed = ZLoginInput.safeParse({ login: raw?.login, password: raw?.password, otp: raw?.otp || undefined });
        if (!parsed.success) return null;
        const ip = clientAddress((req?.headers ?? {}) as Record<string, string | undefined>);
        // One account however its number or address is typed (the route's 429 check uses the same key).
        const account = loginAccountKey(parsed.data.login);
        // Counted before the password is checked, against the allowance every server shares.
        const attempt = await loginLimiter.begin(account, ip);
        if ("limited" in attempt) throw new Error(`RateLimited:${attempt.limited.retryAfterSeconds}`);
        const user = await verifyCredentials(parsed.data.login, parsed.data.password);
        if (!user) return null;
        const second = await secondFactorForLogin(user.id, parsed.data.otp);
        // The password was right: ask for the code without counting a failure.
        if (second === "missing") {
          await loginLimiter.settle(account, ip, attempt.ids, "uncount");
          throw new Error("TotpRequired");
        }
        if (second === "wrong") throw new Error("TotpInvalid");
        await loginLimiter.settle(account, ip, attempt.ids, "success");
        return { id: user.id };
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
