import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { sessionUserId } from "@/server/auth/session";
import { log } from "@/server/log";
import { ACTIVE_ORG_COOKIE, newRequestId, readCookie } from "@/server/trpc/context";
import { appRouter } from "@/server/trpc/root";

/** Request bodies over 1 MB are refused before they are read (uploads use their own route). */
const MAX_BODY = 1_000_000;

async function handler(req: Request) {
  const requestId = newRequestId();
  const length = Number(req.headers.get("content-length") ?? "0");
  if (length > MAX_BODY) {
    return Response.json(
      { error: { message: "tooLarge", data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413, requestId } } },
      { status: 413, headers: { "x-request-id": requestId } },
    );
  }
  const orgCookie = readCookie(req.headers.get("cookie"), ACTIVE_ORG_COOKIE);
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => ({
      userId: await sessionUserId(),
      activeOrgId: orgCookie && /^[0-9a-f-]{36}$/.test(orgCookie) ? orgCookie : null,
      requestId,
      ip: req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null,
    }),
    responseMeta: ({ errors }) => {
      const headers = new Headers({ "x-request-id": requestId });
      for (const e of errors) {
        const retry = (e.cause as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
        if (retry) headers.set("retry-after", String(retry));
      }
      return { headers };
    },
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR") log("error", "trpc error", { requestId, path, error });
    },
  });
}

export { handler as GET, handler as POST };
