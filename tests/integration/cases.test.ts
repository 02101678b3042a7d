import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { PDFDict, PDFDocument, PDFName } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, withTenant } from "@/db/client";
import {
  budgets,
  caseEvents,
  cases,
  contactEntries,
  debts,
  documents,
  lenders,
  organizations,
  payments,
  proposalResponses,
  proposals,
  referrals,
  tasks,
} from "@/db/schema";
import { addWorkingDays } from "@/server/domain/calendar";
import { addMonths } from "@/server/domain/schedule";
import { addDays, todayInShanghai } from "@/server/domain/time";
import type { ProposalTermsInput } from "@/server/schemas/cases";
import { loadCalendar } from "@/server/services/calendar";
import { handleDownload, handleUpload } from "@/server/http/documents";
import { agreementIcs, letterContent, renderLetterPdf } from "@/server/services/letters";
import { LocalFolderStorage, setFileStorage } from "@/server/storage";
import { codeOf, fieldsOf } from "../support/errors";
import { createTenant, type Tenant } from "../support/factories";

const today = todayInShanghai();

const uploadDir = mkdtempSync(path.join(tmpdir(), "xs-uploads-"));
beforeAll(() => setFileStorage(new LocalFolderStorage(uploadDir)));
afterAll(() => rmSync(uploadDir, { recursive: true, force: true }));

/** A lender and a debt for a client, written directly (the debt API belongs to the assessment area). */
async function createDebt(orgId: string, clientId: string) {
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
    outstandingPrincipalFen: 1_200_000,
    interestFen: 80_000,
    penaltyFen: 30_000,
    feesFen: 10_000,
    rateValue: "18",
    rateUnit: "annual",
    annualRatePct: "18",
    overdueSince: "2026-05-10",
  });
  return id;
}

async function openCaseFor(t: Tenant, who: "A" | "B" = "A") {
  const debtId = await createDebt(t.orgId, who === "A" ? t.clientA.id : t.clientB.id);
  const caller = who === "A" ? t.as.counselorA : t.as.counselorB;
  const c = await caller.case.open({ debtId });
  return { caseId: c.id, debtId };
}

const proposalTerms: ProposalTermsInput = {
  waiver: { penaltyFen: 30_000, feesFen: 10_000 },
  instalments: { amountFen: 1_280_000, method: "interest-free", months: 24, annualRatePct: "0", firstDueDate: addMonths(today, 1) },
};

/** Counter-offer: 6 interest-free instalments of 2,000.00 starting three months ago, so some are already late. */
const firstDue = addMonths(today, -3);
const counterTerms: ProposalTermsInput = {
  waiver: { penaltyFen: 30_000 },
  instalments: { amountFen: 1_200_000, method: "interest-free", months: 6, annualRatePct: "0", firstDueDate: firstDue },
};

async function sentProposal(t: Tenant, caseId: string) {
  const p = await t.as.counselorA.case.createProposal({ caseId, terms: proposalTerms, channel: "app", validUntil: addDays(today, 14) });
  await t.as.counselorA.case.sendProposal({ caseId, proposalId: p.id });
  return p.id;
}

type Counted =
  | typeof proposalResponses
  | typeof payments
  | typeof caseEvents
  | typeof proposals
  | typeof contactEntries
  | typeof referrals
  | typeof tasks
  | typeof documents;
async function count(table: Counted, orgId: string) {
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(table)
    .where(eq(table.orgId, orgId));
  return row?.n ?? 0;
}

