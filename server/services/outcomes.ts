import { and, asc, eq, gte, inArray, isNotNull, isNull, lte, ne, sql } from "drizzle-orm";
import { withTenantRead, type Tx } from "@/db/client";
import {
  agreements,
  caseEvents,
  cases,
  clients,
  debts,
  instalments,
  lenders,
  memberships,
  orgCounters,
  payments,
  proposalResponses,
  proposals,
  users,
} from "@/db/schema";
import { balanceBeforeAgreement } from "@/server/domain/balance";
import { DomainError } from "@/server/domain/errors";
import { acceptanceBy, median, monthlyReductionFen, monthsBetween, percentile, ratio, statusByMonth } from "@/server/domain/outcomes";
import { applyPayments } from "@/server/domain/repayment";
import { proposalKind, waivedFen, type ProposalKind, type Terms } from "@/server/domain/terms";
import { addMonths, buildSchedule } from "@/server/domain/schedule";
import { addDays, daysBetween, shanghaiDate, todayInShanghai } from "@/server/domain/time";
import { isOpenCase } from "@/server/domain/case-state";
import { fieldError } from "@/server/errors";
import type { Actor } from "./access";
import { orgBalanceTotals } from "./balances";
import { legalOutcomeFigures } from "./outcomes-legal";
import { domain } from "./cases";
import { groupBy } from "./sql-rows";

/** The decisive answers; "documents-requested" is an interim reply, not an answer to the proposal. */
const DECISIVE = new Set(["accepted", "rejected", "counter-offer"]);

export type OutcomeRange = { from: string; to: string };

/** The requested range, or the last 12 months up to today (Beijing): [today − 12 months + 1 day, today]. */
export function resolveRange(input: { from?: string; to?: string }, today = todayInShanghai()): OutcomeRange {
  const to = input.to ?? today;
  const from = input.from ?? addDays(addMonths(to, -12), 1);
  if (from > to) throw fieldError("to", "rangeReversed");
  return { from, to };
}

type ProposalFact = {
  id: string;
  caseId: string;
  lenderId: string;
  lenderName: string;
  counselorId: string | null;
  kind: ProposalKind;
  sentDay: string | null;
  /** First decisive answer. */
  decisive: { kind: string; receivedOn: string } | null;
  /** First reply of any kind. */
  firstReplyOn: string | null;
};

/** Every sent proposal of the organization (optionally one lender's) with its first answers: two queries. */
export async function proposalFacts(tx: Tx, orgId: string, lenderId?: string): Promise<ProposalFact[]> {
  const rows = await tx
    .select({
      id: proposals.id,
      caseId: proposals.caseId,
      terms: proposals.terms,
      sentAt: proposals.sentAt,
      lenderId: lenders.id,
      lenderName: lenders.name,
      counselorId: clients.assignedCounselorId,
    })
    .from(proposals)
    .innerJoin(cases, and(eq(cases.orgId, orgId), eq(cases.id, proposals.caseId)))
    .innerJoin(clients, and(eq(clients.orgId, orgId), eq(clients.id, cases.clientId)))
    .innerJoin(debts, and(eq(debts.orgId, orgId), eq(debts.id, cases.debtId)))
    .innerJoin(lenders, and(eq(lenders.orgId, orgId), eq(lenders.id, debts.lenderId)))
    .where(and(eq(proposals.orgId, orgId), isNotNull(proposals.sentAt), lenderId ? eq(lenders.id, lenderId) : undefined));
  if (rows.length === 0) return [];
  const responses = await tx
    .select({
      proposalId: proposalResponses.proposalId,
      kind: proposalResponses.kind,
      receivedOn: proposalResponses.receivedOn,
      recordedAt: proposalResponses.recordedAt,
    })
    .from(proposalResponses)
    .where(
      and(
        eq(proposalResponses.orgId, orgId),
        // One lender: its cases only; the whole organization: every response (no list of ids to bind).
        lenderId ? inArray(proposalResponses.caseId, [...new Set(rows.map((r) => r.caseId))]) : undefined,
      ),
    )
    .orderBy(asc(proposalResponses.receivedOn), asc(proposalResponses.recordedAt), asc(proposalResponses.id));
  const byProposal = groupBy(responses, (r) => r.proposalId);
  return rows.map((p) => {
    const mine = byProposal.get(p.id) ?? [];
    const decisive = mine.find((r) => DECISIVE.has(r.kind));
    return {
      id: p.id,
      caseId: p.caseId,
      lenderId: p.lenderId,
      lenderName: p.lenderName,
      counselorId: p.counselorId,
      kind: proposalKind(p.terms),
      sentDay: p.sentAt ? shanghaiDate(p.sentAt) : null,
      decisive: decisive ? { kind: decisive.kind, receivedOn: decisive.receivedOn } : null,
      firstReplyOn: mine[0]?.receivedOn ?? null,
    };
  });
}

