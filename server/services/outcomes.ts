import { and, asc, eq, gte, inArray, isNotNull, isNull, lte, notInArray, sql } from "drizzle-orm";
import { withTenantRead, type Tx } from "@/db/client";
import { agreements, cases, clients, debts, instalments, lenders, memberships, proposalResponses, proposals, users } from "@/db/schema";
import { balanceBeforeAgreement } from "@/server/domain/balance";
import { DomainError } from "@/server/domain/errors";
import {
  acceptanceBy,
  median,
  monthEnd,
  monthlyReductionFen,
  monthsBetween,
  percentile,
  ratio,
  statusByMonth,
} from "@/server/domain/outcomes";
import { proposalKind, waivedFen, type ProposalKind, type Terms } from "@/server/domain/terms";
import { addMonths, buildSchedule } from "@/server/domain/schedule";
import { addDays, daysBetween, shanghaiDate, todayInShanghai } from "@/server/domain/time";
import { CASE_STATES, ENDED_STATES, type CaseState } from "@/server/domain/case-state";
import { fieldError } from "@/server/errors";
import type { Actor } from "./access";
import { outcomeSequence } from "./audit";
import { orgBalanceTotals } from "./balances";
import { legalOutcomeFigures } from "./outcomes-legal";
import { groupBy, selectRows } from "./sql-rows";

/** The zone whose calendar days the figures count in (server/domain/time.ts), for days worked out by the database. */
const SHANGHAI = "Asia/Shanghai";

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
    // make the stored summary newer than its key, never older. The facts sequence moves with every such
    // write except payments and case moves: the proposal and agreement figures stored under it stay exact
    // through those, and only the repayment, case-state, per-counselor and balance figures are read again.
    const seqs = await outcomeSequence(tx, orgId);
    const key = `${orgId}|${range.from}|${range.to}|${today}`;
    const hit = summaryCache.get(key);
    if (seqs !== null && hit && hit.seq === seqs.outcome) return hit.summary;
    if (seqs === null) return computeSummary(tx, orgId, range, today, await computeFacts(tx, orgId, range));
    // Requests that miss at the same sequence (the first ones after a write) share one computation.
    const flightKey = `${key}|${seqs.outcome}`;
    const running = inFlight.get(flightKey);
    if (running) return running;
    const work = (async () => {
      const factsHit = factsCache.get(key);
      const facts = factsHit && factsHit.seq === seqs.facts ? factsHit.facts : await computeFacts(tx, orgId, range);
      remember(factsCache, key, { seq: seqs.facts, facts });
      const summary = await computeSummary(tx, orgId, range, today, facts);
      remember(summaryCache, key, { seq: seqs.outcome, summary });
      return summary;
    })();
    inFlight.set(flightKey, work);
    try {
      return await work;
    } finally {
      inFlight.delete(flightKey);
    }
  });
}

/** Summaries being computed now, by key and outcome sequence. */
const inFlight = new Map<string, Promise<Summary>>();

type Facts = Awaited<ReturnType<typeof computeFacts>>;
type Summary = Awaited<ReturnType<typeof computeSummary>>;
const SUMMARY_CACHE_SIZE = 200;
const summaryCache = new Map<string, { seq: number; summary: Summary }>();
const factsCache = new Map<string, { seq: number; facts: Facts }>();

function remember<V>(cache: Map<string, V>, key: string, value: V) {
  cache.delete(key);
  cache.set(key, value);
  // Oldest out first: a Map keeps insertion order.
  while (cache.size > SUMMARY_CACHE_SIZE) cache.delete(cache.keys().next().value!);
}

/** Forgets every stored summary (benchmarks and tests compare with a fresh computation). */
export function clearOutcomeCache() {
  summaryCache.clear();
  factsCache.clear();
}

/**
 * The figures of proposals and agreements: acceptance, relief, time to agreement and each counselor's share
 * of them. They do not change with a payment or a case's move (services/audit.ts FACTS_KEPT).
 */
