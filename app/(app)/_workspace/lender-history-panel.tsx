"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Card } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";

const pct = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 100)}%`);
/** A median of months or days to one decimal, as a number (the messages choose "day" or "days" by it). */
const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/** This organization's history with one lender, for the proposal form (mount it next to the terms). */
export function LenderHistoryPanel({ lenderId }: { lenderId: string }) {
  const t = useTranslations("lenderHistory");
  const tk = useTranslations("outcomes.kinds");
  const trpc = useTRPC();
  const q = useQuery(trpc.outcomes.lenderHistory.queryOptions({ lenderId }));
  const h = q.data;
  if (!h) return null;
  return (
    <Card title={t("title", { lender: h.lender.name })}>
      {h.sent === 0 ? (
        <p className="text-sm text-slate-600">{t("none")}</p>
      ) : (
        <div className="flex flex-col gap-2 text-sm">
          <p>
            {t("sent")} {h.sent} · {t("acceptanceRate")} {pct(h.acceptanceRate)}
          </p>
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-slate-700">
            {h.byKind.map((k) => (
              <li key={k.kind}>{t("byKindLine", { kind: tk(k.kind), accepted: k.accepted, answered: k.answered, rate: pct(k.rate) })}</li>
            ))}
          </ul>
          {h.medianAcceptedMonths !== null && <p>{t("typicalMonths", { months: oneDecimal(h.medianAcceptedMonths) })}</p>}
          {h.medianWaiverShare !== null && <p>{t("typicalWaiver", { share: pct(h.medianWaiverShare) })}</p>}
          {h.medianDaysToAnswer !== null && <p>{t("daysToAnswer", { days: oneDecimal(h.medianDaysToAnswer) })}</p>}
        </div>
      )}
    </Card>
  );
}
