"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { Alert, Button, Card, EmptyState } from "@/app/_components/ui";
import { PaymentReport } from "@/app/_components/payment-report";
import { useTRPC } from "@/app/_trpc/client";
import { formatFen } from "@/server/domain/money";
import { useErrorWords } from "@/app/_components/use-error-words";
import { ComplaintClocks } from "./complaint-clocks";

type Item = {
  key: string;
  caseId: string;
  clientName: string;
  lenderName: string;
  href: string;
  /** The item's date in words that say what the date is (due, valid until, asked on, paid on…). */
  when: string;
  detail?: string;
  /** Shown under the line (a reported payment's receipt and who reported it). */
  extra?: ReactNode;
  action?: ReactNode;
};

function Section({ title, items, testId }: { title: string; items: Item[]; testId: string }) {
  const t = useTranslations("agenda");
  if (items.length === 0) return null;
  return (
    <Card title={`${title} (${items.length})`}>
      <ul className="flex flex-col divide-y divide-slate-100" data-testid={testId}>
        {items.map((i) => (
          <li key={i.key} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <div className="flex min-w-0 flex-col">
              <span className="font-medium">
                {i.clientName} · {i.lenderName}
              </span>
              <span className="text-sm text-slate-600">
                {i.when}
                {i.detail ? ` · ${i.detail}` : ""}
              </span>
              {i.extra && <div className="mt-1">{i.extra}</div>}
            </div>
            <div className="flex flex-wrap items-center gap-2">
              {i.action}
              <Link href={i.href} className="flex min-h-11 items-center px-1 text-sm font-medium text-brand-700 underline">
                {t("open")}
              </Link>
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}

const clock = (d: Date) =>
  new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", hour12: false }).format(d);

/**
 * Today's agenda, worked from the page: a follow-up is marked done and a reported payment confirmed
 * here; the item then leaves the agenda (the query is read again).
 */
export function AgendaList() {
  const t = useTranslations("agenda");
  const tk = useTranslations("cases.documentKinds");
  const tc = useTranslations("calendar");
  const tb = useTranslations("balance.agenda");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const apiError = useErrorWords();
  const { data } = useSuspenseQuery(trpc.agenda.today.queryOptions());
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.agenda.today.queryKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.notification.unreadCount.pathKey() });
  };
  const complete = useMutation(
    trpc.case.completeTask.mutationOptions({
      onSuccess: async (_r, v) => {
        const task = data.followUps.find((f) => f.taskId === v.taskId);
        setNotice(t("done", { what: task?.title ?? `${task?.clientName ?? ""} · ${task?.lenderName ?? ""}` }));
        await refresh();
      },
    }),
  );
  const confirm = useMutation(
    trpc.payment.confirm.mutationOptions({
      onSuccess: async () => {
        setNotice(t("confirmed"));
        await refresh();
      },
    }),
  );
  const failure = complete.error ?? confirm.error;
  const total =
    data.followUps.length +
    data.expiredProposals.length +
    data.instalmentsDue.length +
    data.missedInstalments.length +
    data.documentRequests.length +
    data.reportedPayments.length +
    data.contactWindows.length +
    data.complaintClocks.length;
  return (
    <div className="flex flex-col gap-4">
      <div aria-live="polite">{notice && <Alert tone="success">{notice}</Alert>}</div>
      {failure && <Alert tone="error">{t("actionFailed", { message: apiError(failure).message })}</Alert>}
      {total === 0 && <EmptyState>{t("empty")}</EmptyState>}
      <ComplaintClocks items={data.complaintClocks} />
      <Section
        testId="agenda-missed"
        title={t("missedInstalments")}
        items={data.missedInstalments.map((i) => ({
          ...i,
          key: `m-${i.agreementId}-${i.seq}`,
          when: t("dates.dueOn", { date: i.dueDate }),
          detail: `${formatFen(i.remainingFen)} · ${tb("owed", { amount: formatFen(i.owedFen) })}`,
        }))}
      />
      <Section
        testId="agenda-reported"
        title={t("reportedPayments")}
        items={data.reportedPayments.map((p) => ({
          ...p,
          key: `p-${p.paymentId}`,
          when: t("dates.paidOn", { date: p.dueDate, amount: formatFen(p.amountFen) }),
          extra: <PaymentReport receipt={p.receipt} reportedBy={p.reportedBy} reportedAt={p.reportedAt} />,
          action: (
            <Button
              variant="secondary"
              disabled={confirm.isPending}
              onClick={() => confirm.mutate({ caseId: p.caseId, paymentId: p.paymentId })}
              aria-label={t("actionFor", { action: t("confirm"), item: `${p.clientName} · ${p.lenderName} · ${formatFen(p.amountFen)}` })}
            >
              {t("confirm")}
            </Button>
          ),
        }))}
      />
      <Section
        testId="agenda-followups"
        title={t("followUps")}
        items={data.followUps.map((f) => ({
          ...f,
          key: `f-${f.taskId}`,
          when: t("dates.dueOn", { date: f.dueEstimated ? tc("dueEstimated", { date: f.dueDate }) : f.dueDate }),
          detail: f.title ?? undefined,
          action: (
            <Button
              variant="secondary"
              disabled={complete.isPending}
              onClick={() => complete.mutate({ taskId: f.taskId })}
              aria-label={t("actionFor", {
                action: t("markDone"),
                item: `${f.clientName} · ${f.lenderName}${f.title ? ` · ${f.title}` : ""}`,
              })}
            >
              {t("markDone")}
            </Button>
          ),
        }))}
      />
      <Section
        testId="agenda-expired"
        title={t("expiredProposals")}
        items={data.expiredProposals.map((p) => ({ ...p, key: `e-${p.proposalId}`, when: t("dates.validUntil", { date: p.dueDate }) }))}
      />
      <Section
        testId="agenda-documents"
        title={t("documentRequests")}
        items={data.documentRequests.map((d) => ({
          ...d,
          key: `d-${d.responseId}`,
          when: t("dates.requestedOn", { date: d.requestedOn }),
          detail: t("missingKinds", { kinds: format.list(d.missingKinds.map((k) => tk(k))) }),
        }))}
      />
      <Section
        testId="agenda-due"
        title={t("instalmentsDue")}
        items={data.instalmentsDue.map((i) => ({
          ...i,
          key: `i-${i.agreementId}-${i.seq}`,
          when: t("dates.dueOn", { date: i.dueDate }),
          detail: `${formatFen(i.remainingFen)} · ${tb("owed", { amount: formatFen(i.owedFen) })}`,
        }))}
      />
      <Section
        testId="agenda-windows"
        title={t("contactWindows")}
        items={data.contactWindows.map((w) => ({
          ...w,
          key: `w-${w.caseId}`,
          when: `${t("windowUntil", { time: clock(new Date(w.windowEnd)) })}${w.estimated ? ` · ${tc("estimatedDetail")}` : ""}`,
        }))}
      />
    </div>
  );
}
