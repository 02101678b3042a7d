import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { notifications, organizations } from "@/db/schema";
import { addDays, todayInShanghai } from "@/server/domain/time";
import { addMonths } from "@/server/domain/schedule";
import type { ProposalTermsInput } from "@/server/schemas/cases";
import { appRouter } from "@/server/trpc/root";
import { addMember, callerFor, createClientRecord, createTenant, createUser, type Tenant } from "./factories";

/**
 * The authorization matrix's world: two organizations built through the real procedures, the actors
 * that call, and for every procedure a builder of a valid input about client A (the "own" / "assigned"
 * subject). Builders that feed state-changing mutations make fresh subjects on each call, so the
 * matrix can call a mutation once per actor and every call sees the same starting state.
 */

export const ACTORS = ["anonymous", "clientOwn", "clientOther", "counselorAssigned", "counselorOther", "admin", "otherOrg"] as const;
export type ActorName = (typeof ACTORS)[number];

/** A procedure's outcome: "ok" or the tRPC error code. */
export type Outcome = "ok" | "empty" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "BAD_REQUEST" | "CONFLICT";

type Caller = Tenant["as"]["admin"];

export type ProcedureInfo = { path: string; type: "query" | "mutation" | "subscription"; hasInput: boolean };

/** Every procedure of the app router, read from the router itself. */
export function listProcedures(): ProcedureInfo[] {
  const procs = appRouter._def.procedures as unknown as Record<string, { _def: { type: ProcedureInfo["type"]; inputs: unknown[] } }>;
  return Object.entries(procs)
    .map(([path, p]) => ({ path, type: p._def.type, hasInput: p._def.inputs.length > 0 }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** Calls `path` ("debt.create") on a caller. */
export function callProcedure(caller: Caller, path: string, input: unknown): Promise<unknown> {
  let fn: unknown = caller;
  for (const part of path.split(".")) fn = (fn as Record<string, unknown>)[part];
  return (fn as (i: unknown) => Promise<unknown>)(input);
}

export const today = todayInShanghai();

export const proposalTerms: ProposalTermsInput = {
  waiver: { penaltyFen: 30_000, feesFen: 10_000 },
  instalments: { amountFen: 1_280_000, method: "interest-free", months: 24, annualRatePct: "0", firstDueDate: addMonths(today, 1) },
};

const art70 = {
  balanceFen: 1_280_000,
  balanceStructure: "本金 12,000 元，利息 800 元",
  scheduleSummary: "24 期，每期 533.33 元",
  annualFeeCharged: false,
  interestCharged: false,
  otherFeesCharged: false,
  noNewCardsUntilSettled: true,
  breachTerms: "连续两期未还，协议失效",
};

export type World = Awaited<ReturnType<typeof buildWorld>>;

/** One organization's entities made through the procedures (as its admin and counselor A). */
async function populate(t: Tenant) {
  const staff = t.as.counselorA;
  const lender = await t.as.admin.lender.create({ name: `测试消费金融 ${randomUUID().slice(0, 6)}`, licenceType: "consumer-finance" });
  const debt = (await staff.debt.create({
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
  const kase = await staff.case.open({ debtId: debt.id });
  const proposal = await staff.case.createProposal({
    caseId: kase.id,
    terms: proposalTerms,
    channel: "app",
    validUntil: addDays(today, 14),
  });
  await staff.case.sendProposal({ caseId: kase.id, proposalId: proposal.id });
  await staff.case.recordResponse({ caseId: kase.id, proposalId: proposal.id, kind: "accepted", receivedOn: today, art70 });
  const payment = await staff.payment.record({
    caseId: kase.id,
    amountFen: 10_000,
    paidOn: today,
    method: "bank-transfer",
    idempotencyKey: randomUUID(),
  });
  const contact = await staff.contact.append({
    caseId: kase.id,
    at: new Date(),
    channel: "phone",
    direction: "outbound",
    party: "lender-staff",
    summary: "电话沟通还款方案",
  });
  const task = await staff.case.createTask({ caseId: kase.id, title: "跟进", dueOn: addDays(today, 3) });
  const referral = await staff.case.createReferral({ caseId: kase.id, kind: "legal-aid", toName: "法律援助中心" });
  const lawsuit = await staff.legal.createLawsuit({
    caseId: kase.id,
    courtName: "北京市朝阳区人民法院",
    plaintiff: "某消费金融有限公司",
    servedOn: today,
  });
  const mediationBody = await t.as.admin.mediationBody.create({
    kind: "financial-dispute-centre",
    name: `金融纠纷调解中心 ${randomUUID().slice(0, 6)}`,
  });
  const invitation = await t.as.admin.org.invite({ email: `inv-${randomUUID().slice(0, 8)}@test.example`, role: "counselor" });
  return {
    lenderId: lender.id,
    debtId: debt.id,
    caseId: kase.id,
    proposalId: proposal.id,
    paymentId: (payment as { id: string }).id,
    contactId: (contact as { id: string }).id,
    taskId: (task as { id: string }).id,
    referralId: (referral as { id: string }).id,
    invitationId: (invitation as { id: string }).id,
    lawsuitId: lawsuit.id,
    mediationBodyId: mediationBody.id,
  };
}

export async function buildWorld() {
  const a = await createTenant("Agency A");
  const b = await createTenant("Agency B");
  const ea = await populate(a);
  const eb = await populate(b);
  const callers: Record<ActorName, Caller> = {
    anonymous: a.as.anonymous,
    clientOwn: a.as.clientA,
    clientOther: a.as.clientB,
    counselorAssigned: a.as.counselorA,
    counselorOther: a.as.counselorB,
    admin: a.as.admin,
    otherOrg: b.as.admin,
  };
  /** Ids that belong to organization B: what an attacker in A might try to reach. */
  const foreignIds = [b.clientA.id, b.counselorA.id, b.admin.id, ...Object.values(eb)];
  return { a, b, ea, eb, callers, foreignIds };
}

// ------------------------------------------------------------------------- fresh subjects (organization A)

const staffA = (w: World) => w.a.as.counselorA;

async function freshLender(w: World) {
  return w.a.as.admin.lender.create({ name: `新贷方 ${randomUUID().slice(0, 8)}`, licenceType: "bank" });
}

/** A debt whose figures fit `proposalTerms` (the terms are checked against them). */
async function freshDebt(w: World) {
  const d = (await staffA(w).debt.create({
    clientId: w.a.clientA.id,
    lenderId: w.ea.lenderId,
    originalPrincipalFen: 2_000_000,
    outstandingPrincipalFen: 1_200_000,
    interestFen: 80_000,
    penaltyFen: 30_000,
    feesFen: 10_000,
    rateValue: "24",
    rateUnit: "annual",
    overdueSince: "2026-06-01",
  })) as { id: string; version?: number };
  return d;
}

async function freshCase(w: World) {
  const d = await freshDebt(w);
  return staffA(w).case.open({ debtId: d.id });
}

const complaintInput = {
  channel: "lender",
  subject: "other",
  details: "投诉内容",
  filedBy: "client",
  filedOn: today,
} as const;

/** A complaint on a fresh case, filed by counselor A: the ids and version extend and answer take. */
async function freshComplaint(w: World) {
  const c = await freshCase(w);
  const k = await staffA(w).complaint.file({ ...complaintInput, caseId: c.id });
  return { caseId: c.id, complaintId: k.id, version: k.version };
}

async function draftProposal(w: World) {
  const c = await freshCase(w);
  const p = await staffA(w).case.createProposal({ caseId: c.id, terms: proposalTerms, channel: "app", validUntil: addDays(today, 14) });
  return { caseId: c.id, proposalId: p.id };
}

async function sentProposal(w: World) {
  const r = await draftProposal(w);
  await staffA(w).case.sendProposal(r);
  return r;
}

async function activeAgreement(w: World) {
  const r = await sentProposal(w);
  const accepted = (await staffA(w).case.recordResponse({ ...r, kind: "accepted", receivedOn: today })) as { agreementId: string };
  return { caseId: r.caseId, agreementId: accepted.agreementId, version: 1 };
}

async function awaitingApproval(w: World) {
  const db = await getDb();
  await db.update(organizations).set({ requireProposalApproval: true }).where(eq(organizations.id, w.a.orgId));
  try {
    return await sentProposal(w);
  } finally {
    await db.update(organizations).set({ requireProposalApproval: false }).where(eq(organizations.id, w.a.orgId));
  }
}

async function freshLawsuit(w: World) {
  const l = await staffA(w).legal.createLawsuit({
    caseId: w.ea.caseId,
    courtName: "北京市朝阳区人民法院",
    plaintiff: "某消费金融有限公司",
    servedOn: today,
  });
  return { caseId: w.ea.caseId, lawsuitId: l.id, version: l.version };
}

async function freshMediation(w: World) {
  const c = await freshCase(w);
  const m = await staffA(w).legal.startMediation({ caseId: c.id, bodyId: w.ea.mediationBodyId, startedOn: today, preSuit: true });
  return { caseId: c.id, mediationId: m.id, version: m.version };
}

async function agreedMediation(w: World) {
  const m = await freshMediation(w);
  const r = await staffA(w).legal.recordMediationAgreement({ ...m, agreedOn: today, terms: proposalTerms });
  return { caseId: m.caseId, mediationId: m.mediationId, version: r.version };
}

async function freshMember(w: World) {
  const u = await createUser("Member");
  await addMember(w.a.orgId, u.id, "counselor");
  return u.id;
}

async function freshClient(w: World) {
  return createClientRecord(w.a.orgId, { counselorId: w.a.counselorA.id });
}

async function invitationToken(w: World) {
  const inv = await w.a.as.admin.org.invite({ email: `inv-${randomUUID().slice(0, 8)}@test.example`, role: "counselor" });
  return { id: inv.id, token: inv.link.split("/invite/")[1]! };
}

/** A client file of counselor A without a login, invited to the portal by the number on the file. */
async function invitedClient(w: World) {
  const file = await freshClient(w);
  const inv = await w.a.as.admin.portalAccess.invite({ clientId: file.id });
  return { clientId: file.id, invitationId: inv.id };
}

async function clientVersion(w: World) {
  return ((await w.a.as.admin.client.get({ id: w.a.clientA.id })) as { version: number }).version;
}

/** A fresh authorisation of client A's, prepared by counselor A (a draft waiting for her signature). */
async function draftAuthorisation(w: World) {
  return staffA(w).consent.createAuthorisation({
    clientId: w.a.clientA.id,
    purposes: ["negotiate"],
    allLenders: true,
    lenderIds: [],
    validFrom: today,
    validTo: addDays(today, 90),
  });
}

/** A fresh sign-off asked of client A (her budget statement on her case). */
async function pendingSignOff(w: World) {
  return staffA(w).consent.requestSignOff({ caseId: w.ea.caseId, kind: "budget" });
}

const csv = Buffer.from("lender,originalPrincipal,outstandingPrincipal,rate,rateUnit\n测试银行,1000,800,18,annual\n").toString("base64");

// ------------------------------------------------------------------------- valid inputs per procedure

/** A valid input about organization A's client A, or undefined for procedures without input. */
export const BUILDERS: Record<string, (w: World) => Promise<unknown>> = {
  "agenda.today": async () => undefined,
  "audit.list": async () => ({ entityType: "client" }),
  "audit.verify": async () => undefined,
  "auth.acceptInvitation": async (w) => ({ token: (await invitationToken(w)).token, name: "新同事", password: "welcome to the team" }),
  "auth.beginTwoFactor": async () => undefined,
  "auth.describeInvitation": async (w) => ({ token: (await invitationToken(w)).token }),
  "auth.disableTwoFactor": async () => ({ password: "correct horse battery staple", code: "000000" }),
  "auth.enableTwoFactor": async () => ({ code: "000000" }),
  "auth.me": async () => undefined,
  "auth.signUp": async () => ({
    organizationName: "新机构",
    name: "新管理员",
    email: `signup-${randomUUID().slice(0, 8)}@test.example`,
    password: "a long enough passphrase",
  }),
  "auth.twoFactorStatus": async () => undefined,
  "budget.current": async (w) => ({ clientId: w.a.clientA.id }),
  "budget.history": async (w) => ({ clientId: w.a.clientA.id }),
  "budget.save": async (w) => ({
    clientId: w.a.clientA.id,
    effectiveDate: today,
    incomes: [{ kind: "salary", monthlyFen: 800_000 }],
    expenses: [{ category: "housing", monthlyFen: 200_000 }],
    dependents: 1,
  }),
  "calendar.followUpDates": async () => undefined,
  "calendar.status": async () => undefined,
  "consent.authorisations": async (w) => {
    await draftAuthorisation(w);
    return { clientId: w.a.clientA.id };
  },
  "consent.caseStatus": async (w) => ({ caseId: w.ea.caseId }),
  "consent.createAuthorisation": async (w) => ({
    clientId: w.a.clientA.id,
    purposes: ["negotiate", "file-complaint"],
    allLenders: false,
    lenderIds: [w.ea.lenderId],
    validFrom: today,
    validTo: addDays(today, 30),
  }),
  "consent.mine": async () => undefined,
  "consent.requestSignOff": async (w) => ({ caseId: w.ea.caseId, kind: "proposal", proposalId: w.ea.proposalId }),
  "consent.respondSignOff": async (w) => ({ signOffId: (await pendingSignOff(w)).id, decision: "change", comment: "请把每月金额降一些" }),
  "consent.revokeAuthorisation": async (w) => ({ authorisationId: (await draftAuthorisation(w)).id, reason: "不再需要" }),
  "consent.settings": async () => undefined,
  "consent.signAuthorisation": async (w) => {
    const a = await draftAuthorisation(w);
    return { authorisationId: a.id, documentSha256: a.documentSha256, signature: { kind: "typed", name: "客户甲" } };
  },
  "consent.signOffs": async (w) => {
    await pendingSignOff(w);
    return { caseId: w.ea.caseId };
  },
  "consent.updateSettings": async () => ({ authorisationRequired: false, signOffRequired: false }),
  "case.acceptCounterOffer": async (w) => {
    const { caseId, proposalId } = await sentProposal(w);
    const r = (await staffA(w).case.recordResponse({
      caseId,
      proposalId,
      kind: "counter-offer",
      receivedOn: today,
      terms: { waiver: { penaltyFen: 30_000 } },
    })) as { id: string };
    return { caseId, responseId: r.id, art70 };
  },
  "case.approveProposal": async (w) => awaitingApproval(w),
  "case.changeAgreement": async (w) => ({
    ...(await activeAgreement(w)),
    effectiveFrom: today,
    terms: {
      instalments: { amountFen: 1_280_000, method: "interest-free", months: 36, annualRatePct: "0", firstDueDate: addMonths(today, 1) },
    },
  }),
  "case.completeTask": async (w) => {
    const c = await freshCase(w);
    const task = (await staffA(w).case.createTask({ caseId: c.id, title: "核对材料", dueOn: addDays(today, 2) })) as { id: string };
    return { taskId: task.id };
  },
  "case.createProposal": async (w) => ({
    caseId: (await freshCase(w)).id,
    terms: proposalTerms,
    channel: "app",
    validUntil: addDays(today, 14),
  }),
  "case.createReferral": async (w) => ({ caseId: w.ea.caseId, kind: "legal-aid", toName: "法律援助中心" }),
  "case.createTask": async (w) => ({ caseId: w.ea.caseId, title: "回电", dueOn: addDays(today, 1) }),
  "case.get": async (w) => ({ caseId: w.ea.caseId }),
  "case.list": async (w) => ({ clientId: w.a.clientA.id }),
  "case.nextContactWindow": async (w) => ({ caseId: w.ea.caseId }),
  "case.open": async (w) => ({ debtId: (await freshDebt(w)).id }),
  "case.negotiation": async (w) => ({ caseId: w.ea.caseId }),
  "case.proposals": async (w) => ({ caseId: w.ea.caseId }),
  "case.recordBreach": async (w) => ({ ...(await activeAgreement(w)), brokenOn: today, reason: "连续两期未还", to: "negotiating" }),
  "case.draftFromPlan": async (w) => ({ caseId: w.ea.caseId }),
  "case.recordResponse": async (w) => ({ ...(await sentProposal(w)), kind: "rejected", receivedOn: today, reason: "不同意减免" }),
  "case.referrals": async (w) => ({ caseId: w.ea.caseId }),
  "case.sendProposal": async (w) => draftProposal(w),
  "case.setContactHours": async (w) => {
    const c = (await freshCase(w)) as { id: string; version: number };
    return { caseId: c.id, contactHours: [{ start: "09:00", end: "18:00" }], version: c.version };
  },
  "case.tasks": async (w) => ({ caseId: w.ea.caseId }),
  "case.transition": async (w) => {
    const c = (await freshCase(w)) as { id: string; version: number };
    return { caseId: c.id, to: "preparing", version: c.version };
  },
  "case.updateReferral": async (w) => {
    const c = await freshCase(w);
    const r = (await staffA(w).case.createReferral({ caseId: c.id, kind: "legal-aid", toName: "法律援助中心" })) as {
      id: string;
      version: number;
    };
    return { caseId: c.id, referralId: r.id, status: "accepted", version: r.version };
  },
  "caseload.assign": async (w) => ({ clientIds: [w.a.clientA.id], counselorId: w.a.counselorA.id }),
  "caseload.list": async () => ({}),
  "client.activity": async (w) => ({ id: w.a.clientA.id }),
  "client.close": async (w) => ({ id: (await freshClient(w)).id, version: 1 }),
  "client.create": async () => ({ fullName: "新客户", phone: "13900001111", consent: true }),
  "client.erase": async (w) => {
    const c = await freshClient(w);
    await w.a.as.admin.client.close({ id: c.id, version: 1 });
    return { id: c.id };
  },
  "client.get": async (w) => ({ id: w.a.clientA.id }),
  "client.list": async () => ({}),
  "client.mine": async () => undefined,
  "client.revealNationalId": async (w) => ({ id: w.a.clientA.id }),
  "client.update": async (w) => ({ id: w.a.clientA.id, version: await clientVersion(w), fullName: "客户甲", city: "杭州" }),
  "complaint.answer": async (w) => {
    const k = await freshComplaint(w);
    return { ...k, answeredOn: today, outcome: "rejected", answer: "不予支持" };
  },
  "complaint.extend": async (w) => ({ ...(await freshComplaint(w)), extendedOn: today }),
  // Filed by the agency under client A's signed authorisation covering complaints to the case's lender.
  "complaint.file": async (w) => {
    const a = await staffA(w).consent.createAuthorisation({
      clientId: w.a.clientA.id,
      purposes: ["file-complaint"],
      allLenders: false,
      lenderIds: [w.ea.lenderId],
      validFrom: today,
      validTo: addDays(today, 30),
    });
    await w.a.as.clientA.consent.signAuthorisation({
      authorisationId: a.id,
      documentSha256: a.documentSha256,
      signature: { kind: "typed", name: "客户甲" },
    });
    return { ...complaintInput, filedBy: "agency", authorisationId: a.id, caseId: (await freshCase(w)).id };
  },
  "complaint.list": async (w) => ({ caseId: w.ea.caseId }),
  "complaint.mine": async () => undefined,
  "complaint.outcomes": async () => ({}),
  "contact.append": async (w) => ({
    caseId: w.ea.caseId,
    at: new Date(),
    channel: "phone",
    direction: "outbound",
    party: "lender-staff",
    summary: "再次沟通",
  }),
  "contact.list": async (w) => ({ caseId: w.ea.caseId }),
  "contact.verify": async (w) => ({ caseId: w.ea.caseId }),
  "debt.archive": async (w) => {
    const d = await freshDebt(w);
    return { id: d.id, version: d.version ?? 1 };
  },
  "debt.create": async (w) => ({
    clientId: w.a.clientA.id,
    lenderId: w.ea.lenderId,
    originalPrincipalFen: 300_000,
    outstandingPrincipalFen: 300_000,
    rateValue: "1.5",
    rateUnit: "monthly",
  }),
  "debt.import": async (w) => ({ clientId: w.a.clientA.id, fileName: "debts.csv", contentBase64: csv, commit: false }),
  "debt.list": async (w) => ({ clientId: w.a.clientA.id }),
  "debt.setTriage": async (w) => {
    const d = await freshDebt(w);
    return {
      id: d.id,
      version: d.version ?? 1,
      debtKind: "credit-card",
      secured: false,
      underEnforcement: false,
      priorityRank: 1,
      priorityReason: "法院已立案",
    };
  },
  "debt.update": async (w) => {
    const d = await freshDebt(w);
    return {
      id: d.id,
      version: d.version ?? 1,
      lenderId: w.ea.lenderId,
      originalPrincipalFen: 500_000,
      outstandingPrincipalFen: 350_000,
      rateValue: "24",
      rateUnit: "annual",
    };
  },
  "document.checklist": async (w) => ({ caseId: w.ea.caseId }),
  "document.list": async (w) => ({ caseId: w.ea.caseId }),
  // A fresh request of client A's (the lender asked for a bank statement): marked not needed.
  "document.resolveRequest": async (w) => {
    const { caseId, proposalId } = await sentProposal(w);
    await staffA(w).case.recordResponse({
      caseId,
      proposalId,
      kind: "documents-requested",
      receivedOn: today,
      documents: ["bank-statement"],
    });
    const checklist = (await staffA(w).document.checklist({ caseId })) as { items: Array<{ request: { id: string } | null }> };
    const request = checklist.items.find((i) => i.request)!.request!;
    return { documentRequestId: request.id, resolution: "not-needed", reason: "平台已撤回要求" };
  },
  "legal.forCase": async (w) => ({ caseId: w.ea.caseId }),
  "legal.portal": async () => undefined,
  "legal.checkNotice": async () => ({ text: "北京市朝阳区人民法院（2026）京0105民初12345号" }),
  "legal.createLawsuit": async (w) => ({
    caseId: w.ea.caseId,
    courtName: "北京市朝阳区人民法院",
    plaintiff: "某消费金融有限公司",
    servedOn: today,
  }),
  "legal.updateLawsuit": async (w) => ({
    ...(await freshLawsuit(w)),
    courtName: "北京市朝阳区人民法院",
    plaintiff: "某公司",
    caseNumber: "（2026）京0105民初1号",
  }),
  "legal.addHearing": async (w) => ({
    caseId: w.ea.caseId,
    lawsuitId: w.ea.lawsuitId,
    at: new Date(`${addDays(today, 10)}T09:30:00+08:00`),
  }),
  "legal.recordJudgment": async (w) => ({ ...(await freshLawsuit(w)), outcome: "withdrawn", outcomeOn: today, applyToDebt: false }),
  "legal.recordEnforcement": async (w) => {
    const l = await freshLawsuit(w);
    const j = await staffA(w).legal.recordJudgment({
      ...l,
      outcome: "judgment",
      outcomeOn: today,
      principalFen: 100_000,
      applyToDebt: false,
    });
    return { caseId: l.caseId, lawsuitId: l.lawsuitId, version: j.version, enforcementStatus: "applied", enforcementOn: today };
  },
  "legal.startMediation": async (w) => ({
    caseId: (await freshCase(w)).id,
    bodyId: w.ea.mediationBodyId,
    startedOn: today,
    preSuit: false,
  }),
  "legal.addSession": async (w) => {
    const { caseId, mediationId } = await freshMediation(w);
    return { caseId, mediationId, heldOn: today, participants: "调解员、客户" };
  },
  "legal.recordMediationAgreement": async (w) => ({ ...(await freshMediation(w)), agreedOn: today, terms: proposalTerms }),
  "legal.endMediation": async (w) => ({ ...(await freshMediation(w)), status: "failed", endedOn: today }),
  "legal.recordConfirmation": async (w) => ({ ...(await agreedMediation(w)), confirmed: true, confirmedOn: today }),
  "mediationBody.list": async () => ({}),
  "mediationBody.create": async () => ({ kind: "peoples-committee", name: `人民调解委员会 ${randomUUID().slice(0, 6)}` }),
  "mediationBody.update": async (w) => {
    const b = await w.a.as.admin.mediationBody.create({ kind: "court-platform", name: `法院调解平台 ${randomUUID().slice(0, 6)}` });
    return { id: b.id, version: b.version, kind: "court-platform", name: `法院调解平台 ${randomUUID().slice(0, 6)}` };
  },
  "mediationBody.setArchived": async (w) => {
    const b = await w.a.as.admin.mediationBody.create({ kind: "court-platform", name: `调解平台 ${randomUUID().slice(0, 6)}` });
    return { id: b.id, archived: true };
  },
  "lender.create": async () => ({ name: `某小贷 ${randomUUID().slice(0, 6)}`, licenceType: "microloan" }),
  "lender.list": async () => ({}),
  "lender.setArchived": async (w) => ({ id: (await freshLender(w)).id, archived: true }),
  "lender.update": async (w) => {
    const l = (await freshLender(w)) as { id: string; version?: number };
    return { id: l.id, version: l.version ?? 1, name: `改名贷方 ${randomUUID().slice(0, 6)}`, licenceType: "bank" };
  },
  "notification.list": async () => ({}),
  "notification.markAllRead": async () => undefined,
  // A fresh notification of organization A's admin: only that admin may mark it read.
  "notification.markRead": async (w) => {
    const db = await getDb();
    const [n] = await db
      .insert(notifications)
      .values({
        orgId: w.a.orgId,
        userId: w.a.admin.id,
        kind: "follow-up-due",
        dedupeKey: `matrix:${randomUUID()}`,
        params: {},
        href: "/agenda",
      })
      .returning({ id: notifications.id });
    return { ids: [n!.id] };
  },
  "notification.unreadCount": async () => undefined,
  "org.current": async () => undefined,
  "org.firstWeek": async () => undefined,
  "org.invitations": async () => undefined,
  "org.invite": async () => ({ email: `invitee-${randomUUID().slice(0, 8)}@test.example`, role: "counselor" }),
  "org.members": async () => undefined,
  "org.revokeInvitation": async (w) => ({ id: (await invitationToken(w)).id }),
  "org.setMemberActive": async (w) => ({ userId: await freshMember(w), active: false }),
  "org.setMemberRole": async (w) => ({ userId: await freshMember(w), role: "admin" }),
  "outcomes.lenderHistory": async (w) => ({ lenderId: w.ea.lenderId }),
  "outcomes.summary": async () => ({}),
  "payment.confirm": async (w) => {
    const p = (await w.a.as.clientA.payment.record({
      caseId: w.ea.caseId,
      amountFen: 5_000,
      paidOn: today,
      method: "bank-transfer",
      idempotencyKey: randomUUID(),
    })) as { id: string };
    return { caseId: w.ea.caseId, paymentId: p.id };
  },
  "payment.record": async (w) => ({
    caseId: w.ea.caseId,
    amountFen: 1_000,
    paidOn: today,
    method: "bank-transfer",
    idempotencyKey: randomUUID(),
  }),
  "payment.schedule": async (w) => ({ caseId: w.ea.caseId }),
  "plan.evaluate": async (w) => ({
    clientId: w.a.clientA.id,
    scenarios: [{ name: "方案一", startDate: today, lines: [{ debtId: w.ea.debtId, arrangement: { waivePenalty: true } }] }],
  }),
  "plan.get": async (w) => ({ clientId: w.a.clientA.id }),
  "plan.save": async (w) => {
    const plan = (await w.a.as.admin.plan.get({ clientId: w.a.clientA.id })) as { version: number } | null;
    return {
      clientId: w.a.clientA.id,
      expectedVersion: plan?.version ?? 0,
      scenarios: [{ name: "方案一", startDate: today, lines: [{ debtId: w.ea.debtId, arrangement: { waivePenalty: true } }] }],
      chosenScenario: 0,
    };
  },
  "portal.overview": async () => undefined,
  "portalAccess.invite": async (w) => ({ clientId: (await freshClient(w)).id }),
  "portalAccess.revealLink": async (w) => ({ clientId: (await invitedClient(w)).clientId }),
  "portalAccess.revoke": async (w) => invitedClient(w),
  "portalAccess.state": async (w) => ({ clientId: w.a.clientA.id }),
  // Each admin loads the sample clients into their own organization once; removal of none or of them is ok.
  "sample.load": async () => undefined,
  "sample.remove": async () => undefined,
  "sample.status": async () => undefined,
  "message.markRead": async (w) => ({ clientId: w.a.clientA.id }),
  "message.send": async (w) => ({ clientId: w.a.clientA.id, body: "您好，材料已经收到" }),
  "message.thread": async (w) => ({ clientId: w.a.clientA.id }),
  // Client A writes first, so her counselor and the admins have a thread with something unread.
  "message.unreadThreads": async (w) => {
    await w.a.as.clientA.message.send({ body: "请问下一步做什么？" });
    return undefined;
  },
  "sms.consent": async (w) => ({ clientId: w.a.clientA.id }),
  "sms.setConsent": async (w) => ({ clientId: w.a.clientA.id, given: true, locale: "zh-CN" }),
  "sms.settings": async () => undefined,
  "sms.updateSettings": async () => ({ quietStart: "22:00", quietEnd: "08:00", smsDailyCap: 3 }),
  "settings.get": async () => undefined,
  "settings.update": async () => ({
    bufferPct: "10",
    minPerCreditorFen: 10_000,
    requireProposalApproval: false,
    require2fa: false,
    businessHours: [{ start: "09:00", end: "18:00" }],
  }),
};

/** A digest of every table in the public schema (row count and an md5 over the rows): equal digests = no change. */
export async function databaseDigest(): Promise<Record<string, string>> {
  const db = await getDb();
  const tables = (await db.execute(
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  )) as unknown as { rows?: Array<{ name: string }> } & Array<{ name: string }>;
  const names = (tables.rows ?? tables).map((r) => r.name).filter((n) => !n.startsWith("__"));
  const out: Record<string, string> = {};
  for (const name of names) {
    const res = (await db.execute(
      sql`select count(*)::int as n, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as h from ${sql.identifier(name)} t`,
    )) as unknown as { rows?: Array<{ n: number; h: string }> } & Array<{ n: number; h: string }>;
    const row = (res.rows ?? res)[0];
    out[name] = `${row?.n}:${row?.h}`;
  }
  return out;
}

export { callerFor };
