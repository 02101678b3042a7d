import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { serverCaller } from "@/app/_trpc/caller";
import { shanghaiDateTime } from "@/server/domain/time";

/**
 * The client's lawsuits and mediations in plain words: what the court asks of her and by when, hearings,
 * results, and her mediations. Always ends with the link to the fake-notice check. A server component.
 */
export async function PortalLegal() {
  const t = await getTranslations("legal");
  const data = await (await serverCaller()).legal.portal();
  const link = (
    <Link
      href="/portal/notice"
      className="flex min-h-11 items-center text-sm font-medium text-brand-700 underline"
      data-testid="notice-link"
    >
      {t("portal.noticeLink")}
    </Link>
  );
  if (data.lawsuits.length === 0 && data.mediations.length === 0) return link;
  return (
    <section aria-labelledby="legal" className="rounded-xl border border-amber-300 bg-amber-50 p-5 shadow-sm" data-testid="portal-legal">
      <h2 id="legal" className="mb-3 text-lg font-semibold">
        {t("portal.title")}
      </h2>
      <ul className="flex flex-col gap-4">
        {data.lawsuits.map((l) => {
          const answer = l.deadlines.find((d) => d.key === "civil-answer");
          const appeal = l.deadlines.find((d) => d.key === "appeal-judgment");
          return (
            <li key={l.id} className="flex flex-col gap-1 text-base">
              <p className="font-medium">{t("portal.lawsuit", { lenderName: l.lenderName, court: l.courtName })}</p>
              {l.caseNumber && <p className="text-sm text-slate-700">{t("portal.caseNumber", { caseNumber: l.caseNumber })}</p>}
              {answer && (
                <p className="font-semibold text-red-800" data-testid="portal-answer-deadline">
                  {t("portal.answerDeadline", { date: answer.dueOn })}
                </p>
              )}
              {l.answerFiledOn && <p>{t("portal.answerFiled", { date: l.answerFiledOn })}</p>}
              {l.hearings.map((h) => (
                <p key={h.id}>
                  {h.place
                    ? t("portal.hearing", { at: shanghaiDateTime(new Date(h.at)), place: h.place })
                    : t("portal.hearingNoPlace", { at: shanghaiDateTime(new Date(h.at)) })}
                </p>
              ))}
              {l.outcome && <p>{t("portal.outcome", { outcome: t(`outcomes.${l.outcome}`), date: l.outcomeOn ?? "" })}</p>}
              {appeal && <p className="font-semibold">{t("portal.appeal", { date: appeal.dueOn })}</p>}
              {l.enforcementStatus && <p>{t("portal.enforcement", { status: t(`enforcementStatuses.${l.enforcementStatus}`) })}</p>}
            </li>
          );
        })}
        {data.mediations.map((m) => (
          <li key={m.id} className="flex flex-col gap-1 text-base">
            <p className="font-medium">{t("portal.mediation", { lenderName: m.lenderName, bodyName: m.bodyName })}</p>
            <p>{t("portal.mediationStatus", { status: t(`statuses.${m.status}`) })}</p>
            {m.sessions.map((s) => (
              <p key={s.id} className="text-sm">
                {t("portal.mediationSession", { date: s.heldOn })}
              </p>
            ))}
            {m.judiciallyConfirmed && <p>{t("portal.confirmed")}</p>}
          </li>
        ))}
      </ul>
      <div className="mt-3">{link}</div>
    </section>
  );
}
