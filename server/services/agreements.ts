import { and, asc, eq } from "drizzle-orm";
import { withTenant, type Tx } from "@/db/client";
import { agreements, instalments, payments } from "@/db/schema";
import { breachTargets, isNegotiable } from "@/server/domain/case-state";
import { scheduleFromTerms, type Terms } from "@/server/domain/terms";
import { basisForChange, basisFromFigures, type TermsBasis } from "@/server/domain/terms-check";
import { todayInShanghai } from "@/server/domain/time";
import { AppError, fieldError } from "@/server/errors";
import type { ChangeAgreementInput, RecordBreachInput } from "@/server/schemas/cases";
import type { Actor } from "./access";
import { writeAudit } from "./audit";
import { refreshBalances } from "./balances";
import { markPlanNeedsReview } from "./plan-review";
import { caseDebt, domain, loadCase, moveCase, type CaseRow } from "./cases";
import { assertClientDocuments } from "./document-refs";
import { currentAgreement, followPayments, repaymentState } from "./payments";
import { guardTerms } from "./terms-guard";

/**
 * What the proposals tab offers in each state of a case:
 * - negotiate: no agreement yet → proposals, answers, counter-offers;
 * - agreed: an agreement in force → record a change agreed with the lender, or a breach (no new proposal);
 * - renegotiate: the last agreement was broken → a new negotiation (a new proposal);
 * - completed: everything agreed was paid → nothing to propose;
 * - closed: the case stopped (withdrawn, closed) → nothing to propose.
 */
export type NegotiationMode = "negotiate" | "agreed" | "renegotiate" | "completed" | "closed";

type AgreementRow = typeof agreements.$inferSelect;

async function caseAgreements(tx: Tx, actor: Actor, caseId: string): Promise<AgreementRow[]> {
  return tx
    .select()
    .from(agreements)
    .where(and(eq(agreements.orgId, actor.orgId), eq(agreements.caseId, caseId)))
    .orderBy(asc(agreements.createdAt));
}

/** The agreement and the ones it replaced (newest first): a part waived anywhere in this chain stays waived. */
function chainOf(all: AgreementRow[], head: AgreementRow): AgreementRow[] {
  const chain = [head];
  let at: AgreementRow | undefined = head;
  while (at?.replacesAgreementId) {
    const prev = all.find((a) => a.id === at!.replacesAgreementId);
    if (!prev || chain.includes(prev)) break;
    chain.push(prev);
    at = prev;
  }
  return chain;
}

function chainWaiver(chain: AgreementRow[]): Pick<Terms, "waiver"> {
  const sum = (k: "interestFen" | "penaltyFen" | "feesFen") => chain.reduce((s, a) => s + (a.terms.waiver?.[k] ?? 0), 0);
  return { waiver: { interestFen: sum("interestFen"), penaltyFen: sum("penaltyFen"), feesFen: sum("feesFen") } };
}

/** The basis a change to `active` is checked against: what it leaves to repay, and the parts not yet waived. */
async function changeBasis(tx: Tx, actor: Actor, c: CaseRow, all: AgreementRow[], active: AgreementRow) {
  const state = await repaymentState(tx, actor, active.id);
  const debt = await caseDebt(tx, actor, c);
  return { state, basis: basisForChange(debt, chainWaiver(chainOf(all, active)), state.outstandingFen, todayInShanghai()) };
}

/** The tab's state for one case: what may be done now, and the figures terms are checked against. */
export async function negotiationState(actor: Actor, caseId: string) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, caseId);
    const all = await caseAgreements(tx, actor, c.id);
    const current = await currentAgreement(tx, actor, c.id);
    let mode: NegotiationMode;
    let basis: TermsBasis = basisFromFigures(await caseDebt(tx, actor, c), todayInShanghai());
    let figures: { totalDueFen: number; paidFen: number; outstandingFen: number } | null = null;
    if (current?.status === "active") {
      mode = "agreed";
      const change = await changeBasis(tx, actor, c, all, current);
      basis = change.basis;
      figures = { totalDueFen: change.state.totalDueFen, paidFen: change.state.totalPaidFen, outstandingFen: change.state.outstandingFen };
    } else if (c.status === "completed" || current?.status === "completed") mode = "completed";
    else if (!isNegotiable(c.status)) mode = "closed";
    else mode = current?.status === "broken" ? "renegotiate" : "negotiate";
    return {
      mode,
      caseStatus: c.status,
      today: todayInShanghai(),
      basis,
      agreement: current
        ? {
            id: current.id,
            version: current.version,
            status: current.status,
            agreedOn: current.agreedOn,
            endedOn: current.endedOn,
            endReason: current.endReason,
            replacesAgreementId: current.replacesAgreementId,
            terms: current.terms,
            ...(figures ?? { totalDueFen: null, paidFen: null, outstandingFen: null }),
          }
        : null,
      breachTargets: mode === "agreed" ? breachTargets(c.status) : [],
    };
  });
}

