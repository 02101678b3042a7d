"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Card } from "@/app/_components/ui";

type Clock = {
  complaintId: string;
  clientName: string;
  lenderName: string;
  channel: "lender" | "nfra-12378" | "pboc-12363" | "local-regulator";
  dueDate: string;
  dueEstimated: boolean;
  overdue: boolean;
  href: string;
};

/** The agenda's complaint clocks: unanswered complaints due within a few days or overdue (services/complaints.ts). */
export function ComplaintClocks({ items }: { items: readonly Clock[] }) {
  const t = useTranslations("complaints");
  const ta = useTranslations("agenda");
  if (items.length === 0) return null;
  return (
    <Card title={`${t("agendaTitle")} (${items.length})`}>
      <ul className="flex flex-col divide-y divide-slate-100" data-testid="agenda-complaints">
        {items.map((k) => (
          <li key={k.complaintId} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span className="min-w-0">
              {t("agendaItem", {
                clientName: k.clientName,
                lenderName: k.lenderName,
                channel: t(`channels.${k.channel}`),
                date: k.dueDate,
              })}
              {k.dueEstimated ? t("dueEstimated") : ""}
              {k.overdue && (
                <span className="ml-2 rounded bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800">{t("agendaOverdue")}</span>
              )}
            </span>
            <Link href={k.href} className="flex min-h-11 items-center px-1 text-sm font-medium text-brand-700 underline">
              {ta("open")}
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
