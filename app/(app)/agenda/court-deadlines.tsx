"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Card } from "@/app/_components/ui";
import type { CourtAgendaKind } from "@/server/services/agenda-legal";

type Item = {
  key: string;
  kind: CourtAgendaKind;
  clientName: string;
  lenderName: string;
  dueDate: string;
  estimated: boolean;
  where: string;
  href: string;
};

/** The agenda's court and mediation deadlines (services/agenda-legal.ts), soonest first; overdue ones in red. */
export function CourtDeadlines({ items, today }: { items: readonly Item[]; today: string }) {
  const t = useTranslations("legal.agenda");
  const tl = useTranslations("legal");
  const ta = useTranslations("agenda");
  if (items.length === 0) return null;
  return (
    <Card title={`${t("title")} (${items.length})`}>
      <ul className="flex flex-col divide-y divide-slate-100" data-testid="agenda-court">
        {items.map((i) => (
          <li key={i.key} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <div className="flex min-w-0 flex-col">
              <span className="font-medium">
                {i.clientName} · {i.lenderName}
              </span>
              <span className={i.dueDate < today ? "text-sm font-medium text-red-700" : "text-sm text-slate-600"}>
                {t("line", { kind: t(`kinds.${i.kind}`), date: i.dueDate })}
                {i.estimated ? tl("estimated", { year: i.dueDate.slice(0, 4) }) : ""}
                {i.where ? ` · ${i.where}` : ""}
              </span>
            </div>
            <Link href={i.href} className="flex min-h-11 items-center px-1 text-sm font-medium text-brand-700 underline">
              {ta("open")}
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
