import { and, asc, eq, isNull, max } from "drizzle-orm";
import { withTenant, type Tx } from "@/db/client";
import {
  agreements,
  clients,
  instalments,
  organizations,
  proposalResponses,
  proposals,
  tasks,
  type Art70Terms,
  type ProposalChannel,
  plans,
} from "@/db/schema";
import { addWorkingDays } from "@/server/domain/calendar";
import { isNegotiable } from "@/server/domain/case-state";
import { scheduleFromTerms, type Terms } from "@/server/domain/terms";
import { basisFromFigures, type TermsIssue } from "@/server/domain/terms-check";
import { todayInShanghai } from "@/server/domain/time";
import { AppError, fieldError } from "@/server/errors";
import { log } from "@/server/log";
import type { RecordResponseInput } from "@/server/schemas/cases";
import type { Actor } from "./access";
import { writeAudit } from "./audit";
import { loadCalendar, NO_ANSWER_WORKING_DAYS } from "./calendar";
import { refreshBalances } from "./balances";
import { markPlanNeedsReview } from "./plan-review";
import { caseDebt, domain, loadCase, moveCaseOn, type CaseRow } from "./cases";
import { assertClientDocuments } from "./document-refs";
import { createRequests } from "./document-requests";
import { guardTerms } from "./terms-guard";
import { assertAuthorised } from "./authorisations";
import { assertSignedOff } from "./sign-offs";
import type { ScenarioInput } from "@/server/schemas/assessment";
import type { PlanEvaluation } from "@/server/domain/plan";
import { systemReasonText } from "@/server/domain/case-reasons";

/** Object keys whose value is `undefined` removed (superjson keeps them; the audit hash refuses them; jsonb drops them). */
function dropUndefined(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropUndefined);
  if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype)
    return Object.fromEntries(
      Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => [k, dropUndefined(x)]),
    );
  return v;
}

function audit(tx: Tx, actor: Actor, action: string, entityType: string, entityId: string, before: unknown, after: unknown) {
  return writeAudit(tx, {
    orgId: actor.orgId,
    actorUserId: actor.userId,
    action,
    entityType,
    entityId,
    before: dropUndefined(before),
    after: dropUndefined(after),
    requestId: actor.requestId,
  });
}

async function loadProposal(tx: Tx, actor: Actor, caseId: string, proposalId: string, lock = false) {
  const q = tx
    .select()
    .from(proposals)
    .where(and(eq(proposals.orgId, actor.orgId), eq(proposals.caseId, caseId), eq(proposals.id, proposalId)))
    .limit(1);
  const [row] = lock ? await q.for("update") : await q;
  // A proposal of another case (or organization) is "not found" here, whatever its id.
  if (!row) throw new AppError("NOT_FOUND");
  return row;
}

export async function createProposal(actor: Actor, input: { caseId: string; terms: Terms; channel: ProposalChannel; validUntil: string }) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, input.caseId, { lock: true });
    if (!isNegotiable(c.status)) throw fieldError("state", "caseNotNegotiable");
    if (input.validUntil < todayInShanghai()) throw fieldError("validUntil", "dateInPast");
    domain(() => scheduleFromTerms(input.terms));
    const warnings = await guardTerms(tx, actor, c, input.terms, basisFromFigures(await caseDebt(tx, actor, c), todayInShanghai()));
    const [last] = await tx
      .select({ seq: max(proposals.seq) })
      .from(proposals)
      .where(and(eq(proposals.orgId, actor.orgId), eq(proposals.caseId, c.id)));
    const [row] = await tx
      .insert(proposals)
      .values({
        orgId: actor.orgId,
        caseId: c.id,
        seq: (last?.seq ?? 0) + 1,
        terms: input.terms,
        channel: input.channel,
        validUntil: input.validUntil,
        status: "draft",
        createdBy: actor.userId,
      })
      .returning({ id: proposals.id, seq: proposals.seq, status: proposals.status, version: proposals.version });
    if (!row) throw new Error("proposal insert returned nothing");
    await audit(tx, actor, "proposal.create", "proposal", row.id, null, {
      caseId: c.id,
      terms: input.terms,
      channel: input.channel,
      validUntil: input.validUntil,
      warnings: warnings.map((w) => w.code),
    });
    return { ...row, warnings };
  });
}

