import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { agreements, auditLog, notifications } from "@/db/schema";
import { buildCalendar } from "@/server/domain/calendar";
import { courtDeadline } from "@/server/domain/court-clocks";
import { addMonths } from "@/server/domain/schedule";
import { addDays, todayInShanghai } from "@/server/domain/time";
import { syncNotifications } from "@/server/services/notifications";
import { codeOf, fieldsOf } from "../support/errors";
import { createTenant, type Tenant } from "../support/factories";

/**
 * The court and mediation track end to end through the procedures: a lawsuit with its answer deadline on
 * the agenda, in notifications and on the client's portal; a judgment's amounts becoming the debt's
 * figures; a mediation agreement becoming a schedule that takes payments and counts in the outcomes apart
 * from direct negotiation; and another agency refused everywhere.
 */

const today = todayInShanghai();
let a: Tenant;
let b: Tenant;
let caseId: string;
let debtId: string;

async function openCase(t: Tenant) {
  const lender = await t.as.admin.lender.create({ name: `测试消费金融 ${randomUUID().slice(0, 6)}`, licenceType: "consumer-finance" });
  const debt = (await t.as.counselorA.debt.create({
    clientId: t.clientA.id,
    lenderId: lender.id,
    originalPrincipalFen: 2_000_000,
    outstandingPrincipalFen: 1_200_000,
    interestFen: 80_000,
    penaltyFen: 30_000,
    feesFen: 10_000,
    rateValue: "18",
    rateUnit: "annual",
    overdueSince: "2026-05-10",
  })) as { id: string };
  const kase = await t.as.counselorA.case.open({ debtId: debt.id });
  return { caseId: kase.id, debtId: debt.id };
}

beforeAll(async () => {
  a = await createTenant("Legal A");
  b = await createTenant("Legal B");
  ({ caseId, debtId } = await openCase(a));
});