describe("propose → counter-offer → accept → schedule → payments", () => {
  it("runs the whole negotiation and keeps the schedule honest", async () => {
    const t = await createTenant();
    const { caseId } = await openCaseFor(t);
    expect((await t.as.counselorA.case.get({ caseId })).status).toBe("intake");

    // Propose: draft, then sent; the case walks intake → preparing → proposed, and a follow-up is due
    // 5 working days later.
    const p = await t.as.counselorA.case.createProposal({ caseId, terms: proposalTerms, channel: "app", validUntil: addDays(today, 14) });
    expect(p.status).toBe("draft");
    const sent = await t.as.counselorA.case.sendProposal({ caseId, proposalId: p.id });
    const followUp = addWorkingDays(await loadCalendar(await getDb()), today, 5);
    expect(sent).toMatchObject({ status: "sent", taskDueOn: followUp.date, taskDueEstimated: followUp.estimated });
    const overview = await t.as.counselorA.case.get({ caseId });
    expect(overview.status).toBe("proposed");
    expect(overview.events.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, "intake"],
      ["intake", "preparing"],
      ["preparing", "proposed"],
    ]);
    const tasks = await t.as.counselorA.case.tasks({ caseId });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ kind: "proposal-no-answer", dueOn: followUp.date });

    // The lender counters; the follow-up is closed and the case is negotiating.
    const counter = await t.as.counselorA.case.recordResponse({
      caseId,
      proposalId: p.id,
      kind: "counter-offer",
      receivedOn: today,
      terms: counterTerms,
      note: "只能减免罚息",
    });
    expect(counter.caseStatus).toBe("negotiating");
    expect(await t.as.counselorA.case.tasks({ caseId })).toHaveLength(0);
    const listed = await t.as.counselorA.case.proposals({ caseId });
    expect(listed[0]).toMatchObject({ status: "answered" });
    expect(listed[0]!.responses[0]).toMatchObject({ kind: "counter-offer", terms: counterTerms });

    // Accepting the counter-offer makes the agreement and its schedule (buildSchedule: 6 × 2,000.00).
    const accepted = await t.as.counselorA.case.acceptCounterOffer({
      caseId,
      responseId: counter.id,
      art70: {
        balanceFen: 1_320_000,
        balanceStructure: "本金 12,000.00，利息 800.00，罚息 300.00，费用 100.00",
        scheduleSummary: "6 期，每期 2,000.00",
        annualFeeCharged: false,
        interestCharged: false,
        otherFeesCharged: false,
        noNewCardsUntilSettled: true,
        breachTerms: "连续两期未还恢复原合同",
      },
    });
    expect(accepted).toMatchObject({ caseStatus: "agreed", instalments: 6 });
    // A second acceptance of the same counter-offer is refused.
    expect(await codeOf(t.as.counselorA.case.acceptCounterOffer({ caseId, responseId: counter.id }))).toBe("BAD_REQUEST");

    let schedule = (await t.as.counselorA.payment.schedule({ caseId }))!;
    expect(schedule.agreement.art70?.noNewCardsUntilSettled).toBe(true);
    expect(schedule.rows.map((r) => r.amountFen)).toEqual(Array(6).fill(200_000));
    expect(schedule.rows.map((r) => r.dueDate)).toEqual([0, 1, 2, 3, 4, 5].map((i) => addMonths(firstDue, i)));
    // Three months in and nothing paid: the rows due before today are missed.
    const lateRows = schedule.rows.filter((r) => r.dueDate < today).length;
    expect(lateRows).toBeGreaterThanOrEqual(3);
    expect(schedule.rows.slice(0, lateRows).every((r) => r.status === "missed")).toBe(true);
    expect(schedule.missedCount).toBe(lateRows);

    // A payment submitted twice (same idempotency key) is recorded once.
    const key = randomUUID();
    const pay = { caseId, amountFen: 200_000, paidOn: addDays(today, -1), method: "lender-app" as const, idempotencyKey: key };
    const first = await t.as.counselorA.payment.record(pay);
    const second = await t.as.counselorA.payment.record(pay);
    expect(first.duplicate).toBe(false);
    expect(second).toMatchObject({ id: first.id, duplicate: true });
    expect(await count(payments, t.orgId)).toBe(1);
    expect(first.caseStatus).toBe("repaying");
    // The same key for a different amount is a conflict, not a second payment.
    expect(await codeOf(t.as.counselorA.payment.record({ ...pay, amountFen: 1 }))).toBe("CONFLICT");

    // A part payment: 500.00 into the second row.
    await t.as.counselorA.payment.record({ ...pay, amountFen: 50_000, idempotencyKey: randomUUID() });
    schedule = (await t.as.counselorA.payment.schedule({ caseId }))!;
    expect(schedule.rows[0]).toMatchObject({ status: "paid", paidFen: 200_000 });
    expect(schedule.rows[1]).toMatchObject({ status: "partial", paidFen: 50_000, overdue: true });
    expect(schedule.rows[2]).toMatchObject({ status: "missed", paidFen: 0 });
    expect(schedule.totalPaidFen).toBe(250_000);

    // The client reports a payment: it waits for the counselor, then counts.
    const reported = await t.as.clientA.payment.record({ ...pay, amountFen: 150_000, idempotencyKey: randomUUID() });
    expect(reported.status).toBe("reported");
    schedule = (await t.as.clientA.payment.schedule({ caseId }))!;
    expect(schedule.totalPaidFen).toBe(250_000);
    expect(schedule.pendingFen).toBe(150_000);
    expect(await codeOf(t.as.clientA.payment.confirm({ caseId, paymentId: reported.id }))).toBe("FORBIDDEN");
    await t.as.counselorA.payment.confirm({ caseId, paymentId: reported.id });
    schedule = (await t.as.counselorA.payment.schedule({ caseId }))!;
    expect(schedule.rows[1]).toMatchObject({ status: "paid" });
    expect(schedule.totalPaidFen).toBe(400_000);

    // Pay off the rest plus 10.00 too much: complete, the overpayment shown, the case completed.
    const done = await t.as.counselorA.payment.record({ ...pay, amountFen: 800_000 + 1_000, idempotencyKey: randomUUID() });
    expect(done.caseStatus).toBe("completed");
    schedule = (await t.as.counselorA.payment.schedule({ caseId }))!;
    expect(schedule).toMatchObject({ complete: true, overpaidFen: 1_000, outstandingFen: 0 });
    expect(schedule.agreement.status).toBe("completed");
  });

  it("an accepted proposal makes the agreement from its own terms", async () => {
    const t = await createTenant();
    const { caseId } = await openCaseFor(t);
    const proposalId = await sentProposal(t, caseId);
    const r = await t.as.counselorA.case.recordResponse({ caseId, proposalId, kind: "accepted", receivedOn: today });
    expect(r.caseStatus).toBe("agreed");
    const schedule = (await t.as.counselorA.payment.schedule({ caseId }))!;
    expect(schedule.rows).toHaveLength(24);
    expect(schedule.totalDueFen).toBe(1_280_000);
    // The same payment submitted twice at once (a double click) is recorded once.
    const twice = { caseId, amountFen: 53_334, paidOn: today, method: "alipay" as const, idempotencyKey: randomUUID() };
    const [a, b] = await Promise.all([t.as.counselorA.payment.record(twice), t.as.counselorA.payment.record(twice)]);
    expect(a.id).toBe(b.id);
    expect(await count(payments, t.orgId)).toBe(1);
    // A second "accepted" while an agreement is active is a conflict.
    expect(await codeOf(t.as.counselorA.case.recordResponse({ caseId, proposalId, kind: "accepted", receivedOn: today }))).toBe("CONFLICT");
  });

  it("an organization that requires approval holds the proposal until an admin approves", async () => {
    const t = await createTenant();
    const db = await getDb();
    await db.update(organizations).set({ requireProposalApproval: true }).where(eq(organizations.id, t.orgId));
    const { caseId } = await openCaseFor(t);
    const p = await t.as.counselorA.case.createProposal({
      caseId,
      terms: proposalTerms,
      channel: "letter",
      validUntil: addDays(today, 10),
    });
    expect(await t.as.counselorA.case.sendProposal({ caseId, proposalId: p.id })).toMatchObject({ status: "awaiting-approval" });
    expect((await t.as.counselorA.case.get({ caseId })).status).toBe("intake");
    expect(await codeOf(t.as.counselorA.case.approveProposal({ caseId, proposalId: p.id }))).toBe("FORBIDDEN");
    await t.as.admin.case.approveProposal({ caseId, proposalId: p.id });
    expect(await t.as.counselorA.case.sendProposal({ caseId, proposalId: p.id })).toMatchObject({ status: "sent" });
    expect((await t.as.counselorA.case.proposals({ caseId }))[0]).toMatchObject({ status: "sent", approvedBy: t.admin.id });
  });
});

