/**
 * What every HTTP route handler (documents, letters, calendar files, exports) does around its own work:
 * the permission, the ids, the request id and the error response, from the one error table. The session
 * part is route.ts; this part takes an actor, so tests call a handler as a given person.
 */
import { can, type Permission } from "@/server/domain/permissions";
import { AppError, ERROR_TABLE } from "@/server/errors";
import { log } from "@/server/log";
import { isUuid } from "@/server/schemas/common";
import type { Actor } from "@/server/services/access";
import { newRequestId } from "@/server/trpc/context";

export type RouteRequest<P extends string = string> = {
  req: Request;
  url: URL;
  /** The actor, with the request id. */
  actor: Actor & { requestId: string };
  requestId: string;
  /** The route's dynamic segments, each checked to be an id. */
  params: Record<P, string>;
};

export type RouteHandler<P extends string = string> = (r: RouteRequest<P>) => Promise<Response>;

/**
 * An error as the route's response: an AppError with its status and the data the client's error words read
 * (`{ error: { code, messageKey, fields, params, requestId } }`); anything else logged whole and answered
 * with the generic message and the request id, never its own text.
 */
export function errorResponse(err: unknown, requestId: string): Response {
  const headers = { "x-request-id": requestId };
  if (err instanceof AppError) {
    return Response.json(
      { error: { code: err.code, messageKey: err.messageKey, fields: err.fields, params: err.params, requestId } },
      { status: ERROR_TABLE[err.code].http, headers },
    );
  }
  log("error", "route failed", { requestId, error: err });
  return Response.json({ error: { code: "INTERNAL", messageKey: "internal", requestId } }, { status: 500, headers });
}

/** An optional id from the query string; a malformed one is NOT_FOUND, as a row that is not there. */
export function queryId(url: URL, name: string): string | undefined {
  const value = url.searchParams.get(name);
  if (value === null) return undefined;
  if (!isUuid(value)) throw new AppError("NOT_FOUND");
  return value;
}

/** Runs a handler as `actor`: the permission (FORBIDDEN), the path ids (NOT_FOUND), then the handler; errors answered by errorResponse. */
export async function serve<P extends string>(
  permission: Permission,
  handler: RouteHandler<P>,
  input: { req: Request; actor: Actor; params?: Record<P, string> },
): Promise<Response> {
  const requestId = input.actor.requestId ?? newRequestId();
  try {
    if (!can(input.actor.role, permission)) throw new AppError("FORBIDDEN");
    const params = (input.params ?? {}) as Record<P, string>;
    for (const value of Object.values<string>(params)) if (!isUuid(value)) throw new AppError("NOT_FOUND");
    const res = await handler({ req: input.req, url: new URL(input.req.url), actor: { ...input.actor, requestId }, requestId, params });
    res.headers.set("x-request-id", requestId);
    return res;
  } catch (err) {
    return errorResponse(err, requestId);
  }
}
