import { getFormatter, getTranslations } from "next-intl/server";
import { AppShell } from "@/app/_components/app-shell";
import { Card } from "@/app/_components/ui";
import { requireRole } from "@/server/auth/page-guard";
import { formatFen } from "@/server/domain/money";
import { inForceOn, LPR_ONE_YEAR, LPR_SOURCE, LPR_TABLE_REVIEWED_ON, RULE_KINDS, RULES, type Rule } from "@/server/domain/rules";
import { todayInShanghai } from "@/server/domain/time";

export async function generateMetadata() {
  return { title: (await getTranslations("rules"))("admin.title") };
}

type Translate = (key: string, values?: Record<string, string | number>) => string;

const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

/** A rule's parameters in words (one short phrase each). */
function paramWords(t: Translate, rule: Rule): string[] {
  switch (rule.kind) {
    case "rate-line": {
      const p = rule.params;
      const head = p.form === "fixed" ? t("params.fixed", { pct: p.pct }) : t("params.lprMultiple", { multiple: p.multiple });
      return p.includesFees ? [head, t("params.includesFees")] : [head];
    }
    case "conduct": {
      const p = rule.params;
      const out: string[] = [];
      if (p.quietFromMinute !== undefined && p.quietUntilMinute !== undefined)
        out.push(t("params.quiet", { from: clock(p.quietFromMinute), until: clock(p.quietUntilMinute) }));
      if (p.maxConnectedCallsPerDay !== undefined) out.push(t("params.connected", { n: p.maxConnectedCallsPerDay }));
      if (p.maxUnansweredCallsPerDay !== undefined) out.push(t("params.unanswered", { n: p.maxUnansweredCallsPerDay }));
      if (p.thirdPartyOnlyIfUnreachable) out.push(t("params.thirdParty"));
      if (p.recordingRequired) out.push(t("params.recording"));
      return out;
    }
    case "term-limit":
      return [t("params.maxMonths", { kind: rule.params.debtKind === "credit-card" ? "card" : "other", months: rule.params.maxMonths })];
    case "criminal-risk": {
      const p = rule.params;
      return [
        t("params.criminal", {
          threshold: formatFen(p.thresholdFen),
          months: p.monthsAfterNotices,
          notices: p.notices,
          days: p.minDaysBetweenNotices,
        }),
      ];
    }
    case "credit-record":
      return [t("params.retention", { years: rule.params.retentionYears })];
    case "credit-dispute":
      return [t("params.dispute", { days: rule.params.answerDays })];
    case "credit-repair": {
      const p = rule.params;
      return [t("params.repair", { amount: formatFen(p.maxItemFen), from: p.overdueFrom, to: p.overdueTo, by: p.repaidBy })];
    }
  }
}

