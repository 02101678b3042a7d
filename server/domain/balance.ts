/**
 * What a client owes on one debt today: ONE balance per debt, used by every screen that shows an amount owed
 * (client file, debts tab, case page, caseload, portal, agenda, outcomes).
 *
 * The balance is kept as a small *basis* (`BalanceBasis`), so that "owed on day D" is one expression that SQL
 * and TypeScript compute the same way (`owedOn`):
 *
 *     owed(D) = baseFen + dailyGrowthFen × max(0, D − asOf)        (whole days, Beijing calendar)
 *
 * Rules (which agreement counts: `currentAgreement`):
 * - **Before an agreement** (`estimate`): the figures as the counselor recorded them (outstanding principal +
 *   interest + penalty interest + fees) on the day they were recorded, plus their growth since then. The
 *   growth per day is the debt's own (`debtDailyGrowth`): the contract rate on the outstanding principal, plus
 *   the penalty rate on it while the debt is overdue, each rounded half-up to the fen. It is an estimate: the
 *   screens show it beside the figure with the day it starts from.
 * - **Under an agreement** (`agreed`): the agreed total minus the confirmed payments. The agreed total is the
 *   schedule's total when the terms have one (instalments or a lump sum); with a waiver alone it is the
 *   figures less the waiver. Payments a client reported but no counselor confirmed yet are `pendingFen`,
 *   shown beside the balance and never subtracted. Nothing grows under an agreement.
 *   Terms with no money in them (a credit-record correction, a deferral alone) fix no total: the debt stays
 *   an estimate.
 * - **Relief** of an agreement: the waived amounts, plus — when the agreement repays less than the figures
 *   after the waiver (a discounted lump sum, instalments on a smaller amount) — that difference. It is
 *   counted on the figures as recorded, never on the growth estimate.
 * - **A change agreed with the lender** (agreements.ts changeAgreement) makes a new agreement that replaces
 *   the one in force: the old one is `replaced` and never the current one again; the new one's schedule
 *   carries what was paid and its payments moved onto it, so "agreed total minus confirmed payments" holds
 *   as before. Its terms cover only what the old one still left to repay on the change day
 *   (`remainingBeforeFen`), so the change's own relief is measured against that remainder, not the figures,
 *   and the agreement's relief is the sum along the chain: the first agreement's (against the figures) plus
 *   each change's. The waived amounts add up along the chain the same way.
 * - **Settled** (`settled`): the agreement is completed, or its confirmed payments cover its total: zero.
 * - **Broken** (`broken`): the agreement fell apart (a breach recorded: agreements.ts recordBreach).
 *   What is known is the agreement's remainder, agreed total minus confirmed payments, without growth: the
 *   lender's own figure after a breach is unknown until someone asks. When the counselor records the debt's
 *   figures again after the agreement was made (the lender's new figures), those figures and their growth
 *   apply (`estimate` again).
 * - **Archived** debts owe nothing here (they have left every total and plan).
 *
 * Every figure is a whole number of fen; nothing here rounds except the daily growth (rate.ts).
 */
import { DomainError } from "./errors";
import { assertFen, sumFen } from "./money";
import { dailyGrowthFen } from "./rate";
import { applyPayments } from "./repayment";
import { waivedFen, type Terms } from "./terms";
import { daysBetween, shanghaiDate, type IsoDate } from "./time";

export const BALANCE_KINDS = ["estimate", "agreed", "broken", "settled", "archived"] as const;
export type BalanceKind = (typeof BALANCE_KINDS)[number];

export type AgreementStatus = "active" | "completed" | "broken" | "replaced";

/** The debt's figures as recorded, and what makes them grow. */
export type DebtFigures = {
  outstandingPrincipalFen: number;
  interestFen: number;
  penaltyFen: number;
  feesFen: number;
  /** Exact annual percent strings ("18", "0.05" daily is stored converted). */
  annualRatePct: string;
  penaltyAnnualRatePct: string | null;
  /** null: not overdue, so no penalty interest runs. */
  overdueSince: IsoDate | null;
};

/** The parts of an agreement's terms that carry money (the stored terms have more). */
export type AgreementMoneyTerms = Pick<Terms, "waiver"> & {
  instalments?: Pick<NonNullable<Terms["instalments"]>, "amountFen">;
  lumpSum?: Pick<NonNullable<Terms["lumpSum"]>, "amountFen">;
};

