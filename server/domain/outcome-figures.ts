/**
 * How the outcome figures read: one set of rules for the admin dashboard and its CSV/Excel export, so a
 * figure reads the same on the screen and in the file.
 *
 * - A figure that could not be measured is "—", never 0 or ¥0.00: no agreement means no waived amount and no
 *   time to agreement; no agreement whose monthly payments are both known means no monthly reduction; nothing
 *   answered or due means no rate. A count is always a number (0 answered is a fact).
 * - Days carry their unit ("12 天", "12 days"), money is yuan as formatFen writes it, rates are percentages
 *   with one decimal.
 * - The 90th percentile is a sentence with its number ("90% 的协议在 12 天内达成").
 *
 * Pure: the caller passes the translator of the `outcomes` messages (next-intl's `t`, on the page or on the
 * server) and, for the export, the translator of the case states.
 */
import { formatFen } from "./money";
import { legalReportRows, type LegalOutcomes } from "./outcomes-legal";

export const DASH = "—";

/** One figure with its unit; `value: null` = nothing could be measured. */
export type Figure =
  | { unit: "count"; value: number }
  | { unit: "rate"; value: number | null }
  | { unit: "fen"; value: number | null }
  | { unit: "days"; value: number | null }
  | { unit: "day"; value: string };

export type Translate = (key: string, values?: Record<string, string | number>) => string;

const count = (value: number): Figure => ({ unit: "count", value });
const rate = (value: number | null): Figure => ({ unit: "rate", value });
const fen = (value: number | null): Figure => ({ unit: "fen", value });
const days = (value: number | null): Figure => ({ unit: "days", value });

/** Days to one decimal (a percentile may fall between two whole days). */
const roundDays = (v: number) => Math.round(v * 10) / 10;

/** The figure as the screen shows it (and the CSV writes it). */
export function figureText(f: Figure, t: Translate): string {
  if (f.value === null) return DASH;
  switch (f.unit) {
    case "count":
      return String(f.value);
    case "rate":
      return `${(f.value * 100).toFixed(1)}%`;
    case "fen":
      return formatFen(f.value);
    case "days":
      return t("report.days", { days: roundDays(f.value) });
    case "day":
      return f.value;
  }
}

/** "90% 的协议在 12 天内达成"; "—" when no agreement was timed. */
export function p90Text(p90: Figure, t: Translate): string {
  return p90.value === null ? DASH : t("p90", { days: figureText(p90, t) });
}

/** The parts of the summary these rules read (the service's summary has all of them). */
export type SummaryFigures = {
  range: { from: string; to: string };
  acceptance: {
    total: { answered: number; accepted: number; rate: number | null };
    byLender: ReadonlyArray<{ lenderName: string; answered: number; accepted: number; rate: number | null }>;
    byKind: ReadonlyArray<{ kind: string; answered: number; accepted: number; rate: number | null }>;
  };
  relief: {
    agreements: number;
    waivedFen: number;
    monthlyReductionFen: number;
    monthlyReductionAgreements: number;
    byLender: ReadonlyArray<{
      lenderName: string;
      agreements: number;
      waivedFen: number;
      monthlyReductionFen: number;
      monthlyReductionAgreements: number;
    }>;
  };
  timeToAgreement: { agreements: number; medianDays: number | null; p90Days: number | null };
  adherence: { due: number; onTime: number; rate: number | null };
  casesByMonth: ReadonlyArray<{ month: string; counts: Record<string, number> }>;
  perCounselor: ReadonlyArray<{
    name: string;
    clients: number;
    openCases: number;
    answered: number;
    accepted: number;
    acceptanceRate: number | null;
    agreements: number;
    waivedFen: number;
  }>;
  /** Today's balances, whatever the range (server/services/balances.ts). */
  balances: { owedFen: number; underAgreementsFen: number; activeAgreements: number };
  /** Lawsuits and mediation, counted apart from direct negotiation (outcomes-legal.ts). */
  legal?: LegalOutcomes;
};

type Relief = { agreements: number; waivedFen: number; monthlyReductionFen: number; monthlyReductionAgreements: number };