type AgreementFact = {
  id: string;
  caseId: string;
  lenderId: string;
  counselorId: string | null;
  agreedOn: string;
  terms: Terms;
  waivedFen: number;
  /** What the debt came to on the agreement day without it (server/domain/balance.ts): a waiver share's base. */
  beforeAgreementFen: number;
  contractualMonthlyFen: number | null;
  agreedMonthlyFen: number | null;
};

/**
 * The contractual monthly payment of a debt: an equal-instalment (等额本息) schedule of its original principal
 * at its annual rate over its term. Null when the term is unknown or the figures do not make a schedule.
 */
function contractualMonthly(d: {
  originalPrincipalFen: number;
  annualRatePct: string;
  termMonths: number | null;
  loanDate: string | null;
}) {
  if (!d.termMonths || d.originalPrincipalFen <= 0) return null;
  try {
    const rows = buildSchedule({
      principalFen: d.originalPrincipalFen,
      annualRatePct: d.annualRatePct,
      months: d.termMonths,
      method: "equal-instalment",
      firstDueDate: d.loanDate ?? "2000-01-01",
    });
    return rows[0]?.paymentFen ?? null;
  } catch (err) {
    if (err instanceof DomainError) return null;
    throw err;
  }
}

export async function agreementFacts(
  tx: Tx,
  orgId: string,
  where: { from?: string; to?: string; lenderId?: string },
): Promise<AgreementFact[]> {
  const rows = await tx
    .select({
      id: agreements.id,
      caseId: agreements.caseId,
      agreedOn: agreements.agreedOn,
      createdAt: agreements.createdAt,
      terms: agreements.terms,
      lenderId: debts.lenderId,
      counselorId: clients.assignedCounselorId,
      originalPrincipalFen: debts.originalPrincipalFen,
      outstandingPrincipalFen: debts.outstandingPrincipalFen,
      interestFen: debts.interestFen,
      penaltyFen: debts.penaltyFen,
      feesFen: debts.feesFen,
      annualRatePct: debts.annualRatePct,
      penaltyAnnualRatePct: debts.penaltyAnnualRatePct,
      overdueSince: debts.overdueSince,
      figuresRecordedAt: debts.figuresRecordedAt,
      termMonths: debts.termMonths,
      loanDate: debts.loanDate,
    })
    .from(agreements)
    .innerJoin(cases, and(eq(cases.orgId, orgId), eq(cases.id, agreements.caseId)))
    .innerJoin(clients, and(eq(clients.orgId, orgId), eq(clients.id, cases.clientId)))
    .innerJoin(debts, and(eq(debts.orgId, orgId), eq(debts.id, cases.debtId)))
    .where(
      and(
        eq(agreements.orgId, orgId),
        // Negotiated agreements only: a change agreed later under an agreement is not a second outcome.
        isNull(agreements.replacesAgreementId),
        // Direct negotiation only: an agreement reached in mediation is counted with mediation (outcomes-legal.ts).
        eq(agreements.source, "negotiation"),
        where.from ? gte(agreements.agreedOn, where.from) : undefined,
        where.to ? lte(agreements.agreedOn, where.to) : undefined,
        where.lenderId ? eq(debts.lenderId, where.lenderId) : undefined,
      ),
    );
  // The largest instalment of each of these agreements, in one grouped query.
  const largest = rows.length
    ? await tx
        .select({ agreementId: instalments.agreementId, maxFen: sql<string>`max(${instalments.amountFen})::text` })
        .from(instalments)
        .innerJoin(agreements, and(eq(agreements.orgId, orgId), eq(agreements.id, instalments.agreementId)))
        .innerJoin(cases, and(eq(cases.orgId, orgId), eq(cases.id, agreements.caseId)))
        .innerJoin(debts, and(eq(debts.orgId, orgId), eq(debts.id, cases.debtId)))
        .where(
          and(
            eq(instalments.orgId, orgId),
            where.from ? gte(agreements.agreedOn, where.from) : undefined,
            where.to ? lte(agreements.agreedOn, where.to) : undefined,
            where.lenderId ? eq(debts.lenderId, where.lenderId) : undefined,
          ),
        )
        .groupBy(instalments.agreementId)
    : [];
  const maxBy = new Map(largest.map((l) => [l.agreementId, Number(l.maxFen)]));
  return rows.map((r) => {
    const max = maxBy.get(r.id);
    return {
      id: r.id,
      caseId: r.caseId,
      lenderId: r.lenderId,
      counselorId: r.counselorId,
      agreedOn: r.agreedOn,
      terms: r.terms,
      waivedFen: waivedFen(r.terms),
      beforeAgreementFen: balanceBeforeAgreement({ figures: r, figuresRecordedAt: r.figuresRecordedAt }, r.agreedOn, r.createdAt),
      contractualMonthlyFen: contractualMonthly(r),
      agreedMonthlyFen: r.terms.instalments && max !== undefined ? max : null,
    };
  });
}