/** An agreement of a chain of changes, as far as relief and the day it was made go. */
export type AgreementLink = {
  agreedOn: IsoDate;
  createdAt: Date;
  terms: AgreementMoneyTerms;
  /**
   * A change: what the agreement it replaced still left to repay on the change day (its relief is measured
   * against this). Null or absent for the first agreement, measured against the debt's figures.
   */
  remainingBeforeFen?: number | null;
};

export type AgreementForBalance = AgreementLink & {
  id: string;
  status: AgreementStatus;
  /** When it was recorded: figures recorded after this replace a broken agreement's remainder. */
  createdAt: Date;
  /** For a change: the agreements it replaced, newest first (the first agreement last). */
  replaced?: readonly AgreementLink[];
  schedule: ReadonlyArray<{ seq: number; dueDate: IsoDate; amountFen: number }>;
  payments: ReadonlyArray<{ id: string; amountFen: number; paidOn: IsoDate; status: "reported" | "confirmed" }>;
};

export type BalanceFacts = {
  archived: boolean;
  figures: DebtFigures;
  /** When the figures were last recorded (created, or their amounts edited). */
  figuresRecordedAt: Date;
  /** The debt's current agreement (see `currentAgreement`), or null. */
  agreement: AgreementForBalance | null;
};

export type BalanceBasis = {
  kind: BalanceKind;
  /** Owed on `asOf`. */
  baseFen: number;
  asOf: IsoDate;
  /** Added per day after `asOf` (0 unless `estimate`). */
  dailyGrowthFen: number;
  /** Principal + interest + penalty + fees as recorded. */
  figuresFen: number;
  /** The debt's overdue day, carried with its balance (the caseload reads both from one row); null for archived. */
  overdueSince: IsoDate | null;
  agreementId: string | null;
  agreedTotalFen: number | null;
  /** Confirmed payments under the agreement. */
  paidFen: number;
  /** Reported, not yet confirmed: shown beside the balance, never subtracted. */
  pendingFen: number;
  waivedFen: number;
  reliefFen: number;
  /** What the debt came to on the agreement day (figures + growth to then): the base of a waiver share. */
  beforeAgreementFen: number | null;
  /**
   * Under an agreement: her next payment — the earliest instalment not yet fully paid by confirmed payments
   * (a missed one included: it is what she has to pay first), what is still to pay on it, and its day; and
   * how many instalments remain.
   */
  nextInstalmentFen: number | null;
  nextDueOn: IsoDate | null;
  instalmentsLeft: number | null;
  /** The agreed amount per month (the next instalment) for instalment agreements; null otherwise. */
  monthlyFen: number | null;
};

/** The debt's growth per day: contract rate on the outstanding principal, plus the penalty rate while overdue. */
export function debtDailyGrowth(
  f: Pick<DebtFigures, "outstandingPrincipalFen" | "annualRatePct" | "penaltyAnnualRatePct" | "overdueSince">,
) {
  const contractFen = dailyGrowthFen({ balanceFen: f.outstandingPrincipalFen, annualRatePct: f.annualRatePct });
  const penaltyFen =
    f.penaltyAnnualRatePct && f.overdueSince
      ? dailyGrowthFen({ balanceFen: f.outstandingPrincipalFen, annualRatePct: f.penaltyAnnualRatePct })
      : 0;
  return { contractFen, penaltyFen, totalFen: contractFen + penaltyFen };
}

export function figuresTotalFen(f: Pick<DebtFigures, "outstandingPrincipalFen" | "interestFen" | "penaltyFen" | "feesFen">): number {
  return sumFen([f.outstandingPrincipalFen, f.interestFen, f.penaltyFen, f.feesFen]);
}

/**
 * Of a debt's agreements (over all its cases), the one that counts: an active one, else the latest recorded
 * that was not replaced by a change (a replaced agreement lives on in the one that replaced it).
 */
