"use client";

// The rate lines that applied to a debt on its loan date, each with its rule and whether the contract rate
// and the IRR are above it; fee cash flows' share of the IRR. Careful words only: "above the line that applied".

import { useFormatter, useTranslations } from "next-intl";
import { ruleTitle } from "@/app/_components/rule-words";
import { formatFen } from "@/server/domain/money";
import type { Outputs } from "./helpers";

type Debt = Outputs["debt"]["list"]["debts"][number];
type Translate = (key: string, values?: Record<string, string | number>) => string;

export function RateLinesPanel({ debt }: { debt: Debt }) {
  const t = useTranslations("rules") as unknown as Translate;
  const format = useFormatter();
  const above = debt.rateLines.filter((l) => l.contractAbove || l.irrAbove === true);
  return (
    <div className="mt-2 text-sm" data-testid="rate-lines">
      {debt.rateLinesMissing === "loan-date" ? (
        <p className="text-xs text-slate-600">{t("lines.missing")}</p>
      ) : (
        <>
          <p className="text-xs font-medium text-slate-700">{t("lines.heading", { date: debt.loanDate ?? "" })}</p>
          {debt.rateLines.length === 0 ? (
            <p className="text-xs text-slate-600">{t("lines.none", { date: debt.loanDate ?? "" })}</p>
          ) : (
            <ul className="mt-1 flex flex-col gap-1.5 text-xs text-slate-700">
              {debt.rateLines.map((l) => (
                <li key={`${l.ruleId}-${l.version}`} data-testid="rate-line" data-rule={l.ruleId}>
                  {t("lines.line", { line: ruleTitle(t, l.ruleId), pct: l.pct })}
                  {l.lpr
                    ? ` · ${t("lines.lpr", { lpr: l.lpr.pct, from: l.lpr.from })}${l.lpr.current ? "" : ` · ${t("lines.lprStale")}`}`
                    : ""}
                  {" · "}
                  {[l.contractAbove ? t("lines.contractAbove") : null, l.irrAbove ? t("lines.irrAbove") : null]
                    .filter(Boolean)
                    .join("，") || t("lines.below")}
                  <span className="block text-slate-600 [overflow-wrap:anywhere]" data-testid="rate-line-source">
                    {t("lines.source", {
                      document: l.source.document,
                      issuer: l.source.issuer,
                      date: l.source.date,
                      confidence: t(`confidence.${l.source.confidence}`),
                    })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {above.length > 0 && (
        <p className="mt-1 rounded bg-amber-50 px-2 py-1 text-amber-900" data-testid="rate-above">
          {t("lines.aboveSummary", {
            lines: format.list(above.map((l) => t("lines.named", { line: ruleTitle(t, l.ruleId), pct: l.pct }))),
          })}
        </p>
      )}
      {debt.feeFlowsFen > 0 && debt.irrPct !== null && (
        <p className="mt-1 text-xs text-slate-700" data-testid="fee-flows">
          {t("lines.fees", {
            with: debt.irrPct.toFixed(2),
            without: debt.irrWithoutFeesPct === null ? "—" : debt.irrWithoutFeesPct.toFixed(2),
            fees: formatFen(debt.feeFlowsFen),
          })}
        </p>
      )}
    </div>
  );
}