/**
 * The outcome figures for a date range (Beijing days, inclusive). One function feeds the dashboard and the
 * CSV/Excel export, so their figures are the same. Definitions:
 * - acceptance: sent proposals whose first decisive answer (accepted, rejected or counter-offer) was received
 *   in the range; accepted ÷ answered, by lender, by proposal kind and in total (a counter-offer is not an
 *   acceptance, even if the client later accepts it);
 * - relief: agreements agreed in the range (any status); fen waived = waived interest + penalty + fees;
 *   monthly payment reduction = Σ max(0, contractual monthly − agreed monthly) over agreements where both are
 *   known (contractual: equal-instalment schedule of the debt's original principal at its rate over its term;
 *   agreed: the largest instalment of the agreement's schedule), with how many agreements that covers;
 * - time to agreement: days from the case's first sent proposal (Beijing day) to agreed_on, for agreements
 *   agreed in the range: median and p90 (percentile by linear interpolation);
 * - repayment adherence: instalments due in the range and before today, on time = fully paid by confirmed
 *   payments dated on or before the due date (payments fill instalments in schedule order);
 * - cases by status: each case's status at the end of each month of the range (its last event by then);
 * - per counselor (current assignment): clients, open cases, answered/accepted, agreements and fen waived;
 * - balances (today, whatever the range): what every client owes now and what is left under active agreements,
 *   from the same stored balances as the caseload (server/services/balances.ts).
 */
export async function outcomeSummary(actor: Actor, input: { from?: string; to?: string }) {
  const range = resolveRange(input);
  const today = todayInShanghai();
  const orgId = actor.orgId;
  // A report: from the read replica when one is configured (it may lag the primary by the replication delay).
  return withTenantRead(actor, async (tx) => {
    // Every write that can change a figure bumps the organization's outcome sequence in its own transaction
    // (services/audit.ts), so a summary computed at the same sequence, range and day is still exact. The
    // sequence is read before the figures (on the same database), so a write that lands meanwhile can only
    // make the stored summary newer than its key, never older.
    const [head] = await tx.select({ seq: orgCounters.outcomeSeq }).from(orgCounters).where(eq(orgCounters.orgId, orgId)).limit(1);
    const key = `${orgId}|${range.from}|${range.to}|${today}`;
    const hit = summaryCache.get(key);
    if (head && hit && hit.seq === head.seq) return hit.summary;
    const summary = await computeSummary(tx, orgId, range, today);
    if (head) rememberSummary(key, head.seq, summary);
    return summary;
  });
}

type Summary = Awaited<ReturnType<typeof computeSummary>>;
const SUMMARY_CACHE_SIZE = 200;
const summaryCache = new Map<string, { seq: number; summary: Summary }>();

function rememberSummary(key: string, seq: number, summary: Summary) {
  summaryCache.delete(key);
  summaryCache.set(key, { seq, summary });
  // Oldest out first: a Map keeps insertion order.
  while (summaryCache.size > SUMMARY_CACHE_SIZE) summaryCache.delete(summaryCache.keys().next().value!);
}

/** Forgets every stored summary (benchmarks and tests compare with a fresh computation). */
export function clearOutcomeCache() {
  summaryCache.clear();
}

