/**
 * The route wrapper: `export const GET = route("case.read", async ({ actor, params }) => …)`. It reads the
 * session and the active organization, makes the actor (or UNAUTHORIZED / NOT_FOUND / FORBIDDEN as tRPC
 * does), then `serve` checks the permission and the ids and turns errors into responses.
 */
import "server-only";
import { activeOrgId, sessionUserId } from "@/server/auth/session";
import type { Permission } from "@/server/domain/permissions";
import { AppError } from "@/server/errors";
import { actorOf, loadMembership } from "@/server/services/membership";
import { newRequestId } from "@/server/trpc/context";
import { errorResponse, serve, type RouteHandler } from "./serve";

type NextContext = { params?: Promise<Record<string, string | string[]>> };

export function route<P extends string = never>(permission: Permission, handler: RouteHandler<P>) {
  return async (req: Request, context?: NextContext): Promise<Response> => {
    const requestId = newRequestId();
    try {
      const userId = await sessionUserId();
      if (!userId) throw new AppError("UNAUTHORIZED");
      const actor = actorOf(await loadMembership(userId, await activeOrgId()), requestId);
      const params = Object.fromEntries(Object.entries((await context?.params) ?? {}).map(([k, v]) => [k, String(v)])) as Record<P, string>;
      return await serve(permission, handler, { req, actor, params });
    } catch (err) {
      return errorResponse(err, requestId);
    }
  };
}