export function currentAgreement<A extends { status: AgreementStatus; createdAt: Date }>(agreements: readonly A[]): A | null {
  const active = agreements.filter((a) => a.status === "active");
  const standing = agreements.filter((a) => a.status !== "replaced");
  const pool = active.length > 0 ? active : standing.length > 0 ? standing : agreements;
  let best: A | null = null;
  for (const a of pool) if (!best || a.createdAt.getTime() > best.createdAt.getTime()) best = a;
  return best;
}

/**
 * The relief one agreement of a chain obtained: its waiver, plus what it repays below what it was measured
 * against after the waiver (the figures for the first agreement, the remainder for a change).
 */
function linkRelief(terms: AgreementMoneyTerms, againstFen: number): number {
  const waived = waivedFen(terms);
  const repayFen = terms.instalments?.amountFen ?? terms.lumpSum?.amountFen ?? null;
  return sumFen([waived, repayFen === null ? 0 : Math.max(0, againstFen - waived - repayFen)]);
}

function growthFor(days: number, dailyFen: number): number {
  const fen = dailyFen * Math.max(0, days);
  if (!Number.isSafeInteger(fen)) throw new DomainError("amount_too_large", "the growth is too large", "dailyGrowthFen");
  return fen;
}

/** The debt's balance on the day of an agreement, had there been none: the figures plus their growth to then. */
export function balanceBeforeAgreement(
  facts: Pick<BalanceFacts, "figures" | "figuresRecordedAt">,
  agreedOn: IsoDate,
  recordedAt?: Date,
): number {
  const figuresFen = figuresTotalFen(facts.figures);
  // Figures recorded after the agreement was made are not what it was made on; they are all that is known.
  if (recordedAt && facts.figuresRecordedAt.getTime() > recordedAt.getTime()) return figuresFen;
  const days = daysBetween(shanghaiDate(facts.figuresRecordedAt), agreedOn);
  return sumFen([figuresFen, growthFor(days, debtDailyGrowth(facts.figures).totalFen)]);
}

const NO_AGREEMENT = {
  agreementId: null,
  agreedTotalFen: null,
  paidFen: 0,
  pendingFen: 0,
  waivedFen: 0,
  reliefFen: 0,
  beforeAgreementFen: null,
  nextInstalmentFen: null,
  nextDueOn: null,
  instalmentsLeft: null,
  monthlyFen: null,
} as const;

