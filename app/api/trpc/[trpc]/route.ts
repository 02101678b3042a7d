import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { sessionUserId } from "@/server/auth/session";
import { log } from "@/server/log";
import { MAX_BODY, limitBody } from "@/server/trpc/body-limit";
import { ACTIVE_ORG_COOKIE, newRequestId, readCookie } from "@/server/trpc/context";
import { appRouter } from "@/server/trpc/root";
import { isUuid } from "@/server/schemas/common";

async function handler(incoming: Request) {
  const requestId = newRequestId();
  // Bodies over 1 MB: refused by their Content-Length before they are read, or while reading one without it.
  const req = await limitBody(incoming, MAX_BODY);
  if (!req) {
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
      activeOrgId: isUuid(orgCookie) ? orgCookie : null,
      requestId,
      ip: req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null,
      perRequest: {},
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
