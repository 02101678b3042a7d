import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { setTenant, type Db, type Tx } from "@/db/client";
import { agreements, cases, debtBalances, debts, instalments, payments } from "@/db/schema";
import {
  balanceBasis,
  currentAgreement,
  growthDays,
  growthOn,
  owedOn,
  type AgreementForBalance,
  type AgreementLink,
  type BalanceBasis,
  type BalanceFacts,
} from "@/server/domain/balance";
import { sumFen } from "@/server/domain/money";
import { log } from "@/server/log";
import { groupBy, selectRows } from "./sql-rows";

/**
 * The one query module of the debt balance (server/domain/balance.ts has the rules):
 * - `refreshBalances` recomputes the stored basis (table debt_balances) of some debts from their facts and
 *   writes it, in the caller's transaction. Every write that changes a balance calls it: a debt created,
 *   edited or archived; an agreement made, changed (agreements.ts changeAgreement), completed or broken
 *   (recordBreach); a payment reported or confirmed (and any case transition, see cases.ts moveCase).
 * - `loadBalances` reads the stored basis of a set of clients' or debts' balances (one statement) and gives
 *   each debt its figure owed today; every screen that shows an amount owed reads it from here.
 * - `owedSql` is the same figure as a SQL expression, for the caseload's sort and filters over every client.
 * Facts are read in a fixed number of statements per batch of debts, never one query per debt.
 */

/** Debts per batch of fact queries (keeps bound parameter lists short). */
const BATCH = 500;

type FactsRow = { debtId: string; clientId: string; facts: BalanceFacts };

/** The facts of some debts' balances: 4 statements per batch (debts, agreements, instalments, payments). */
export async function loadBalanceFacts(tx: Tx, orgId: string, debtIds: readonly string[]): Promise<FactsRow[]> {
  const out: FactsRow[] = [];
  const ids = [...new Set(debtIds)];
  for (let i = 0; i < ids.length; i += BATCH) out.push(...(await factsBatch(tx, orgId, ids.slice(i, i + BATCH))));
  return out;
}

async function factsBatch(tx: Tx, orgId: string, ids: string[]): Promise<FactsRow[]> {
  if (ids.length === 0) return [];
  const debtRows = await tx
    .select({
      id: debts.id,
      clientId: debts.clientId,
      archivedAt: debts.archivedAt,
      outstandingPrincipalFen: debts.outstandingPrincipalFen,
      interestFen: debts.interestFen,
      penaltyFen: debts.penaltyFen,
      feesFen: debts.feesFen,
      annualRatePct: debts.annualRatePct,
      penaltyAnnualRatePct: debts.penaltyAnnualRatePct,
      overdueSince: debts.overdueSince,
      figuresRecordedAt: debts.figuresRecordedAt,
    })
    .from(debts)
    .where(and(eq(debts.orgId, orgId), inArray(debts.id, ids)));
  const agreementRows = await tx
    .select({
      id: agreements.id,
      debtId: cases.debtId,
      status: agreements.status,
      agreedOn: agreements.agreedOn,
      createdAt: agreements.createdAt,
      terms: agreements.terms,
      replacesAgreementId: agreements.replacesAgreementId,
      remainingBeforeFen: agreements.remainingBeforeFen,
    })
    .from(agreements)
    .innerJoin(cases, and(eq(cases.orgId, orgId), eq(cases.id, agreements.caseId)))
    .where(and(eq(agreements.orgId, orgId), eq(cases.orgId, orgId), inArray(cases.debtId, ids)));
  type AgreementRow = (typeof agreementRows)[number];
  const chosen = new Map<string, AgreementRow>();
  const replacedBy = new Map<string, AgreementLink[]>();
  for (const [debtId, list] of groupBy(agreementRows, (a) => a.debtId)) {
    const a = currentAgreement(list);
    if (!a) continue;
    chosen.set(debtId, a);
    replacedBy.set(a.id, replacedChain(list, a));
  }
  const agreementIds = [...chosen.values()].map((a) => a.id);
  const rows = agreementIds.length
    ? await tx
        .select({
          agreementId: instalments.agreementId,
          seq: instalments.seq,
          dueDate: instalments.dueDate,
          amountFen: instalments.amountFen,
        })
        .from(instalments)
        .where(and(eq(instalments.orgId, orgId), inArray(instalments.agreementId, agreementIds)))
        .orderBy(asc(instalments.agreementId), asc(instalments.seq))
    : [];
  const paid = agreementIds.length
    ? await tx
        .select({
          id: payments.id,
          agreementId: payments.agreementId,
          amountFen: payments.amountFen,
          paidOn: payments.paidOn,
          status: payments.status,
        })
        .from(payments)
        .where(and(eq(payments.orgId, orgId), inArray(payments.agreementId, agreementIds)))
        .orderBy(asc(payments.paidOn), asc(payments.createdAt), asc(payments.id))
    : [];
  const rowsBy = groupBy(rows, (r) => r.agreementId);
  const paidBy = groupBy(paid, (p) => p.agreementId);
  return debtRows.map((d) => {
    const a = chosen.get(d.id);
    const agreement: AgreementForBalance | null = a
      ? {
          id: a.id,
          status: a.status,
          agreedOn: a.agreedOn,
          createdAt: a.createdAt,
          terms: a.terms,
          remainingBeforeFen: a.remainingBeforeFen,
          replaced: replacedBy.get(a.id) ?? [],
          schedule: rowsBy.get(a.id) ?? [],
          payments: paidBy.get(a.id) ?? [],
        }
      : null;
    return {
      debtId: d.id,
      clientId: d.clientId,
      facts: {
        archived: d.archivedAt !== null,
        figures: {
          outstandingPrincipalFen: d.outstandingPrincipalFen,
          interestFen: d.interestFen,
          penaltyFen: d.penaltyFen,
          feesFen: d.feesFen,
          annualRatePct: d.annualRatePct,
          penaltyAnnualRatePct: d.penaltyAnnualRatePct,
          overdueSince: d.overdueSince,
        },
        figuresRecordedAt: d.figuresRecordedAt,
        agreement,
      },
    };
  });
}