/**
 * Marks a proposal sent. When the organization requires approval and no admin has approved it yet, it
 * goes to "awaiting-approval" instead and nothing is sent. Sending moves the case to "proposed" and puts a
 * "no answer after 5 working days" follow-up on the counselor's agenda.
 */
export async function sendProposal(actor: Actor, input: { caseId: string; proposalId: string }) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, input.caseId, { lock: true });
    const p = await loadProposal(tx, actor, c.id, input.proposalId, true);
    if (p.status !== "draft" && p.status !== "awaiting-approval") throw fieldError("proposalId", "proposalNotDraft");
    const [org] = await tx
      .select({ requireApproval: organizations.requireProposalApproval })
      .from(organizations)
      .where(eq(organizations.id, actor.orgId))
      .limit(1);
    if (org?.requireApproval && !p.approvedBy) {
      if (p.status === "awaiting-approval") throw fieldError("proposalId", "awaitingApproval");
      await tx
        .update(proposals)
        .set({ status: "awaiting-approval", version: p.version + 1 })
        .where(and(eq(proposals.orgId, actor.orgId), eq(proposals.id, p.id), eq(proposals.version, p.version)));
      await audit(tx, actor, "proposal.submitForApproval", "proposal", p.id, { status: p.status }, { status: "awaiting-approval" });
      return { id: p.id, status: "awaiting-approval" as const, taskDueOn: null };
    }
    // Sent in the client's name: under her authorisation for this lender, and confirmed by her if the agency asks.
    const debt = await caseDebt(tx, actor, c);
    await assertAuthorised(tx, actor, { clientId: c.clientId, lenderId: debt.lenderId, lenderName: debt.lenderName, purpose: "negotiate" });
    await assertSignedOff(tx, actor, p.id);
    const today = todayInShanghai();
    await moveCaseOn(tx, actor, c, "proposalSent", systemReasonText({ key: "proposalSent", seq: p.seq }));
    const [sent] = await tx
      .update(proposals)
      .set({ status: "sent", sentAt: new Date(), version: p.version + 1 })
      .where(and(eq(proposals.orgId, actor.orgId), eq(proposals.id, p.id), eq(proposals.version, p.version)))
      .returning({ id: proposals.id, status: proposals.status });
    if (!sent) throw new AppError("CONFLICT");
    const [client] = await tx
      .select({ counselorId: clients.assignedCounselorId })
      .from(clients)
      .where(and(eq(clients.orgId, actor.orgId), eq(clients.id, c.clientId)))
      .limit(1);
    const calendar = await loadCalendar(tx);
    const followUp = domain(() => addWorkingDays(calendar, today, NO_ANSWER_WORKING_DAYS));
    const dueOn = followUp.date;
    if (followUp.estimated) {
      log("warn", "holiday calendar lacks the year; follow-up date counted Monday–Friday", { orgId: actor.orgId, proposalId: p.id, dueOn });
    }
    await tx.insert(tasks).values({
      orgId: actor.orgId,
      caseId: c.id,
      kind: "proposal-no-answer",
      proposalId: p.id,
      assignedTo: client?.counselorId ?? actor.userId,
      dueOn,
      dueEstimated: followUp.estimated,
    });
    await audit(
      tx,
      actor,
      "proposal.send",
      "proposal",
      p.id,
      { status: p.status },
      { status: "sent", followUpDueOn: dueOn, followUpEstimated: followUp.estimated },
    );
    return { id: p.id, status: "sent" as const, taskDueOn: dueOn, taskDueEstimated: followUp.estimated };
  });
}

/** An admin approves a proposal that awaits approval; it can then be sent. */
export async function approveProposal(actor: Actor, input: { caseId: string; proposalId: string }) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, input.caseId, { lock: true });
    const p = await loadProposal(tx, actor, c.id, input.proposalId, true);
    if (p.status !== "awaiting-approval") throw fieldError("proposalId", "proposalNotAwaitingApproval");
    await tx
      .update(proposals)
      .set({ status: "draft", approvedBy: actor.userId, approvedAt: new Date(), version: p.version + 1 })
      .where(and(eq(proposals.orgId, actor.orgId), eq(proposals.id, p.id), eq(proposals.version, p.version)));
    await audit(tx, actor, "proposal.approve", "proposal", p.id, { status: p.status }, { status: "draft", approvedBy: actor.userId });
    return { id: p.id, status: "draft" as const, approvedBy: actor.userId };
  });
}