/** The rules in force today with their sources and dates, then the others; the LPR history. Admins only. */
export default async function RulesPage() {
  const membership = await requireRole(["admin"], "/admin/rules");
  const t = (await getTranslations("rules")) as unknown as Translate;
  const tv = await getTranslations("assessment.debts");
  const format = await getFormatter();
  const today = todayInShanghai();
  const row = (rule: Rule) => {
    const current = inForceOn(rule, today);
    return (
      <li
        key={`${rule.id}-${rule.version}`}
        className={
          current ? "rounded-lg border border-slate-200 p-3" : "rounded-lg border border-dashed border-slate-300 p-3 text-slate-600"
        }
        data-testid="rule"
        data-rule={rule.id}
        data-in-force={current}
      >
        <p className="font-semibold">
          {t(`titles.${rule.id}`)} <span className="text-xs font-normal text-slate-600">{t("version", { version: rule.version })}</span>{" "}
          <code className="text-xs font-normal text-slate-600 [overflow-wrap:anywhere]">{rule.id}</code>
          {!current && <span className="ml-2 text-xs font-normal">({t("admin.notInForce", { date: today })})</span>}
        </p>
        <dl className="mt-1 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[8rem_1fr]">
          <dt className="text-slate-600">{t("effective")}</dt>
          <dd>
            {rule.effectiveTo
              ? t("effectiveRange", { from: rule.effectiveFrom, to: rule.effectiveTo })
              : t("effectiveOpen", { from: rule.effectiveFrom })}
          </dd>
          <dt className="text-slate-600">{t("lenderTypes")}</dt>
          <dd>{rule.lenderTypes === "all" ? t("allLenders") : format.list(rule.lenderTypes.map((l) => tv(`licence.${l}`)))}</dd>
          <dt className="text-slate-600">{t("source")}</dt>
          <dd className="[overflow-wrap:anywhere]">
            {rule.source.document} · {t("issuedOn", { issuer: rule.source.issuer, date: rule.source.date })} ·{" "}
            <span className={rule.source.confidence === "verified" ? "text-emerald-800" : "text-amber-900"}>
              {t(`confidence.${rule.source.confidence}`)}
            </span>
            {rule.source.url && (
              <>
                {" · "}
                <a href={rule.source.url} className="text-brand-700 underline" rel="noreferrer noopener" target="_blank">
                  {new URL(rule.source.url).hostname}
                </a>
              </>
            )}
            {rule.source.reportedIn && (
              <span className="block text-xs text-slate-600">{t("reportedIn", { where: rule.source.reportedIn })}</span>
            )}
          </dd>
          <dt className="text-slate-600">{t("paramsLabel")}</dt>
          <dd>{paramWords(t, rule).join(t("params.separator"))}</dd>
        </dl>
      </li>
    );
  };
  return (
    <AppShell membership={membership}>
      <h1 className="mb-2 text-2xl font-bold">{t("admin.title")}</h1>
      <p className="mb-6 max-w-3xl text-sm text-slate-700">{t("admin.intro", { date: today })}</p>
      <div className="flex flex-col gap-6">
        {RULE_KINDS.map((kind) => {
          const rules = RULES.filter((r) => r.kind === kind);
          const current = rules.filter((r) => inForceOn(r, today));
          const others = rules.filter((r) => !inForceOn(r, today));
          return (
            <Card key={kind} title={t(`kinds.${kind}`)}>
              <ul className="flex flex-col gap-3">{current.map(row)}</ul>
              {others.length > 0 && (
                <>
                  <p className="mt-3 text-xs text-slate-600">{t("admin.all")}</p>
                  <ul className="mt-2 flex flex-col gap-3">{others.map(row)}</ul>
                </>
              )}
            </Card>
          );
        })}
        <Card title={t("admin.lprTitle")}>
          <div className="overflow-x-auto">
            <table className="min-w-[20rem] text-sm" data-testid="lpr-table">
              <thead>
                <tr className="text-left text-slate-600">
                  <th className="pr-6 font-medium">{t("admin.lprFrom")}</th>
                  <th className="pr-6 font-medium">{t("admin.lprRate")}</th>
                  <th className="font-medium">{t("source")}</th>
                </tr>
              </thead>
              <tbody>
                {[...LPR_ONE_YEAR].reverse().map((r) => (
                  <tr key={r.from}>
                    <td className="pr-6">{r.from}</td>
                    <td className="pr-6">{r.oneYearPct} %</td>
                    <td>{t(`confidence.${r.confidence}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="mt-2 text-xs text-slate-600">
            {t("admin.lprSource", { document: LPR_SOURCE.document, issuer: LPR_SOURCE.issuer })}{" "}
            <a href={LPR_SOURCE.url} className="text-brand-700 underline" rel="noreferrer noopener" target="_blank">
              chinamoney.com.cn
            </a>
          </p>
          <p className="text-xs text-slate-600">{t("admin.lprReviewed", { date: LPR_TABLE_REVIEWED_ON })}</p>
        </Card>
      </div>
    </AppShell>
  );
}
