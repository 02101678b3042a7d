/**
 * The court and mediation outcome figures (issue 14), counted apart from direct negotiation: lawsuits by
 * result, and mediations by how they ended, with the success rate and the time to agreement. Pure: the
 * service gathers the facts; the dashboard and the export read the same rows.
 */
import type { LawsuitOutcome, MediationStatus } from "./legal-vocabulary";
import { LAWSUIT_OUTCOMES } from "./legal-vocabulary";
import { median, percentile, ratio } from "./outcomes";
import { daysBetween } from "./time";
import type { Figure, ReportRow } from "./outcome-figures";

export type LawsuitFact = { outcome: LawsuitOutcome | null; outcomeOn: string | null; createdDay: string };
export type MediationFact = { status: MediationStatus; startedOn: string; endedOn: string | null; judiciallyConfirmed: boolean };

export type LegalOutcomes = {
  lawsuits: { decided: number; byResult: Array<{ result: LawsuitOutcome; count: number }>; pending: number };
  mediation: {
    started: number;
    ended: number;
    agreed: number;
    failed: number;
    withdrawn: number;
    successRate: number | null;
    medianDaysToAgreement: number | null;
    p90DaysToAgreement: number | null;
    judiciallyConfirmed: number;
  };
};

/**
 * - lawsuits decided in the range (outcome day in it), by result; pending: lawsuits recorded by the range's
 *   end with no result yet;
 * - mediations: started in the range; ended in it (agreed, failed, withdrawn); success rate = agreed ÷ ended;
 *   time to agreement = days from the start to the agreement, for those agreed in the range; how many of
 *   those a court confirmed (司法确认).
 */
export function legalOutcomes(
  range: { from: string; to: string },
  suits: readonly LawsuitFact[],
  meds: readonly MediationFact[],
): LegalOutcomes {
  const inRange = (d: string | null) => d !== null && d >= range.from && d <= range.to;
  const decided = suits.filter((s) => s.outcome && inRange(s.outcomeOn));
  const ended = meds.filter((m) => m.status !== "open" && inRange(m.endedOn));
  const agreed = ended.filter((m) => m.status === "agreed");
  const durations = agreed.map((m) => daysBetween(m.startedOn, m.endedOn!));
  return {
    lawsuits: {
      decided: decided.length,
      byResult: LAWSUIT_OUTCOMES.map((result) => ({ result, count: decided.filter((s) => s.outcome === result).length })),
      pending: suits.filter((s) => s.createdDay <= range.to && (!s.outcome || (s.outcomeOn !== null && s.outcomeOn > range.to))).length,
    },
    mediation: {
      started: meds.filter((m) => inRange(m.startedOn)).length,
      ended: ended.length,
      agreed: agreed.length,
      failed: ended.filter((m) => m.status === "failed").length,
      withdrawn: ended.filter((m) => m.status === "withdrawn").length,
      successRate: ratio(agreed.length, ended.length).rate,
      medianDaysToAgreement: median(durations),
      p90DaysToAgreement: percentile(durations, 0.9),
      judiciallyConfirmed: agreed.filter((m) => m.judiciallyConfirmed).length,
    },
  };
}

const count = (value: number): Figure => ({ unit: "count", value });

/** The export's rows of these figures (labels: `outcomes.legal.*`). */
export function legalReportRows(l: LegalOutcomes): ReportRow[] {
  const out: ReportRow[] = [];
  const total = { kind: "total" } as const;
  const push = (section: string, metric: string, key: string, figure: Figure, group: ReportRow["group"] = total) =>
    out.push({ section, sectionLabel: [`legal.${section}`], group, metric, metricLabel: { key: `legal.${key}` }, figure });
  push("lawsuits", "decided", "decided", count(l.lawsuits.decided));
  for (const r of l.lawsuits.byResult) push("lawsuits", r.result, `results.${r.result}`, count(r.count));
  push("lawsuits", "pending", "pending", count(l.lawsuits.pending));
  const m = l.mediation;
  push("mediation", "started", "started", count(m.started));
  push("mediation", "ended", "ended", count(m.ended));
  push("mediation", "agreed", "agreed", count(m.agreed));
  push("mediation", "failed", "failed", count(m.failed));
  push("mediation", "withdrawn", "withdrawn", count(m.withdrawn));
  push("mediation", "successRate", "successRate", { unit: "rate", value: m.successRate });
  push("mediation", "medianDays", "medianDays", { unit: "days", value: m.medianDaysToAgreement });
  push("mediation", "p90Days", "p90Days", { unit: "days", value: m.p90DaysToAgreement });
  push("mediation", "judiciallyConfirmed", "judiciallyConfirmed", count(m.judiciallyConfirmed));
  return out;
}