/** The agreements a change replaced, newest first, followed through replacesAgreementId (empty for a first agreement). */
function replacedChain<A extends AgreementLink & { id: string; replacesAgreementId: string | null }>(
  list: readonly A[],
  head: A,
): AgreementLink[] {
  const out: AgreementLink[] = [];
  const seen = new Set([head.id]);
  let at = head;
  while (at.replacesAgreementId && !seen.has(at.replacesAgreementId)) {
    const prev = list.find((a) => a.id === at.replacesAgreementId);
    if (!prev) break;
    seen.add(prev.id);
    out.push({ agreedOn: prev.agreedOn, createdAt: prev.createdAt, terms: prev.terms, remainingBeforeFen: prev.remainingBeforeFen });
    at = prev;
  }
  return out;
}

/** The basis of each of these debts, computed now from their facts (nothing written). */
export async function computeBalances(tx: Tx, orgId: string, debtIds: readonly string[]) {
  return (await loadBalanceFacts(tx, orgId, debtIds)).map((r) => ({
    debtId: r.debtId,
    clientId: r.clientId,
    basis: balanceBasis(r.facts),
  }));
}

/** The stored row of a basis (the insert values, and the update of an existing row). */
export function basisRow(orgId: string, debtId: string, clientId: string, b: BalanceBasis) {
  return {
    orgId,
    debtId,
    clientId,
    kind: b.kind,
    baseFen: b.baseFen,
    asOf: b.asOf,
    dailyGrowthFen: b.dailyGrowthFen,
    figuresFen: b.figuresFen,
    overdueSince: b.overdueSince,
    agreementId: b.agreementId,
    agreedTotalFen: b.agreedTotalFen,
    paidFen: b.paidFen,
    pendingFen: b.pendingFen,
    waivedFen: b.waivedFen,
    reliefFen: b.reliefFen,
    beforeAgreementFen: b.beforeAgreementFen,
    nextInstalmentFen: b.nextInstalmentFen,
    nextDueOn: b.nextDueOn,
    instalmentsLeft: b.instalmentsLeft,
    monthlyFen: b.monthlyFen,
  };
}

const UPDATED_COLUMNS = [
  "client_id",
  "kind",
  "base_fen",
  "as_of",
  "daily_growth_fen",
  "figures_fen",
  "overdue_since",
  "agreement_id",
  "agreed_total_fen",
  "paid_fen",
  "pending_fen",
  "waived_fen",
  "relief_fen",
  "before_agreement_fen",
  "next_instalment_fen",
  "next_due_on",
  "instalments_left",
  "monthly_fen",
] as const;
const camel = (c: string) => c.replace(/_([a-z])/g, (_, x: string) => x.toUpperCase());
const ON_CONFLICT_SET = Object.fromEntries([
  ...UPDATED_COLUMNS.map((c) => [camel(c), sql.raw(`excluded.${c}`)]),
  ["computedAt", sql`now()`],
]) as Record<string, SQL>;

/**
 * Recomputes and stores the balance basis of these debts, in the caller's transaction (so it commits or rolls
 * back with the write that changed it). 4 reads per 500 debts and one upsert.
 */
