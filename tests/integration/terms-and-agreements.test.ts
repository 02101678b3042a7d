import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { and, asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import {
  agreements,
  auditLog,
  caseEvents,
  debts,
  documents,
  instalments,
  lenders,
  payments,
  proposalResponses,
  proposals,
} from "@/db/schema";
import { addMonths } from "@/server/domain/schedule";
import { addDays, todayInShanghai } from "@/server/domain/time";
import type { ProposalTermsInput } from "@/server/schemas/cases";
import { errorData } from "@/server/trpc/init";
import { codeOf, fieldsOf } from "../support/errors";
import { createTenant, type Tenant } from "../support/factories";

/**
 * Issue 11, seams 6, 8 and 12 (evidence): terms checked against the debt in every procedure that saves
 * terms (error, nothing saved); the agreed-case actions (a change agreed with the lender, a breach, a new
 * negotiation after it) with their audit rows and version conflicts; evidence documents checked like a
 * contact's attachments and a payment's receipt.
 *
 * The debt: principal ¥12,000.00, interest ¥800.00, penalty interest ¥300.00, fees ¥100.00: ¥13,200.00.
 */
const today = todayInShanghai();
const DEBT = { outstandingPrincipalFen: 1_200_000, interestFen: 80_000, penaltyFen: 30_000, feesFen: 10_000 };

async function debtFor(orgId: string, clientId: string) {
  const db = await getDb();
  const lenderId = randomUUID();
  await db.insert(lenders).values({ orgId, id: lenderId, name: `测试消费金融 ${lenderId.slice(0, 6)}`, licenceType: "consumer-finance" });
  const id = randomUUID();
  await db.insert(debts).values({
    orgId,
    id,
    clientId,
    lenderId,
    originalPrincipalFen: 2_000_000,
    ...DEBT,
    rateValue: "18",
    rateUnit: "annual",
    annualRatePct: "18",
  });
  return id;
}

async function openCase(t: Tenant, who: "A" | "B" = "A") {
  const debtId = await debtFor(t.orgId, who === "A" ? t.clientA.id : t.clientB.id);
  const c = await (who === "A" ? t.as.counselorA : t.as.counselorB).case.open({ debtId });
  return { caseId: c.id, debtId };
}

async function documentOf(orgId: string, clientId: string) {
  const db = await getDb();
  const id = randomUUID();
  await db.insert(documents).values({
    orgId,
    id,
    clientId,
    kind: "unemployment-proof",
    filename: "证明.pdf",
    mime: "application/pdf",
    sizeBytes: 10,
    sha256: "0".repeat(64),
    storageKey: `test/${id}`,
    uploadedBy: randomUUID(),
  });
  return id;
}

const inInstalments = (amountFen: number, months = 24): ProposalTermsInput["instalments"] => ({
  amountFen,
  method: "interest-free",
  months,
  annualRatePct: "0",
  firstDueDate: addMonths(today, 1),
});
/** Waives penalty and fees and repays the rest: consistent. */
const GOOD: ProposalTermsInput = { waiver: { penaltyFen: 30_000, feesFen: 10_000 }, instalments: inInstalments(1_280_000) };
/** Waives the fees and still charges them in the instalments. */
const FEES_AGAIN: ProposalTermsInput = { waiver: { feesFen: 10_000 }, instalments: inInstalments(1_320_000) };

async function rows(table: typeof proposals | typeof proposalResponses | typeof agreements, orgId: string) {
  const db = await getDb();
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(table)
    .where(eq(table.orgId, orgId));
  return r?.n ?? 0;
}

async function auditActions(orgId: string, entityId: string) {
  const db = await getDb();
  const list = await db
    .select({ action: auditLog.action, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .where(and(eq(auditLog.orgId, orgId), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.n));
  return list;
}

async function sent(t: Tenant, caseId: string, terms: ProposalTermsInput = GOOD) {
  const p = await t.as.counselorA.case.createProposal({ caseId, terms, channel: "app", validUntil: addDays(today, 14) });
  await t.as.counselorA.case.sendProposal({ caseId, proposalId: p.id });
  return p.id;
}

async function agreed(t: Tenant) {
  const { caseId } = await openCase(t);
  const proposalId = await sent(t, caseId);
  const r = await t.as.counselorA.case.recordResponse({ caseId, proposalId, kind: "accepted", receivedOn: today });
  return { caseId, proposalId, agreementId: r.agreementId! };
}

describe("terms checked against the debt", () => {
  it("createProposal: a waived fee charged again is a field error on the amount, with the figures, and nothing is saved", async () => {
    const t = await createTenant();
    const { caseId } = await openCase(t);
    const p = t.as.counselorA.case.createProposal({ caseId, terms: FEES_AGAIN, channel: "app", validUntil: addDays(today, 14) });
    expect(await fieldsOf(p)).toEqual({ "terms.instalments.amountFen": ["repayChargesWaived"] });
    const error = await t.as.counselorA.case
      .createProposal({ caseId, terms: FEES_AGAIN, channel: "app", validUntil: addDays(today, 14) })
      .catch((e: { cause?: { issues?: unknown[] } }) => e.cause?.issues);
    expect(error).toEqual([
      {
        path: "terms.instalments.amountFen",
        code: "repayChargesWaived",
        params: { kind: "instalments", amountFen: 1_320_000, remainingFen: 1_310_000, excessFen: 10_000, parts: ["fees"] },
      },
    ]);
    expect(await rows(proposals, t.orgId)).toBe(0);
  });

  it("createProposal: a waiver beyond its part and a lump sum beyond the balance are refused by field", async () => {
    const t = await createTenant();
    const { caseId } = await openCase(t);
    const base = { caseId, channel: "app" as const, validUntil: addDays(today, 14) };
    expect(await fieldsOf(t.as.counselorA.case.createProposal({ ...base, terms: { waiver: { penaltyFen: 30_001 } } }))).toEqual({
      "terms.waiver.penaltyFen": ["waiverOverPart"],
    });
    expect(
      await fieldsOf(
        t.as.counselorA.case.createProposal({ ...base, terms: { lumpSum: { amountFen: 1_400_000, dueDate: addDays(today, 30) } } }),
      ),
    ).toEqual({
      "terms.lumpSum.amountFen": ["repayOverBalance"],
    });
    expect(await rows(proposals, t.orgId)).toBe(0);
  });

  it("createProposal: softer problems are saved, returned as warnings and kept in the audit row", async () => {
    const t = await createTenant();
    const { caseId } = await openCase(t);
    const p = await t.as.counselorA.case.createProposal({
      caseId,
      terms: { waiver: { penaltyFen: 30_000 }, instalments: inInstalments(1_000_000) },
      channel: "app",
      validUntil: addDays(today, 14),
    });
    expect(p.warnings.map((w) => [w.field, w.code])).toEqual([["instalments.amountFen", "repayLessThanRemaining"]]);
    const [created] = await auditActions(t.orgId, p.id);
    expect(created).toMatchObject({ action: "proposal.create", after: { warnings: ["repayLessThanRemaining"] } });
  });

  it("recordResponse: an inconsistent counter-offer is refused; no response is saved and the proposal stays sent", async () => {
    const t = await createTenant();
    const { caseId } = await openCase(t);
    const proposalId = await sent(t, caseId);
    const counter = { caseId, proposalId, kind: "counter-offer" as const, receivedOn: today, terms: FEES_AGAIN };
    expect(await fieldsOf(t.as.counselorA.case.recordResponse(counter))).toEqual({ "terms.instalments.amountFen": ["repayChargesWaived"] });
    expect(await rows(proposalResponses, t.orgId)).toBe(0);
    const [p] = await t.as.counselorA.case.proposals({ caseId });
    expect(p?.status).toBe("sent");
    expect((await t.as.counselorA.case.get({ caseId })).status).toBe("proposed");
  });

  it("acceptCounterOffer: checked again against the debt as it stands now; nothing is agreed when it no longer adds up", async () => {
    const t = await createTenant();
    const { caseId, debtId } = await openCase(t);
    const proposalId = await sent(t, caseId);
    const r = await t.as.counselorA.case.recordResponse({ caseId, proposalId, kind: "counter-offer", receivedOn: today, terms: GOOD });
    // The lender's statement shows no fees after all: the counselor corrects the debt.
    const db = await getDb();
    await db
      .update(debts)
      .set({ feesFen: 0 })
      .where(and(eq(debts.orgId, t.orgId), eq(debts.id, debtId)));
    expect(await fieldsOf(t.as.counselorA.case.acceptCounterOffer({ caseId, responseId: r.id }))).toEqual({
      "terms.waiver.feesFen": ["waiverOverPart"],
    });
    expect(await rows(agreements, t.orgId)).toBe(0);
    expect((await t.as.counselorA.case.get({ caseId })).status).toBe("negotiating");
  });

  it("case.negotiation gives the page the same basis the services check against", async () => {
    const t = await createTenant();
    const { caseId } = await openCase(t);
    const n = await t.as.counselorA.case.negotiation({ caseId });
    expect(n).toMatchObject({
      mode: "negotiate",
      today,
      basis: { interestFen: 80_000, penaltyFen: 30_000, feesFen: 10_000, balanceFen: 1_320_000 },
      agreement: null,
    });
  });
});

describe("an agreed case: a change agreed with the lender", () => {
  it("replaces the agreement from a date: paid instalments carried, payments kept and counted, audit rows written", async () => {
    const t = await createTenant();
    const { caseId, agreementId } = await agreed(t);
    // Two instalments paid (24 × 533.33/533.34): ¥1,066.68.
    const paid = (await t.as.counselorA.payment.schedule({ caseId }))!.rows.slice(0, 2).reduce((s, r) => s + r.amountFen, 0);
    await t.as.counselorA.payment.record({ caseId, amountFen: paid, paidOn: today, method: "bank-transfer", idempotencyKey: randomUUID() });
    const before = await t.as.counselorA.case.negotiation({ caseId });
    expect(before.mode).toBe("agreed");
    expect(before.basis).toEqual({ interestFen: 80_000, penaltyFen: 0, feesFen: 0, balanceFen: 1_280_000 - paid });
    expect(before.breachTargets).toEqual(["negotiating", "escalated"]);

    const remaining = 1_280_000 - paid;
    const change = await t.as.counselorA.case.changeAgreement({
      caseId,
      agreementId,
      version: before.agreement!.version,
      effectiveFrom: today,
      terms: { instalments: inInstalments(remaining, 36) },
      note: "平台同意延长到 36 期",
    });
    expect(change).toMatchObject({ instalments: 38, caseStatus: "repaying", warnings: [] });

    const db = await getDb();
    const [old] = await db
      .select()
      .from(agreements)
      .where(and(eq(agreements.orgId, t.orgId), eq(agreements.id, agreementId)));
    expect(old).toMatchObject({
      status: "replaced",
      endedOn: today,
      endReason: "平台同意延长到 36 期",
      version: before.agreement!.version + 1,
    });
    const schedule = (await t.as.counselorA.payment.schedule({ caseId }))!;
    expect(schedule.agreement.id).toBe(change.agreementId);
    expect(schedule.rows).toHaveLength(38);
    expect(schedule.rows.slice(0, 2).every((r) => r.status === "paid")).toBe(true);
    // Paid ahead of their days, the carried instalments count from the change date; the new ones come after.
    expect(schedule.rows.slice(0, 2).map((r) => r.dueDate)).toEqual([today, today]);
    expect(schedule.rows[2]!.dueDate > today).toBe(true);
    // The payment moved with the schedule: counted once, nothing lost, and what remains is what it was.
    expect(schedule.totalPaidFen).toBe(paid);
    expect(schedule.totalDueFen).toBe(1_280_000);
    expect(schedule.outstandingFen).toBe(remaining);
    const moved = await db.select({ agreementId: payments.agreementId }).from(payments).where(eq(payments.orgId, t.orgId));
    expect(moved).toEqual([{ agreementId: change.agreementId }]);
    const [newRow] = await db
      .select()
      .from(agreements)
      .where(and(eq(agreements.orgId, t.orgId), eq(agreements.id, change.agreementId)));
    expect(newRow).toMatchObject({ status: "active", replacesAgreementId: agreementId, responseId: null, agreedOn: today });

    expect((await auditActions(t.orgId, agreementId)).map((a) => a.action)).toEqual(["agreement.create", "agreement.replace"]);
    const [changed] = await auditActions(t.orgId, change.agreementId);
    expect(changed).toMatchObject({
      action: "agreement.change",
      after: { replacesAgreementId: agreementId, carriedInstalments: 2, carriedPaidFen: paid, remainingBeforeFen: remaining },
    });

    // The old agreement cannot be changed again, and a stale screen gets a conflict.
    const again = {
      caseId,
      agreementId,
      version: old!.version,
      effectiveFrom: today,
      terms: { instalments: inInstalments(remaining, 12) },
    };
    expect(await fieldsOf(t.as.counselorA.case.changeAgreement(again))).toEqual({ agreementId: ["agreementNotActive"] });
    expect(await codeOf(t.as.counselorA.case.changeAgreement({ ...again, agreementId: change.agreementId, version: 7 }))).toBe("CONFLICT");
    expect(await rows(agreements, t.orgId)).toBe(2);
  });

  it("checks the new terms against what remains: more than remains is refused, a part already waived cannot be waived again", async () => {
    const t = await createTenant();
    const { caseId, agreementId } = await agreed(t);
    const base = { caseId, agreementId, version: 1, effectiveFrom: today };
    expect(await fieldsOf(t.as.counselorA.case.changeAgreement({ ...base, terms: { instalments: inInstalments(1_300_000) } }))).toEqual({
      "terms.instalments.amountFen": ["repayOverBalance"],
    });
    expect(
      await fieldsOf(
        t.as.counselorA.case.changeAgreement({ ...base, terms: { waiver: { feesFen: 5_000 }, instalments: inInstalments(1_275_000) } }),
      ),
    ).toEqual({
      "terms.waiver.feesFen": ["waiverOverPart"],
    });
    expect(
      await fieldsOf(
        t.as.counselorA.case.changeAgreement({ ...base, terms: { instalments: { ...inInstalments(1_280_000)!, firstDueDate: today } } }),
      ),
    ).toEqual({ "terms.instalments.firstDueDate": ["beforeChangeDate"] });
    expect(
      await fieldsOf(
        t.as.counselorA.case.changeAgreement({
          ...base,
          effectiveFrom: addDays(today, -400),
          terms: { instalments: inInstalments(1_280_000) },
        }),
      ),
    ).toEqual({
      effectiveFrom: ["beforeAgreement"],
    });
    // A change says how the rest is repaid: a waiver alone would leave the new agreement nothing to pay.
    // (As the page receives it: the field and the schema's reason.)
    const waiverOnly = await t.as.counselorA.case
      .changeAgreement({ ...base, terms: { waiver: { interestFen: 10_000 } } })
      .catch((e: unknown) => e);
    expect(waiverOnly).toBeInstanceOf(TRPCError);
    expect(errorData(waiverOnly as TRPCError, "-").fields).toEqual({ "terms.instalments.amountFen": ["changeNeedsRepayment"] });
    const future = { ...base, effectiveFrom: addDays(today, 1), terms: { instalments: inInstalments(1_280_000) } };
    expect(Object.keys(await fieldsOf(t.as.counselorA.case.changeAgreement(future)))).toEqual(["effectiveFrom"]);
    expect(await rows(agreements, t.orgId)).toBe(1);
  });
});

describe("an agreed case: a breach, then a new negotiation", () => {
  it("marks the agreement broken with the reason, moves the case, and lets a new proposal make a new agreement", async () => {
    const t = await createTenant();
    const { caseId, agreementId, proposalId } = await agreed(t);
    // Leaving the agreement by a plain transition is refused: a breach is recorded as one.
    const c = await t.as.counselorA.case.get({ caseId });
    expect(await fieldsOf(t.as.counselorA.case.transition({ caseId, to: "negotiating", version: c.version }))).toEqual({
      to: ["agreementInForce"],
    });
    // Not allowed from "agreed": escalated (the state machine says so).
    expect(
      await fieldsOf(
        t.as.counselorA.case.recordBreach({ caseId, agreementId, version: 1, brokenOn: today, reason: "未还", to: "escalated" }),
      ),
    ).toEqual({
      to: ["transition_not_allowed"],
    });
    expect(
      await codeOf(
        t.as.counselorA.case.recordBreach({ caseId, agreementId, version: 2, brokenOn: today, reason: "未还", to: "negotiating" }),
      ),
    ).toBe("CONFLICT");

    const breach = await t.as.counselorA.case.recordBreach({
      caseId,
      agreementId,
      version: 1,
      brokenOn: today,
      reason: "连续两期未还",
      to: "negotiating",
    });
    expect(breach).toMatchObject({ caseStatus: "negotiating", version: 2 });
    const db = await getDb();
    const [row] = await db
      .select()
      .from(agreements)
      .where(and(eq(agreements.orgId, t.orgId), eq(agreements.id, agreementId)));
    expect(row).toMatchObject({ status: "broken", endedOn: today, endReason: "连续两期未还" });
    const events = await db
      .select({ to: caseEvents.toStatus, reason: caseEvents.reason })
      .from(caseEvents)
      .where(and(eq(caseEvents.orgId, t.orgId), eq(caseEvents.caseId, caseId)));
    expect(events.at(-1)).toEqual({ to: "negotiating", reason: "连续两期未还" });
    expect((await auditActions(t.orgId, agreementId)).map((a) => a.action)).toEqual(["agreement.create", "agreement.breach"]);
    expect(
      await codeOf(
        t.as.counselorA.case.recordBreach({ caseId, agreementId, version: 2, brokenOn: today, reason: "又一次", to: "negotiating" }),
      ),
    ).toBe("BAD_REQUEST");

    const n = await t.as.counselorA.case.negotiation({ caseId });
    expect(n).toMatchObject({ mode: "renegotiate", agreement: { status: "broken", endReason: "连续两期未还" }, breachTargets: [] });
    // The old proposal is done with: no more answers to it, its agreement is not made twice.
    expect(await fieldsOf(t.as.counselorA.case.recordResponse({ caseId, proposalId, kind: "accepted", receivedOn: today }))).toEqual({
      proposalId: ["proposalAgreed"],
    });

    const second = await sent(t, caseId, { waiver: { penaltyFen: 30_000 }, instalments: inInstalments(1_290_000, 36) });
    const r = await t.as.counselorA.case.recordResponse({ caseId, proposalId: second, kind: "accepted", receivedOn: today });
    expect(r.caseStatus).toBe("agreed");
    expect((await t.as.counselorA.case.negotiation({ caseId })).mode).toBe("agreed");
    expect(await rows(agreements, t.orgId)).toBe(2);
  });

  it("a counter-offer that became an agreement is not accepted again after a breach", async () => {
    const t = await createTenant();
    const { caseId } = await openCase(t);
    const proposalId = await sent(t, caseId);
    const r = await t.as.counselorA.case.recordResponse({ caseId, proposalId, kind: "counter-offer", receivedOn: today, terms: GOOD });
    const a = await t.as.counselorA.case.acceptCounterOffer({ caseId, responseId: r.id });
    await t.as.counselorA.case.recordBreach({
      caseId,
      agreementId: a.agreementId,
      version: 1,
      brokenOn: today,
      reason: "未履行",
      to: "negotiating",
    });
    expect(await fieldsOf(t.as.counselorA.case.acceptCounterOffer({ caseId, responseId: r.id }))).toEqual({
      responseId: ["counterOfferUsed"],
    });
  });

  it("a completed agreement offers nothing to propose", async () => {
    const t = await createTenant();
    const { caseId } = await openCase(t);
    const proposalId = await sent(t, caseId, {
      waiver: { penaltyFen: 30_000, feesFen: 10_000, interestFen: 80_000 },
      lumpSum: { amountFen: 1_200_000, dueDate: addDays(today, 10) },
    });
    await t.as.counselorA.case.recordResponse({ caseId, proposalId, kind: "accepted", receivedOn: today });
    await t.as.counselorA.payment.record({
      caseId,
      amountFen: 1_200_000,
      paidOn: today,
      method: "bank-transfer",
      idempotencyKey: randomUUID(),
    });
    expect(await t.as.counselorA.case.negotiation({ caseId })).toMatchObject({
      mode: "completed",
      caseStatus: "completed",
      breachTargets: [],
    });
    expect(
      await fieldsOf(t.as.counselorA.case.createProposal({ caseId, terms: GOOD, channel: "app", validUntil: addDays(today, 14) })),
    ).toEqual({
      state: ["caseNotNegotiable"],
    });
  });
});

describe("evidence documents: the client's own, checked the same way everywhere", () => {
  it("refuses another organization's and another client's document in every procedure that takes evidence", async () => {
    const t = await createTenant();
    const other = await createTenant("Other agency");
    const foreign = await documentOf(other.orgId, other.clientA.id);
    const otherClient = await documentOf(t.orgId, t.clientB.id);
    const own = await documentOf(t.orgId, t.clientA.id);
    const { caseId } = await openCase(t);
    const correction = (id: string): ProposalTermsInput => ({
      creditCorrection: { request: "逾期记录与实际不符", evidenceDocumentIds: [id] },
    });
    const propose = (id: string) =>
      t.as.counselorA.case.createProposal({ caseId, terms: correction(id), channel: "letter", validUntil: addDays(today, 14) });
    for (const id of [foreign, otherClient, randomUUID()]) {
      expect(await fieldsOf(propose(id))).toEqual({ "terms.creditCorrection.evidenceDocumentIds": ["documentNotFound"] });
    }
    expect(await rows(proposals, t.orgId)).toBe(0);
    const proposalId = (await propose(own)).id;
    await t.as.counselorA.case.sendProposal({ caseId, proposalId });

    // A counter-offer's correction, and the evidence of an acceptance.
    for (const id of [foreign, otherClient]) {
      expect(
        await fieldsOf(
          t.as.counselorA.case.recordResponse({ caseId, proposalId, kind: "counter-offer", receivedOn: today, terms: correction(id) }),
        ),
      ).toEqual({
        "terms.creditCorrection.evidenceDocumentIds": ["documentNotFound"],
      });
      expect(
        await fieldsOf(
          t.as.counselorA.case.recordResponse({ caseId, proposalId, kind: "accepted", receivedOn: today, evidenceDocumentIds: [id] }),
        ),
      ).toEqual({
        evidenceDocumentIds: ["documentNotFound"],
      });
    }
    expect(await rows(proposalResponses, t.orgId)).toBe(0);
    expect(await rows(agreements, t.orgId)).toBe(0);

    const r = await t.as.counselorA.case.recordResponse({
      caseId,
      proposalId,
      kind: "counter-offer",
      receivedOn: today,
      terms: { ...GOOD, ...correction(own) },
    });
    for (const id of [foreign, otherClient]) {
      expect(await fieldsOf(t.as.counselorA.case.acceptCounterOffer({ caseId, responseId: r.id, evidenceDocumentIds: [id] }))).toEqual({
        evidenceDocumentIds: ["documentNotFound"],
      });
    }
    expect(await rows(agreements, t.orgId)).toBe(0);
    const a = await t.as.counselorA.case.acceptCounterOffer({ caseId, responseId: r.id, evidenceDocumentIds: [own, own] });
    const db = await getDb();
    const [made] = await db
      .select({ evidence: agreements.evidenceDocumentIds })
      .from(agreements)
      .where(and(eq(agreements.orgId, t.orgId), eq(agreements.id, a.agreementId)));
    expect(made?.evidence).toEqual([own]);

    // A change's evidence, a contact's attachments and a payment's receipt: the same check.
    const change = {
      caseId,
      agreementId: a.agreementId,
      version: 1,
      effectiveFrom: today,
      terms: { instalments: inInstalments(1_280_000, 36) },
    };
    expect(await fieldsOf(t.as.counselorA.case.changeAgreement({ ...change, evidenceDocumentIds: [otherClient] }))).toEqual({
      evidenceDocumentIds: ["documentNotFound"],
    });
    expect(
      await fieldsOf(
        t.as.counselorA.contact.append({
          caseId,
          at: new Date(),
          channel: "phone",
          direction: "outbound",
          party: "lender-staff",
          summary: "通话",
          attachmentDocumentIds: [foreign],
        }),
      ),
    ).toEqual({ attachmentDocumentIds: ["documentNotFound"] });
    expect(
      await fieldsOf(
        t.as.counselorA.payment.record({
          caseId,
          amountFen: 100,
          paidOn: today,
          method: "alipay",
          receiptDocumentId: otherClient,
          idempotencyKey: randomUUID(),
        }),
      ),
    ).toEqual({ receiptDocumentId: ["documentNotFound"] });
    const db2 = await getDb();
    expect(
      await db2
        .select({ n: sql<number>`count(*)::int` })
        .from(instalments)
        .where(eq(instalments.orgId, t.orgId)),
    ).toEqual([{ n: 24 }]);
  });
});
