"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import { useEffect, useMemo, useState } from "react";
import { Alert, Button, Card, Input, Select } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { formatFen } from "@/server/domain/money";
import type { ArrangementInput, ScenarioInput } from "@/server/schemas/assessment";
import { balanceChartRows } from "./chart-data";
import type { Outputs } from "./helpers";
import { PlanResults } from "./plan-results";
import { useErrorWords } from "@/app/_components/use-error-words";
import { shanghaiDate, todayInShanghai } from "@/server/domain/time";

type Debt = Outputs["debt"]["list"]["debts"][number];
type Evaluated = Outputs["plan"]["evaluate"];
const STRATEGIES = ["pro-rata", "avalanche", "snowball"] as const;
const ROOM_USES = ["clear-early", "buffer"] as const;
const METHODS = ["none", "equal-instalment", "equal-principal", "interest-free"] as const;
const COLORS = ["#0b5e58", "#b45309", "#6d28d9"];
const DASHES = [undefined, "8 4", "2 3"];

/** recharts is downloaded only when a chart is drawn; the placeholder fills the chart's fixed-height box. */
const BalanceChart = dynamic(() => import("./balance-chart"), {
  ssr: false,
  loading: () => <div className="h-full w-full animate-pulse rounded-lg bg-slate-100" />,
});

