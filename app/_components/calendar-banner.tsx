import { getFormatter, getTranslations } from "next-intl/server";
import { serverCaller } from "@/app/_trpc/caller";
import { Alert } from "./ui";

/**
 * Tells staff that a year they are about to work in has no holiday arrangement loaded, so its working
 * days are estimated Monday–Friday, and how an administrator adds it. Shown from CALENDAR_NOTICE_DAYS
 * before the year starts; clients are never shown it (the procedure refuses them).
 */
export async function CalendarBanner() {
  const caller = await serverCaller();
  const status = await caller.calendar.status().catch(() => null);
  if (!status || status.missingYears.length === 0) return null;
  const t = await getTranslations("calendar");
  const format = await getFormatter();
  const years = format.list(status.missingYears.map((year) => t("year", { year })));
  return (
    <div className="mb-6" data-testid="calendar-banner">
      <Alert tone="warning">
        <p className="font-semibold">{t("bannerTitle", { years })}</p>
        <p className="mt-1">{t("bannerBody")}</p>
        <p className="mt-1 break-words">
          {t.rich("bannerHow", { cmd: (command) => <code className="rounded bg-amber-100 px-1 font-mono text-[0.85em]">{command}</code> })}
        </p>
      </Alert>
    </div>
  );
}
