"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { NextStep } from "@/app/_components/next-step";
import { Alert, Button, Card, EmptyState, Field, Input } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { FenCheck } from "@/app/_components/fen-check";
import {
  balanceFigures,
  counselorFigures,
  figureText,
  headlineFigures,
  p90Text,
  reliefFigures,
  type Figure,
} from "@/server/domain/outcome-figures";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";
import { OutcomeCharts } from "./outcome-charts";
import { useErrorWords } from "@/app/_components/use-error-words";
import { LegalOutcomesCard } from "./legal-outcomes";

type OutcomeSummary = inferRouterOutputs<AppRouter>["outcomes"]["summary"];

const rate = (value: number | null): Figure => ({ unit: "rate", value });

/**
 * A table of figures: nothing in it sorts, so it is the markup DataTable draws (framed off) without TanStack
 * Table, which this page would otherwise download for nothing (the staff pages' 150 kB budget, bench/page-weight.ts).
 */
function Table({ head, rows }: { head: string[]; rows: Array<Array<string | number>> }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[20rem] text-left text-sm">
        <thead>
          <tr className="border-b border-slate-200">
            {head.map((h, j) => (
              <th key={j} scope="col" className="px-2 py-2 font-medium text-slate-700">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, i) => (
            <tr key={i} className="border-b border-slate-100">
              {cells.map((c, j) => (
                <td key={j} className="px-2 py-2 tabular-nums">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function OutcomesDashboard({ from, to }: { from?: string; to?: string }) {
  const t = useTranslations("outcomes");
  const tb = useTranslations("outcomes.balances");
  const ts = useTranslations("cases.states");
  const tn = useTranslations("nextStep");
  const trpc = useTRPC();
  const router = useRouter();
  const apiError = useErrorWords();
  const [draft, setDraft] = useState({ from: from ?? "", to: to ?? "" });
  const range = { from, to };
  const q = useQuery(trpc.outcomes.summary.queryOptions(range));
  const s = q.data;
  const text = (f: Figure) => figureText(f, t);
  const params = new URLSearchParams();
  if (s) {
    params.set("from", s.range.from);
    params.set("to", s.range.to);
  }
  const apply = (e: React.FormEvent) => {
    e.preventDefault();
    // What the fields show is what applies (a field left as shown keeps the current range's day).
    const next = new URLSearchParams();
    const f = draft.from || s?.range.from;
    const to = draft.to || s?.range.to;
    if (f) next.set("from", f);
    if (to) next.set("to", to);
    router.replace(`/admin/outcomes?${next.toString()}`);
  };
  return (
    <div className="flex flex-col gap-6">
      <form onSubmit={apply} className="flex flex-wrap items-end gap-3">
        <Field label={t("from")}>
          {({ id, describedBy }) => (
            <Input
              id={id}
              aria-describedby={describedBy}
              type="date"
              value={draft.from || s?.range.from || ""}
              onChange={(e) => setDraft({ ...draft, from: e.target.value })}
            />
          )}
        </Field>
        <Field label={t("to")}>
          {({ id, describedBy }) => (
            <Input
              id={id}
              aria-describedby={describedBy}
              type="date"
              value={draft.to || s?.range.to || ""}
              onChange={(e) => setDraft({ ...draft, to: e.target.value })}
            />
          )}
        </Field>
        <Button type="submit">{t("apply")}</Button>
        {s && (
          <>
            <a
              className="flex min-h-11 items-center text-sm font-medium text-brand-700 underline"
              href={`/api/outcomes/export?${params.toString()}&format=csv`}
            >
              {t("exportCsv")}
            </a>
            <a
              className="flex min-h-11 items-center text-sm font-medium text-brand-700 underline"
              href={`/api/outcomes/export?${params.toString()}&format=xlsx`}
            >
              {t("exportExcel")}
            </a>
            <a
              className="flex min-h-11 items-center text-xs text-slate-600 underline"
              href={`/api/outcomes/export?${params.toString()}&format=csv-raw`}
            >
              {t("report.exportRaw")}
            </a>
          </>
        )}
      </form>
      {q.error && <Alert tone="error">{apiError(q.error).message}</Alert>}
      {s && <Headline s={s} />}
      {s && (
        <>
          <Card title={tb("title")}>
            <dl className="grid gap-3 sm:grid-cols-2">
              <div>
                <dt className="text-sm text-slate-600">{tb("owedNow")}</dt>
                <dd className="text-2xl font-bold tabular-nums" data-testid="kpi-owed-now">
                  {figureText(balanceFigures(s.balances).owedNow, t)}
                  <FenCheck fen={s.balances.owedFen} limit={Number.MAX_SAFE_INTEGER} />
                </dd>
              </div>
              <div>
                <dt className="text-sm text-slate-600">{tb("underAgreements")}</dt>
                <dd className="text-2xl font-bold tabular-nums" data-testid="kpi-under-agreements">
                  {figureText(balanceFigures(s.balances).underAgreements, t)}
                </dd>
              </div>
            </dl>
            <p className="mt-2 text-sm text-slate-600">{tb("help", { count: s.balances.activeAgreements })}</p>
          </Card>
          <OutcomeCharts s={s} />
          {s.relief.byLender.length > 0 && (
            <Card title={`${t("relief")} · ${t("byLender")}`}>
              <Table
                head={[t("lender"), t("agreements"), t("waived"), t("monthlyReduction")]}
                rows={s.relief.byLender.map((l) => {
                  const f = reliefFigures(l);
                  return [l.lenderName, text(f.agreements), text(f.waived), text(f.monthlyReduction)];
                })}
              />
            </Card>
          )}
          {s.acceptance.total.answered === 0 ? (
            <NextStep testId="outcomes" href="/cases" link={tn("outcomesLink")}>
              {tn("outcomes")}
            </NextStep>
          ) : (
            <div className="grid gap-4 lg:grid-cols-2">
              <Card title={`${t("acceptance")} · ${t("byLender")}`} className="min-w-0">
                <Table
                  head={[t("lender"), t("answered"), t("accepted"), t("rate")]}
                  rows={s.acceptance.byLender.map((l) => [l.lenderName, l.answered, l.accepted, text(rate(l.rate))])}
                />
              </Card>
              <Card title={`${t("acceptance")} · ${t("byKind")}`} className="min-w-0">
                <Table
                  head={[t("kind"), t("answered"), t("accepted"), t("rate")]}
                  rows={s.acceptance.byKind.map((k) => [t(`kinds.${k.kind}`), k.answered, k.accepted, text(rate(k.rate))])}
                />
              </Card>
            </div>
          )}
          {s.legal && <LegalOutcomesCard legal={s.legal} />}
          <Card title={t("perCounselor")}>
            {s.perCounselor.length === 0 ? (
              <EmptyState>{t("report.noCounselors")}</EmptyState>
            ) : (
              <Table
                head={[t("counselor"), t("clients"), t("openCases"), t("answered"), t("rate"), t("agreements"), t("waived")]}
                rows={s.perCounselor.map((c) => {
                  const f = counselorFigures(c);
                  return [
                    c.name,
                    text(f.clients),
                    text(f.openCases),
                    text(f.answered),
                    text(f.acceptanceRate),
                    text(f.agreements),
                    text(f.waived),
                  ];
                })}
              />
            )}
          </Card>
          <Card title={t("casesByMonth")}>
            {s.casesByMonth.every((m) => Object.keys(m.counts).length === 0) ? (
              <EmptyState>{t("report.noCases")}</EmptyState>
            ) : (
              <ul className="flex flex-col gap-2 text-sm">
                {s.casesByMonth.map((m) => {
                  const total = Object.values(m.counts).reduce((a, b) => a + b, 0);
                  return (
                    <li key={m.month} className="flex flex-col gap-1 sm:flex-row sm:gap-3">
                      <span className="w-20 shrink-0 font-medium tabular-nums">{m.month}</span>
                      <span className="text-slate-700">
                        {total === 0
                          ? "—"
                          : Object.entries(m.counts)
                              .map(([status, n]) => `${ts(status)} ${n}`)
                              .join(" · ")}
                      </span>
                    </li>
                  );
                })}
              </ul>
            )}
          </Card>
        </>
      )}
    </div>
  );
}

/** The four headline cards; each figure reads by the shared rules (unit, "—" when not measured, sentence). */
function Headline({ s }: { s: OutcomeSummary }) {
  const t = useTranslations("outcomes");
  const h = headlineFigures(s);
  const text = (f: Figure) => figureText(f, t);
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      <Card title={t("acceptance")}>
        <p className="text-2xl font-bold" data-testid="kpi-acceptance-rate">
          {text(h.acceptanceRate)}
        </p>
        <p className="text-sm text-slate-600">
          {t("answered")} <span data-testid="kpi-answered">{text(h.answered)}</span> · {t("accepted")}{" "}
          <span data-testid="kpi-accepted">{text(h.accepted)}</span>
        </p>
      </Card>
      <Card title={t("waived")}>
        <p className="text-2xl font-bold" data-testid="kpi-waived">
          {text(h.waived)}
          {/* An organization's total may pass ¥100,000,000; only one too large to add up exactly is flagged. */}
          <FenCheck fen={s.relief.waivedFen} limit={Number.MAX_SAFE_INTEGER} />
        </p>
        <p className="text-sm text-slate-600">
          {t("monthlyReduction")} <span data-testid="kpi-monthly-reduction">{text(h.monthlyReduction)}</span>
        </p>
        <p className="text-xs text-slate-600" data-testid="kpi-monthly-reduction-basis">
          {s.relief.agreements === 0
            ? t("report.noAgreements")
            : h.monthlyReduction.value === null
              ? t("report.reductionNone")
              : t("report.reductionOf", { count: s.relief.monthlyReductionAgreements })}
        </p>
      </Card>
      <Card title={t("timeToAgreement")}>
        <p className="text-2xl font-bold" data-testid="kpi-median-days">
          {text(h.medianDays)}
        </p>
        {h.medianDays.value === null ? (
          <p className="text-sm text-slate-600">{t("report.noAgreements")}</p>
        ) : (
          <>
            <p className="text-sm text-slate-600">{t("report.medianOf", { count: s.timeToAgreement.agreements })}</p>
            <p className="text-sm text-slate-600" data-testid="kpi-p90">
              {p90Text(h.p90Days, t)}
            </p>
          </>
        )}
      </Card>
      <Card title={t("adherence")}>
        <p className="text-2xl font-bold" data-testid="kpi-adherence-rate">
          {text(h.adherenceRate)}
        </p>
        <p className="text-sm text-slate-600" data-testid="kpi-adherence-basis">
          {s.adherence.due === 0
            ? t("report.noDue")
            : t.rich("report.adherenceOf", {
                onTime: s.adherence.onTime,
                due: s.adherence.due,
                onTimeTag: (chunks) => <span data-testid="kpi-on-time">{chunks}</span>,
                dueTag: (chunks) => <span data-testid="kpi-due">{chunks}</span>,
              })}
        </p>
      </Card>
    </div>
  );
}
