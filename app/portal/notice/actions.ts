"use server";

import { TRPCError } from "@trpc/server";
import { serverCaller, serverContext } from "@/app/_trpc/caller";
import type { NoticeCheck } from "@/server/domain/court-notice";
import { errorData } from "@/server/trpc/init";

/** The fake-notice check from the portal: the same procedure, through the server caller (session, membership, permission, input). */
export async function checkNotice(
  input: unknown,
): Promise<{ ok: true; result: NoticeCheck } | { ok: false; error: ReturnType<typeof errorData> }> {
  const caller = await serverCaller();
  try {
    return { ok: true, result: await caller.legal.checkNotice(input as Parameters<typeof caller.legal.checkNotice>[0]) };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { ok: false, error: errorData(error, (await serverContext()).requestId) };
  }
}
