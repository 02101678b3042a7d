import { getTranslations } from "next-intl/server";
import { serverCaller } from "@/app/_trpc/server";

/** Complaints' own outcome figure: answered within their clock or not, for the same date range (by filing day). */
export async function ComplaintFigures({ from, to }: { from?: string; to?: string }) {
  const t = await getTranslations("complaints");
  const f = await (await serverCaller()).complaint.outcomes({ from, to });
  return (
    <section
      className="mt-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
      aria-labelledby="complaint-figures"
      data-testid="complaint-figures"
    >
      <h2 id="complaint-figures" className="text-lg font-semibold">
        {t("outcomesTitle")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        {t("outcomesFigures", { filed: f.filed, inTime: f.answeredInTime, late: f.answeredLate, overdue: f.overdue, open: f.open })}
      </p>
    </section>
  );
}
