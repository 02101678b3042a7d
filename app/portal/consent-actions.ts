"use server";

import { TRPCError } from "@trpc/server";
import { serverCaller, serverContext } from "@/app/_trpc/caller";
import { errorData } from "@/server/trpc/init";
import type { ActionResult } from "./actions";

/**
 * The portal's consent steps (sign or revoke her authorisation, answer a sign-off), through the same
 * procedures as over HTTP: the session, membership, permission and input are checked there.
 */
async function run(call: (caller: Awaited<ReturnType<typeof serverCaller>>) => Promise<unknown>): Promise<ActionResult> {
  const caller = await serverCaller();
  try {
    await call(caller);
    return { ok: true };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { ok: false, error: errorData(error, (await serverContext()).requestId) };
  }
}

type Caller = Awaited<ReturnType<typeof serverCaller>>["consent"];

export async function signAuthorisation(input: unknown): Promise<ActionResult> {
  // The procedure's zod schema checks the shape; the cast only satisfies the caller's static type.
  return run((c) => c.consent.signAuthorisation(input as Parameters<Caller["signAuthorisation"]>[0]));
}

export async function revokeAuthorisation(input: unknown): Promise<ActionResult> {
  return run((c) => c.consent.revokeAuthorisation(input as Parameters<Caller["revokeAuthorisation"]>[0]));
}

export async function respondSignOff(input: unknown): Promise<ActionResult> {
  return run((c) => c.consent.respondSignOff(input as Parameters<Caller["respondSignOff"]>[0]));
}
