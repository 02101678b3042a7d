"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Card, EmptyState } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { formatFen } from "@/server/domain/money";

type Item = { caseId: string; clientName: string; lenderName: string; dueDate: string; href: string; detail?: string };

function Section({ title, items }: { title: string; items: Item[] }) {
  const t = useTranslations("agenda");
  if (items.length === 0) return null;
  return (
    <Card title={`${title} (${items.length})`}>
      <ul className="flex flex-col divide-y divide-slate-100">
        {items.map((i, n) => (
          <li key={`${i.caseId}-${n}`} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <div className="flex flex-col">
              <span className="font-medium">
                {i.clientName} · {i.lenderName}
              </span>
              <span className="text-sm text-slate-600">
                {t("dueOn", { date: i.dueDate })}
                {i.detail ? ` · ${i.detail}` : ""}
              </span>
            </div>
            <Link href={i.href} className="flex min-h-11 items-center text-sm font-medium text-brand-700 underline">
              {t("open")}
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}

const clock = (d: Date) =>
  new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", hour12: false }).format(d);

export function AgendaList() {
  const t = useTranslations("agenda");
  const tk = useTranslations("cases.documentKinds");
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.agenda.today.queryOptions());
  const total =
    data.followUps.length +
    data.expiredProposals.length +
    data.instalmentsDue.length +
    data.missedInstalments.length +
    data.documentRequests.length +
    data.contactWindows.length;
  if (total === 0) return <EmptyState>{t("empty")}</EmptyState>;
  return (
    <div className="flex flex-col gap-4">
      <Section title={t("missedInstalments")} items={data.missedInstalments.map((i) => ({ ...i, detail: formatFen(i.remainingFen) }))} />
      <Section title={t("followUps")} items={data.followUps.map((f) => ({ ...f, detail: f.title ?? undefined }))} />
      <Section title={t("expiredProposals")} items={data.expiredProposals} />
      <Section
        title={t("documentRequests")}
        items={data.documentRequests.map((d) => ({ ...d, detail: t("missingKinds", { kinds: d.missingKinds.map((k) => tk(k)).join("、") }) }))}
      />
      <Section title={t("instalmentsDue")} items={data.instalmentsDue.map((i) => ({ ...i, detail: formatFen(i.remainingFen) }))} />
      <Section
        title={t("contactWindows")}
        items={data.contactWindows.map((w) => ({ ...w, detail: t("windowUntil", { time: clock(new Date(w.windowEnd)) }) }))}
      />
    </div>
  );
}
