import { useTranslations } from "next-intl";
import { FenCheck } from "@/app/_components/fen-check";
import { TermsList } from "@/app/_components/terms-list";
import { EmptyState } from "@/app/_components/ui";
import type { serverCaller } from "@/app/_trpc/caller";
import { formatFen } from "@/server/domain/money";
import { DocumentRequests } from "./document-requests";
import { Guidance } from "./guidance";
import { RateNotes } from "./rate-notes";
import { ReportPayment } from "./report-payment";

export type PortalOverview = Awaited<ReturnType<Awaited<ReturnType<typeof serverCaller>>["portal"]["overview"]>>;

/**
 * The client's home, phone first: what to pay next, progress, the plan, each lender's answer. A server
 * component: its markup arrives rendered, and only the two forms below are client islands.
 */
export function PortalHome({ data }: { data: PortalOverview }) {
  const t = useTranslations("portal");
  const tb = useTranslations("balance");
  const common = useTranslations("common");
  if (!data) {
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <EmptyState>{t("emptyPlan")}</EmptyState>
        <Guidance />
      </div>
    );
  }
  const { progress, nextPayment, plan, owed, monthly } = data;
  // The lenders with an agreement (active, completed or broken): their own terms, not the plan's.
  const agreed = data.lenders.filter((l) => l.balance.agreementId !== null && l.balance.kind !== "estimate");
  const total = progress.paidFen + progress.remainingFen;
  const pct = total > 0 ? Math.floor((progress.paidFen * 100) / total) : 0;

  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-1 text-slate-700">{t("hello", { name: data.client.fullName })}</p>
        <p className="text-sm text-slate-600">
          {data.client.counselorName ? t("counselor", { name: data.client.counselorName }) : t("noCounselor")}
        </p>
      </div>

      <section aria-labelledby="next-payment" className="rounded-xl bg-brand-700 p-5 text-white shadow-sm">
        <h2 id="next-payment" className="text-sm font-medium text-brand-100">
          {t("nextPayment")}
        </h2>
        {nextPayment ? (
          <>
            <p className="mt-1 text-3xl font-bold" data-testid="next-payment-amount">
              {formatFen(nextPayment.remainingFen)}
              <FenCheck fen={nextPayment.remainingFen} />
            </p>
            <p className="mt-1 text-brand-50">{t("nextPaymentLine", { lender: nextPayment.lenderName, date: nextPayment.dueDate })}</p>
            {nextPayment.overdue && (
              <p className="mt-2 rounded bg-white/15 p-2 text-sm text-white" data-testid="next-payment-overdue">
                {tb("portal.nextOverdue")}
              </p>
            )}
          </>
        ) : (
          <p className="mt-2 text-brand-50">{t("noNextPayment")}</p>
        )}
      </section>

      <section aria-labelledby="progress" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="progress" className="text-lg font-semibold">
          {t("progress")}
        </h2>
        <div
          className="mt-3 h-3 w-full overflow-hidden rounded-full bg-slate-200"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
          aria-label={t("progressLabel", { pct })}
        >
          <div className="h-full rounded-full bg-emerald-600" style={{ width: `${pct}%` }} />
        </div>
        <dl className="mt-3 grid grid-cols-3 gap-2 text-sm">
          <div>
            <dt className="text-slate-600">{t("paid")}</dt>
            <dd className="font-semibold [overflow-wrap:anywhere]">
              {formatFen(progress.paidFen)}
              <FenCheck fen={progress.paidFen} />
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("remaining")}</dt>
            <dd className="font-semibold [overflow-wrap:anywhere]">
              {formatFen(progress.remainingFen)}
              <FenCheck fen={progress.remainingFen} />
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("relief")}</dt>
            <dd className="font-semibold text-emerald-700 [overflow-wrap:anywhere]">
              {formatFen(progress.reliefFen)}
              <FenCheck fen={progress.reliefFen} />
            </dd>
          </div>
        </dl>
        <div className="mt-3 text-sm text-slate-700" data-testid="portal-owed-section">
          <p>
            {tb("owed")}
            {common("colon")}
            <span className="font-semibold" data-testid="portal-owed">
              {formatFen(owed.owedFen)}
            </span>
            <FenCheck fen={owed.owedFen} />
          </p>
          {owed.growthFen > 0 && owed.growthSince && (
            <p className="mt-1 text-xs text-slate-600">
              {tb("growth", { amount: formatFen(owed.growthFen), since: owed.growthSince, daily: formatFen(owed.dailyGrowthFen) })}
            </p>
          )}
          {owed.pendingFen > 0 && (
            <p className="mt-1 text-xs text-slate-600" data-testid="portal-pending">
              {tb("pending", { amount: formatFen(owed.pendingFen) })}
            </p>
          )}
        </div>
      </section>

      <RateNotes notes={data.rateNotes} />

      <section aria-labelledby="plan" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="plan" className="text-lg font-semibold">
          {t("plan")}
        </h2>
        {monthly.totalFen > 0 && (
          <p className="mt-2 font-medium" data-testid="monthly-total">
            {monthly.agreedCount > 0 && monthly.plannedCount > 0
              ? tb("portal.monthlyBoth", {
                  total: formatFen(monthly.totalFen),
                  agreed: formatFen(monthly.agreedFen),
                  agreedCount: monthly.agreedCount,
                  planned: formatFen(monthly.plannedFen),
                  plannedCount: monthly.plannedCount,
                })
              : monthly.agreedCount > 0
                ? tb("portal.monthlyAgreed", { total: formatFen(monthly.totalFen), agreedCount: monthly.agreedCount })
                : tb("portal.monthlyPlanned", { total: formatFen(monthly.totalFen), plannedCount: monthly.plannedCount })}
          </p>
        )}
        {plan?.needsReview && <p className="mt-2 rounded bg-amber-50 p-2 text-sm text-amber-900">{t("planReview")}</p>}
        {!plan && agreed.length === 0 && <p className="mt-2 text-sm text-slate-700">{t("emptyPlan")}</p>}
        {/* What each lender agreed: the terms the client actually pays, whatever the plan said for it. */}
        {agreed.length > 0 && (
          <>
            <h3 className="mt-4 text-base font-semibold">{tb("portal.agreedTitle")}</h3>
            <ul className="mt-1 divide-y divide-slate-100" data-testid="agreed-schedules">
              {agreed.map(({ lenderName, debtId, balance: b, agreement: a }) => (
                <li key={debtId} className="flex flex-col gap-0.5 py-2 text-sm" data-testid="agreed-lender">
                  <span className="font-medium">{lenderName}</span>
                  {/* The terms in the same words as the case page and the letter; a broken agreement's no longer hold. */}
                  {a && b.kind !== "broken" && (
                    <TermsList terms={a.terms} className="list-disc pl-5 text-slate-800" testId="agreed-terms" />
                  )}
                  {b.kind === "agreed" && a?.nextDue && (
                    <span className="text-slate-600">
                      {t("agreedNext", { date: a.nextDue.dueDate, amount: formatFen(a.nextDue.remainingFen) })}
                      {b.monthlyFen !== null && b.instalmentsLeft !== null && (
                        <span data-testid="agreed-left">{tb("portal.left", { left: b.instalmentsLeft })}</span>
                      )}
                    </span>
                  )}
                  <span className="text-slate-700">
                    {b.kind === "settled"
                      ? tb("portal.settled", { total: formatFen(b.agreedTotalFen ?? 0) })
                      : b.kind === "broken"
                        ? tb("portal.broken", { remaining: formatFen(b.owedFen) })
                        : tb("portal.remaining", { total: formatFen(b.agreedTotalFen ?? 0), remaining: formatFen(b.owedFen) })}
                  </span>
                  {b.reliefFen > 0 && <span className="text-emerald-700">{tb("portal.waived", { amount: formatFen(b.reliefFen) })}</span>}
                </li>
              ))}
            </ul>
          </>
        )}
        {plan && plan.lines.length > 0 && (
          <>
            <h3 className="mt-4 text-base font-semibold">{tb("portal.plannedTitle")}</h3>
            <p className="text-xs text-slate-600">{tb("portal.plannedHint")}</p>
            <p className="mt-1 text-sm" data-testid="planned-summary">
              {plan.rises
                ? tb("portal.plannedSummaryRising", {
                    first: formatFen(plan.firstMonthTotalFen),
                    highest: formatFen(plan.highestMonthFen),
                    months: plan.monthsToDebtFree,
                  })
                : tb("portal.plannedSummary", { monthly: formatFen(plan.firstMonthTotalFen), months: plan.monthsToDebtFree })}
            </p>
            <ul className="mt-1 divide-y divide-slate-100" data-testid="planned-lines">
              {plan.lines.map((l) => (
                <li key={l.debtId} className="flex flex-wrap justify-between gap-2 py-2 text-sm" data-testid="planned-lender">
                  <span className="font-medium">{l.lenderName}</span>
                  <span className="[overflow-wrap:anywhere]">
                    {l.steps
                      .map((step) =>
                        tb(step.approx ? "portal.runAbout" : "portal.run", { amount: formatFen(step.amountFen), months: step.months }),
                      )
                      .join(tb("portal.runThen"))}
                    {l.firstDueDate && (
                      <span className="text-slate-600">
                        {" "}
                        · {t("planStart")} {l.firstDueDate}
                      </span>
                    )}
                    {l.payoffMonth && <span className="text-slate-600"> · {tb("portal.payoff", { month: l.payoffMonth })}</span>}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="lenders" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="lenders" className="text-lg font-semibold">
          {t("lenders")}
        </h2>
        <ul className="mt-2 divide-y divide-slate-100" data-testid="lender-answers">
          {data.lenders.map((l) => (
            <li key={l.debtId} className="py-3">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <span className="font-medium">{l.lenderName}</span>
                <span className="text-sm text-slate-600" data-testid="lender-status">
                  {l.caseStatus ? t(`lenderStatus.${l.caseStatus}`) : t("notStarted")}
                </span>
              </div>
              <p className="mt-1 text-sm">
                {l.latestAnswer
                  ? l.latestAnswer.kind === "documents-requested" && l.documentsStillNeeded === 0
                    ? t("requests.answerReceived", { lender: l.lenderName, date: l.latestAnswer.receivedOn })
                    : t(`answer.${l.latestAnswer.kind}`, { lender: l.lenderName, date: l.latestAnswer.receivedOn })
                  : l.caseStatus
                    ? t("noAnswerYet")
                    : null}
              </p>
              {l.latestAnswer?.reason && <p className="text-sm text-slate-600">{t("reasonLabel", { reason: l.latestAnswer.reason })}</p>}
              <p className="mt-1 text-sm" data-testid="lender-owed">
                {tb("portal.lenderOwed", { amount: formatFen(l.balance.owedFen) })}
                <span className="text-xs text-slate-600"> · {tb(`kind.${l.balance.kind}`)}</span>
              </p>
              {!l.agreement && l.overdueDays > 0 && (
                <p className="text-xs text-slate-600">
                  {t("overdueDays", { days: l.overdueDays })}
                  {l.dailyGrowthFen > 0 && ` · ${t("growth", { amount: formatFen(l.dailyGrowthFen) })}`}
                </p>
              )}
              {l.agreement && l.agreement.missedCount > 0 && (
                <p className="mt-1 rounded bg-red-50 p-2 text-sm text-red-900">
                  {t("missed", { count: l.agreement.missedCount, amount: formatFen(l.agreement.arrearsFen) })}
                </p>
              )}
              {l.agreement && l.agreement.pendingFen > 0 && (
                <p className="text-xs text-slate-600">{t("pendingNote", { amount: formatFen(l.agreement.pendingFen) })}</p>
              )}
            </li>
          ))}
        </ul>
      </section>

      <DocumentRequests requests={data.documentsRequested} />
      <ReportPayment payable={data.payable} />

      <section aria-labelledby="timeline" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="timeline" className="text-lg font-semibold">
          {t("timeline")}
        </h2>
        {data.timeline.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">{t("noTimeline")}</p>
        ) : (
          <ol className="mt-2 space-y-3 border-l-2 border-slate-200 pl-4 text-sm">
            {data.timeline.map((e, i) => (
              <li key={i}>
                <time dateTime={e.day} className="block text-xs text-slate-600">
                  {e.day}
                </time>
                {t(`event.${e.phrase}`, { lender: e.lenderName })}
              </li>
            ))}
          </ol>
        )}
      </section>

      <p className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">{t("keepRecords")}</p>
      <Guidance />
      <p className="text-sm text-slate-700">
        {t("exportLead")}{" "}
        <a href="/api/export" className="text-brand-700 underline" download>
          {t("exportLink")}
        </a>
      </p>
    </div>
  );
}
