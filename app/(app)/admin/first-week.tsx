import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { serverCaller } from "@/app/_trpc/caller";
import type { FirstWeekStep } from "@/server/domain/first-week";

const HREF: Record<FirstWeekStep, string> = {
  inviteCounselor: "#invite",
  addClient: "/clients/new",
  businessHours: "/admin/settings",
  importLenders: "/lenders",
};

/** The first-week checklist on the admin home, until every step is done. */
export async function FirstWeek() {
  const steps = await (await serverCaller()).org.firstWeek();
  if (steps.every((s) => s.done)) return null;
  const t = await getTranslations("firstWeek");
  const left = steps.filter((s) => !s.done).length;
  return (
    <section aria-labelledby="first-week" data-testid="first-week" className="mb-6 rounded-xl border border-brand-100 bg-brand-50 p-4">
      <h2 id="first-week" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t("lead", { left })}</p>
      <ol className="mt-3 space-y-2">
        {steps.map((s) => (
          <li key={s.step} data-testid={`first-week-${s.step}`} data-done={s.done} className="flex items-start gap-2">
            <span aria-hidden className={s.done ? "text-green-700" : "text-slate-400"}>
              {s.done ? "✓" : "○"}
            </span>
            <span>
              {s.done ? (
                <span className="text-slate-600 line-through">{t(`${s.step}.title`)}</span>
              ) : (
                <Link href={HREF[s.step]} className="font-medium text-brand-700 underline">
                  {t(`${s.step}.title`)}
                </Link>
              )}
              <span className="sr-only">{s.done ? t("done") : t("todo")}</span>
              {!s.done && <span className="block text-sm text-slate-600">{t(`${s.step}.why`)}</span>}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
