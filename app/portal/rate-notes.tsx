import { useFormatter, useTranslations } from "next-intl";
import type { PortalOverview } from "./portal-home";

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** The client's loans whose real annual rate is above a line that applied when she borrowed (careful words). */
export function RateNotes({ notes }: { notes: NonNullable<PortalOverview>["rateNotes"] }) {
  const t = useTranslations("rules") as unknown as Translate;
  const format = useFormatter();
  if (notes.length === 0) return null;
  return (
    <section
      className="rounded-xl border border-amber-200 bg-amber-50 p-5 text-sm text-amber-900 shadow-sm"
      data-testid="portal-rate-notes"
    >
      <ul className="flex flex-col gap-2">
        {notes.map((n) => (
          <li key={n.debtId} data-testid="portal-rate-note">
            {t("portal.above", {
              lender: n.lenderName,
              date: n.loanDate,
              irr: n.irrPct.toFixed(2),
              lines: format.list(n.lines.map((l) => t("lines.named", { line: t(`titles.${l.ruleId}`), pct: l.pct }))),
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}
