import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { withTenant, type Tx } from "@/db/client";
import { agreements, cases, clients, documents, instalments, payments, users, type PaymentMethod } from "@/db/schema";
import { applyPayments } from "@/server/domain/repayment";
import { todayInShanghai } from "@/server/domain/time";
import { systemReasonText } from "@/server/domain/case-reasons";
import { eventApplies } from "@/server/domain/case-state";
import { AppError, fieldError } from "@/server/errors";
import type { Actor } from "./access";
import { writeAudit } from "./audit";
import { refreshBalances } from "./balances";
import { domain, loadCase, moveCaseOn, type CaseRow } from "./cases";
import { assertClientDocuments } from "./document-refs";

/**
 * The case's current agreement: the active one, else the latest recorded that a change did not replace
 * (completed or broken) — the same choice as the balance's (server/domain/balance.ts currentAgreement).
 */
export async function currentAgreement(tx: Tx, actor: Actor, caseId: string) {
  const [row] = await tx
    .select()
    .from(agreements)
    .where(and(eq(agreements.orgId, actor.orgId), eq(agreements.caseId, caseId)))
    .orderBy(sql`case ${agreements.status} when 'active' then 0 when 'replaced' then 2 else 1 end`, desc(agreements.createdAt))
    .limit(1);
  return row ?? null;
}

export type PaymentReport = {
  /** Who entered it: the client (by the name on her file) or a staff member (by their name). */
  reportedBy: { role: "admin" | "counselor" | "client"; name: string };
  reportedAt: Date;
  /** The receipt, served only through the checked download route /api/documents/<id>. */
  receipt: { id: string; filename: string; mime: string } | null;
};

/**
 * Who reported each payment, when, and its receipt: what a counselor needs to see before confirming one.
 * The agenda and the case's schedule both read it from here.
 */
export async function paymentReports(tx: Tx, actor: Actor, paymentIds: string[]): Promise<Map<string, PaymentReport>> {
  if (paymentIds.length === 0) return new Map();
  const rows = await tx
    .select({
      id: payments.id,
      role: payments.reportedByRole,
      reportedAt: payments.createdAt,
      staffName: users.name,
      clientName: clients.fullName,
      receiptId: documents.id,
      receiptFilename: documents.filename,
      receiptMime: documents.mime,
    })
    .from(payments)
    .innerJoin(cases, and(eq(cases.orgId, actor.orgId), eq(cases.id, payments.caseId)))
    .innerJoin(clients, and(eq(clients.orgId, actor.orgId), eq(clients.id, cases.clientId)))
    .leftJoin(users, eq(users.id, payments.reportedBy))
    .leftJoin(documents, and(eq(documents.orgId, actor.orgId), eq(documents.id, payments.receiptDocumentId)))
    .where(and(eq(payments.orgId, actor.orgId), inArray(payments.id, paymentIds)));
  return new Map(
    rows.map((r) => [
      r.id,
      {
        reportedBy: { role: r.role, name: (r.role === "client" ? r.clientName : r.staffName) ?? "" },
        reportedAt: r.reportedAt,
        receipt: r.receiptId ? { id: r.receiptId, filename: r.receiptFilename ?? "", mime: r.receiptMime ?? "" } : null,
      },
    ]),
  );
}

export async function repaymentState(tx: Tx, actor: Actor, agreementId: string) {
  const rows = await tx
    .select({
      seq: instalments.seq,
      dueDate: instalments.dueDate,
      amountFen: instalments.amountFen,
      principalFen: instalments.principalFen,
      interestFen: instalments.interestFen,
    })
    .from(instalments)
    .where(and(eq(instalments.orgId, actor.orgId), eq(instalments.agreementId, agreementId)))
    .orderBy(asc(instalments.seq));
  const paid = await tx
    .select({
      id: payments.id,
      amountFen: payments.amountFen,
      paidOn: payments.paidOn,
      method: payments.method,
      status: payments.status,
      reportedByRole: payments.reportedByRole,
      receiptDocumentId: payments.receiptDocumentId,
      note: payments.note,
      confirmedAt: payments.confirmedAt,
      createdAt: payments.createdAt,
    })
    .from(payments)
    .where(and(eq(payments.orgId, actor.orgId), eq(payments.agreementId, agreementId)))
    .orderBy(asc(payments.paidOn), asc(payments.createdAt), asc(payments.id));
  // Only confirmed payments count against the schedule; a client's report waits for the counselor.
  const state = domain(() =>
    applyPayments(
      rows,
      paid.filter((p) => p.status === "confirmed"),
      todayInShanghai(),
    ),
  );
  const byRow = new Map(rows.map((r) => [r.seq, r]));
  return {
    ...state,
    rows: state.rows.map((r) => ({ ...r, principalFen: byRow.get(r.seq)!.principalFen, interestFen: byRow.get(r.seq)!.interestFen })),
    payments: paid,
    pendingFen: paid.filter((p) => p.status === "reported").reduce((s, p) => s + p.amountFen, 0),
  };
}

/** The agreement of a case with its schedule, payments and each instalment's status. */
export async function getAgreementSchedule(actor: Actor, caseId: string) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, caseId);
    const agreement = await currentAgreement(tx, actor, c.id);
    if (!agreement) return null;
    const state = await repaymentState(tx, actor, agreement.id);
    const reports = await paymentReports(
      tx,
      actor,
      state.payments.map((p) => p.id),
    );
    return {
      agreement: {
        id: agreement.id,
        terms: agreement.terms,
        art70: agreement.art70,
        evidenceDocumentIds: agreement.evidenceDocumentIds,
        agreedOn: agreement.agreedOn,
        status: agreement.status,
        proposalId: agreement.proposalId,
        responseId: agreement.responseId,
        replacesAgreementId: agreement.replacesAgreementId,
      },
      ...state,
      payments: state.payments.map((p) => ({ ...p, ...reports.get(p.id)! })),
    };
  });
}