describe("contact log", () => {
  it("chains entries, flags collection conduct, corrects by appending, and detects a tampered row", async () => {
    const t = await createTenant();
    const { caseId } = await openCaseFor(t);
    const c = t.as.counselorA.contact;
    const e1 = await c.append({
      caseId,
      at: new Date("2026-03-02T02:00:00Z"),
      channel: "phone",
      direction: "outbound",
      party: "lender-staff",
      connected: true,
      summary: "致电客服说明困难，申请分期",
    });
    // 23:30 Beijing time: a collector's call at night is flagged, citing each rule in force that day for a
    // consumer-finance company: GB/T 45251-2025 and the banking association's 2026 guideline.
    const e2 = await c.append({
      caseId,
      at: new Date("2026-03-02T15:30:00Z"),
      channel: "phone",
      direction: "inbound",
      party: "collector",
      connected: true,
      summary: "催收员夜间来电",
    });
    expect(e2.conductFlags).toEqual([
      { flag: "night-contact", ruleId: "conduct.gbt-45251", version: 1 },
      { flag: "night-contact", ruleId: "conduct.cba-consumer-collection", version: 1 },
    ]);
    const e3 = await c.append({
      caseId,
      at: new Date("2026-03-03T03:00:00Z"),
      channel: "sms",
      direction: "inbound",
      party: "collector",
      thirdPartyContacted: true,
      summary: "催收联系了客户的同事",
    });
    expect(e3.conductFlags).toEqual([{ flag: "third-party-contact", ruleId: "conduct.gbt-45251", version: 1 }]);
    const fix = await c.append({
      caseId,
      at: new Date("2026-03-03T04:00:00Z"),
      channel: "other",
      direction: "outbound",
      party: "other",
      summary: "更正：第1条的时间应为10:05",
      correctsEntryId: e1.id,
    });
    expect(fix.seq).toBe(4);

    const list = await c.list({ caseId });
    expect(list.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(list[0]!.correctedBy).toEqual([fix.id]);
    expect(await c.verify({ caseId })).toMatchObject({ ok: true, count: 4 });

    // A correction must refer to an entry of this case.
    expect(
      Object.keys(
        await fieldsOf(
          c.append({
            caseId,
            at: new Date(),
            channel: "phone",
            direction: "outbound",
            party: "other",
            summary: "x",
            correctsEntryId: randomUUID(),
          }),
        ),
      ),
    ).toEqual(["correctsEntryId"]);

    // The app's role may not edit the log at all (REVOKE UPDATE); the owner can, and verify sees it.
    await expect(
      withTenant({ orgId: t.orgId, userId: t.counselorA.id }, (tx) =>
        tx
          .update(contactEntries)
          .set({ summary: "改写" })
          .where(and(eq(contactEntries.orgId, t.orgId), eq(contactEntries.id, e2.id))),
      ),
    ).rejects.toThrow();
    expect(await c.verify({ caseId })).toMatchObject({ ok: true });
    const db = await getDb();
    await db
      .update(contactEntries)
      .set({ summary: "催收员白天来电" })
      .where(and(eq(contactEntries.orgId, t.orgId), eq(contactEntries.id, e2.id)));
    expect(await c.verify({ caseId })).toMatchObject({ ok: false, brokenAt: e2.id, brokenSeq: 2, reason: "hash-mismatch" });
  });

  it("the next contact window follows the Chinese working calendar and the lender's hours", async () => {
    const t = await createTenant();
    const { caseId } = await openCaseFor(t);
    // Friday 2026-02-13 18:00 Beijing → the make-up working Saturday 2026-02-14 at 09:00.
    const w = await t.as.counselorA.case.nextContactWindow({ caseId, from: new Date("2026-02-13T10:00:00Z") });
    expect(w.start.toISOString()).toBe("2026-02-14T01:00:00.000Z");
    expect(w.source).toBe("organization");
    const { version } = await t.as.counselorA.case.get({ caseId });
    await t.as.counselorA.case.setContactHours({ caseId, contactHours: [{ start: "10:00", end: "16:00" }], version });
    // During the Spring Festival holiday (15–23 Feb) nothing; next is Tuesday 24 Feb at 10:00.
    const w2 = await t.as.counselorA.case.nextContactWindow({ caseId, from: new Date("2026-02-15T02:00:00Z") });
    expect(w2.start.toISOString()).toBe("2026-02-24T02:00:00.000Z");
    expect(w2.source).toBe("lender");
  });
});

describe("bad inputs get clear errors and change nothing", () => {
  it("unknown case, forbidden transition, another case's proposal, another organization's case", async () => {
    const t = await createTenant();
    const other = await createTenant("Other agency");
    const { caseId } = await openCaseFor(t);
    const { caseId: caseB } = await openCaseFor(t, "B");
    const { caseId: foreignCase } = await openCaseFor(other);
    const proposalOfB = await t.as.counselorB.case.createProposal({
      caseId: caseB,
      terms: proposalTerms,
      channel: "app",
      validUntil: addDays(today, 14),
    });
    await t.as.counselorB.case.sendProposal({ caseId: caseB, proposalId: proposalOfB.id });
    const before = {
      events: await count(caseEvents, t.orgId),
      responses: await count(proposalResponses, t.orgId),
      proposals: await count(proposals, t.orgId),
    };

    // Unknown case.
    expect(await codeOf(t.as.counselorA.case.get({ caseId: randomUUID() }))).toBe("NOT_FOUND");
    expect(await codeOf(t.as.admin.case.transition({ caseId: randomUUID(), to: "preparing", version: 1 }))).toBe("NOT_FOUND");

    // A transition the state machine does not allow: intake → agreed.
    expect(await fieldsOf(t.as.counselorA.case.transition({ caseId, to: "agreed", version: 1 }))).toEqual({
      state: ["transition_not_allowed"],
    });
    // A stale version is a conflict.
    expect(await codeOf(t.as.counselorA.case.transition({ caseId, to: "preparing", version: 7 }))).toBe("CONFLICT");
    expect((await t.as.counselorA.case.get({ caseId })).status).toBe("intake");

    // A response naming another case's proposal (even as admin, who can see both cases).
    expect(
      await codeOf(
        t.as.admin.case.recordResponse({ caseId, proposalId: proposalOfB.id, kind: "rejected", reason: "不同意", receivedOn: today }),
      ),
    ).toBe("NOT_FOUND");

    // Another organization's case id: not found for everyone here, whatever the role.
    for (const caller of [t.as.admin, t.as.counselorA]) {
      expect(await codeOf(caller.case.get({ caseId: foreignCase }))).toBe("NOT_FOUND");
      expect(await codeOf(caller.case.transition({ caseId: foreignCase, to: "preparing", version: 1 }))).toBe("NOT_FOUND");
      expect(
        await codeOf(
          caller.case.createProposal({ caseId: foreignCase, terms: proposalTerms, channel: "app", validUntil: addDays(today, 3) }),
        ),
      ).toBe("NOT_FOUND");
      expect(
        await codeOf(
          caller.contact.append({
            caseId: foreignCase,
            at: new Date(),
            channel: "phone",
            direction: "outbound",
            party: "other",
            summary: "x",
          }),
        ),
      ).toBe("NOT_FOUND");
    }
    // Another counselor's client's case.
    expect(await codeOf(t.as.counselorB.case.get({ caseId }))).toBe("NOT_FOUND");

    // Terms that are no proposal at all, fractional fen, too many months.
    expect(await codeOf(t.as.counselorA.case.createProposal({ caseId, terms: {}, channel: "app", validUntil: addDays(today, 3) }))).toBe(
      "BAD_REQUEST",
    );
    expect(
      await codeOf(
        t.as.counselorA.case.createProposal({
          caseId,
          terms: { waiver: { penaltyFen: 1.5 } },
          channel: "app",
          validUntil: addDays(today, 3),
        }),
      ),
    ).toBe("BAD_REQUEST");
    expect(
      await codeOf(
        t.as.counselorA.case.createProposal({
          caseId,
          terms: { ...proposalTerms, instalments: { ...proposalTerms.instalments!, months: 61 } },
          channel: "app",
          validUntil: addDays(today, 3),
        }),
      ),
    ).toBe("BAD_REQUEST");
    expect(
      await fieldsOf(t.as.counselorA.case.createProposal({ caseId, terms: proposalTerms, channel: "app", validUntil: addDays(today, -1) })),
    ).toEqual({ validUntil: ["dateInPast"] });
    // A payment with no agreement.
    expect(
      await fieldsOf(
        t.as.counselorA.payment.record({ caseId, amountFen: 100, paidOn: today, method: "cash", idempotencyKey: randomUUID() }),
      ),
    ).toEqual({ caseId: ["noActiveAgreement"] });

    expect({
      events: await count(caseEvents, t.orgId),
      responses: await count(proposalResponses, t.orgId),
      proposals: await count(proposals, t.orgId),
    }).toEqual(before);
    const db = await getDb();
    const [row] = await db
      .select({ status: cases.status, version: cases.version })
      .from(cases)
      .where(and(eq(cases.orgId, t.orgId), eq(cases.id, caseId)));
    expect(row).toEqual({ status: "intake", version: 1 });
  });

  it("opening a second case for the same debt is a conflict", async () => {
    const t = await createTenant();
    const { debtId } = await openCaseFor(t);
    expect(await codeOf(t.as.counselorA.case.open({ debtId }))).toBe("CONFLICT");
    expect(await codeOf(t.as.counselorB.case.open({ debtId }))).toBe("NOT_FOUND");
  });
});

describe("what a client sees", () => {
  it("their own case timeline and proposals, not the contact log; another client gets NOT_FOUND", async () => {
    const t = await createTenant();
    const { caseId } = await openCaseFor(t);
    await sentProposal(t, caseId);
    await t.as.counselorA.contact.append({
      caseId,
      at: new Date("2026-03-02T02:00:00Z"),
      channel: "phone",
      direction: "outbound",
      party: "lender-staff",
      summary: "内部记录",
    });

    const mine = await t.as.clientA.case.get({ caseId });
    expect(mine.events.map((e) => e.toStatus)).toEqual(["intake", "preparing", "proposed"]);
    expect(await t.as.clientA.case.proposals({ caseId })).toHaveLength(1);
    expect((await t.as.clientA.case.list({})).map((c) => c.id)).toEqual([caseId]);
    expect(await codeOf(t.as.clientA.contact.list({ caseId }))).toBe("FORBIDDEN");
    expect(await codeOf(t.as.clientA.contact.verify({ caseId }))).toBe("FORBIDDEN");
    expect(await codeOf(t.as.clientA.case.transition({ caseId, to: "withdrawn", version: 3 }))).toBe("FORBIDDEN");

    expect(await codeOf(t.as.clientB.case.get({ caseId }))).toBe("NOT_FOUND");
    expect(await codeOf(t.as.clientB.case.proposals({ caseId }))).toBe("NOT_FOUND");
    expect(await codeOf(t.as.clientB.payment.schedule({ caseId }))).toBe("NOT_FOUND");
    expect(await t.as.clientB.case.list({})).toEqual([]);
  });
});

function uploadRequest(fields: Record<string, string>, file: { bytes: Uint8Array; name: string; type?: string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("file", new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: file.type ?? "application/pdf" }));
  return new Request("http://localhost/api/documents", { method: "POST", body: form });
}

