import { useTranslations } from "next-intl";

const TOPICS = ["rights", "records", "scam", "collect", "report"] as const;

/** Plain guidance for a person in debt: rights, records, scams, collection rules, complaints. */
export function Guidance() {
  const t = useTranslations("portal");
  return (
    <section aria-labelledby="guide" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="guide" className="text-lg font-semibold">
        {t("guideTitle")}
      </h2>
      <div className="mt-2 divide-y divide-slate-100">
        {TOPICS.map((k) => (
          <details key={k} className="py-2">
            <summary className="cursor-pointer py-1 font-medium">{t(`guide.${k}T`)}</summary>
            <p className="mt-1 text-sm text-slate-700">{t(`guide.${k}`)}</p>
          </details>
        ))}
      </div>
    </section>
  );
}
