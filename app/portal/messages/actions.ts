"use server";

import { TRPCError } from "@trpc/server";
import { serverCaller, serverContext } from "@/app/_trpc/caller";
import { errorData } from "@/server/trpc/init";
import type { ActionResult } from "../actions";

/** The client turns SMS on (agreeing to the words shown) or off; the procedure records the act and its words. */
export async function setSmsConsent(input: unknown): Promise<ActionResult> {
  const caller = await serverCaller();
  try {
    await caller.sms.setConsent(input as Parameters<typeof caller.sms.setConsent>[0]);
    return { ok: true };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { ok: false, error: errorData(error, (await serverContext()).requestId) };
  }
}
