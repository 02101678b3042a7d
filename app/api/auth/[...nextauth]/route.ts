import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/options";
import { loginAccountKey } from "@/server/domain/login-id";
import { clientAddress, loginLimiter } from "@/server/services/rate-limit";

const handler = NextAuth(authOptions);

/**
 * Login attempts over the limit get 429 with Retry-After before any password is checked. The body
 * keeps next-auth's shape ({ url } with an error), so its client reports the error to the form.
 */
async function post(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  const { nextauth } = await ctx.params;
  if (nextauth.join("/") === "callback/credentials") {
    const form = await req
      .clone()
      .formData()
      .catch(() => null);
    const account = loginAccountKey(String(form?.get("login") ?? ""));
    const limited = await loginLimiter.check(account, clientAddress(req.headers));
    if (limited) {
      const url = new URL("/login", req.url);
      url.searchParams.set("error", `RateLimited:${limited.retryAfterSeconds}`);
      return Response.json({ url: url.toString() }, { status: 429, headers: { "retry-after": String(limited.retryAfterSeconds) } });
    }
  }
  return handler(req, ctx);
}

export { handler as GET, post as POST };
