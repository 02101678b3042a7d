/**
 * The terms of a proposal, a counter-offer and an agreement (one shape for all three), and the one function
 * that puts them into words. The words themselves are in the messages (`terms` namespace): the case page, the
 * client's portal and the negotiation letter all call `termsInWords` with their translator, so a term reads
 * the same wherever it is shown.
 */
import { DomainError } from "./errors";
import { formatFen, sumFen } from "./money";
import { buildSchedule, type ScheduleMethod, type ScheduleRow } from "./schedule";

export type Terms = {
  /** Amounts the lender is asked to waive (减免), in fen. */
  waiver?: { interestFen?: number; penaltyFen?: number; feesFen?: number };
  /** Instalments (分期 / 停息挂账 = "interest-free"): amountFen is what the schedule repays. */
  instalments?: {
    amountFen: number;
    method: ScheduleMethod;
    months: number;
    annualRatePct: string;
    firstDueDate: string;
  };
  /** Deferral (延期): nothing due for this many months; with instalments it is the schedule's grace. */
  deferral?: { months: number };
  /** A one-off settlement (一次性结清) of amountFen due on dueDate. */
  lumpSum?: { amountFen: number; dueDate: string };
  /** Credit-record correction request (征信异议) with the documents that support it. */
  creditCorrection?: { request: string; evidenceDocumentIds: string[] };
  note?: string;
};

/** The kinds a proposal's terms may combine, in the order they are put into words and shown in the form. */
export const TERM_KINDS = ["waiver", "instalments", "deferral", "lumpSum", "creditCorrection"] as const satisfies ReadonlyArray<
  keyof Terms
>;
export type TermKind = (typeof TERM_KINDS)[number];

/**
 * One label per proposal for the outcome statistics, by precedence lump-sum > interest-free instalments
 * (停息挂账) > instalments > deferral > waiver > credit-correction, so the kinds add up to the whole.
 */
export const PROPOSAL_KINDS = ["lump-sum", "interest-free-instalments", "instalments", "deferral", "waiver", "credit-correction"] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

export function proposalKind(terms: Terms): ProposalKind {
  if (terms.lumpSum) return "lump-sum";
  if (terms.instalments) return terms.instalments.method === "interest-free" ? "interest-free-instalments" : "instalments";
  if (terms.deferral) return "deferral";
  if (terms.waiver) return "waiver";
  return "credit-correction";
}

/**
 * The instalment rows the terms make once agreed (none for a waiver, a deferral or a correction alone).
 * Throws the schedule's DomainError when the instalments cannot be scheduled.
 */
export function scheduleFromTerms(terms: Pick<Terms, "instalments" | "deferral" | "lumpSum">): ScheduleRow[] {
  if (terms.instalments) {
    const i = terms.instalments;
    return buildSchedule({
      principalFen: i.amountFen,
      annualRatePct: i.annualRatePct,
      months: i.months,
      method: i.method,
      firstDueDate: i.firstDueDate,
      graceMonths: terms.deferral?.months ?? 0,
    });
  }
  if (terms.lumpSum) {
    const { amountFen, dueDate } = terms.lumpSum;
    return [{ seq: 1, dueDate, paymentFen: amountFen, principalFen: amountFen, interestFen: 0, balanceFen: 0 }];
  }
  return [];
}

/** The parts of a debt a waiver can name, in the order they are shown. */
export const WAIVER_PARTS = ["interest", "penalty", "fees"] as const;
export type WaiverPart = (typeof WAIVER_PARTS)[number];

export const waiverKey = (part: WaiverPart) => `${part}Fen` as const;

/** The waived amount of each part named in the terms (parts with nothing waived left out). */
export function waivedParts(terms: Pick<Terms, "waiver">): Array<{ part: WaiverPart; fen: number }> {
  const w = terms.waiver ?? {};
  return WAIVER_PARTS.flatMap((part) => {
    const fen = w[waiverKey(part)] ?? 0;
    return fen > 0 ? [{ part, fen }] : [];
  });
}

/** Fen the lender gave up in these terms: waived interest + penalty + fees. */
export function waivedFen(terms: { waiver?: Terms["waiver"]; [kind: string]: unknown }): number {
  return sumFen(waivedParts(terms).map((p) => p.fen));
}

/** A translator over the `terms` messages (next-intl's `t`, or `createTranslator` on the server). */
export type TermsTranslator = (key: string, values?: Record<string, string | number>) => string;

export type WordsTools = {
  t: TermsTranslator;
  /** The locale's list format ("A、B和C", "A, B and C"). */
  list: (items: string[]) => string;
};

/**
 * The terms as sentences, one per kind, in the order waiver, instalments, deferral, lump sum, correction,
 * note. No field label is repeated with its unit ("减免罚息 ¥250.00", not "减免罚息（元） ¥250.00").
 */
export function termsInWords(terms: Terms, { t, list }: WordsTools): string[] {
  const lines: string[] = [];
  const parts = waivedParts(terms);
  if (parts.length > 0) {
    lines.push(t("waiver", { parts: list(parts.map((p) => t("part", { part: t(`parts.${p.part}`), amount: formatFen(p.fen) }))) }));
  }
  if (terms.instalments) {
    const i = terms.instalments;
    const first = firstInstalment(terms);
    lines.push(
      t("instalments", {
        amount: formatFen(i.amountFen),
        months: i.months,
        method: t(`methods.${i.method}`),
        rate: i.method === "interest-free" || Number(i.annualRatePct) === 0 ? "none" : i.annualRatePct,
        date: first?.dueDate ?? i.firstDueDate,
        first: first ? formatFen(first.paymentFen) : "",
      }),
    );
  }
  if (terms.deferral) lines.push(t("deferral", { months: terms.deferral.months }));
  if (terms.lumpSum) lines.push(t("lumpSum", { amount: formatFen(terms.lumpSum.amountFen), date: terms.lumpSum.dueDate }));
  if (terms.creditCorrection) {
    lines.push(
      t("creditCorrection", {
        request: terms.creditCorrection.request,
        count: terms.creditCorrection.evidenceDocumentIds.length,
      }),
    );
  }
  if (terms.note) lines.push(t("note", { note: terms.note }));
  return lines;
}

/** The first row of the instalment schedule the terms make (null when they make none or it cannot be built). */
export function firstInstalment(terms: Pick<Terms, "instalments" | "deferral">): { dueDate: string; paymentFen: number } | null {
  if (!terms.instalments) return null;
  try {
    const [row] = scheduleFromTerms(terms);
    return row ? { dueDate: row.dueDate, paymentFen: row.paymentFen } : null;
  } catch (err) {
    // Terms that do not make a schedule are refused elsewhere; their words just leave the first row out.
    if (err instanceof DomainError) return null;
    throw err;
  }
}
