"use client";

import { ConductFlagChip } from "@/app/_components/rule-words";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { NextStep } from "@/app/_components/next-step";
import { Alert, Card, EmptyState } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { FenCheck } from "@/app/_components/fen-check";
import { formatFen } from "@/server/domain/money";
import { BalanceNotes } from "../../_workspace/balance-notes";
import { useErrorWords } from "@/app/_components/use-error-words";

const when = (d: Date | string) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" }).format(new Date(d));
const day = (d: Date | string) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", dateStyle: "short" }).format(new Date(d));

const linkClass = "flex min-h-11 items-center text-sm font-medium text-brand-700 underline";

/** The overview's figures: what is owed, the cases, and the next payment across all agreements. */
export function OverviewFigures({ clientId }: { clientId: string }) {
  const t = useTranslations("clientTabs");
  const trpc = useTRPC();
  const debts = useQuery(trpc.debt.list.queryOptions({ clientId }));
  const activity = useQuery(trpc.client.activity.queryOptions({ id: clientId }));
  const owed = debts.data ? debts.data.totals.balance : null;
  // The server's one rule for her next payment (the portal shows the same): never worked out here.
  const next = debts.data?.nextPayment ?? null;
  const figure = (label: string, value: React.ReactNode, beside?: React.ReactNode, testId?: string) => (
    <div className="flex flex-col gap-1 rounded-xl border border-slate-200 bg-white p-4">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="text-lg font-semibold text-slate-900" data-testid={testId}>
        {value}
      </dd>
      {beside && <dd>{beside}</dd>}
    </div>
  );
  return (
    <dl className="grid gap-3 sm:grid-cols-3" data-testid="client-overview">
      {figure(
        t("owed"),
        owed === null ? (
          "…"
        ) : (
          <>
            {formatFen(owed.owedFen)}
            <FenCheck fen={owed.owedFen} />
          </>
        ),
        owed && (
          <BalanceNotes
            side={{
              growthFen: owed.growthFen,
              since: owed.growthSince,
              dailyGrowthFen: owed.dailyGrowthFen,
              pendingFen: owed.pendingFen,
              reliefFen: owed.reliefFen,
            }}
          />
        ),
        "client-owed",
      )}
      {figure(t("caseCount"), activity.data ? activity.data.cases.length : "…")}
      {figure(
        t("nextPayment"),
        next
          ? t("nextPaymentValue", { date: next.dueDate, lender: next.lenderName, amount: formatFen(next.amountFen) })
          : debts.data
            ? t("noNextPayment")
            : "…",
        next?.overdue ? <p className="text-xs font-medium text-red-700">{t("nextPaymentOverdue")}</p> : undefined,
        "client-next-payment",
      )}
    </dl>
  );
}