async function computeSummary(tx: Tx, orgId: string, range: OutcomeRange, today: string) {
  {
    const facts = await proposalFacts(tx, orgId);
    const answered = facts.filter((f) => f.decisive && f.decisive.receivedOn >= range.from && f.decisive.receivedOn <= range.to);
    const lenderNames = new Map(facts.map((f) => [f.lenderId, f.lenderName]));
    const byLender = acceptanceBy(answered.map((f) => ({ kind: f.kind, groupKey: f.lenderId, accepted: f.decisive!.kind === "accepted" })));
    const byKind = acceptanceBy(answered.map((f) => ({ kind: f.kind, groupKey: f.kind, accepted: f.decisive!.kind === "accepted" })));

    const agreed = await agreementFacts(tx, orgId, range);
    const reductions = agreed
      .map((a) => monthlyReductionFen(a.contractualMonthlyFen, a.agreedMonthlyFen))
      .filter((v): v is number => v !== null);
    const firstSent = new Map<string, string>();
    for (const f of facts) {
      if (!f.sentDay) continue;
      const prev = firstSent.get(f.caseId);
      if (!prev || f.sentDay < prev) firstSent.set(f.caseId, f.sentDay);
    }
    const durations = agreed.flatMap((a) => {
      const sent = firstSent.get(a.caseId);
      return sent ? [daysBetween(sent, a.agreedOn)] : [];
    });

    // Repayment adherence.
    const lastDue = addDays(today, -1) < range.to ? addDays(today, -1) : range.to;
    // The agreements with an instalment due in the range (a subquery, not a bound list of ids). A replaced
    // agreement is left out: its paid instalments and its payments live on in the change that replaced it.
    const dueAgreements = tx
      .selectDistinct({ id: instalments.agreementId })
      .from(instalments)
      .innerJoin(agreements, and(eq(agreements.orgId, orgId), eq(agreements.id, instalments.agreementId)))
      .where(
        and(
          eq(instalments.orgId, orgId),
          eq(agreements.orgId, orgId),
          ne(agreements.status, "replaced"),
          gte(instalments.dueDate, range.from),
          lte(instalments.dueDate, lastDue),
        ),
      );
    let due = 0;
    let onTime = 0;
    const schedule = await tx
      .select({
        agreementId: instalments.agreementId,
        seq: instalments.seq,
        dueDate: instalments.dueDate,
        amountFen: instalments.amountFen,
      })
      .from(instalments)
      .where(and(eq(instalments.orgId, orgId), inArray(instalments.agreementId, dueAgreements)));
    if (schedule.length) {
      const paid = await tx
        .select({ id: payments.id, agreementId: payments.agreementId, amountFen: payments.amountFen, paidOn: payments.paidOn })
        .from(payments)
        .where(and(eq(payments.orgId, orgId), inArray(payments.agreementId, dueAgreements), eq(payments.status, "confirmed")))
        .orderBy(asc(payments.paidOn), asc(payments.createdAt), asc(payments.id));
      const dueAgreementIds = [...new Set(schedule.map((r) => r.agreementId))];
      const scheduleBy = groupBy(schedule, (r) => r.agreementId);
      const paidBy = groupBy(paid, (p) => p.agreementId);
      for (const agreementId of dueAgreementIds) {
        const mine = paidBy.get(agreementId) ?? [];
        const paidOn = new Map(mine.map((p) => [p.id, p.paidOn]));
        const state = domain(() => applyPayments(scheduleBy.get(agreementId) ?? [], mine, today));
        for (const row of state.rows) {
          if (row.dueDate < range.from || row.dueDate > lastDue) continue;
          due += 1;
          if (row.remainingFen === 0 && row.allocations.every((a) => (paidOn.get(a.paymentId) ?? "9999-12-31") <= row.dueDate)) onTime += 1;
        }
      }
    }

    // Cases by status at each month's end.
    const events = await tx
      .select({ caseId: caseEvents.caseId, at: caseEvents.at, toStatus: caseEvents.toStatus })
      .from(caseEvents)
      .where(and(eq(caseEvents.orgId, orgId), lte(caseEvents.at, new Date(`${range.to}T23:59:59.999+08:00`))))
      .orderBy(asc(caseEvents.at), asc(caseEvents.id));
    const months = monthsBetween(range.from, range.to);
    const byMonth = statusByMonth(
      events.map((e, seq) => ({ caseId: e.caseId, day: shanghaiDate(e.at), seq, toStatus: e.toStatus })),
      months,
      range.to < today ? range.to : today,
    );

    // Per counselor.
    const counselors = await tx
      .select({ id: memberships.userId, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "counselor")))
      .orderBy(asc(users.name), asc(memberships.userId));
    const clientRows = await tx
      .select({ id: clients.id, counselorId: clients.assignedCounselorId })
      .from(clients)
      .where(and(eq(clients.orgId, orgId), inArray(clients.status, ["active", "closed"])));
    const caseRows = await tx
      .select({ status: cases.status, counselorId: clients.assignedCounselorId })
      .from(cases)
      .innerJoin(clients, and(eq(clients.orgId, orgId), eq(clients.id, cases.clientId)))
      .where(eq(cases.orgId, orgId));
    const clientsBy = groupBy(clientRows, (r) => r.counselorId);
    const casesBy = groupBy(caseRows, (r) => r.counselorId);
    const answeredBy = groupBy(answered, (f) => f.counselorId);
    const agreedBy = groupBy(agreed, (a) => a.counselorId);
    const perCounselor = counselors.map((c) => {
      const mineAnswered = answeredBy.get(c.id) ?? [];
      const accepted = mineAnswered.filter((f) => f.decisive!.kind === "accepted").length;
      const mineAgreed = agreedBy.get(c.id) ?? [];
      return {
        counselorId: c.id,
        name: c.name,
        clients: (clientsBy.get(c.id) ?? []).length,
        openCases: (casesBy.get(c.id) ?? []).filter((r) => isOpenCase(r.status)).length,
        answered: mineAnswered.length,
        accepted,
        acceptanceRate: ratio(accepted, mineAnswered.length).rate,
        agreements: mineAgreed.length,
        waivedFen: mineAgreed.reduce((s, a) => s + a.waivedFen, 0),
      };
    });

    return {
      range,
      acceptance: {
        total: byKind.total,
        byLender: byLender.groups
          .map((g) => ({
            lenderId: g.key,
            lenderName: lenderNames.get(g.key) ?? "",
            answered: g.answered,
            accepted: g.accepted,
            rate: g.rate,
          }))
          .sort((a, b) => (a.lenderName < b.lenderName ? -1 : a.lenderName > b.lenderName ? 1 : 0)),
        byKind: byKind.groups.map((g) => ({ kind: g.key as ProposalKind, answered: g.answered, accepted: g.accepted, rate: g.rate })),
      },
      relief: {
        agreements: agreed.length,
        waivedFen: agreed.reduce((s, a) => s + a.waivedFen, 0),
        monthlyReductionFen: reductions.reduce((s, v) => s + v, 0),
        monthlyReductionAgreements: reductions.length,
        byLender: [...groupBy(agreed, (a) => a.lenderId)]
          .map(([lenderId, list]) => {
            const cuts = list
              .map((a) => monthlyReductionFen(a.contractualMonthlyFen, a.agreedMonthlyFen))
              .filter((v): v is number => v !== null);
            return {
              lenderId,
              lenderName: lenderNames.get(lenderId) ?? "",
              agreements: list.length,
              waivedFen: list.reduce((sum, a) => sum + a.waivedFen, 0),
              monthlyReductionFen: cuts.reduce((sum, v) => sum + v, 0),
              monthlyReductionAgreements: cuts.length,
            };
          })
          .sort((a, b) => (a.lenderName < b.lenderName ? -1 : a.lenderName > b.lenderName ? 1 : 0)),
      },
      timeToAgreement: { agreements: durations.length, medianDays: median(durations), p90Days: percentile(durations, 0.9) },
      adherence: { due, onTime, rate: ratio(onTime, due).rate },
      casesByMonth: byMonth,
      perCounselor,
      /** Today's balances (not limited to the range): the figures the client file and the caseload show. */
      balances: await orgBalanceTotals(tx, orgId, today),
      /** Lawsuits and mediation, apart from direct negotiation (services/outcomes-legal.ts). */
      legal: await legalOutcomeFigures(tx, orgId, range),
    };
  }
}

export type OutcomeSummary = Awaited<ReturnType<typeof outcomeSummary>>;