async function activeAgreement(tx: Tx, actor: Actor, caseId: string) {
  const [row] = await tx
    .select({ id: agreements.id })
    .from(agreements)
    .where(and(eq(agreements.orgId, actor.orgId), eq(agreements.caseId, caseId), eq(agreements.status, "active")))
    .limit(1);
  return row ?? null;
}

async function createAgreement(
  tx: Tx,
  actor: Actor,
  c: CaseRow,
  from: { proposalId: string; responseId: string; terms: Terms },
  extras: { art70?: Art70Terms; evidenceDocumentIds?: string[]; agreedOn?: string },
) {
  if (await activeAgreement(tx, actor, c.id)) throw new AppError("CONFLICT", { messageKey: "agreementExists" });
  const evidence = await assertClientDocuments(tx, actor, c.clientId, extras.evidenceDocumentIds, "evidenceDocumentIds");
  const rows = scheduleFromTerms(from.terms);
  const [agreement] = await tx
    .insert(agreements)
    .values({
      orgId: actor.orgId,
      caseId: c.id,
      proposalId: from.proposalId,
      responseId: from.responseId,
      terms: from.terms,
      art70: extras.art70 ?? null,
      evidenceDocumentIds: evidence,
      agreedOn: extras.agreedOn ?? todayInShanghai(),
      createdBy: actor.userId,
    })
    .returning({ id: agreements.id });
  if (!agreement) throw new Error("agreement insert returned nothing");
  if (rows.length > 0) {
    await tx.insert(instalments).values(
      rows.map((r) => ({
        orgId: actor.orgId,
        agreementId: agreement.id,
        seq: r.seq,
        dueDate: r.dueDate,
        amountFen: r.paymentFen,
        principalFen: r.principalFen,
        interestFen: r.interestFen,
      })),
    );
  }
  // The debt's balance is now the agreed total (server/domain/balance.ts); the plan's figures for it no longer hold.
  await refreshBalances(tx, actor.orgId, [c.debtId]);
  await markPlanNeedsReview(tx, actor.orgId, c.clientId, "agreement-changed");
  await audit(tx, actor, "agreement.create", "agreement", agreement.id, null, {
    caseId: c.id,
    proposalId: from.proposalId,
    responseId: from.responseId,
    instalments: rows.length,
    art70: extras.art70 ?? null,
  });
  return { id: agreement.id, instalments: rows.length };
}

/** An agreement of this case made from the proposal or the response, if any (active or not). */
async function agreementFrom(tx: Tx, actor: Actor, caseId: string, from: { proposalId?: string; responseId?: string }) {
  const [row] = await tx
    .select({ id: agreements.id })
    .from(agreements)
    .where(
      and(
        eq(agreements.orgId, actor.orgId),
        eq(agreements.caseId, caseId),
        from.proposalId ? eq(agreements.proposalId, from.proposalId) : undefined,
        from.responseId ? eq(agreements.responseId, from.responseId) : undefined,
      ),
    )
    .limit(1);
  return row ?? null;
}

async function closeFollowUps(tx: Tx, actor: Actor, proposalId: string) {
  await tx
    .update(tasks)
    .set({ doneAt: new Date() })
    .where(and(eq(tasks.orgId, actor.orgId), eq(tasks.proposalId, proposalId), isNull(tasks.doneAt)));
}

