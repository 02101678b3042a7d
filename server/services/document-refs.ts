import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { documents } from "@/db/schema";
import { fieldError } from "@/server/errors";
import type { Actor } from "./access";

/**
 * The documents an entry points at (contact attachments, a payment's receipt, the evidence of a proposal, a
 * counter-offer or an agreement) must be this client's own, in this organization: another organization's or
 * another client's id, or one that does not exist, is a field error on `field` and nothing is saved. Returns
 * the ids without repeats, in their order.
 */
export async function assertClientDocuments(
  tx: Tx,
  actor: Actor,
  clientId: string,
  ids: readonly string[] | undefined,
  field: string,
): Promise<string[]> {
  const unique = [...new Set(ids ?? [])];
  if (unique.length === 0) return unique;
  const found = await tx
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.orgId, actor.orgId), eq(documents.clientId, clientId), inArray(documents.id, unique)));
  if (found.length !== unique.length) throw fieldError(field, "documentNotFound");
  return unique;
}
