import { withTenant, type Db, type Tx } from "@/db/client";
import { readHolidayVersion, readHolidayYears } from "@/db/holidays";
import { addWorkingDays, buildCalendar, CALENDAR_NOTICE_DAYS, missingYears, type Calendar } from "@/server/domain/calendar";
import { shanghaiDate } from "@/server/domain/time";
import type { Actor } from "./access";

/**
 * The working-day calendar of this deployment: the chinese-days package with the holiday table's years on
 * top (docs/decisions/007-holiday-table.md). Built once per process and kept while the table's version
 * (one small query) stays the same, so a year loaded by the CLI reaches every server process at its next
 * request, without a restart.
 */
type Cached = { version: string; calendar: Calendar };
let cached: Cached | undefined;

/** The calendar as the table stands now, read through `db` (the caller's transaction, under any role). */
export async function loadCalendar(db: Db | Tx): Promise<Calendar> {
  const version = await readHolidayVersion(db);
  if (cached?.version === version) return cached.calendar;
  const calendar = buildCalendar(await readHolidayYears(db));
  cached = { version, calendar };
  return calendar;
}

/** Working days after which an unanswered proposal is followed up (the task set when it is sent). */
export const NO_ANSWER_WORKING_DAYS = 5;

/** The due dates offered for a new follow-up: 1, 5 and 10 working days from today. */
const FOLLOW_UP_WORKING_DAYS = [1, NO_ANSWER_WORKING_DAYS, 10] as const;

/**
 * For the staff banner: the years that today or the next CALENDAR_NOTICE_DAYS days fall in and whose
 * arrangement is not loaded (dates in them are counted Monday–Friday and marked estimated).
 */
export async function calendarStatus(actor: Actor, now: Date = new Date()) {
  const today = shanghaiDate(now);
  const calendar = await withTenant(actor, (tx) => loadCalendar(tx));
  return { today, missingYears: missingYears(calendar, today), noticeDays: CALENDAR_NOTICE_DAYS };
}

/** Due dates a follow-up may take, counted in working days from today (Beijing), each marked if estimated. */
export async function followUpDates(actor: Actor, now: Date = new Date()) {
  const today = shanghaiDate(now);
  const calendar = await withTenant(actor, (tx) => loadCalendar(tx));
  return FOLLOW_UP_WORKING_DAYS.map((days) => ({ days, ...addWorkingDays(calendar, today, days) }));
}
