import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import superjson from "superjson";
import { ZodError } from "zod";
import { can, type Permission } from "@/server/domain/permissions";
import { AppError, ERROR_TABLE, type AppErrorCode, type FieldIssue } from "@/server/errors";
import { log } from "@/server/log";
import { actorOf, loadMembership } from "@/server/services/membership";
import type { Context } from "./context";

/** The app's error codes as tRPC's, from the one table (a code tRPC does not know does not compile). */
const TRPC_CODE = (code: AppErrorCode): TRPC_ERROR_CODE_KEY => ERROR_TABLE[code].trpc;

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error, ctx }) {
    const data = errorData(error, ctx?.requestId);
    return {
      message: data.messageKey,
      code: shape.code,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, ...data },
    };
  },
});

/**
 * What a client needs to put an error into words: the message key, the fields with their codes, the
 * request id. tRPC's formatter sends it over HTTP; server actions that call procedures in-process
 * return the same object.
 */
export function errorData(error: TRPCError, requestId: string | undefined) {
  const cause = error.cause;
  let messageKey = "internal";
  let fields: Record<string, string[]> | undefined;
  let issues: FieldIssue[] | undefined;
  let params: Record<string, string | number> | undefined;
  let retryAfterSeconds: number | undefined;
  if (cause instanceof AppError) {
    messageKey = cause.messageKey;
    fields = cause.fields;
    params = cause.params;
    issues = cause.issues;
    retryAfterSeconds = cause.retryAfterSeconds;
  } else if (cause instanceof ZodError) {
    messageKey = "invalidInput";
    issues = cause.issues.map((i) => ({
      path: i.path.map(String).join("."),
      code: issueCode(i),
      params: pickIssueParams(i),
    }));
    fields = {};
    for (const i of issues) (fields[i.path || "_"] ??= []).push(i.code);
  } else if (error.code !== "INTERNAL_SERVER_ERROR") {
    // tRPC's own refusals (unknown procedure, wrong method, body too large): their code is the message.
    messageKey = error.code === "PAYLOAD_TOO_LARGE" ? "tooLarge" : "badRequest";
  }
  return { requestId, messageKey, fields, issues, params, retryAfterSeconds };
}

/**
 * A field's code: the schema's own message key when it set one ("input.amountTooLarge", "invalidRate"),
 * else zod's issue code ("too_big"). zod's default messages are English sentences, never a bare key.
 */
export function issueCode(issue: ZodError["issues"][number]): string {
  return /^[A-Za-z][\w.]*$/.test(issue.message) ? issue.message : issue.code;
}

function pickIssueParams(issue: ZodError["issues"][number]): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const k of ["minimum", "maximum", "expected", "format", "keys", "values"] as const) {
    if (k in issue) out[k] = (issue as unknown as Record<string, unknown>)[k];
  }
  return Object.keys(out).length ? out : undefined;
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** Turns AppError into TRPCError (the one place) and logs unknown errors whole, with the request id. */
const errors = t.middleware(async ({ next, ctx, path, type }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof AppError) {
    throw new TRPCError({ code: TRPC_CODE(cause.code), message: cause.messageKey, cause });
  }
  if (result.error.code === "INTERNAL_SERVER_ERROR") {
    log("error", "procedure failed", { requestId: ctx.requestId, path, type, error: result.error.cause ?? result.error });
  }
  return result;
});

export const publicProcedure = t.procedure.use(errors);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.userId) throw new AppError("UNAUTHORIZED");
  return next({ ctx: { ...ctx, userId: ctx.userId } });
});

/**
 * The active organization and the caller's role in it, read from the database on every request, so a
 * removed or deactivated member loses access at once. Not a member → NOT_FOUND (the organization's
 * existence is not revealed).
 */
export const orgProcedure = authedProcedure.use(async ({ ctx, next }) => {
  const shared = ctx.perRequest;
  const membership = await (shared
    ? (shared.membership ??= loadMembership(ctx.userId, ctx.activeOrgId))
    : loadMembership(ctx.userId, ctx.activeOrgId));
  // Two-factor required and not set up: nothing but enrolment (auth.*, on authedProcedure) until then.
  const actor = actorOf(membership, ctx.requestId);
  return next({ ctx: { ...ctx, orgId: actor.orgId, role: actor.role, actor } });
});

/** A procedure that requires one permission of the table in server/domain/permissions.ts. */
export function permitted(permission: Permission) {
  return orgProcedure.use(({ ctx, next }) => {
    if (!can(ctx.role, permission)) throw new AppError("FORBIDDEN");
    return next();
  });
}
