"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState, useTransition, type ReactNode } from "react";
import { NextStep } from "@/app/_components/next-step";
import { Alert, Button, Card } from "@/app/_components/ui";
import { PaymentReport } from "@/app/_components/payment-report";
import { useTRPC } from "@/app/_trpc/client";
import { formatFen } from "@/server/domain/money";
import { useErrorWords } from "@/app/_components/use-error-words";
import { AGENDA_MAX_PAGE, AGENDA_SECTIONS, type AgendaSection } from "@/server/domain/agenda-sections";
import { CourtDeadlines } from "./court-deadlines";
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

/** Items a "more" press adds to a section. */
const MORE = 50;

function Section({
  title,
  items,
  testId,
  total,
  onMore,
  pending,
}: {
  title: string;
  items: Item[];
  testId: string;
  /** How many items the section has in all (the page shows the first ones). */
  total: number;
  onMore: () => void;
  pending: boolean;
}) {
  const t = useTranslations("agenda");
  const tp = useTranslations("agendaPaging");
  if (items.length === 0) return null;
  const left = Math.max(0, total - items.length);
  return (
    <section id={testId} className="scroll-mt-4">
      <Card title={`${title} (${total})`}>
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
        {left > 0 && (
          <div className="mt-2 flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 pt-2">
            <span className="text-sm text-slate-600" data-testid={`${testId}-shown`}>
              {tp("shownOf", { shown: items.length, total })}
            </span>
            <Button variant="secondary" disabled={pending} onClick={onMore} data-testid={`${testId}-more`}>
              {pending ? tp("loading") : tp("more", { n: Math.min(MORE, left) })}
            </Button>
          </div>
        )}
      </Card>
    </section>
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
  const tn = useTranslations("nextStep");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const apiError = useErrorWords();
  const tp = useTranslations("agendaPaging");
  // How many items of each section to show beyond the first page (none until "more" is pressed).
  const [show, setShow] = useState<Partial<Record<AgendaSection, number>>>({});
  const [paging, startPaging] = useTransition();
  const { data } = useSuspenseQuery(trpc.agenda.today.queryOptions(Object.keys(show).length ? { show } : undefined));
  const more = (section: AgendaSection, shown: number) => () =>
    startPaging(() => setShow((prev) => ({ ...prev, [section]: Math.min(AGENDA_MAX_PAGE, shown + MORE) })));
  const paged = (section: AgendaSection, shown: number) => ({
    total: data.counts[section] ?? shown,
    onMore: more(section, shown),
    pending: paging,
  });
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.agenda.today.pathKey() });
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
    AGENDA_SECTIONS.reduce((sum, s) => sum + (data.counts[s] ?? 0), 0) + data.courtDeadlines.length + data.complaintClocks.length;
  const titles: Record<AgendaSection, string> = {
    missedInstalments: t("missedInstalments"),
    reportedPayments: t("reportedPayments"),
    followUps: t("followUps"),
    expiredProposals: t("expiredProposals"),
    documentRequests: t("documentRequests"),
    instalmentsDue: t("instalmentsDue"),
    contactWindows: t("contactWindows"),
  };
  const testIds: Record<AgendaSection, string> = {
    missedInstalments: "agenda-missed",
    reportedPayments: "agenda-reported",
    followUps: "agenda-followups",
    expiredProposals: "agenda-expired",
    documentRequests: "agenda-documents",
    instalmentsDue: "agenda-due",
    contactWindows: "agenda-windows",
  };
  const nonEmpty = AGENDA_SECTIONS.filter((s) => (data.counts[s] ?? 0) > 0);
  return (
    <div className="flex flex-col gap-4">
      <div aria-live="polite">{notice && <Alert tone="success">{notice}</Alert>}</div>
      {failure && <Alert tone="error">{t("actionFailed", { message: apiError(failure).message })}</Alert>}
      {total === 0 && (
        <NextStep testId="agenda" href="/clients" link={tn("agendaLink")}>
          {tn("agenda")}
        </NextStep>
      )}
      {nonEmpty.length > 1 && (
        <nav aria-label={tp("overview")} data-testid="agenda-overview">
          <ul className="flex flex-wrap gap-2">
            {nonEmpty.map((s) => (
              <li key={s}>
                <a
                  href={`#${testIds[s]}`}
                  className="flex min-h-11 items-center rounded-full border border-slate-200 bg-white px-3 text-sm text-slate-700 hover:bg-slate-50"
                >
                  {titles[s]} <span className="ml-1 font-semibold tabular-nums">{data.counts[s]}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <CourtDeadlines items={data.courtDeadlines} today={data.today} />
      <ComplaintClocks items={data.complaintClocks} />
      <Section
        testId="agenda-missed"
        title={titles.missedInstalments}
        {...paged("missedInstalments", data.missedInstalments.length)}
        items={data.missedInstalments.map((i) => ({
          ...i,
          key: `m-${i.agreementId}-${i.seq}`,
          when: t("dates.dueOn", { date: i.dueDate }),
          detail: `${formatFen(i.remainingFen)} · ${tb("owed", { amount: formatFen(i.owedFen) })}`,
        }))}
      />
      <Section
        testId="agenda-reported"
        title={titles.reportedPayments}
        {...paged("reportedPayments", data.reportedPayments.length)}
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
        title={titles.followUps}
        {...paged("followUps", data.followUps.length)}
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
        title={titles.expiredProposals}
        {...paged("expiredProposals", data.expiredProposals.length)}
        items={data.expiredProposals.map((p) => ({ ...p, key: `e-${p.proposalId}`, when: t("dates.validUntil", { date: p.dueDate }) }))}
      />
      <Section
        testId="agenda-documents"
        title={titles.documentRequests}
        {...paged("documentRequests", data.documentRequests.length)}
        items={data.documentRequests.map((d) => ({
          ...d,
          key: `d-${d.responseId}`,
          when: t("dates.requestedOn", { date: d.requestedOn }),
          detail: t("missingKinds", { kinds: format.list(d.missingKinds.map((k) => tk(k))) }),
        }))}
      />
      <Section
        testId="agenda-due"
        title={titles.instalmentsDue}
        {...paged("instalmentsDue", data.instalmentsDue.length)}
        items={data.instalmentsDue.map((i) => ({
          ...i,
          key: `i-${i.agreementId}-${i.seq}`,
          when: t("dates.dueOn", { date: i.dueDate }),
          detail: `${formatFen(i.remainingFen)} · ${tb("owed", { amount: formatFen(i.owedFen) })}`,
        }))}
      />
      <Section
        testId="agenda-windows"
        title={titles.contactWindows}
        {...paged("contactWindows", data.contactWindows.length)}
        items={data.contactWindows.map((w) => ({
          ...w,
          key: `w-${w.caseId}`,
          when: `${t("windowUntil", { time: clock(new Date(w.windowEnd)) })}${w.estimated ? ` · ${tc("estimatedDetail")}` : ""}`,
        }))}
      />
    </div>
  );
}