/** Records the lender's answer to a sent proposal of this case; "accepted" also makes the agreement. */
export async function recordResponse(actor: Actor, input: RecordResponseInput) {
  return withTenant(actor, async (tx) => {
    let c = await loadCase(tx, actor, input.caseId, { lock: true });
    const p = await loadProposal(tx, actor, c.id, input.proposalId, true);
    if (p.status !== "sent" && p.status !== "answered") throw fieldError("proposalId", "proposalNotSent");
    if (input.kind === "accepted" && (await activeAgreement(tx, actor, c.id))) {
      throw new AppError("CONFLICT", { messageKey: "agreementExists" });
    }
    if (await agreementFrom(tx, actor, c.id, { proposalId: p.id })) throw fieldError("proposalId", "proposalAgreed");
    let warnings: TermsIssue[] = [];
    if (input.kind === "counter-offer") {
      domain(() => scheduleFromTerms(input.terms));
      warnings = await guardTerms(tx, actor, c, input.terms, basisFromFigures(await caseDebt(tx, actor, c), todayInShanghai()));
    }
    const [response] = await tx
      .insert(proposalResponses)
      .values({
        orgId: actor.orgId,
        caseId: c.id,
        proposalId: p.id,
        kind: input.kind,
        reason: input.kind === "rejected" ? input.reason : null,
        terms: input.kind === "counter-offer" ? input.terms : null,
        documentsRequested: input.kind === "documents-requested" ? input.documents : null,
        note: input.note ?? null,
        receivedOn: input.receivedOn,
        recordedBy: actor.userId,
      })
      .returning({ id: proposalResponses.id });
    if (!response) throw new Error("response insert returned nothing");
    if (input.kind === "documents-requested") {
      await createRequests(tx, actor, {
        caseId: c.id,
        clientId: c.clientId,
        responseId: response.id,
        kinds: input.documents,
        requestedOn: input.receivedOn,
      });
    }
    if (p.status !== "answered") {
      await tx
        .update(proposals)
        .set({ status: "answered", version: p.version + 1 })
        .where(and(eq(proposals.orgId, actor.orgId), eq(proposals.id, p.id), eq(proposals.version, p.version)));
    }
    await closeFollowUps(tx, actor, p.id);
    const why = systemReasonText({ key: "response", seq: p.seq, answer: input.kind });
    if (input.kind === "counter-offer" || input.kind === "documents-requested") {
      c = await moveCaseOn(tx, actor, c, "lenderReplied", why);
    } else if (input.kind === "rejected") {
      c = await moveCaseOn(tx, actor, c, "lenderRejected", why);
    }
    let agreementId: string | null = null;
    if (input.kind === "accepted") {
      c = await moveCaseOn(tx, actor, c, "agreed", why);
      agreementId = (await createAgreement(tx, actor, c, { proposalId: p.id, responseId: response.id, terms: p.terms }, input)).id;
    }
    await audit(
      tx,
      actor,
      "proposal.response",
      "proposal",
      p.id,
      { status: p.status },
      {
        responseId: response.id,
        kind: input.kind,
        warnings: warnings.map((w) => w.code),
      },
    );
    return { id: response.id, caseStatus: c.status, agreementId, warnings };
  });
}

/** The client (through the counselor) accepts a lender's counter-offer: its terms become the agreement. */
export async function acceptCounterOffer(
  actor: Actor,
  input: { caseId: string; responseId: string; art70?: Art70Terms; evidenceDocumentIds?: string[]; agreedOn?: string },
) {
  return withTenant(actor, async (tx) => {
    let c = await loadCase(tx, actor, input.caseId, { lock: true });
    const [response] = await tx
      .select()
      .from(proposalResponses)
      .where(and(eq(proposalResponses.orgId, actor.orgId), eq(proposalResponses.caseId, c.id), eq(proposalResponses.id, input.responseId)))
      .limit(1);
    if (!response || response.kind !== "counter-offer" || !response.terms) throw new AppError("NOT_FOUND");
    if (await agreementFrom(tx, actor, c.id, { responseId: response.id })) throw fieldError("responseId", "counterOfferUsed");
    // Checked again: the debt's figures may have been corrected since the counter-offer was recorded.
    const warnings = await guardTerms(tx, actor, c, response.terms, basisFromFigures(await caseDebt(tx, actor, c), todayInShanghai()));
    c = await moveCaseOn(tx, actor, c, "agreed", systemReasonText({ key: "counterOfferAccepted" }));
    const agreement = await createAgreement(
      tx,
      actor,
      c,
      { proposalId: response.proposalId, responseId: response.id, terms: response.terms },
      input,
    );
    return { agreementId: agreement.id, caseStatus: c.status, instalments: agreement.instalments, warnings };
  });
}

/**
 * A case's proposals (by number) with their responses (in the order recorded), as the case page lists them and
 * the evidence pack exports them: one query, one order. A sent proposal past its valid-until date shows as expired.
 */
