"use client";

import { useTranslations } from "next-intl";
import { Card } from "@/app/_components/ui";
import { figureText, type Translate } from "@/server/domain/outcome-figures";
import { legalReportRows, type LegalOutcomes } from "@/server/domain/outcomes-legal";

/** Lawsuits by result and mediation (success rate, time to agreement), apart from direct negotiation: the export's rows. */
export function LegalOutcomesCard({ legal }: { legal: LegalOutcomes }) {
  const t = useTranslations("outcomes");
  const tr = t as unknown as Translate;
  const rows = legalReportRows(legal);
  const section = (name: string) => rows.filter((r) => r.section === name);
  return (
    <Card title={t("legal.title")}>
      <div className="grid gap-4 sm:grid-cols-2" data-testid="outcomes-legal">
        {(["lawsuits", "mediation"] as const).map((name) => (
          <div key={name}>
            <h3 className="mb-2 font-semibold">{t(`legal.${name}`)}</h3>
            <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm">
              {section(name).map((r) => (
                <div key={r.metric} className="contents" data-testid={`legal-${name}-${r.metric}`}>
                  <dt className="text-slate-700">{tr("key" in r.metricLabel ? r.metricLabel.key : "")}</dt>
                  <dd className="text-right font-medium tabular-nums">{figureText(r.figure, tr)}</dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
      </div>
    </Card>
  );
}