/** The tabs built from the client's activity across cases; each row links to its case page. */
export function ActivityTab({ clientId, tab }: { clientId: string; tab: "cases" | "documents" | "contacts" | "payments" | "timeline" }) {
  const t = useTranslations("clientTabs");
  const tc = useTranslations("cases");
  const tn = useTranslations("nextStep");
  const trpc = useTRPC();
  const apiError = useErrorWords();
  const q = useQuery(trpc.client.activity.queryOptions({ id: clientId }));
  if (q.isError) return <Alert tone="error">{apiError(q.error).message}</Alert>;
  if (!q.data)
    return (
      <p role="status" className="text-slate-600">
        {tc("case")}…
      </p>
    );
  const data = q.data;
  const caseLink = (caseId: string, label: string) => (
    <Link href={`/cases/${caseId}`} className={linkClass}>
      {label}
    </Link>
  );

  if (tab === "cases") {
    if (!data.cases.length) return <EmptyState>{t("noCases")}</EmptyState>;
    return (
      <Card title={t("tabs.cases")}>
        <ul className="flex flex-col divide-y divide-slate-100" data-testid="client-cases">
          {data.cases.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
              <div className="flex min-w-0 flex-col">
                <span className="font-medium">
                  {c.lenderName} · {tc(`states.${c.status}`)}
                </span>
                <span className="text-sm text-slate-600">
                  {tc("openedAt")} {day(c.openedAt)} ·{" "}
                  {c.repayment
                    ? `${t("repayment", { paid: formatFen(c.repayment.totalPaidFen), outstanding: formatFen(c.repayment.outstandingFen) })}${
                        c.repayment.missedCount ? ` · ${t("missed", { count: c.repayment.missedCount })}` : ""
                      }`
                    : t("noAgreement")}
                </span>
              </div>
              {caseLink(c.id, t("openCase"))}
            </li>
          ))}
        </ul>
      </Card>
    );
  }

  if (tab === "documents") {
    if (!data.documents.length)
      return data.cases[0] ? (
        <NextStep testId="documents" href={`/cases/${data.cases[0].id}`} link={tn("documentsCaseLink")}>
          {tn("documents")}
        </NextStep>
      ) : (
        <NextStep testId="documents" href={`/clients/${clientId}?tab=debts`} link={tn("documentsDebtLink")}>
          {tn("documents")}
        </NextStep>
      );
    const lenderOf = new Map(data.cases.map((c) => [c.id, c.lenderName]));
    return (
      <Card title={t("tabs.documents")}>
        <ul className="flex flex-col divide-y divide-slate-100">
          {data.documents.map((d) => (
            <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
              <div className="flex min-w-0 flex-col">
                <span className="break-all font-medium">{d.filename}</span>
                <span className="text-sm text-slate-600">
                  {tc(`documentKinds.${d.kind}`)}
                  {d.requested ? ` · ${t("requested")}` : ""} · {day(d.createdAt)}
                  {d.caseId ? ` · ${lenderOf.get(d.caseId) ?? ""}` : ""}
                </span>
              </div>
              <div className="flex gap-3">
                <a className={linkClass} href={`/api/documents/${d.id}`}>
                  {tc("download")}
                </a>
                {d.caseId && caseLink(d.caseId, t("openCase"))}
              </div>
            </li>
          ))}
        </ul>
      </Card>
    );
  }

  if (tab === "contacts") {
    if (!data.contacts.length) return <EmptyState>{t("noContacts")}</EmptyState>;
    return (
      <Card title={t("tabs.contacts")}>
        <ul className="flex flex-col divide-y divide-slate-100">
          {data.contacts.map((c) => (
            <li key={c.id} className="flex flex-col gap-1 py-3" data-testid="client-contact">
              <span className="text-sm text-slate-600">
                {when(c.at)} · {c.lenderName} · {tc(`contactChannels.${c.channel}`)} · {tc(`directions.${c.direction}`)} ·{" "}
                {tc(`parties.${c.party}`)}
                {c.conductFlags.length > 0 && <strong className="ml-1 text-red-800">· {t("flagged")}</strong>}
              </span>
              {c.conductFlags.length > 0 && (
                <span className="flex flex-wrap gap-1" data-testid="client-contact-flags">
                  {c.conductFlags.map((f) => (
                    <ConductFlagChip key={`${f.flag}-${f.ruleId}-${f.version}`} flag={f} />
                  ))}
                </span>
              )}
              <span className="break-words">{c.summary}</span>
              {caseLink(c.caseId, t("openCase"))}
            </li>
          ))}
        </ul>
      </Card>
    );
  }

  if (tab === "payments") {
    if (!data.payments.length) return <EmptyState>{t("noPayments")}</EmptyState>;
    return (
      <Card title={t("tabs.payments")}>
        <ul className="flex flex-col divide-y divide-slate-100" data-testid="client-payments">
          {data.payments.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
              <div className="flex min-w-0 flex-col">
                <span className="font-medium">
                  {formatFen(p.amountFen)} · {p.lenderName}
                </span>
                <span className="text-sm text-slate-600">
                  {p.paidOn} · {tc(`paymentMethods.${p.method}`)} · {tc(`paymentStatus.${p.status}`)} ·{" "}
                  {p.reportedByRole === "client" ? t("byClient") : t("byStaff")}
                </span>
              </div>
              <div className="flex gap-3">
                {p.receiptDocumentId && (
                  <a className={linkClass} href={`/api/documents/${p.receiptDocumentId}`}>
                    {t("receipt")}
                  </a>
                )}
                {caseLink(p.caseId, t("openCase"))}
              </div>
            </li>
          ))}
        </ul>
      </Card>
    );
  }

  if (!data.timeline.length) return <EmptyState>{t("noTimeline")}</EmptyState>;
  return (
    <Card title={t("tabs.timeline")}>
      <ol className="flex flex-col divide-y divide-slate-100">
        {data.timeline.map((e, n) => (
          <li key={`${e.caseId}-${n}`} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <div className="flex min-w-0 flex-col">
              <span>
                {e.lenderName} ·{" "}
                {t(`timelineKinds.${e.kind}`, {
                  detail:
                    e.kind === "status"
                      ? tc(`states.${e.detail as "intake"}`)
                      : e.kind === "answer"
                        ? tc(`responseKinds.${e.detail as "accepted"}`)
                        : e.kind === "contact"
                          ? tc(`contactChannels.${e.detail as "phone"}`)
                          : "",
                })}
              </span>
              <span className="text-xs text-slate-600">{when(e.at)}</span>
            </div>
            {caseLink(e.caseId, t("openCase"))}
          </li>
        ))}
      </ol>
    </Card>
  );
}