/** Waived and monthly reduction of a set of agreements (the whole range, or one lender's). */
export function reliefFigures(r: Relief) {
  return {
    agreements: count(r.agreements),
    waived: fen(r.agreements > 0 ? r.waivedFen : null),
    monthlyReduction: fen(r.monthlyReductionAgreements > 0 ? r.monthlyReductionFen : null),
    monthlyReductionAgreements: count(r.monthlyReductionAgreements),
  };
}

/** One counselor's row: no agreement → no waived amount to show (the rate is already null with no answer). */
export function counselorFigures(c: SummaryFigures["perCounselor"][number]) {
  return {
    clients: count(c.clients),
    openCases: count(c.openCases),
    answered: count(c.answered),
    accepted: count(c.accepted),
    acceptanceRate: rate(c.acceptanceRate),
    agreements: count(c.agreements),
    waived: fen(c.agreements > 0 ? c.waivedFen : null),
  };
}

/**
 * Today's balances: what every client owes, and what is left under agreements — "—" when no agreement is in
 * force (nothing is under one), never ¥0.00.
 */
export function balanceFigures(b: SummaryFigures["balances"]) {
  return {
    owedNow: fen(b.owedFen),
    underAgreements: fen(b.activeAgreements > 0 ? b.underAgreementsFen : null),
    activeAgreements: count(b.activeAgreements),
  };
}

/** The headline figures of the dashboard's cards. */
export function headlineFigures(s: SummaryFigures) {
  return {
    answered: count(s.acceptance.total.answered),
    accepted: count(s.acceptance.total.accepted),
    acceptanceRate: rate(s.acceptance.total.rate),
    ...reliefFigures(s.relief),
    timedAgreements: count(s.timeToAgreement.agreements),
    medianDays: days(s.timeToAgreement.medianDays),
    p90Days: days(s.timeToAgreement.p90Days),
    due: count(s.adherence.due),
    onTime: count(s.adherence.onTime),
    adherenceRate: rate(s.adherence.rate),
  };
}

/**
 * One line of the export. `section`, `group` and `metric` are stable machine names (the raw CSV keeps them);
 * the labels are message keys of the screen (`sectionLabel` joined with " · ", like the dashboard's titles).
 */
export type ReportRow = {
  section: string;
  sectionLabel: string[];
  group: { kind: "none" } | { kind: "total" } | { kind: "name"; name: string } | { kind: "proposal-kind"; key: string };
  metric: string;
  /** A message key of `outcomes`, or a case state (cases by month). */
  metricLabel: { key: string } | { state: string };
  figure: Figure;
};

