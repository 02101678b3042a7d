"use client";

import { useTranslations } from "next-intl";
import { formatFen } from "@/server/domain/money";
import { DataTable } from "@/app/_components/data-table";
import type { Outputs } from "./helpers";

type Evaluated = Outputs["plan"]["evaluate"];
type Result = Evaluated["scenarios"][number];
type Evaluation = Extract<Result, { ok: true }>["evaluation"];

/**
 * What each scenario pays, side by side (stacked on a phone): the totals, what happens to the room, the
 * order debts are cleared in, and per debt which months pay how much, the payoff month and the totals.
 * Below, why two scenarios give the same result, when they do. Every figure is the server's evaluation.
 */
export function PlanResults({
  evaluated,
  lenderName,
  colors,
}: {
  evaluated: Evaluated;
  lenderName: (debtId: string) => string;
  colors: readonly string[];
}) {
  const t = useTranslations("assessment.plan");
  const ts = useTranslations("assessment.planStrategy");
  const names = evaluated.scenarios.map((r) => r.name);
  return (
    <>
      <div className="grid gap-4 lg:grid-cols-3" data-testid="scenario-results">
        {evaluated.scenarios.map((r, i) => (
          <div key={i} className="min-w-0 rounded-lg border border-slate-200 p-3 text-sm" data-testid={`result-${i}`}>
            <p className="mb-1 font-semibold" style={{ color: colors[i] }}>
              {r.name}
            </p>
            {!r.ok ? (
              <p className="text-red-800">{t("scenarioError", { lender: (r.debtId && lenderName(r.debtId)) || "—" })}</p>
            ) : (
              <ScenarioResult evaluation={r.evaluation} affordableFen={evaluated.affordableFen} lenderName={lenderName} />
            )}
          </div>
        ))}
      </div>
      {evaluated.comparisons.length > 0 && (
        <ul className="flex flex-col gap-2 text-sm" data-testid="comparisons" aria-label={ts("comparisons")}>
          {evaluated.comparisons.map(({ a, b, note }) => (
            <li key={`${a}-${b}`} className="rounded-lg border border-sky-200 bg-sky-50 px-3 py-2 text-sky-900">
              {note.kind === "same-result"
                ? ts("sameResult", { a: names[a] ?? "", b: names[b] ?? "", reason: ts(`effects.${note.reason}`) })
                : ts("sameTotals", { a: names[a] ?? "", b: names[b] ?? "" })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

type PlanRow =
  | { kind: "line"; debtId: string; l: Evaluation["lines"][number] }
  | { kind: "agreed"; debtId: string; c: Evaluation["commitments"][number] };

function ScenarioResult({
  evaluation: e,
  affordableFen,
  lenderName,
}: {
  evaluation: Evaluation;
  affordableFen: number;
  lenderName: (debtId: string) => string;
}) {
  const t = useTranslations("assessment.plan");
  const ts = useTranslations("assessment.planStrategy");
  const byId = new Map(e.lines.map((l) => [l.debtId, l]));
  // The table's rows: a line per debt the plan pays, then one per debt already under an agreement.
  const rows: PlanRow[] = [
    ...e.lines.map((l) => ({ kind: "line" as const, debtId: l.debtId, l })),
    ...e.commitments.map((c) => ({ kind: "agreed" as const, debtId: c.debtId, c })),
  ];
  const earlier = e.scheduledMonthsToDebtFree - e.monthsToDebtFree;
  return (
    <>
      <p className="mb-2 text-slate-700" data-testid="result-settings">
        {t(`strategies.${e.strategy}`)} · {ts(`roomUses.${e.roomUse}`)}
      </p>
      <dl className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-3 gap-y-1">
        <dt className="text-slate-600">{ts("firstMonth")}</dt>
        <dd className="text-right font-semibold" data-testid="result-first-month">
          {formatFen(e.firstMonthTotalFen)}
        </dd>
        <dt className="text-slate-600">{t("monthlyTotal")}</dt>
        <dd className="text-right">{formatFen(e.monthlyTotalFen)}</dd>
        {e.commitments.length > 0 && (
          <>
            <dt className="text-slate-600">{ts("agreedMonthly")}</dt>
            <dd className="text-right" data-testid="result-agreed">
              {formatFen(e.agreedMonthlyFen)}
            </dd>
          </>
        )}
        <dt className="text-slate-600">{t("affordable")}</dt>
        <dd className="text-right" data-testid="result-affordable">
          {formatFen(affordableFen)}
        </dd>
        <dt className="text-slate-600">{e.roomUse === "buffer" ? ts("roomBuffer") : ts("roomClearEarly")}</dt>
        <dd className="text-right" data-testid="result-room">
          {formatFen(e.roomFen)}
        </dd>
        <dt className="text-slate-600">{t("monthsToDebtFree")}</dt>
        <dd className="text-right font-semibold" data-testid="result-months">
          {e.monthsToDebtFree}
        </dd>
        <dt className="text-slate-600">{t("totalPaid")}</dt>
        <dd className="text-right" data-testid="result-total">
          {formatFen(e.totalPaidFen)}
        </dd>
        <dt className="text-slate-600">{ts("totalInterest")}</dt>
        <dd className="text-right" data-testid="result-interest">
          {formatFen(e.totalInterestFen)}
        </dd>
        <dt className="text-slate-600">{t("relief")}</dt>
        <dd className="text-right">{formatFen(e.reliefFen)}</dd>
      </dl>
      {earlier > 0 && <p className="mt-1 text-emerald-800">{ts("earlier", { months: earlier, scheduled: e.scheduledMonthsToDebtFree })}</p>}
      <p className={e.feasible ? "mt-2 text-emerald-800" : "mt-2 text-amber-900"}>
        {e.feasible
          ? t("feasible")
          : e.reasons
              .map((x) =>
                t(`reasons.${x.code}`, {
                  over: formatFen(Number(x.params.overByFen ?? 0)),
                  month: String(x.params.month ?? ""),
                  months: Number(x.params.months ?? 0),
                  priority: formatFen(Number(x.params.priorityFen ?? 0)),
                  affordable: formatFen(Number(x.params.affordableFen ?? 0)),
                }),
              )
              .join(" ")}
      </p>
      {!e.strategyEffect.matters && (
        <p className="mt-2 rounded bg-slate-50 p-2 text-slate-700" data-testid="result-no-effect">
          {ts("noEffect", { reason: ts(`effects.${e.strategyEffect.reason}`) })}
        </p>
      )}
      {e.clearingOrder.length > 0 && (
        <div className="mt-2">
          <p className="font-medium">{ts("order")}</p>
          <ol className="mt-1 flex flex-col gap-0.5" data-testid="result-order">
            {e.clearingOrder.map((id) => (
              <li key={id}>
                {byId.get(id)?.clearedRank}. {lenderName(id)} · {byId.get(id)?.payoffMonth}
              </li>
            ))}
          </ol>
        </div>
      )}
      <div className="mt-3">
        <DataTable
          rows={rows}
          rowKey={(r) => `${r.kind}-${r.debtId}`}
          framed={false}
          className="table-fixed text-xs sm:text-sm"
          headRowClassName="border-b border-slate-200 text-slate-600"
          rowClassName="border-b border-slate-100 align-top"
          rowTestId={(r) => (r.kind === "line" ? `line-${r.debtId}` : `agreed-${r.debtId}`)}
          columns={[
            {
              id: "lender",
              header: ts("table.lender"),
              rowHeader: true,
              headerClassName: "w-[22%] py-1 pr-1 font-medium",
              className: "break-words py-1 pr-1 font-normal",
              cell: (r) => lenderName(r.debtId),
            },
            {
              id: "payments",
              header: ts("table.payments"),
              headerClassName: "w-[36%] py-1 pr-1 font-medium",
              className: "py-1 pr-1",
              // An agreement already made says so across the remaining columns.
              span: (r) => (r.kind === "agreed" ? 3 : 1),
              cell: (r) =>
                r.kind === "agreed" ? (
                  <>
                    <span className="mr-1 rounded bg-emerald-50 px-1 text-emerald-900">{ts("agreed")}</span>
                    {ts("agreedRun", { monthly: formatFen(r.c.monthlyFen), months: r.c.monthsLeft })}
                  </>
                ) : (
                  r.l.runs.map((run) => (
                    <span key={run.from} className="block">
                      <span className="block text-xs text-slate-600">
                        {run.months > 1 ? ts("runRange", { from: run.from, to: run.to }) : run.from}
                      </span>
                      <span className="block">
                        {ts("runAmount", {
                          amount:
                            run.lowFen === run.highFen
                              ? formatFen(run.lowFen)
                              : ts("amountRange", { low: formatFen(run.lowFen), high: formatFen(run.highFen) }),
                          months: run.months,
                        })}
                      </span>
                    </span>
                  ))
                ),
            },
            {
              id: "payoff",
              header: ts("table.payoff"),
              headerClassName: "w-[17%] py-1 pr-1 font-medium",
              className: "py-1 pr-1",
              cell: (r) =>
                r.kind === "line" && (
                  <>
                    <span className="block whitespace-nowrap" data-testid="line-payoff">
                      {r.l.payoffMonth ?? "—"}
                    </span>
                    {r.l.payoffMonth && r.l.scheduledPayoffMonth && r.l.payoffMonth < r.l.scheduledPayoffMonth && (
                      <span className="block text-xs text-slate-600">{ts("wasMonth", { month: r.l.scheduledPayoffMonth })}</span>
                    )}
                  </>
                ),
            },
            {
              id: "total",
              header: ts("table.total"),
              headerClassName: "w-[25%] py-1 text-right font-medium",
              className: "py-1 text-right",
              cell: (r) =>
                r.kind === "line" && (
                  <>
                    <span className="block whitespace-nowrap" data-testid="line-total">
                      {formatFen(r.l.totalPaidFen)}
                    </span>
                    <span className="block text-xs text-slate-600">{ts("interestOf", { amount: formatFen(r.l.interestFen) })}</span>
                  </>
                ),
            },
          ]}
        />
      </div>
    </>
  );
}