/** The basis of one debt's balance from its facts. Pure and total: every debt has one. */
export function balanceBasis(facts: BalanceFacts): BalanceBasis {
  const f = facts.figures;
  for (const k of ["outstandingPrincipalFen", "interestFen", "penaltyFen", "feesFen"] as const) assertFen(f[k], k);
  const figuresFen = figuresTotalFen(f);
  const figuresOn = shanghaiDate(facts.figuresRecordedAt);
  const estimate: BalanceBasis = {
    kind: "estimate",
    baseFen: figuresFen,
    asOf: figuresOn,
    dailyGrowthFen: debtDailyGrowth(f).totalFen,
    figuresFen,
    overdueSince: f.overdueSince,
    ...NO_AGREEMENT,
  };
  if (facts.archived) return { ...estimate, kind: "archived", baseFen: 0, dailyGrowthFen: 0, overdueSince: null };

  const a = facts.agreement;
  const fixesTotal = a && (a.schedule.length > 0 || a.terms.waiver !== undefined);
  if (!a || !fixesTotal) return estimate;
  if (a.status === "broken" && facts.figuresRecordedAt.getTime() > a.createdAt.getTime()) {
    // The lender's new figures after the breach.
    return { ...estimate, agreementId: a.id };
  }

  a.schedule.forEach((r, i) => assertFen(r.amountFen, `schedule.${i}.amountFen`));
  a.payments.forEach((p, i) => assertFen(p.amountFen, `payments.${i}.amountFen`));
  // The chain from this agreement back to the first one (a single link unless it is a change).
  const chain: AgreementLink[] = [a, ...(a.replaced ?? [])];
  const first = chain[chain.length - 1]!;
  chain.forEach((l, i) => l.remainingBeforeFen != null && assertFen(l.remainingBeforeFen, `chain.${i}.remainingBeforeFen`));
  const waivedTotalFen = sumFen(chain.map((l) => waivedFen(l.terms)));
  const agreedTotalFen = a.schedule.length > 0 ? sumFen(a.schedule.map((r) => r.amountFen)) : Math.max(0, figuresFen - waivedTotalFen);
  const reliefFen = sumFen(chain.map((l) => linkRelief(l.terms, l.remainingBeforeFen ?? figuresFen)));
  const confirmed = a.payments.filter((p) => p.status === "confirmed");
  const paidFen = sumFen(confirmed.map((p) => p.amountFen));
  const pendingFen = sumFen(a.payments.filter((p) => p.status === "reported").map((p) => p.amountFen));
  const remainingFen = Math.max(0, agreedTotalFen - paidFen);
  const settled = a.status === "completed" || remainingFen === 0;
  const kind: BalanceKind = settled ? "settled" : a.status === "broken" ? "broken" : "agreed";

  let next: Pick<BalanceBasis, "nextInstalmentFen" | "nextDueOn" | "instalmentsLeft" | "monthlyFen"> = {
    nextInstalmentFen: null,
    nextDueOn: null,
    instalmentsLeft: null,
    monthlyFen: null,
  };
  if (kind === "agreed" && a.schedule.length > 0) {
    // Payments fill the rows in schedule order (repayment.ts); the day passed only labels rows, unused here.
    const state = applyPayments(a.schedule, confirmed, a.agreedOn);
    const open = state.rows.filter((r) => r.remainingFen > 0);
    const first = open[0];
    next = {
      nextInstalmentFen: first?.remainingFen ?? null,
      nextDueOn: first?.dueDate ?? null,
      instalmentsLeft: open.length,
      monthlyFen: a.terms.instalments && first ? first.amountFen : null,
    };
  }
  return {
    kind,
    baseFen: settled ? 0 : remainingFen,
    asOf: a.agreedOn,
    dailyGrowthFen: 0,
    figuresFen,
    overdueSince: f.overdueSince,
    agreementId: a.id,
    agreedTotalFen,
    paidFen,
    pendingFen,
    waivedFen: waivedTotalFen,
    reliefFen,
    beforeAgreementFen: balanceBeforeAgreement(facts, first.agreedOn, first.createdAt),
    ...next,
  };
}

/** Days of growth counted on `day` (0 on or before the basis day). */
export function growthDays(basis: Pick<BalanceBasis, "asOf">, day: IsoDate): number {
  return Math.max(0, daysBetween(basis.asOf, day));
}

/** The estimated growth included in the balance on `day`. */
export function growthOn(basis: Pick<BalanceBasis, "asOf" | "dailyGrowthFen">, day: IsoDate): number {
  return growthFor(growthDays(basis, day), basis.dailyGrowthFen);
}

/**
 * What is owed on `day`. The SQL twin is `owedSql` in server/services/balances.ts:
 * `base_fen + daily_growth_fen * greatest(0, day - as_of)`.
 */
export function owedOn(basis: Pick<BalanceBasis, "baseFen" | "asOf" | "dailyGrowthFen">, day: IsoDate): number {
  return sumFen([basis.baseFen, growthOn(basis, day)]);
}

/**
 * The client's next payment across her debts: of the debts under an agreement in force, the earliest next
 * instalment (ties: the larger amount, then the debt id, so every screen picks the same one), with what is
 * still to pay on it and whether its day has passed. Null when nothing is due under any agreement.
 */
export function nextPayment<T extends Pick<BalanceBasis, "kind" | "nextDueOn" | "nextInstalmentFen"> & { debtId: string }>(
  balances: Iterable<T>,
  today: IsoDate,
): { debtId: string; dueDate: IsoDate; amountFen: number; overdue: boolean } | null {
  let best: T | null = null;
  for (const b of balances) {
    if (b.kind !== "agreed" || b.nextDueOn === null || b.nextInstalmentFen === null) continue;
    if (
      best === null ||
      b.nextDueOn < best.nextDueOn! ||
      (b.nextDueOn === best.nextDueOn &&
        (b.nextInstalmentFen > best.nextInstalmentFen! || (b.nextInstalmentFen === best.nextInstalmentFen && b.debtId < best.debtId)))
    ) {
      best = b;
    }
  }
  return best
    ? { debtId: best.debtId, dueDate: best.nextDueOn!, amountFen: best.nextInstalmentFen!, overdue: best.nextDueOn! < today }
    : null;
}
