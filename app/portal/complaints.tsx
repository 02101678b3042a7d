import { useTranslations } from "next-intl";
import type { serverCaller } from "@/app/_trpc/caller";

type Mine = Awaited<ReturnType<Awaited<ReturnType<typeof serverCaller>>["complaint"]["mine"]>>;

/** The client's complaints in plain words, phone first: to whom, when filed, when the answer is due, the answer. */
export function PortalComplaints({ items }: { items: Mine }) {
  const t = useTranslations("complaints");
  if (items.length === 0) return null;
  return (
    <section
      aria-labelledby="complaints"
      className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
      data-testid="portal-complaints"
    >
      <h2 id="complaints" className="text-lg font-semibold">
        {t("portalTitle")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("portalHint")}</p>
      <ul className="mt-3 flex flex-col gap-3">
        {items.map((k) => (
          <li key={k.id} className="rounded-lg border border-slate-200 p-3 text-sm" data-testid="portal-complaint">
            <p className="font-medium">
              {t("portalItem", { channel: t(`channels.${k.channel}`), lenderName: k.lenderName, subject: t(`subjects.${k.subject}`) })}
            </p>
            <p className="mt-1 text-slate-700">{t("portalFiled", { date: k.filedOn })}</p>
            {k.authorisation && (
              <p className="mt-1 text-slate-700" data-testid="portal-complaint-authorisation">
                {t("portalFiledUnder", { signedOn: k.authorisation.signedOn ?? "—", validTo: k.authorisation.validTo })}
              </p>
            )}
            <p className="text-slate-700">
              {k.answeredOn
                ? t("answered", { date: k.answeredOn, outcome: t(`outcomes.${k.outcome ?? "rejected"}`) })
                : t("portalDue", { date: k.dueOn })}
            </p>
            <p className="mt-1 font-medium">{t(`states.${k.state}`)}</p>
            {k.nextRung && <p className="mt-1 text-slate-700">{t("portalNext", { rung: t(`rungs.${k.nextRung}`) })}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
