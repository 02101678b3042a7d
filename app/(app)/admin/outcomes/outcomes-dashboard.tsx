"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, Card, EmptyState, Field, Input } from "@/app/_components/ui";
import { useApiError } from "@/app/_components/use-api-error";
import { useTRPC } from "@/app/_trpc/client";
import { FenCheck } from "@/app/_components/fen-check";
import { formatFen } from "@/server/domain/money";
import { OutcomeCharts } from "./outcome-charts";

const pct = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(1)}%`);
const num = (n: number | null) => (n === null ? "—" : Number.isInteger(n) ? String(n) : n.toFixed(1));

function Table({ head, rows }: { head: string[]; rows: Array<Array<string | number>> }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[20rem] text-left text-sm">
        <thead>
          <tr className="border-b border-slate-200">
            {head.map((h) => (
              <th key={h} scope="col" className="px-2 py-2 font-medium text-slate-700">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className="border-b border-slate-100">
              {r.map((c, j) => (
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
  const tb = useTranslations("balance.outcomes");
  const ts = useTranslations("cases.states");
  const trpc = useTRPC();
  const router = useRouter();
  const apiError = useApiError();
  const [draft, setDraft] = useState({ from: from ?? "", to: to ?? "" });
  const range = { from, to };
  const q = useQuery(trpc.outcomes.summary.queryOptions(range));
  const s = q.data;
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
            <Input id={id} aria-describedby={describedBy} type="date" value={draft.from || s?.range.from || ""} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
          )}
        </Field>
        <Field label={t("to")}>
          {({ id, describedBy }) => (
            <Input id={id} aria-describedby={describedBy} type="date" value={draft.to || s?.range.to || ""} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
          )}
        </Field>
        <Button type="submit">{t("apply")}</Button>
        {s && (
          <>
            <a className="flex min-h-11 items-center text-sm font-medium text-brand-700 underline" href={`/api/outcomes/export?${params.toString()}&format=csv`}>
              {t("exportCsv")}
            </a>
            <a className="flex min-h-11 items-center text-sm font-medium text-brand-700 underline" href={`/api/outcomes/export?${params.toString()}&format=xlsx`}>
              {t("exportExcel")}
            </a>
          </>
        )}
      </form>
      {q.error && <Alert tone="error">{apiError(q.error).message}</Alert>}
      {s && (
        <>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Card title={t("acceptance")}>
              <p className="text-2xl font-bold" data-testid="kpi-acceptance-rate">{pct(s.acceptance.total.rate)}</p>
              <p className="text-sm text-slate-600">
                {t("answered")} <span data-testid="kpi-answered">{s.acceptance.total.answered}</span> · {t("accepted")}{" "}
                <span data-testid="kpi-accepted">{s.acceptance.total.accepted}</span>
              </p>
            </Card>
            <Card title={t("waived")}>
              <p className="text-2xl font-bold" data-testid="kpi-waived">
                {formatFen(s.relief.waivedFen)}
                {/* An organization's total may pass ¥100,000,000; only one too large to add up exactly is flagged. */}
                <FenCheck fen={s.relief.waivedFen} limit={Number.MAX_SAFE_INTEGER} />
              </p>
              <p className="text-sm text-slate-600">
                {t("monthlyReduction")} <span data-testid="kpi-monthly-reduction">{formatFen(s.relief.monthlyReductionFen)}</span>
              </p>
            </Card>
            <Card title={t("timeToAgreement")}>
              <p className="text-2xl font-bold" data-testid="kpi-median-days">{num(s.timeToAgreement.medianDays)}</p>
              <p className="text-sm text-slate-600">
                {t("p90")} {num(s.timeToAgreement.p90Days)}
              </p>
            </Card>
            <Card title={t("adherence")}>
              <p className="text-2xl font-bold" data-testid="kpi-adherence-rate">{pct(s.adherence.rate)}</p>
              <p className="text-sm text-slate-600">
                <span data-testid="kpi-on-time">{s.adherence.onTime}</span> / <span data-testid="kpi-due">{s.adherence.due}</span>
              </p>
            </Card>
          </div>
          <p className="text-sm text-slate-600">
            {t("acceptanceHelp")} {t("monthlyReductionHelp", { count: s.relief.monthlyReductionAgreements })} {t("adherenceHelp")}
          </p>
          <Card title={tb("title")}>
            <dl className="grid gap-3 sm:grid-cols-2">
              <div>
                <dt className="text-sm text-slate-600">{tb("owedNow")}</dt>
                <dd className="text-2xl font-bold tabular-nums" data-testid="kpi-owed-now">
                  {formatFen(s.balances.owedFen)}
                </dd>
              </div>
              <div>
                <dt className="text-sm text-slate-600">{tb("underAgreements")}</dt>
                <dd className="text-2xl font-bold tabular-nums" data-testid="kpi-under-agreements">
                  {formatFen(s.balances.underAgreementsFen)}
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
                rows={s.relief.byLender.map((l) => [l.lenderName, l.agreements, formatFen(l.waivedFen), formatFen(l.monthlyReductionFen)])}
              />
            </Card>
          )}
          {s.acceptance.total.answered === 0 ? (
            <EmptyState>{t("noData")}</EmptyState>
          ) : (
            <div className="grid gap-4 lg:grid-cols-2">
              <Card title={t("byLender")}>
                <Table head={[t("lender"), t("answered"), t("accepted"), t("rate")]} rows={s.acceptance.byLender.map((l) => [l.lenderName, l.answered, l.accepted, pct(l.rate)])} />
              </Card>
              <Card title={t("byKind")}>
                <Table head={[t("kind"), t("answered"), t("accepted"), t("rate")]} rows={s.acceptance.byKind.map((k) => [t(`kinds.${k.kind}`), k.answered, k.accepted, pct(k.rate)])} />
              </Card>
            </div>
          )}
          <Card title={t("perCounselor")}>
            <Table
              head={[t("counselor"), t("clients"), t("openCases"), t("answered"), t("rate"), t("agreements"), t("waived")]}
              rows={s.perCounselor.map((c) => [c.name, c.clients, c.openCases, c.answered, pct(c.acceptanceRate), c.agreements, formatFen(c.waivedFen)])}
            />
          </Card>
          <Card title={t("casesByMonth")}>
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
          </Card>
        </>
      )}
    </div>
  );
}