describe("documents", () => {
  const pdf = new Uint8Array(Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "latin1"));

  it("uploads by content type, stores the sha256, downloads only for allowed users, and lists what is missing", async () => {
    const t = await createTenant();
    const { caseId } = await openCaseFor(t);
    const actorA = { orgId: t.orgId, userId: t.counselorA.id, role: "counselor" as const, requestId: "t" };
    const res = await handleUpload(uploadRequest({ caseId, kind: "overdue-notice" }, { bytes: pdf, name: "逾期通知.pdf" }), actorA);
    expect(res.status).toBe(201);
    const doc = (await res.json()) as { id: string; sha256: string; mime: string };
    expect(doc.sha256).toBe(createHash("sha256").update(pdf).digest("hex"));
    expect(doc.mime).toBe("application/pdf");

    const asClientA = { orgId: t.orgId, userId: t.clientUserA.id, role: "client" as const, requestId: "t" };
    const asClientB = { orgId: t.orgId, userId: t.clientUserB.id, role: "client" as const, requestId: "t" };
    const got = await handleDownload(doc.id, asClientA);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
    expect(got.headers.get("content-disposition")).toContain(encodeURIComponent("逾期通知.pdf"));
    expect((await handleDownload(doc.id, asClientB)).status).toBe(404);
    expect((await handleDownload(doc.id, { ...actorA, userId: t.counselorB.id })).status).toBe(404);

    const list = await t.as.clientA.document.list({ caseId });
    expect(list.map((d) => d.id)).toEqual([doc.id]);
    const checklist = await t.as.counselorA.document.checklist({ caseId });
    expect(checklist.missing).toEqual(expect.arrayContaining(["loan-contract", "income-proof", "id"]));
    expect(checklist.missing).not.toContain("overdue-notice");

    // The lender asks for a bank statement: it joins the checklist as requested.
    const proposalId = await sentProposal(t, caseId);
    await t.as.counselorA.case.recordResponse({
      caseId,
      proposalId,
      kind: "documents-requested",
      documents: ["bank-statement"],
      receivedOn: today,
    });
    const after = await t.as.counselorA.document.checklist({ caseId });
    expect(after.items.find((i) => i.kind === "bank-statement")).toMatchObject({
      kind: "bank-statement",
      present: false,
      requested: true,
      request: { requestedOn: today, resolvedAt: null },
    });
  });

  it("refuses 30 MB (413) and an executable renamed .pdf (415), storing nothing", async () => {
    const t = await createTenant();
    const { caseId } = await openCaseFor(t);
    const actor = { orgId: t.orgId, userId: t.counselorA.id, role: "counselor" as const, requestId: "t" };
    const big = new Uint8Array(30 * 1024 * 1024);
    big.set(pdf);
    const tooBig = await handleUpload(uploadRequest({ caseId, kind: "other" }, { bytes: big, name: "big.pdf" }), actor);
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: { messageKey: string } }).error.messageKey).toBe("fileTooLarge");
    const exe = new Uint8Array(Buffer.from("MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode", "latin1"));
    const fake = await handleUpload(uploadRequest({ caseId, kind: "loan-contract" }, { bytes: exe, name: "合同.pdf" }), actor);
    expect(fake.status).toBe(415);
    expect(((await fake.json()) as { error: { messageKey: string } }).error.messageKey).toBe("fileTypeNotAccepted");
    expect(await t.as.counselorA.document.list({ caseId })).toEqual([]);
    expect(await count(documents, t.orgId)).toBe(0);
    // No bytes were written either.
    const orgFolder = path.join(uploadDir, t.orgId);
    expect(existsSync(orgFolder) ? readdirSync(orgFolder) : []).toEqual([]);
    // Someone else's case: not found.
    const other = await createTenant("Other");
    const { caseId: foreign } = await openCaseFor(other);
    expect((await handleUpload(uploadRequest({ caseId: foreign, kind: "other" }, { bytes: pdf, name: "a.pdf" }), actor)).status).toBe(404);
  });
});