function firstOfNextMonth(): string {
  const [y, m] = todayInShanghai().split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

/** What a new debt starts with in every scenario: ask to waive penalty and fees, interest-free instalments. */
function defaultArrangement(months: number): ArrangementInput {
  return { waivePenalty: true, waiveFees: true, instalment: { method: "interest-free", months } };
}

function defaultScenario(name: string, debts: Debt[], months: number): ScenarioInput {
  return {
    name,
    startDate: firstOfNextMonth(),
    strategy: "pro-rata",
    roomUse: "clear-early",
    lines: debts.map((d) => ({ debtId: d.id, arrangement: defaultArrangement(months) })),
  };
}

/** Keeps every scenario's lines in step with the client's current debts (new debts added with the default arrangement, removed ones dropped). */
function syncLines(s: ScenarioInput, debts: Debt[]): ScenarioInput {
  const byId = new Map(s.lines.map((l) => [l.debtId, l]));
  return { ...s, lines: debts.map((d) => byId.get(d.id) ?? { debtId: d.id, arrangement: defaultArrangement(36) }) };
}

/**
 * Per debt the arrangement to ask for, how the money left over is used (by which strategy, or kept as a
 * buffer), up to three scenarios side by side with what each pays per debt and month, the remaining balance
 * over time, and saving one scenario as the client's plan (with the version it was loaded at: a concurrent
 * save is a conflict, never an overwrite). Debts under an agreement are shown with their agreed amount and
 * are not planned again.
 */
export function PlanBuilder({ clientId }: { clientId: string }) {
  const t = useTranslations("assessment.plan");
  const ts = useTranslations("assessment.planStrategy");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const apiError = useErrorWords();
  const debts = useQuery(trpc.debt.list.queryOptions({ clientId }));
  const plan = useQuery(trpc.plan.get.queryOptions({ clientId }));
  const evaluate = useMutation(trpc.plan.evaluate.mutationOptions());
  const save = useMutation(trpc.plan.save.mutationOptions());
  const [scenarios, setScenarios] = useState<ScenarioInput[] | null>(null);
  const [loadedVersion, setLoadedVersion] = useState(0);
  const [chosen, setChosen] = useState(0);
  const [evaluated, setEvaluated] = useState<Evaluated | null>(null);
  const [message, setMessage] = useState<{ tone: "error" | "success" | "warning"; text: string } | null>(null);

  const debtList = useMemo(() => debts.data?.debts ?? [], [debts.data]);
  // Start from the saved plan, or from one default scenario.
  useEffect(() => {
    if (scenarios !== null || !debts.data || plan.data === undefined) return;
    if (plan.data) {
      setScenarios(plan.data.scenarios.map((s) => syncLines(s, debtList)));
      setChosen(plan.data.chosenScenario);
      setLoadedVersion(plan.data.version);
    } else if (debtList.length > 0) {
      setScenarios([defaultScenario(t("scenarioName", { n: 1 }), debtList, 36)]);
    }
  }, [debts.data, plan.data, scenarios, debtList, t]);
  // Debts added or removed since: keep lines aligned.
  useEffect(() => {
    setScenarios((ss) => (ss ? ss.map((s) => syncLines(s, debtList)) : ss));
  }, [debtList]);

  if (!debts.data) return null;
  const byId = new Map(debtList.map((d) => [d.id, d]));

  const setArrangement = (si: number, debtId: string, f: (a: ArrangementInput) => ArrangementInput) =>
    setScenarios((ss) =>
      ss!.map((s, i) =>
        i === si ? { ...s, lines: s.lines.map((l) => (l.debtId === debtId ? { ...l, arrangement: f(l.arrangement) } : l)) } : s,
      ),
    );
  const setScenario = (si: number, patch: Partial<ScenarioInput>) =>
    setScenarios((ss) => ss!.map((s, i) => (i === si ? { ...s, ...patch } : s)));

  async function runEvaluate() {
    if (!scenarios) return;
    setMessage(null);
    try {
      const r = await evaluate.mutateAsync({ clientId, scenarios });
      setEvaluated(r);
      if (!r.hasBudget) setMessage({ tone: "warning", text: t("noBudget") });
    } catch (e) {
      setMessage({ tone: "error", text: apiError(e).message });
    }
  }

  async function runSave() {
    if (!scenarios) return;
    setMessage(null);
    try {
      const r = await save.mutateAsync({ clientId, expectedVersion: loadedVersion, scenarios, chosenScenario: chosen });
      setLoadedVersion(r.version);
      await queryClient.invalidateQueries({ queryKey: trpc.plan.get.queryKey({ clientId }) });
      setMessage({
        tone: r.feasible ? "success" : "warning",
        text: r.feasible ? t("saved", { version: r.version }) : t("savedInfeasible", { version: r.version }),
      });
    } catch (e) {
      const code = (e as { data?: { code?: string } }).data?.code;
      setMessage({ tone: "error", text: code === "CONFLICT" ? t("conflict") : apiError(e).message });
    }
  }

  const chartData = evaluated
    ? balanceChartRows(evaluated.scenarios.flatMap((r, i) => (r.ok ? [{ key: `s${i}`, points: r.evaluation.balanceSeries }] : [])))
    : [];
  const agreed = new Map((evaluated?.commitments ?? []).map((c) => [c.debtId, c]));
  const lenderName = (debtId: string) => byId.get(debtId)?.lenderName ?? "—";

  return (
    <section id="plan">
      <Card title={t("title")}>
        {plan.data?.needsReview && <Alert tone="warning">{t(`needsReview.${plan.data.needsReviewReason ?? "debt-changed"}`)}</Alert>}
        {plan.data && (
          <p className="mb-3 text-sm text-slate-600">
            {t("savedInfo", {
              version: plan.data.version,
              date: shanghaiDate(new Date(plan.data.savedAt)),
              name: plan.data.savedByName ?? "—",
            })}
          </p>
        )}
        {debtList.length === 0 || !scenarios ? (
          <p className="text-sm text-slate-700">{t("needDebts")}</p>
        ) : (
          <div className="flex flex-col gap-4">
            <div className="grid gap-4 lg:grid-cols-3">
              {scenarios.map((s, si) => (
                <fieldset key={si} className="flex flex-col gap-3 rounded-lg border border-slate-200 p-3" data-testid={`scenario-${si}`}>
                  <legend className="px-1 font-semibold">{t("scenario", { n: si + 1 })}</legend>
                  <label className="flex flex-col gap-1 text-sm">
                    {t("name")}
                    <Input value={s.name} onChange={(e) => setScenario(si, { name: e.target.value })} />
                  </label>
                  <label className="flex flex-col gap-1 text-sm">
                    {t("startDate")}
                    <Input type="date" value={s.startDate} onChange={(e) => setScenario(si, { startDate: e.target.value })} />
                  </label>
                  <label className="flex flex-col gap-1 text-sm">
                    {t("strategy")}
                    <Select
                      value={s.strategy}
                      aria-describedby={`strategy-hint-${si}`}
                      onChange={(e) => setScenario(si, { strategy: e.target.value as ScenarioInput["strategy"] })}
                    >
                      {STRATEGIES.map((k) => (
                        <option key={k} value={k}>
                          {t(`strategies.${k}`)}
                        </option>
                      ))}
                    </Select>
                    <span id={`strategy-hint-${si}`} className="text-xs text-slate-600">
                      {ts(`hints.${s.strategy}`)}
                    </span>
                  </label>
                  <fieldset className="flex flex-col gap-1 text-sm" aria-describedby={`room-hint-${si}`}>
                    <legend className="mb-1">{ts("room")}</legend>
                    {ROOM_USES.map((k) => (
                      <label key={k} className="flex min-h-11 items-center gap-2">
                        <input
                          type="radio"
                          name={`room-${si}`}
                          className="size-5 shrink-0"
                          checked={s.roomUse === k}
                          onChange={() => setScenario(si, { roomUse: k })}
                        />
                        {ts(`roomUses.${k}`)}
                      </label>
                    ))}
                    <span id={`room-hint-${si}`} className="text-xs text-slate-600">
                      {ts("roomHint")}
                    </span>
                  </fieldset>
                  {s.lines.map((l) => {
                    const d = byId.get(l.debtId);
                    if (!d) return null;
                    const fixed = agreed.get(l.debtId);
                    if (fixed) {
                      return (
                        <div key={l.debtId} className="flex flex-col gap-1 border-t border-slate-100 pt-2" data-testid="agreed-debt">
                          <p className="text-sm font-medium">
                            {d.lenderName} · {formatFen(d.balanceFen)}
                          </p>
                          <p className="text-sm text-emerald-900">
                            {ts("agreedLine", { monthly: formatFen(fixed.monthlyFen), months: fixed.monthsLeft })}
                          </p>
                        </div>
                      );
                    }
                    const a = l.arrangement;
                    const method = a.instalment?.method ?? "none";
                    return (
                      <div key={l.debtId} className="flex flex-col gap-2 border-t border-slate-100 pt-2">
                        <p className="text-sm font-medium">
                          {d.lenderName} · {formatFen(d.balanceFen)}
                        </p>
                        <div className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
                          {(["waiveInterest", "waivePenalty", "waiveFees", "creditCorrection"] as const).map((k) => (
                            <label key={k} className="flex min-h-11 items-center gap-1">
                              <input
                                type="checkbox"
                                className="size-5"
                                checked={Boolean(a[k])}
                                onChange={(e) => setArrangement(si, l.debtId, (x) => ({ ...x, [k]: e.target.checked }))}
                              />
                              {t(`arrangement.${k}`)}
                            </label>
                          ))}
                        </div>
                        <div className="grid grid-cols-2 gap-2">
                          <Select
                            aria-label={t("method")}
                            value={method}
                            onChange={(e) => {
                              const m = e.target.value as (typeof METHODS)[number];
                              setArrangement(si, l.debtId, (x) => ({
                                ...x,
                                instalment: m === "none" ? undefined : { method: m, months: x.instalment?.months ?? 24 },
                              }));
                            }}
                          >
                            {METHODS.map((m) => (
                              <option key={m} value={m}>
                                {t(`methods.${m}`)}
                              </option>
                            ))}
                          </Select>
                          {a.instalment && (
                            <label className="flex items-center gap-1 text-sm">
                              <Input
                                type="number"
                                min={1}
                                max={60}
                                inputMode="numeric"
                                aria-label={t("months")}
                                value={a.instalment.months}
                                onChange={(e) =>
                                  setArrangement(si, l.debtId, (x) => ({
                                    ...x,
                                    instalment: { ...x.instalment!, months: Math.max(1, Math.min(60, Number(e.target.value) || 1)) },
                                  }))
                                }
                              />
                              <span className="whitespace-nowrap">{t("monthsUnit")}</span>
                            </label>
                          )}
                          <label className="col-span-2 flex items-center gap-2 text-sm">
                            {t("deferral")}
                            <Input
                              type="number"
                              min={0}
                              max={24}
                              inputMode="numeric"
                              className="max-w-24"
                              value={a.deferralMonths ?? 0}
                              onChange={(e) =>
                                setArrangement(si, l.debtId, (x) => ({
                                  ...x,
                                  deferralMonths: Math.max(0, Math.min(24, Number(e.target.value) || 0)),
                                }))
                              }
                            />
                            <span className="whitespace-nowrap">{t("monthsUnit")}</span>
                          </label>
                        </div>
                      </div>
                    );
                  })}
                  <label className="flex min-h-11 items-center gap-2 text-sm font-medium">
                    <input type="radio" name="chosen" className="size-5" checked={chosen === si} onChange={() => setChosen(si)} />
                    {t("choose")}
                  </label>
                  {scenarios.length > 1 && (
                    <Button
                      type="button"
                      variant="ghost"
                      onClick={() => {
                        setScenarios(scenarios.filter((_, i) => i !== si));
                        setEvaluated(null);
                        setChosen(0);
                      }}
                    >
                      {t("removeScenario")}
                    </Button>
                  )}
                </fieldset>
              ))}
            </div>
            <div className="flex flex-wrap gap-2">
              {scenarios.length < 3 && (
                <Button
                  type="button"
                  variant="secondary"
                  onClick={() =>
                    setScenarios([
                      ...scenarios,
                      { ...structuredClone(scenarios[scenarios.length - 1]!), name: t("scenarioName", { n: scenarios.length + 1 }) },
                    ])
                  }
                >
                  {t("addScenario")}
                </Button>
              )}
              <Button type="button" variant="secondary" onClick={runEvaluate} disabled={evaluate.isPending}>
                {t("compare")}
              </Button>
              <Button type="button" onClick={runSave} disabled={save.isPending}>
                {t("save")}
              </Button>
            </div>
            {message && <Alert tone={message.tone}>{message.text}</Alert>}
            {evaluated && (
              <>
                <PlanResults evaluated={evaluated} lenderName={lenderName} colors={COLORS} />
                {chartData.length > 0 && (
                  <div className="h-72 w-full" role="img" aria-label={t("chartLabel")} data-testid="balance-chart">
                    <BalanceChart
                      data={chartData}
                      lines={evaluated.scenarios.flatMap((r, i) =>
                        r.ok ? [{ key: `s${i}`, name: r.name, color: COLORS[i] ?? "#0b5e58", dash: DASHES[i] }] : [],
                      )}
                    />
                  </div>
                )}
              </>
            )}
          </div>
        )}
      </Card>
    </section>
  );
}