/** After a payment counts: agreed → repaying on the first, repaying → completed when all is paid. */
export async function followPayments(tx: Tx, actor: Actor, c: CaseRow, agreementId: string) {
  const state = await repaymentState(tx, actor, agreementId);
  let current = c;
  if (state.totalPaidFen > 0 && eventApplies("firstPaymentConfirmed", current.status)) {
    current = await moveCaseOn(tx, actor, current, "firstPaymentConfirmed", systemReasonText({ key: "firstPaymentConfirmed" }));
  }
  if (state.complete && eventApplies("allInstalmentsPaid", current.status)) {
    current = await moveCaseOn(tx, actor, current, "allInstalmentsPaid", systemReasonText({ key: "allInstalmentsPaid" }));
    await tx
      .update(agreements)
      .set({ status: "completed" })
      .where(and(eq(agreements.orgId, actor.orgId), eq(agreements.id, agreementId)));
  }
  return { caseStatus: current.status, state };
}

export type RecordPaymentInput = {
  caseId: string;
  amountFen: number;
  paidOn: string;
  method: PaymentMethod;
  receiptDocumentId?: string;
  note?: string;
  idempotencyKey: string;
};

/**
 * Records a payment against the case's active agreement. Idempotent: the same key again returns the payment
 * already recorded (and records nothing); the same key with different content is a CONFLICT. A client's
 * report waits for a counselor's confirmation; staff entries count at once.
 */
export async function recordPayment(actor: Actor, input: RecordPaymentInput) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, input.caseId, { lock: true });
    const findExisting = async () => {
      const [row] = await tx
        .select()
        .from(payments)
        .where(and(eq(payments.orgId, actor.orgId), eq(payments.idempotencyKey, input.idempotencyKey)))
        .limit(1);
      if (!row) return null;
      if (row.caseId !== c.id || row.amountFen !== input.amountFen || row.paidOn !== input.paidOn) {
        throw new AppError("CONFLICT", { messageKey: "idempotencyKeyReused" });
      }
      return { id: row.id, status: row.status, amountFen: row.amountFen, duplicate: true as const, caseStatus: c.status };
    };
    const existing = await findExisting();
    if (existing) return existing;
    if (input.paidOn > todayInShanghai()) throw fieldError("paidOn", "dateInFuture");
    const [agreement] = await tx
      .select({ id: agreements.id })
      .from(agreements)
      .where(and(eq(agreements.orgId, actor.orgId), eq(agreements.caseId, c.id), eq(agreements.status, "active")))
      .limit(1);
    if (!agreement) throw fieldError("caseId", "noActiveAgreement");
    if (input.receiptDocumentId) await assertClientDocuments(tx, actor, c.clientId, [input.receiptDocumentId], "receiptDocumentId");
    const staff = actor.role !== "client";
    const [row] = await tx
      .insert(payments)
      .values({
        orgId: actor.orgId,
        caseId: c.id,
        agreementId: agreement.id,
        amountFen: input.amountFen,
        paidOn: input.paidOn,
        method: input.method,
        receiptDocumentId: input.receiptDocumentId ?? null,
        note: input.note ?? null,
        reportedBy: actor.userId,
        reportedByRole: actor.role,
        status: staff ? "confirmed" : "reported",
        confirmedBy: staff ? actor.userId : null,
        confirmedAt: staff ? new Date() : null,
        idempotencyKey: input.idempotencyKey,
      })
      .onConflictDoNothing({ target: [payments.orgId, payments.idempotencyKey] })
      .returning({ id: payments.id, status: payments.status, amountFen: payments.amountFen });
    if (!row) {
      // A concurrent submission with the same key won the race: answer with its payment.
      const again = await findExisting();
      if (again) return again;
      throw new AppError("CONFLICT");
    }
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "payment.record",
      entityType: "payment",
      entityId: row.id,
      after: { caseId: c.id, amountFen: input.amountFen, paidOn: input.paidOn, method: input.method, status: row.status },
      requestId: actor.requestId,
    });
    const followed = staff ? await followPayments(tx, actor, c, agreement.id) : null;
    // A confirmed payment lowers the balance; a reported one stands beside it as pending.
    await refreshBalances(tx, actor.orgId, [c.debtId]);
    return { ...row, duplicate: false as const, caseStatus: followed?.caseStatus ?? c.status };
  });
}

/** A counselor confirms a payment the client reported. */
export async function confirmPayment(actor: Actor, input: { caseId: string; paymentId: string }) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, input.caseId, { lock: true });
    const [p] = await tx
      .select({ id: payments.id, status: payments.status, agreementId: payments.agreementId })
      .from(payments)
      .where(and(eq(payments.orgId, actor.orgId), eq(payments.caseId, c.id), eq(payments.id, input.paymentId)))
      .limit(1);
    if (!p) throw new AppError("NOT_FOUND");
    if (p.status === "confirmed") throw fieldError("paymentId", "paymentAlreadyConfirmed");
    await tx
      .update(payments)
      .set({ status: "confirmed", confirmedBy: actor.userId, confirmedAt: new Date() })
      .where(and(eq(payments.orgId, actor.orgId), eq(payments.id, p.id), eq(payments.status, "reported")));
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "payment.confirm",
      entityType: "payment",
      entityId: p.id,
      before: { status: "reported" },
      after: { status: "confirmed" },
      requestId: actor.requestId,
    });
    const followed = await followPayments(tx, actor, c, p.agreementId);
    await refreshBalances(tx, actor.orgId, [c.debtId]);
    return { id: p.id, status: "confirmed" as const, caseStatus: followed.caseStatus };
  });
}