async function loadActiveAgreement(tx: Tx, actor: Actor, caseId: string, agreementId: string, version: number) {
  const [row] = await tx
    .select()
    .from(agreements)
    .where(and(eq(agreements.orgId, actor.orgId), eq(agreements.caseId, caseId), eq(agreements.id, agreementId)))
    .limit(1)
    .for("update");
  if (!row) throw new AppError("NOT_FOUND");
  if (row.status !== "active") throw fieldError("agreementId", "agreementNotActive");
  if (row.version !== version) throw new AppError("CONFLICT");
  return row;
}

/**
 * Records a change agreed with the lender: a new agreement replaces the active one from `effectiveFrom`.
 * Its schedule keeps what was paid so far (the paid part of each instalment, due on or before that date)
 * and adds the new terms' instalments after it (their first due date is after the change date); the payments
 * already recorded move onto it, so they keep counting. The new terms are checked against what the old
 * agreement still leaves to repay, which is kept on the new one (`remainingBeforeFen`) for its relief.
 */
export async function changeAgreement(actor: Actor, input: ChangeAgreementInput) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, input.caseId, { lock: true });
    const old = await loadActiveAgreement(tx, actor, c.id, input.agreementId, input.version);
    if (input.effectiveFrom < old.agreedOn) throw fieldError("effectiveFrom", "beforeAgreement", { date: old.agreedOn });
    if (input.effectiveFrom > todayInShanghai()) throw fieldError("effectiveFrom", "dateInFuture");
    const all = await caseAgreements(tx, actor, c.id);
    const { state, basis } = await changeBasis(tx, actor, c, all, old);
    if (state.outstandingFen === 0) throw fieldError("agreementId", "agreementSettled");
    const firstNew = input.terms.instalments?.firstDueDate ?? input.terms.lumpSum?.dueDate;
    if (firstNew && firstNew <= input.effectiveFrom) {
      throw fieldError(input.terms.instalments ? "terms.instalments.firstDueDate" : "terms.lumpSum.dueDate", "beforeChangeDate", {
        date: input.effectiveFrom,
      });
    }
    const newRows = domain(() => scheduleFromTerms(input.terms));
    const warnings = await guardTerms(tx, actor, c, input.terms, basis);
    const evidence = await assertClientDocuments(tx, actor, c.clientId, input.evidenceDocumentIds, "evidenceDocumentIds");

    // What was paid stays in the schedule, settled by the change date (an instalment paid ahead of its day
    // counts from then); an instalment paid in part keeps only that part. The new terms' rows come after it.
    const carried = state.rows
      .filter((r) => r.paidFen > 0)
      .map((r) => {
        const interestFen = Math.min(r.interestFen, r.paidFen);
        const dueDate = r.dueDate < input.effectiveFrom ? r.dueDate : input.effectiveFrom;
        return { dueDate, amountFen: r.paidFen, interestFen, principalFen: r.paidFen - interestFen };
      });
    const [updated] = await tx
      .update(agreements)
      .set({ status: "replaced", endedOn: input.effectiveFrom, endReason: input.note ?? null, version: old.version + 1 })
      .where(and(eq(agreements.orgId, actor.orgId), eq(agreements.id, old.id), eq(agreements.version, old.version)))
      .returning({ version: agreements.version });
    if (!updated) throw new AppError("CONFLICT");
    const [agreement] = await tx
      .insert(agreements)
      .values({
        orgId: actor.orgId,
        caseId: c.id,
        proposalId: old.proposalId,
        responseId: null,
        replacesAgreementId: old.id,
        remainingBeforeFen: state.outstandingFen,
        terms: input.terms,
        art70: input.art70 ?? old.art70,
        evidenceDocumentIds: evidence,
        agreedOn: input.effectiveFrom,
        createdBy: actor.userId,
      })
      .returning({ id: agreements.id, version: agreements.version });
    if (!agreement) throw new Error("agreement insert returned nothing");
    const rows = [
      ...carried.map((r, i) => ({ seq: i + 1, ...r })),
      ...newRows.map((r, i) => ({
        seq: carried.length + i + 1,
        dueDate: r.dueDate,
        amountFen: r.paymentFen,
        principalFen: r.principalFen,
        interestFen: r.interestFen,
      })),
    ];
    if (rows.length > 0) await tx.insert(instalments).values(rows.map((r) => ({ orgId: actor.orgId, agreementId: agreement.id, ...r })));
    const moved = await tx
      .update(payments)
      .set({ agreementId: agreement.id })
      .where(and(eq(payments.orgId, actor.orgId), eq(payments.caseId, c.id), eq(payments.agreementId, old.id)))
      .returning({ id: payments.id });
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "agreement.replace",
      entityType: "agreement",
      entityId: old.id,
      before: { status: "active", version: old.version },
      after: { status: "replaced", version: updated.version, endedOn: input.effectiveFrom, replacedBy: agreement.id },
      requestId: actor.requestId,
    });
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "agreement.change",
      entityType: "agreement",
      entityId: agreement.id,
      after: {
        caseId: c.id,
        replacesAgreementId: old.id,
        effectiveFrom: input.effectiveFrom,
        terms: input.terms,
        carriedInstalments: carried.length,
        carriedPaidFen: state.totalPaidFen,
        remainingBeforeFen: state.outstandingFen,
        movedPaymentIds: moved.map((m) => m.id),
        instalments: rows.length,
        warnings: warnings.map((w) => w.code),
        ...(input.note ? { note: input.note } : {}),
      },
      requestId: actor.requestId,
    });
    const followed = await followPayments(tx, actor, c, agreement.id);
    // The debt's balance follows the new agreement (its relief measured against what remained: balance.ts).
    await refreshBalances(tx, actor.orgId, [c.debtId]);
    await markPlanNeedsReview(tx, actor.orgId, c.clientId, "agreement-changed");
    return { agreementId: agreement.id, version: agreement.version, instalments: rows.length, caseStatus: followed.caseStatus, warnings };
  });
}