/** Every figure of the summary as rows, in the dashboard's order. */
export function reportRows(s: SummaryFigures): ReportRow[] {
  const out: ReportRow[] = [];
  const total = { kind: "total" } as const;
  const name = (n: string) => ({ kind: "name", name: n }) as const;
  const push = (section: string, sectionLabel: string[], group: ReportRow["group"], metric: string, labelKey: string, figure: Figure) =>
    out.push({ section, sectionLabel, group, metric, metricLabel: { key: labelKey }, figure });
  const h = headlineFigures(s);

  push("range", ["report.range"], { kind: "none" }, "from", "from", { unit: "day", value: s.range.from });
  push("range", ["report.range"], { kind: "none" }, "to", "to", { unit: "day", value: s.range.to });

  push("acceptance", ["acceptance"], total, "answered", "answered", h.answered);
  push("acceptance", ["acceptance"], total, "accepted", "accepted", h.accepted);
  push("acceptance", ["acceptance"], total, "rate", "rate", h.acceptanceRate);
  for (const l of s.acceptance.byLender) {
    push("acceptance-by-lender", ["acceptance", "byLender"], name(l.lenderName), "answered", "answered", count(l.answered));
    push("acceptance-by-lender", ["acceptance", "byLender"], name(l.lenderName), "accepted", "accepted", count(l.accepted));
    push("acceptance-by-lender", ["acceptance", "byLender"], name(l.lenderName), "rate", "rate", rate(l.rate));
  }
  for (const k of s.acceptance.byKind) {
    const group = { kind: "proposal-kind", key: k.kind } as const;
    push("acceptance-by-kind", ["acceptance", "byKind"], group, "answered", "answered", count(k.answered));
    push("acceptance-by-kind", ["acceptance", "byKind"], group, "accepted", "accepted", count(k.accepted));
    push("acceptance-by-kind", ["acceptance", "byKind"], group, "rate", "rate", rate(k.rate));
  }

  const reliefRows = (
    section: string,
    sectionLabel: string[],
    group: ReportRow["group"],
    r: ReturnType<typeof reliefFigures>,
    withCount: boolean,
  ) => {
    push(section, sectionLabel, group, "agreements", "agreements", r.agreements);
    push(section, sectionLabel, group, "waivedFen", "waived", r.waived);
    push(section, sectionLabel, group, "monthlyReductionFen", "monthlyReduction", r.monthlyReduction);
    if (withCount)
      push(section, sectionLabel, group, "monthlyReductionAgreements", "report.monthlyReductionAgreements", r.monthlyReductionAgreements);
  };
  reliefRows("relief", ["relief"], total, h, true);
  for (const l of s.relief.byLender) reliefRows("relief-by-lender", ["relief", "byLender"], name(l.lenderName), reliefFigures(l), false);

  push("time-to-agreement", ["timeToAgreement"], total, "agreements", "report.timedAgreements", h.timedAgreements);
  push("time-to-agreement", ["timeToAgreement"], total, "medianDays", "median", h.medianDays);
  push("time-to-agreement", ["timeToAgreement"], total, "p90Days", "report.p90Metric", h.p90Days);

  push("adherence", ["adherence"], total, "due", "report.due", h.due);
  push("adherence", ["adherence"], total, "onTime", "report.onTime", h.onTime);
  push("adherence", ["adherence"], total, "rate", "adherence", h.adherenceRate);

  const b = balanceFigures(s.balances);
  push("balances", ["balances.title"], total, "owedFen", "balances.owedNow", b.owedNow);
  push("balances", ["balances.title"], total, "underAgreementsFen", "balances.underAgreements", b.underAgreements);
  push("balances", ["balances.title"], total, "activeAgreements", "balances.activeAgreements", b.activeAgreements);

  for (const m of s.casesByMonth) {
    for (const [state, n] of Object.entries(m.counts).sort(([a], [b]) => (a < b ? -1 : 1))) {
      out.push({
        section: "cases-by-month",
        sectionLabel: ["casesByMonth"],
        group: name(m.month),
        metric: state,
        metricLabel: { state },
        figure: count(n),
      });
    }
  }
  for (const c of s.perCounselor) {
    const f = counselorFigures(c);
    const row = (metric: string, key: string, figure: Figure) => push("counselor", ["perCounselor"], name(c.name), metric, key, figure);
    row("clients", "clients", f.clients);
    row("openCases", "openCases", f.openCases);
    row("answered", "answered", f.answered);
    row("accepted", "accepted", f.accepted);
    row("acceptanceRate", "rate", f.acceptanceRate);
    row("agreements", "agreements", f.agreements);
    row("waivedFen", "waived", f.waived);
  }
  if (s.legal) out.push(...legalReportRows(s.legal));
  return out;
}

/** A row's words in the reader's language: section, group and metric as the dashboard names them. */
export function rowLabels(row: ReportRow, t: Translate, state: (s: string) => string): { section: string; group: string; metric: string } {
  const group =
    row.group.kind === "none"
      ? ""
      : row.group.kind === "total"
        ? t("report.total")
        : row.group.kind === "name"
          ? row.group.name
          : t(`kinds.${row.group.key}`);
  return {
    section: row.sectionLabel.map((k) => t(k)).join(" · "),
    group,
    metric: "key" in row.metricLabel ? t(row.metricLabel.key) : state(row.metricLabel.state),
  };
}

/** The raw value for a program: fen, fractions, days as numbers; "" for a figure that was not measured. */
export function rawValue(f: Figure): number | string {
  return f.value ?? "";
}
