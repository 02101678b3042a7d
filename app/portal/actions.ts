"use server";

import { TRPCError } from "@trpc/server";
import { serverCaller, serverContext } from "@/app/_trpc/caller";
import { errorData } from "@/server/trpc/init";

/** What the portal's islands get back: success, or the same error data the tRPC client would carry. */
export type ActionResult = { ok: true } | { ok: false; error: ReturnType<typeof errorData> };

/**
 * A client reports a payment. The input is whatever the browser sent: the procedure validates it and
 * re-checks the session, the membership and the permission exactly as over HTTP, and its idempotency
 * key makes a resend record one payment.
 */
export async function reportPayment(input: unknown): Promise<ActionResult> {
  const caller = await serverCaller();
  try {
    // The procedure's zod schema checks the shape; the cast only satisfies the caller's static type.
    await caller.payment.record(input as Parameters<typeof caller.payment.record>[0]);
    return { ok: true };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { ok: false, error: errorData(error, (await serverContext()).requestId) };
  }
}