/**
 * Records that the active agreement was not kept: it becomes broken (from `brokenOn`, with the reason) and
 * the case moves where the state machine allows (back to negotiating, to a lawyer, or closed). A new
 * negotiation can then start with a new proposal.
 */
export async function recordBreach(actor: Actor, input: RecordBreachInput) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, input.caseId, { lock: true });
    const a = await loadActiveAgreement(tx, actor, c.id, input.agreementId, input.version);
    if (!breachTargets(c.status).includes(input.to)) throw fieldError("to", "transition_not_allowed");
    if (input.brokenOn > todayInShanghai()) throw fieldError("brokenOn", "dateInFuture");
    if (input.brokenOn < a.agreedOn) throw fieldError("brokenOn", "beforeAgreement", { date: a.agreedOn });
    const [updated] = await tx
      .update(agreements)
      .set({ status: "broken", endedOn: input.brokenOn, endReason: input.reason, version: a.version + 1 })
      .where(and(eq(agreements.orgId, actor.orgId), eq(agreements.id, a.id), eq(agreements.version, a.version)))
      .returning({ version: agreements.version });
    if (!updated) throw new AppError("CONFLICT");
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "agreement.breach",
      entityType: "agreement",
      entityId: a.id,
      before: { status: "active", version: a.version },
      after: { status: "broken", version: updated.version, brokenOn: input.brokenOn, reason: input.reason, caseTo: input.to },
      requestId: actor.requestId,
    });
    // The one way a breach is recorded. moveCase recomputes the debt's balance, which now sees the agreement
    // broken: its remainder stands until the counselor records the lender's new figures (balance.ts).
    const moved = await moveCase(tx, actor, c, input.to, input.reason);
    await markPlanNeedsReview(tx, actor.orgId, c.clientId, "agreement-changed");
    return { agreementId: a.id, version: updated.version, caseStatus: moved.status };
  });
}
