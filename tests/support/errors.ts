import { TRPCError } from "@trpc/server";

/** The tRPC code a call fails with, or "OK". */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
  return "OK";
}

/** The per-field error keys of a failing call (our field errors or zod issue codes by path). */
export async function fieldsOf(p: Promise<unknown>): Promise<Record<string, string[]>> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) {
      const cause = e.cause as { fields?: Record<string, string[]>; issues?: Array<{ path: PropertyKey[]; code: string }> } | undefined;
      if (cause?.fields) return cause.fields;
      if (cause?.issues) {
        const out: Record<string, string[]> = {};
        for (const i of cause.issues) (out[i.path.map(String).join(".")] ??= []).push(i.code);
        return out;
      }
      return { _: [e.code] };
    }
    throw e;
  }
  throw new Error("expected an error");
}