async function computeFacts(tx: Tx, orgId: string, range: OutcomeRange) {
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
  const answeredBy = new Map(
    [...groupBy(answered, (f) => f.counselorId)].map(([id, list]) => [
      id,
      { answered: list.length, accepted: list.filter((f) => f.decisive!.kind === "accepted").length },
    ]),
  );
  const agreedBy = new Map(
    [...groupBy(agreed, (a) => a.counselorId)].map(([id, list]) => [
      id,
      { agreements: list.length, waivedFen: list.reduce((s, a) => s + a.waivedFen, 0) },
    ]),
  );
  return {
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
    answeredBy,
    agreedBy,
  };
}

/**
 * Cases by status at the end of each month of the range (at today for a month not over yet): the status of
 * each case's last event by then. Read from case_status_days, which the database keeps from case_events
 * (migration 0030): the count in a status at the end of a day is the sum of its rows up to that day, so this
 * is one grouped sum over at most a row per day and status, however many events the organization has.
 * `caseStatesByMonthFromEvents` is the same figure from every event, the oracle the tests compare it with.
 */
export async function caseStatesByMonth(tx: Tx, orgId: string, range: OutcomeRange, today: string) {
  const months = monthsBetween(range.from, range.to);
  if (months.length === 0) return [];
  const asOf = range.to < today ? range.to : today;
  // A day counts for a month when it is on or before the month's end, i.e. before the day after it. The
  // distinct bounds are sorted, so width_bucket gives each day the first bound after it (0-based).
  const bounds = months.map((m) => addDays(monthEnd(m) < asOf ? monthEnd(m) : asOf, 1));
  const distinct = [...new Set(bounds)];
  const rows = await selectRows<{ k: number; status: CaseState; n: number }>(
    tx,
    sql`select width_bucket(d.day, array[${sql.join(
      distinct.map((b) => sql`${b}::date`),
      sql`, `,
    )}]) as k, d.status, sum(d.delta)::int as n
      from case_status_days d
      where d.org_id = ${orgId} and d.day < ${distinct[distinct.length - 1]!}::date
      group by 1, 2`,
  );
  return months.map((month, i) => {
    const upTo = distinct.indexOf(bounds[i]!);
    const counts = new Map<string, number>();
    for (const r of rows) if (r.k <= upTo) counts.set(r.status, (counts.get(r.status) ?? 0) + r.n);
    return { month, counts: orderedCounts(counts) };
  });
}

/** Counts in the order of the case's life (server/domain/case-state.ts), none of nothing. */
function orderedCounts(counts: ReadonlyMap<string, number>): Record<string, number> {
  const order = (s: string) => {
    const i = (CASE_STATES as readonly string[]).indexOf(s);
    return i < 0 ? CASE_STATES.length : i;
  };
  return Object.fromEntries([...counts].filter(([, n]) => n > 0).sort(([a], [b]) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0)));
}

/** The same figure as `caseStatesByMonth` from every case event of the organization up to the range's end. */
export async function caseStatesByMonthFromEvents(tx: Tx, orgId: string, range: OutcomeRange, today: string) {
  const events = await selectRows<{ caseId: string; day: string; toStatus: string }>(
    tx,
    sql`select e.case_id::text as "caseId", to_char(e.at at time zone ${SHANGHAI}, 'YYYY-MM-DD') as day, e.to_status as "toStatus"
      from case_events e
      where e.org_id = ${orgId} and e.at <= ${new Date(`${range.to}T23:59:59.999+08:00`).toISOString()}::timestamptz
      order by e.at, e.id`,
  );
  return statusByMonth(
    events.map((e, seq) => ({ caseId: e.caseId, day: e.day, seq, toStatus: e.toStatus })),
    monthsBetween(range.from, range.to),
    range.to < today ? range.to : today,
  ).map((m) => ({ month: m.month, counts: orderedCounts(new Map(Object.entries(m.counts))) }));
}

/**
 * Repayment adherence in one statement: the instalments due in the range and before today (of agreements
 * not replaced), and how many of them were on time. Payments fill instalments in schedule order, in the
 * order they were paid (server/domain/repayment.ts), so a row is fully paid by payments dated on or before
 * its due date exactly when the confirmed payments dated by then reach the running total through that row
 * (a row of nothing is on time).
 */