describe("a lawsuit on a case", () => {
  it("refuses a case number that is not one, saying why, and stores nothing", async () => {
    const fields = await fieldsOf(
      a.as.counselorA.legal.createLawsuit({
        caseId,
        courtName: "北京市朝阳区人民法院",
        plaintiff: "某消费金融有限公司",
        caseNumber: "2026-京-123",
      }),
    );
    expect(fields).toEqual({ caseNumber: ["caseNumber.format"] });
    expect((await a.as.counselorA.legal.forCase({ caseId })).lawsuits).toHaveLength(0);
  });

  it("counts the answer deadline from the served date and puts it on the agenda, the portal and in notifications", async () => {
    const servedOn = addDays(today, -3);
    const expected = courtDeadline(buildCalendar(), "civil-answer", servedOn).dueOn;
    const made = await a.as.counselorA.legal.createLawsuit({
      caseId,
      courtName: "北京市朝阳区人民法院",
      plaintiff: "某消费金融有限公司",
      caseNumber: "(2026)京0105民初12345号",
      servedOn,
    });
    expect(made.answerDueOn).toBe(expected);

    const track = await a.as.counselorA.legal.forCase({ caseId });
    expect(track.lawsuits[0]).toMatchObject({ caseNumber: "（2026）京0105民初12345号", answerDueOn: expected });
    expect(track.lawsuits[0]!.deadlines).toEqual([{ key: "civil-answer", dueOn: expected, estimated: false }]);

    const agenda = await a.as.counselorA.agenda.today();
    expect(agenda.courtDeadlines.map((d) => [d.kind, d.caseId, d.dueDate])).toEqual([["civil-answer", caseId, expected]]);
    expect((await a.as.counselorB.agenda.today()).courtDeadlines).toEqual([]);
    expect((await b.as.admin.agenda.today()).courtDeadlines).toEqual([]);

    const portal = await a.as.clientA.legal.portal();
    expect(portal.lawsuits.map((l) => [l.courtName, l.deadlines[0]?.dueOn])).toEqual([["北京市朝阳区人民法院", expected]]);
    expect(portal.lawsuits[0]).not.toHaveProperty("note");
    expect((await a.as.clientB.legal.portal()).lawsuits).toEqual([]);

    // Three days before the deadline (inside the 7-day notice window) the counselor and the client are told.
    await syncNotifications(a.orgId, { now: new Date(`${addDays(expected, -3)}T10:00:00+08:00`) });
    const db = await getDb();
    const made2 = await db
      .select({ kind: notifications.kind, userId: notifications.userId })
      .from(notifications)
      .where(eq(notifications.orgId, a.orgId));
    expect(made2.filter((n) => n.kind.includes("court")).map((n) => [n.kind, n.userId])).toEqual(
      expect.arrayContaining([
        ["court-deadline", a.counselorA.id],
        ["client-court-deadline", a.clientUserA.id],
      ]),
    );
  });

  it("a judgment's amounts become the debt's figures, the old ones kept in the audit history", async () => {
    const l = (await a.as.counselorA.legal.forCase({ caseId })).lawsuits[0]!;
    const outcomeOn = addDays(today, -1);
    const r = await a.as.counselorA.legal.recordJudgment({
      caseId,
      lawsuitId: l.id,
      version: l.version,
      outcome: "judgment",
      outcomeOn,
      principalFen: 1_150_000,
      interestFen: 60_000,
      penaltyFen: 0,
      feesFen: 0,
      costsFen: 12_300,
      applyToDebt: true,
    });
    expect(r.appealDueOn).toBe(courtDeadline(buildCalendar(), "appeal-judgment", outcomeOn).dueOn);
    const debts = (await a.as.counselorA.debt.list({ clientId: a.clientA.id })) as unknown as { debts: Array<Record<string, unknown>> };
    const debt = debts.debts.find((d) => d.id === debtId)!;
    expect(debt).toMatchObject({ outstandingPrincipalFen: 1_150_000, interestFen: 60_000, penaltyFen: 0, feesFen: 12_300 });
    const db = await getDb();
    const [history] = await db
      .select({ before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, a.orgId), eq(auditLog.action, "debt.judgment")));
    expect(history!.before).toMatchObject({ outstandingPrincipalFen: 1_200_000, interestFen: 80_000, penaltyFen: 30_000, feesFen: 10_000 });

    // A stale version is a conflict; enforcement needs no judgment anew and takes a checked case number.
    expect(
      await codeOf(
        a.as.counselorA.legal.recordJudgment({
          caseId,
          lawsuitId: l.id,
          version: l.version,
          outcome: "withdrawn",
          outcomeOn,
          applyToDebt: false,
        }),
      ),
    ).toBe("CONFLICT");
    const fresh = (await a.as.counselorA.legal.forCase({ caseId })).lawsuits[0]!;
    expect(
      await fieldsOf(
        a.as.counselorA.legal.recordEnforcement({
          caseId,
          lawsuitId: l.id,
          version: fresh.version,
          enforcementStatus: "applied",
          enforcementOn: today,
          enforcementCaseNumber: "（2026）京0105执X号",
        }),
      ),
    ).toEqual({ enforcementCaseNumber: ["caseNumber.format"] });
    await a.as.counselorA.legal.recordEnforcement({
      caseId,
      lawsuitId: l.id,
      version: fresh.version,
      enforcementStatus: "in-progress",
      enforcementOn: today,
      enforcementCaseNumber: "（2026）京0105执678号",
    });
    expect((await a.as.clientA.legal.portal()).lawsuits[0]!.enforcementStatus).toBe("in-progress");
  });

  it("another agency cannot read or change it", async () => {
    const l = (await a.as.admin.legal.forCase({ caseId })).lawsuits[0]!;
    expect(await codeOf(b.as.admin.legal.forCase({ caseId }))).toBe("NOT_FOUND");
    expect(await codeOf(b.as.admin.legal.createLawsuit({ caseId, courtName: "某人民法院", plaintiff: "某公司" }))).toBe("NOT_FOUND");
    expect(await codeOf(b.as.admin.legal.addHearing({ caseId, lawsuitId: l.id, at: new Date() }))).toBe("NOT_FOUND");
    expect(await codeOf(a.as.counselorB.legal.forCase({ caseId }))).toBe("NOT_FOUND");
    expect(await codeOf(a.as.clientA.legal.forCase({ caseId }))).toBe("FORBIDDEN");
  });
});