export async function refreshBalances(tx: Tx, orgId: string, debtIds: readonly string[]): Promise<void> {
  const computed = await computeBalances(tx, orgId, debtIds);
  for (let i = 0; i < computed.length; i += BATCH) {
    const values = computed.slice(i, i + BATCH).map((c) => basisRow(orgId, c.debtId, c.clientId, c.basis));
    await tx
      .insert(debtBalances)
      .values(values)
      .onConflictDoUpdate({ target: [debtBalances.orgId, debtBalances.debtId], set: ON_CONFLICT_SET });
  }
}

/** The balance of the debt a case is about, after a change to the case, its agreement or its payments. */
export async function refreshCaseBalance(tx: Tx, orgId: string, caseId: string): Promise<void> {
  const [c] = await tx
    .select({ debtId: cases.debtId })
    .from(cases)
    .where(and(eq(cases.orgId, orgId), eq(cases.id, caseId)))
    .limit(1);
  if (c) await refreshBalances(tx, orgId, [c.debtId]);
}

/** One debt's balance as the screens show it: the basis with what is owed on the day and the growth in it. */
export type DebtBalance = BalanceBasis & {
  debtId: string;
  clientId: string;
  /** What is owed on the day asked (today, Beijing). */
  owedFen: number;
  /** The estimated growth included in owedFen (estimate only), counted over growthDays days from asOf. */
  growthFen: number;
  growthDays: number;
};

export function viewBalance(debtId: string, clientId: string, basis: BalanceBasis, day: string): DebtBalance {
  return {
    ...basis,
    debtId,
    clientId,
    owedFen: owedOn(basis, day),
    growthFen: growthOn(basis, day),
    growthDays: basis.dailyGrowthFen > 0 ? growthDays(basis, day) : 0,
  };
}

const BASIS_COLUMNS = {
  debtId: debtBalances.debtId,
  clientId: debtBalances.clientId,
  kind: debtBalances.kind,
  baseFen: debtBalances.baseFen,
  asOf: debtBalances.asOf,
  dailyGrowthFen: debtBalances.dailyGrowthFen,
  figuresFen: debtBalances.figuresFen,
  overdueSince: debtBalances.overdueSince,
  agreementId: debtBalances.agreementId,
  agreedTotalFen: debtBalances.agreedTotalFen,
  paidFen: debtBalances.paidFen,
  pendingFen: debtBalances.pendingFen,
  waivedFen: debtBalances.waivedFen,
  reliefFen: debtBalances.reliefFen,
  beforeAgreementFen: debtBalances.beforeAgreementFen,
  nextInstalmentFen: debtBalances.nextInstalmentFen,
  nextDueOn: debtBalances.nextDueOn,
  instalmentsLeft: debtBalances.instalmentsLeft,
  monthlyFen: debtBalances.monthlyFen,
};

/**
 * The balances of a set of debts, or of every debt of a set of clients, on `day`: one statement (the stored
 * basis). Archived debts are left out unless asked by id. A debt without a stored basis (written outside the
 * services) gets one computed now, with a warning, so no screen ever shows it without its balance.
 */
export async function loadBalances(
  tx: Tx,
  orgId: string,
  where: { clientIds: readonly string[] } | { debtIds: readonly string[] },
  day: string,
): Promise<Map<string, DebtBalance>> {
  const byClient = "clientIds" in where;
  const ids = [...new Set(byClient ? where.clientIds : where.debtIds)];
  const out = new Map<string, DebtBalance>();
  if (ids.length === 0) return out;
  const stored = await tx
    .select({ ...BASIS_COLUMNS, id: debts.id, ownerId: debts.clientId, archivedAt: debts.archivedAt })
    .from(debts)
    .leftJoin(debtBalances, and(eq(debtBalances.orgId, orgId), eq(debtBalances.debtId, debts.id)))
    .where(and(eq(debts.orgId, orgId), byClient ? inArray(debts.clientId, ids) : inArray(debts.id, ids)));
  const missing: string[] = [];
  for (const { id, ownerId, archivedAt, debtId: _d, clientId: _c, ...basis } of stored) {
    if (byClient && archivedAt !== null) continue;
    if (basis.kind === null) missing.push(id);
    else out.set(id, viewBalance(id, ownerId, basis as BalanceBasis, day));
  }
  if (missing.length > 0) {
    log("warn", "debts without a stored balance basis: computed on read", { orgId, count: missing.length });
    for (const c of await computeBalances(tx, orgId, missing)) out.set(c.debtId, viewBalance(c.debtId, c.clientId, c.basis, day));
  }
  return out;
}