async function adherence(tx: Tx, orgId: string, from: string, lastDue: string) {
  const [row] = await selectRows<{ due: number; onTime: number }>(
    tx,
    sql`with due_agreements as (
      select distinct i.agreement_id
      from instalments i
      join agreements a on a.org_id = ${orgId} and a.id = i.agreement_id
      where i.org_id = ${orgId} and a.status <> 'replaced' and i.due_date >= ${from} and i.due_date <= ${lastDue}
    ), sched as (
      select s.agreement_id, s.due_date, s.amount_fen,
        sum(s.amount_fen) over (partition by s.agreement_id order by s.seq) as through_fen
      from instalments s
      where s.org_id = ${orgId} and s.agreement_id in (select d.agreement_id from due_agreements d)
    )
    select count(*)::int as due,
      (count(*) filter (where r.amount_fen = 0 or coalesce((
        select sum(p.amount_fen) from payments p
        where p.org_id = ${orgId} and p.agreement_id = r.agreement_id and p.status = 'confirmed' and p.paid_on <= r.due_date
      ), 0) >= r.through_fen))::int as "onTime"
    from sched r
    where r.due_date >= ${from} and r.due_date <= ${lastDue}`,
  );
  return { due: row?.due ?? 0, onTime: row?.onTime ?? 0 };
}

async function computeSummary(tx: Tx, orgId: string, range: OutcomeRange, today: string, facts: Facts) {
  // Repayment adherence.
  const lastDue = addDays(today, -1) < range.to ? addDays(today, -1) : range.to;
  const { due, onTime } = await adherence(tx, orgId, range.from, lastDue);

  // Cases by status at each month's end: a grouped sum over the maintained day counts (decision 020).
  const byMonth = await caseStatesByMonth(tx, orgId, range, today);

  // Per counselor: the members and, counted by the database, their clients and open cases.
  const counselors = await tx
    .select({ id: memberships.userId, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "counselor")))
    .orderBy(asc(users.name), asc(memberships.userId));
  const clientCounts = await tx
    .select({ counselorId: clients.assignedCounselorId, n: sql<number>`count(*)::int` })
    .from(clients)
    .where(and(eq(clients.orgId, orgId), inArray(clients.status, ["active", "closed"])))
    .groupBy(clients.assignedCounselorId);
  const openCounts = await tx
    .select({ counselorId: clients.assignedCounselorId, n: sql<number>`count(*)::int` })
    .from(cases)
    .innerJoin(clients, and(eq(clients.orgId, orgId), eq(clients.id, cases.clientId)))
    .where(and(eq(cases.orgId, orgId), notInArray(cases.status, [...ENDED_STATES])))
    .groupBy(clients.assignedCounselorId);
  const clientsBy = new Map(clientCounts.map((r) => [r.counselorId, r.n]));
  const openBy = new Map(openCounts.map((r) => [r.counselorId, r.n]));
  const perCounselor = counselors.map((c) => {
    const a = facts.answeredBy.get(c.id) ?? { answered: 0, accepted: 0 };
    const g = facts.agreedBy.get(c.id) ?? { agreements: 0, waivedFen: 0 };
    return {
      counselorId: c.id,
      name: c.name,
      clients: clientsBy.get(c.id) ?? 0,
      openCases: openBy.get(c.id) ?? 0,
      answered: a.answered,
      accepted: a.accepted,
      acceptanceRate: ratio(a.accepted, a.answered).rate,
      agreements: g.agreements,
      waivedFen: g.waivedFen,
    };
  });

  return {
    range,
    acceptance: facts.acceptance,
    relief: facts.relief,
    timeToAgreement: facts.timeToAgreement,
    adherence: { due, onTime, rate: ratio(onTime, due).rate },
    casesByMonth: byMonth,
    perCounselor,
    /** Today's balances (not limited to the range): the figures the client file and the caseload show. */
    balances: await orgBalanceTotals(tx, orgId, today),
    /** Lawsuits and mediation, apart from direct negotiation (services/outcomes-legal.ts). */
    legal: await legalOutcomeFigures(tx, orgId, range),
  };
}

export type OutcomeSummary = Awaited<ReturnType<typeof outcomeSummary>>;
