/**
 * Terms checked against the debt they are about: what a proposal, a counter-offer or an agreement asks
 * must add up with what is owed. Pure; the services call it before saving and the forms call it as the
 * counselor types, with the same basis (`case.negotiation` gives it to the page).
 *
 * Hard inconsistencies (errors: the terms are refused, with the field and the figures):
 * - a part waived beyond what is owed of that part (waive ¥500 of penalty interest when ¥300 is owed);
 * - more waived in all than is owed;
 * - an amount to repay (instalments or a lump sum) above what is owed;
 * - an amount to repay above what is owed after the waiver: a waived part charged again.
 * Softer ones (warnings: shown before saving, the counselor confirms):
 * - the amount to repay is less than what remains after the waiver: in effect a further waiver;
 * - instalments with interest repay more than their amount (the interest, in figures);
 * - a deferral with instalments whose first due date already lies after the deferral (the schedule adds
 *   the deferral again), or a lump sum due inside the deferral;
 * - a first due date or a settlement date already past;
 * - instalments (with any deferral) longer than a term-limit rule in force allows for this debt (Art. 70:
 *   a bank card's personalised instalments at most 5 years), naming the rule.
 */
import { sumFen } from "./money";
import { buildSchedule, addMonths, scheduleTotals } from "./schedule";
import { waivedParts, waiverKey, type Terms, type WaiverPart } from "./terms";
import { citeOf, rulesInForce, type RuleCite } from "./rules";
import type { IsoDate } from "./time";
import type { DebtKind, LicenceType } from "./vocabulary";

/** What the terms are checked against. */
export type TermsBasis = {
  /** What may still be waived of each part. */
  interestFen: number;
  penaltyFen: number;
  feesFen: number;
  /** What is owed in all: the debt's figures, or what remains of an agreement being changed. */
  balanceFen: number;
  /** The longest term a rule in force allows for this debt (termLimitFor), if any. */
  termLimit?: (RuleCite & { maxMonths: number }) | null;
};

/** The term-limit rule in force today for a debt of this kind at this kind of lender, if any. */
export function termLimitFor(debtKind: DebtKind | undefined, lenderType: LicenceType | undefined, today: IsoDate): TermsBasis["termLimit"] {
  if (!debtKind || !lenderType) return null;
  const rules = rulesInForce("term-limit", lenderType, today).filter((r) => r.params.debtKind === debtKind);
  const tightest = rules.sort((a, b) => a.params.maxMonths - b.params.maxMonths)[0];
  return tightest ? { ...citeOf(tightest), maxMonths: tightest.params.maxMonths } : null;
}

export type RepayKind = "instalments" | "lumpSum";

export type TermsIssue =
  | { field: string; code: "waiverOverPart"; params: { part: WaiverPart; waivedFen: number; owedFen: number } }
  | { field: string; code: "waiverOverBalance"; params: { waivedFen: number; balanceFen: number } }
  | { field: string; code: "repayOverBalance"; params: { kind: RepayKind; amountFen: number; balanceFen: number } }
  | {
      field: string;
      code: "repayChargesWaived";
      /** `parts`: the waived parts that add up exactly to the excess (empty when no combination does). */
      params: { kind: RepayKind; amountFen: number; remainingFen: number; excessFen: number; parts: WaiverPart[] };
    }
  | {
      field: string;
      code: "repayLessThanRemaining";
      params: { kind: RepayKind; amountFen: number; remainingFen: number; differenceFen: number };
    }
  | { field: string; code: "instalmentsInterest"; params: { amountFen: number; totalFen: number; interestFen: number; rate: string } }
  | { field: string; code: "deferralCountedTwice"; params: { months: number; firstDueDate: IsoDate; effectiveDate: IsoDate } }
  | { field: string; code: "lumpSumDuringDeferral"; params: { months: number; dueDate: IsoDate; deferralEnds: IsoDate } }
  | { field: string; code: "dateInPast"; params: { date: IsoDate } }
  | { field: string; code: "overTermLimit"; params: { months: number; maxMonths: number; ruleId: string; version: number } };

export type TermsIssueCode = TermsIssue["code"];

export const TERMS_ISSUE_CODES: readonly TermsIssueCode[] = [
  "waiverOverPart",
  "waiverOverBalance",
  "repayOverBalance",
  "repayChargesWaived",
  "repayLessThanRemaining",
  "instalmentsInterest",
  "deferralCountedTwice",
  "lumpSumDuringDeferral",
  "dateInPast",
  "overTermLimit",
];

export type TermsCheck = { errors: TermsIssue[]; warnings: TermsIssue[] };

/** The smallest set of waived parts whose amounts add up to exactly `fen` (empty when none does). */
function partsSumming(parts: Array<{ part: WaiverPart; fen: number }>, fen: number): WaiverPart[] {
  let best: WaiverPart[] = [];
  for (let mask = 1; mask < 1 << parts.length; mask++) {
    const chosen = parts.filter((_, i) => mask & (1 << i));
    if (sumFen(chosen.map((p) => p.fen)) !== fen) continue;
    if (best.length === 0 || chosen.length < best.length) best = chosen.map((p) => p.part);
  }
  return best;
}

