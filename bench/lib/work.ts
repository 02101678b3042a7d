/**
 * The payment endpoint's work for the floors. A write cannot be replayed statement by statement (the audit
 * chain's next sequence number and hash, the payment's own key, differ on every call), so both floors run the
 * procedure's own query functions: the membership read and recordPayment, on the floor's connection pool.
 */
import superjson from "superjson";
import { loadMembership } from "@/server/services/membership";
import { recordPayment, type RecordPaymentInput } from "@/server/services/payments";

export async function paymentWork(userId: string, orgId: string, input: RecordPaymentInput): Promise<string> {
  const m = await loadMembership(userId, orgId);
  if (!m) throw new Error("not a member");
  const out = await recordPayment({ orgId: m.orgId, userId: m.userId, role: m.role, requestId: "floor" }, input);
  return JSON.stringify({ result: { data: superjson.serialize(out) } });
}