describe("follow-ups, referrals and contact attachments", () => {
  const pdf = new Uint8Array(Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "latin1"));

  it("a follow-up task is created with a due date, listed, on the agenda when due, and completed once", async () => {
    const t = await createTenant();
    const { caseId } = await openCaseFor(t);
    const due = addDays(today, 7);
    const later = await t.as.counselorA.case.createTask({ caseId, title: "五个工作日无答复就回电", dueOn: due });
    const now = await t.as.counselorA.case.createTask({ caseId, title: "今天回电", dueOn: today });
    expect((await t.as.counselorA.case.tasks({ caseId })).map((x) => [x.title, x.dueOn])).toEqual([
      ["今天回电", today],
      ["五个工作日无答复就回电", due],
    ]);
    // Due today: on the counselor's agenda (the later one is not due yet); never on another counselor's.
    expect((await t.as.counselorA.agenda.today()).followUps.map((f) => f.taskId)).toEqual([now.id]);
    expect((await t.as.counselorB.agenda.today()).followUps).toEqual([]);

    // Another counselor cannot complete it; completing twice is harmless.
    expect(await codeOf(t.as.counselorB.case.completeTask({ taskId: now.id }))).toBe("NOT_FOUND");
    const done = await t.as.counselorA.case.completeTask({ taskId: now.id });
    expect((await t.as.counselorA.case.completeTask({ taskId: now.id })).doneAt).toEqual(done.doneAt);
    expect((await t.as.counselorA.case.tasks({ caseId })).map((x) => x.id)).toEqual([later.id]);
    expect((await t.as.counselorA.case.tasks({ caseId, includeDone: true })).map((x) => x.id).sort()).toEqual([now.id, later.id].sort());
    expect((await t.as.counselorA.agenda.today()).followUps).toEqual([]);

    // Bad input: an impossible date, an empty title, another organization's case; nothing is written.
    const before = await count(tasks, t.orgId);
    expect(Object.keys(await fieldsOf(t.as.counselorA.case.createTask({ caseId, title: "x", dueOn: "2026-02-30" })))).toEqual(["dueOn"]);
    expect(Object.keys(await fieldsOf(t.as.counselorA.case.createTask({ caseId, title: "", dueOn: today })))).toEqual(["title"]);
    const other = await createTenant("Other");
    const { caseId: foreign } = await openCaseFor(other);
    expect(await codeOf(t.as.counselorA.case.createTask({ caseId: foreign, title: "x", dueOn: today }))).toBe("NOT_FOUND");
    expect(await count(tasks, t.orgId)).toBe(before);
  });

  it("a referral is tracked to an outcome; a stale version is a conflict; others get NOT_FOUND", async () => {
    const t = await createTenant();
    const { caseId } = await openCaseFor(t);
    const r = await t.as.counselorA.case.createReferral({ caseId, kind: "legal-aid", toName: "朝阳区法律援助中心" });
    expect(r).toMatchObject({ status: "open", version: 1 });
    const accepted = await t.as.counselorA.case.updateReferral({ caseId, referralId: r.id, status: "accepted", version: 1 });
    expect(accepted).toMatchObject({ status: "accepted", version: 2 });
    // A second tab still on version 1: a conflict, not a silent overwrite.
    expect(await codeOf(t.as.counselorA.case.updateReferral({ caseId, referralId: r.id, status: "declined", version: 1 }))).toBe(
      "CONFLICT",
    );
    await t.as.counselorA.case.updateReferral({
      caseId,
      referralId: r.id,
      status: "completed",
      outcome: "已受理，指派律师应诉",
      version: 2,
    });
    // The outcome stays when a later update does not restate it.
    await t.as.counselorA.case.updateReferral({ caseId, referralId: r.id, status: "completed", version: 3 });
    expect(await t.as.counselorA.case.referrals({ caseId })).toEqual([
      expect.objectContaining({
        id: r.id,
        kind: "legal-aid",
        toName: "朝阳区法律援助中心",
        status: "completed",
        outcome: "已受理，指派律师应诉",
        version: 4,
      }),
    ]);

    // Another counselor, another case of the same organization, another organization: not found; clients may not.
    const { caseId: caseB } = await openCaseFor(t, "B");
    expect(await codeOf(t.as.counselorB.case.referrals({ caseId }))).toBe("NOT_FOUND");
    expect(await codeOf(t.as.counselorB.case.updateReferral({ caseId, referralId: r.id, status: "open", version: 4 }))).toBe("NOT_FOUND");
    expect(await codeOf(t.as.admin.case.updateReferral({ caseId: caseB, referralId: r.id, status: "open", version: 4 }))).toBe("NOT_FOUND");
    expect(await codeOf(t.as.clientA.case.createReferral({ caseId, kind: "lawyer", toName: "x" }))).toBe("FORBIDDEN");
    const other = await createTenant("Other");
    const { caseId: foreign } = await openCaseFor(other);
    expect(await codeOf(t.as.admin.case.createReferral({ caseId: foreign, kind: "lawyer", toName: "x" }))).toBe("NOT_FOUND");
    expect(await count(referrals, t.orgId)).toBe(1);
    expect(await count(referrals, other.orgId)).toBe(0);
  });

  it("a contact entry carries documents of the client as attachments, in its hash; another client's document is refused", async () => {
    const t = await createTenant();
    const { caseId } = await openCaseFor(t);
    const { caseId: caseB } = await openCaseFor(t, "B");
    const asA = { orgId: t.orgId, userId: t.counselorA.id, role: "counselor" as const, requestId: "t" };
    const asB = { orgId: t.orgId, userId: t.counselorB.id, role: "counselor" as const, requestId: "t" };
    const upload = async (actor: typeof asA, c: string, name: string) =>
      (
        (await (await handleUpload(uploadRequest({ caseId: c, kind: "communication-record" }, { bytes: pdf, name }), actor)).json()) as {
          id: string;
        }
      ).id;
    const mine = await upload(asA, caseId, "通话录音说明.pdf");
    const theirs = await upload(asB, caseB, "别人的材料.pdf");

    const entry = await t.as.counselorA.contact.append({
      caseId,
      at: new Date(Date.now() - 60_000),
      channel: "phone",
      direction: "outbound",
      party: "lender-staff",
      summary: "电话说明困难，附通话记录",
      attachmentDocumentIds: [mine, mine],
    });
    const [listed] = await t.as.counselorA.contact.list({ caseId });
    expect(listed).toMatchObject({ id: entry.id, attachmentDocumentIds: [mine] });
    expect(await t.as.counselorA.contact.verify({ caseId })).toMatchObject({ ok: true, count: 1 });

    // Another client's document (same organization): a field error, and no entry.
    expect(
      await fieldsOf(
        t.as.counselorA.contact.append({
          caseId,
          at: new Date(),
          channel: "phone",
          direction: "outbound",
          party: "other",
          summary: "x",
          attachmentDocumentIds: [theirs],
        }),
      ),
    ).toEqual({ attachmentDocumentIds: ["documentNotFound"] });
    expect((await t.as.counselorA.contact.list({ caseId })).map((e) => e.id)).toEqual([entry.id]);

    // Unhooking an attachment in the database afterwards breaks the chain at that entry.
    const db = await getDb();
    await db
      .update(contactEntries)
      .set({ attachmentDocumentIds: [] })
      .where(and(eq(contactEntries.orgId, t.orgId), eq(contactEntries.id, entry.id)));
    expect(await t.as.counselorA.contact.verify({ caseId })).toMatchObject({ ok: false, brokenAt: entry.id, reason: "hash-mismatch" });

    // The attachment downloads for the counselor and the client, not for the other counselor or client.
    expect((await handleDownload(mine, asA)).status).toBe(200);
    expect((await handleDownload(mine, { ...asA, userId: t.clientUserA.id, role: "client" })).status).toBe(200);
    expect((await handleDownload(mine, asB)).status).toBe(404);
    expect((await handleDownload(mine, { ...asA, userId: t.clientUserB.id, role: "client" })).status).toBe(404);
  });
});