export function checkTerms(terms: Terms, basis: TermsBasis, today: IsoDate): TermsCheck {
  const errors: TermsIssue[] = [];
  const warnings: TermsIssue[] = [];
  const parts = waivedParts(terms);
  const waivedFen = sumFen(parts.map((p) => p.fen));
  // What remains is counted with each waiver within its part, so that a waiver over its part is reported
  // once, on the waiver, and not again as a repayment that no longer adds up.
  const withinFen = sumFen(parts.map((p) => Math.min(p.fen, basis[waiverKey(p.part)])));

  for (const { part, fen } of parts) {
    const owedFen = basis[waiverKey(part)];
    if (fen > owedFen)
      errors.push({ field: `waiver.${waiverKey(part)}`, code: "waiverOverPart", params: { part, waivedFen: fen, owedFen } });
  }
  if (waivedFen > basis.balanceFen && errors.length === 0) {
    const first = parts[0]!;
    errors.push({
      field: `waiver.${waiverKey(first.part)}`,
      code: "waiverOverBalance",
      params: { waivedFen, balanceFen: basis.balanceFen },
    });
  }

  const repay: { kind: RepayKind; amountFen: number } | null = terms.instalments
    ? { kind: "instalments", amountFen: terms.instalments.amountFen }
    : terms.lumpSum
      ? { kind: "lumpSum", amountFen: terms.lumpSum.amountFen }
      : null;
  if (repay) {
    const field = `${repay.kind}.amountFen`;
    const remainingFen = Math.max(0, basis.balanceFen - withinFen);
    if (repay.amountFen > basis.balanceFen) {
      errors.push({ field, code: "repayOverBalance", params: { ...repay, balanceFen: basis.balanceFen } });
    } else if (repay.amountFen > remainingFen) {
      const excessFen = repay.amountFen - remainingFen;
      errors.push({
        field,
        code: "repayChargesWaived",
        params: { ...repay, remainingFen, excessFen, parts: partsSumming(parts, excessFen) },
      });
    } else if (repay.amountFen < remainingFen) {
      warnings.push({
        field,
        code: "repayLessThanRemaining",
        params: { ...repay, remainingFen, differenceFen: remainingFen - repay.amountFen },
      });
    }
  }

  const i = terms.instalments;
  if (i) {
    if (i.method !== "interest-free" && Number(i.annualRatePct) > 0) {
      const totals = scheduleTotals(
        buildSchedule({
          principalFen: i.amountFen,
          annualRatePct: i.annualRatePct,
          months: i.months,
          method: i.method,
          firstDueDate: i.firstDueDate,
        }),
      );
      if (totals.interestFen > 0) {
        warnings.push({
          field: "instalments.annualRatePct",
          code: "instalmentsInterest",
          params: { amountFen: i.amountFen, totalFen: totals.paymentFen, interestFen: totals.interestFen, rate: i.annualRatePct },
        });
      }
    }
    if (terms.deferral && i.firstDueDate >= addMonths(today, terms.deferral.months)) {
      warnings.push({
        field: "instalments.firstDueDate",
        code: "deferralCountedTwice",
        params: {
          months: terms.deferral.months,
          firstDueDate: i.firstDueDate,
          effectiveDate: addMonths(i.firstDueDate, terms.deferral.months),
        },
      });
    } else if (i.firstDueDate < today) {
      warnings.push({ field: "instalments.firstDueDate", code: "dateInPast", params: { date: i.firstDueDate } });
    }
    const months = i.months + (terms.deferral?.months ?? 0);
    const limit = basis.termLimit;
    if (limit && months > limit.maxMonths) {
      warnings.push({
        field: "instalments.months",
        code: "overTermLimit",
        params: { months, maxMonths: limit.maxMonths, ruleId: limit.ruleId, version: limit.version },
      });
    }
  }
  const l = terms.lumpSum;
  if (l) {
    if (l.dueDate < today) warnings.push({ field: "lumpSum.dueDate", code: "dateInPast", params: { date: l.dueDate } });
    else if (terms.deferral && l.dueDate < addMonths(today, terms.deferral.months)) {
      warnings.push({
        field: "lumpSum.dueDate",
        code: "lumpSumDuringDeferral",
        params: { months: terms.deferral.months, dueDate: l.dueDate, deferralEnds: addMonths(today, terms.deferral.months) },
      });
    }
  }
  return { errors, warnings };
}

/** The basis of a debt not under an agreement: its recorded figures. */
export function basisFromFigures(
  f: {
    outstandingPrincipalFen: number;
    interestFen: number;
    penaltyFen: number;
    feesFen: number;
    debtKind?: DebtKind;
    licenceType?: LicenceType;
  },
  today?: IsoDate,
): TermsBasis {
  const termLimit = today ? termLimitFor(f.debtKind, f.licenceType, today) : null;
  return {
    interestFen: f.interestFen,
    penaltyFen: f.penaltyFen,
    feesFen: f.feesFen,
    balanceFen: sumFen([f.outstandingPrincipalFen, f.interestFen, f.penaltyFen, f.feesFen]),
    ...(termLimit ? { termLimit } : {}),
  };
}

/**
 * The basis of a change to an agreement: what it still leaves to repay, and of each part what its terms
 * did not waive already (a part waived once cannot be waived again).
 */
export function basisForChange(
  figures: {
    outstandingPrincipalFen: number;
    interestFen: number;
    penaltyFen: number;
    feesFen: number;
    debtKind?: DebtKind;
    licenceType?: LicenceType;
  },
  agreed: Pick<Terms, "waiver">,
  remainingFen: number,
  today?: IsoDate,
): TermsBasis {
  const base = basisFromFigures(figures, today);
  const w = agreed.waiver ?? {};
  const left = (part: WaiverPart) => Math.max(0, base[waiverKey(part)] - (w[waiverKey(part)] ?? 0));
  return {
    interestFen: left("interest"),
    penaltyFen: left("penalty"),
    feesFen: left("fees"),
    balanceFen: remainingFen,
    ...(base.termLimit ? { termLimit: base.termLimit } : {}),
  };
}