/** Totals of some debts' balances (a client's, the portal's): what is owed and what stands beside it. */
export function balanceTotals(list: readonly DebtBalance[]) {
  const estimates = list.filter((b) => b.kind === "estimate" && b.growthFen > 0);
  return {
    owedFen: sumFen(list.map((b) => b.owedFen)),
    /** Estimated growth included in owedFen, and the earliest day it is counted from. */
    growthFen: sumFen(list.map((b) => b.growthFen)),
    growthSince: estimates.reduce<string | null>((min, b) => (min === null || b.asOf < min ? b.asOf : min), null),
    dailyGrowthFen: sumFen(list.filter((b) => b.kind === "estimate").map((b) => b.dailyGrowthFen)),
    pendingFen: sumFen(list.map((b) => b.pendingFen)),
    paidFen: sumFen(list.map((b) => b.paidFen)),
    reliefFen: sumFen(list.map((b) => b.reliefFen)),
    agreedCount: list.filter((b) => b.kind === "agreed").length,
    settledCount: list.filter((b) => b.kind === "settled").length,
  };
}
export type BalanceTotals = ReturnType<typeof balanceTotals>;

/**
 * The agreed amount per month of each debt of a client that is under an instalment agreement (the next
 * instalment), with how many instalments remain and the next due day: the client's fixed commitments.
 */
export async function agreedMonthlyByDebt(tx: Tx, orgId: string, clientId: string, day: string) {
  const balances = await loadBalances(tx, orgId, { clientIds: [clientId] }, day);
  const out = new Map<string, { monthlyFen: number; instalmentsLeft: number; nextDueOn: string | null }>();
  for (const b of balances.values()) {
    if (b.kind === "agreed" && b.monthlyFen !== null)
      out.set(b.debtId, { monthlyFen: b.monthlyFen, instalmentsLeft: b.instalmentsLeft ?? 0, nextDueOn: b.nextDueOn });
  }
  return out;
}

/**
 * What is owed on `day` for the stored basis aliased `alias`, in SQL: the twin of owedOn in
 * server/domain/balance.ts (tests/integration/balances.test.ts checks they agree).
 */
export function owedSql(alias: string, day: string): SQL {
  const b = sql.raw(alias);
  return sql`(${b}.base_fen + ${b}.daily_growth_fen * greatest(0, ${day}::date - ${b}.as_of))`;
}

/**
 * Writes the basis of every debt that has none (existing rows after migration 0017, or rows loaded outside
 * the services), organization by organization under row-level security, through the same function as
 * every write. Run by db/migrate.ts after the migrations; a no-op when every debt has its basis.
 */
export async function backfillDebtBalances(db: Db): Promise<number> {
  let written = 0;
  for (;;) {
    const missing = await selectRows<{ org_id: string; id: string }>(
      db as unknown as Tx,
      sql`select d.org_id::text as org_id, d.id::text as id from debts d
          where not exists (select 1 from debt_balances b where b.org_id = d.org_id and b.debt_id = d.id)
          order by d.org_id, d.id limit 5000`,
    );
    if (missing.length === 0) return written;
    for (const [orgId, rows] of groupBy(missing, (r) => r.org_id)) {
      await db.transaction(async (tx) => {
        await setTenant(tx, { orgId });
        await refreshBalances(
          tx,
          orgId,
          rows.map((r) => r.id),
        );
      });
    }
    written += missing.length;
    const [still] = await selectRows<{ n: number }>(
      db as unknown as Tx,
      sql`select count(*)::int as n from debts d where d.id = ${missing[0]!.id}::uuid and d.org_id = ${missing[0]!.org_id}::uuid
          and not exists (select 1 from debt_balances b where b.org_id = d.org_id and b.debt_id = d.id)`,
    );
    if (still && Number(still.n) > 0)
      throw new Error("debt balance backfill made no progress (is the app role allowed to write debt_balances?)");
  }
}

/**
 * An organization's balances on `day`, for the outcomes: what all its clients owe now (erased clients left
 * out, as in the caseload), and what is still to pay under active agreements. One aggregate statement.
 */
export async function orgBalanceTotals(tx: Tx, orgId: string, day: string) {
  const [row] = await selectRows<{ owed: string; agreed: string; n: number }>(
    tx,
    sql`select coalesce(sum(${owedSql("b", day)}), 0)::text as owed,
          coalesce(sum(${owedSql("b", day)}) filter (where b.kind = 'agreed'), 0)::text as agreed,
          (count(*) filter (where b.kind = 'agreed'))::int as n
        from debt_balances b
        join clients c on c.org_id = b.org_id and c.id = b.client_id
        where b.org_id = ${orgId} and c.org_id = ${orgId} and c.status <> 'erased'`,
  );
  return { owedFen: Number(row?.owed ?? 0), underAgreementsFen: Number(row?.agreed ?? 0), activeAgreements: Number(row?.n ?? 0) };
}