describe("negotiation letter and calendar", () => {
  it("renders the letter with the client, the debt, the budget and the terms in an embedded CJK font", async () => {
    const t = await createTenant();
    const db = await getDb();
    await db.insert(budgets).values({
      orgId: t.orgId,
      clientId: t.clientA.id,
      effectiveDate: today,
      incomes: [{ kind: "salary", monthlyFen: 600_000 }],
      expenses: [
        { category: "housing", monthlyFen: 200_000 },
        { category: "food", monthlyFen: 150_000 },
      ],
      dependents: 1,
    });
    const { caseId } = await openCaseFor(t);
    const proposalId = await sentProposal(t, caseId);
    const actor = { orgId: t.orgId, userId: t.counselorA.id, role: "counselor" as const };
    const content = await letterContent(actor, { caseId, proposalId });
    const text = content.sections.flatMap((s) => [s.heading ?? "", ...s.lines]).join("\n");
    expect(text).toContain("协商还款申请书");
    expect(text).toContain("客户甲");
    expect(text).toContain("分 24 期");
    expect(text).toContain("¥12,800.00");
    expect(text).toContain("罚息 ¥300.00");
    expect(text).toContain("每月可支配 ¥2,500.00");
    expect(text).not.toMatch(/保证|一定会|承诺.*成功/);

    const { bytes } = await renderLetterPdf(actor, { caseId, proposalId });
    // LETTER_OUT=letter.pdf keeps the file, to look at it (pdftoppm) or extract its text (pdftotext).
    if (process.env.LETTER_OUT) writeFileSync(process.env.LETTER_OUT, bytes);
    expect(Buffer.from(bytes.slice(0, 5)).toString("latin1")).toBe("%PDF-");
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);
    // The font is embedded (a TrueType font file in the PDF), not left to the viewer.
    const embedded = pdf.context
      .enumerateIndirectObjects()
      .some(([, obj]) => obj instanceof PDFDict && obj.get(PDFName.of("FontFile2")) !== undefined);
    expect(embedded).toBe(true);
    // Another client cannot have it.
    await expect(renderLetterPdf({ ...actor, userId: t.clientUserB.id, role: "client" }, { caseId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("the agreement's due dates as an ICS calendar", async () => {
    const t = await createTenant();
    const { caseId } = await openCaseFor(t);
    const proposalId = await sentProposal(t, caseId);
    await t.as.counselorA.case.recordResponse({ caseId, proposalId, kind: "accepted", receivedOn: today });
    const { ics } = await agreementIcs({ orgId: t.orgId, userId: t.clientUserA.id, role: "client" }, caseId);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(24);
    expect(ics).toContain(`DTSTART;VALUE=DATE:${addMonths(today, 1).replaceAll("-", "")}`);
  });
});