export async function caseProposals(tx: Tx, actor: Actor, c: CaseRow, today: string = todayInShanghai()) {
  const rows = await tx
    .select({
      id: proposals.id,
      seq: proposals.seq,
      terms: proposals.terms,
      channel: proposals.channel,
      validUntil: proposals.validUntil,
      status: proposals.status,
      approvedBy: proposals.approvedBy,
      sentAt: proposals.sentAt,
      createdAt: proposals.createdAt,
      version: proposals.version,
    })
    .from(proposals)
    .where(and(eq(proposals.orgId, actor.orgId), eq(proposals.caseId, c.id)))
    .orderBy(asc(proposals.seq));
  const responses = await tx
    .select({
      id: proposalResponses.id,
      proposalId: proposalResponses.proposalId,
      kind: proposalResponses.kind,
      reason: proposalResponses.reason,
      terms: proposalResponses.terms,
      documentsRequested: proposalResponses.documentsRequested,
      note: proposalResponses.note,
      receivedOn: proposalResponses.receivedOn,
      recordedAt: proposalResponses.recordedAt,
    })
    .from(proposalResponses)
    .where(and(eq(proposalResponses.orgId, actor.orgId), eq(proposalResponses.caseId, c.id)))
    .orderBy(asc(proposalResponses.recordedAt), asc(proposalResponses.id));
  const made = await tx
    .select({ proposalId: agreements.proposalId, responseId: agreements.responseId })
    .from(agreements)
    .where(and(eq(agreements.orgId, actor.orgId), eq(agreements.caseId, c.id)));
  return rows.map((p) => ({
    ...p,
    status: p.status === "sent" && p.validUntil < today ? ("expired" as const) : p.status,
    /** An agreement was made from it: no more answers are recorded to it (a new negotiation is a new proposal). */
    agreed: made.some((m) => m.proposalId === p.id),
    responses: responses
      .filter((r) => r.proposalId === p.id)
      .map((r) => ({ ...r, madeAgreement: made.some((m) => m.responseId === r.id) })),
  }));
}

/** The case page's proposals (caseProposals). */
export async function listProposals(actor: Actor, caseId: string) {
  return withTenant(actor, async (tx) => caseProposals(tx, actor, await loadCase(tx, actor, caseId)));
}

/**
 * A first proposal drafted from the client's saved plan: the chosen scenario's arrangement for this
 * case's debt, with the amounts of the debt as it stands (waived parts), and the instalment terms and
 * first due date the plan computed. null when the client has no saved plan that covers the debt.
 */
export async function draftFromPlan(actor: Actor, caseId: string): Promise<Terms | null> {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, caseId);
    const debt = await caseDebt(tx, actor, c);
    const [plan] = await tx
      .select({ scenarios: plans.scenarios, chosen: plans.chosenScenario, evaluation: plans.evaluation })
      .from(plans)
      .where(and(eq(plans.orgId, actor.orgId), eq(plans.clientId, c.clientId)))
      .limit(1);
    if (!plan) return null;
    const scenario = (plan.scenarios as ScenarioInput[])[plan.chosen];
    const arrangement = scenario?.lines.find((l) => l.debtId === debt.debtId)?.arrangement;
    const line = (plan.evaluation as PlanEvaluation | null)?.lines.find((l) => l.debtId === debt.debtId);
    if (!arrangement || !line) return null;
    const terms: Terms = {};
    const waiver: NonNullable<Terms["waiver"]> = {};
    if (arrangement.waiveInterest && debt.interestFen > 0) waiver.interestFen = debt.interestFen;
    if (arrangement.waivePenalty && debt.penaltyFen > 0) waiver.penaltyFen = debt.penaltyFen;
    if (arrangement.waiveFees && debt.feesFen > 0) waiver.feesFen = debt.feesFen;
    if (Object.keys(waiver).length) terms.waiver = waiver;
    const firstDue = line.schedule[0]?.dueDate;
    if (arrangement.instalment && firstDue && line.amountToRepayFen > 0) {
      terms.instalments = {
        amountFen: line.amountToRepayFen,
        method: arrangement.instalment.method,
        months: arrangement.instalment.months,
        annualRatePct: arrangement.instalment.method === "interest-free" ? "0" : (arrangement.instalment.annualRatePct ?? "0"),
        firstDueDate: firstDue,
      };
    }
    if (arrangement.deferralMonths) terms.deferral = { months: arrangement.deferralMonths };
    return Object.keys(terms).length ? terms : null;
  });
}