describe("mediation", () => {
  let mCase: string;
  let bodyId: string;
  beforeAll(async () => {
    ({ caseId: mCase } = await openCase(a));
    bodyId = (
      await a.as.admin.mediationBody.create({
        kind: "financial-dispute-centre",
        name: `上海银行业保险业纠纷调解中心 ${randomUUID().slice(0, 4)}`,
      })
    ).id;
  });

  it("the directory is the organization's own, kept by its admin", async () => {
    expect(await codeOf(a.as.counselorA.mediationBody.create({ kind: "peoples-committee", name: "某街道人民调解委员会" }))).toBe(
      "FORBIDDEN",
    );
    expect((await a.as.counselorA.mediationBody.list()).map((m) => m.id)).toContain(bodyId);
    expect((await b.as.admin.mediationBody.list()).map((m) => m.id)).not.toContain(bodyId);
    expect(
      await fieldsOf(b.as.counselorA.legal.startMediation({ caseId: (await openCase(b)).caseId, bodyId, startedOn: today, preSuit: true })),
    ).toEqual({
      bodyId: ["mediationBodyUnknown"],
    });
  });

  it("a referral can target a mediation body, and must name one", async () => {
    const r = await a.as.counselorA.case.createReferral({ caseId: mCase, kind: "mediation", toName: "-", mediationBodyId: bodyId });
    const list = await a.as.counselorA.case.referrals({ caseId: mCase });
    expect(list.find((x) => x.id === r.id)).toMatchObject({ kind: "mediation", mediationBodyId: bodyId });
    expect(list.find((x) => x.id === r.id)!.toName).toMatch(/^上海银行业保险业纠纷调解中心/);
    expect(await codeOf(a.as.counselorA.case.createReferral({ caseId: mCase, kind: "mediation", toName: "某调解" }))).toBe("BAD_REQUEST");
  });

  it("the mediation agreement becomes a schedule that takes payments, and outcomes count it apart from negotiation", async () => {
    const started = addDays(today, -20);
    const m = await a.as.counselorA.legal.startMediation({ caseId: mCase, bodyId, startedOn: started, preSuit: true });
    await a.as.counselorA.legal.addSession({
      caseId: mCase,
      mediationId: m.id,
      heldOn: addDays(today, -10),
      participants: "调解员、平台代表、客户、咨询师",
    });
    expect(
      await fieldsOf(
        a.as.counselorA.legal.addSession({ caseId: mCase, mediationId: m.id, heldOn: addDays(started, -1), participants: "x" }),
      ),
    ).toEqual({
      heldOn: ["beforeMediation"],
    });
    const before = await a.as.admin.outcomes.summary({ from: addDays(today, -30), to: today });
    const agreed = await a.as.counselorA.legal.recordMediationAgreement({
      caseId: mCase,
      mediationId: m.id,
      version: m.version,
      agreedOn: today,
      terms: {
        waiver: { penaltyFen: 30_000, feesFen: 10_000 },
        instalments: { amountFen: 1_200_000, method: "interest-free", months: 12, annualRatePct: "0", firstDueDate: addMonths(today, 1) },
      },
    });
    expect(agreed.instalments).toBe(12);
    expect(agreed.confirmationDueOn).toBe(courtDeadline(buildCalendar(), "judicial-confirmation", today).dueOn);
    const db = await getDb();
    const [row] = await db
      .select({ source: agreements.source, proposalId: agreements.proposalId })
      .from(agreements)
      .where(and(eq(agreements.orgId, a.orgId), eq(agreements.id, agreed.agreementId)));
    expect(row).toEqual({ source: "mediation", proposalId: null });
    expect((await a.as.counselorA.case.get({ caseId: mCase })).status).toBe("agreed");
    const paid = await a.as.counselorA.payment.record({
      caseId: mCase,
      amountFen: 100_000,
      paidOn: today,
      method: "bank-transfer",
      idempotencyKey: randomUUID(),
    });
    expect(paid).toHaveProperty("id");

    const after = await a.as.admin.outcomes.summary({ from: addDays(today, -30), to: today });
    expect(after.legal.mediation).toMatchObject({ ended: 1, agreed: 1, successRate: 1, medianDaysToAgreement: 20, judiciallyConfirmed: 0 });
    // Direct negotiation's relief does not count the mediation agreement.
    expect(after.relief.agreements).toBe(before.relief.agreements);

    const fresh = (await a.as.counselorA.legal.forCase({ caseId: mCase })).mediations[0]!;
    await a.as.counselorA.legal.recordConfirmation({
      caseId: mCase,
      mediationId: m.id,
      version: fresh.version,
      confirmed: true,
      confirmedOn: today,
    });
    expect((await a.as.admin.outcomes.summary({ from: addDays(today, -30), to: today })).legal.mediation.judiciallyConfirmed).toBe(1);
    expect((await a.as.clientA.legal.portal()).mediations.find((x) => x.id === m.id)).toMatchObject({
      status: "agreed",
      judiciallyConfirmed: true,
    });
    expect(
      await codeOf(b.as.admin.legal.recordConfirmation({ caseId: mCase, mediationId: m.id, version: fresh.version + 1, confirmed: false })),
    ).toBe("NOT_FOUND");
  });

  it("the notice check lists signs, never a verdict", async () => {
    const r = await a.as.clientA.legal.checkNotice({ text: "【北京互联网法院】请立即转账到个人账户6222020200112233445，否则冻结。" });
    expect(r.summary).toBe("warning");
    expect(r.signals.map((s) => s.code)).toEqual(
      expect.arrayContaining(["court-listed", "personal-account", "pressure", "case-number-missing"]),
    );
  });
});
