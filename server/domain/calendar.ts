/**
 * Chinese working days and the hours in which a lender can be called.
 *
 * The State Council announces each November the coming year's public holidays and the weekend days that
 * are worked to make up for them (调休). A `Calendar` holds the years whose arrangement is known: the
 * `chinese-days` package's static JSON for the years it was released with, and on top of it, year by
 * year, the holiday table the deployment loads from the notices (docs/decisions/007-holiday-table.md).
 * A year that neither covers is counted Monday–Friday, and everything computed across such a day says
 * so (`estimated: true`) rather than failing: a counselor must be able to work on 2 January before the
 * notice is loaded, and must see which dates are a guess.
 */
import calendarData from "chinese-days/dist/chinese-days.json" with { type: "json" };

import { DomainError } from "./errors";
import { addDays, assertIsoDate, dayOfWeek, parseClockTime, shanghaiDate, shanghaiInstant, type IsoDate } from "./time";

export type ClockTime = string;
export type BusinessHours = ReadonlyArray<{ start: ClockTime; end: ClockTime }>;
export type ContactWindowOptions = { businessHours?: BusinessHours };

/** Lenders' service lines typically answer in these Beijing-time hours, with a lunch break. */
export const DEFAULT_BUSINESS_HOURS: BusinessHours = [
  { start: "09:00", end: "12:00" },
  { start: "14:00", end: "17:30" },
];

/**
 * One day of a year's arrangement, as the holiday-cn files write it: `isOffDay: true` is a day off (the
 * holiday itself and the weekend days inside it), `false` a weekend day worked to make up for it.
 */
export type HolidayDay = { date: IsoDate; name: string; isOffDay: boolean };
/** A whole year's arrangement: every day that differs from an ordinary Monday–Friday week. */
export type HolidayYear = { year: number; days: readonly HolidayDay[] };

/** Where a covered year's days come from: the deployment's table or the package. */
export type YearSource = "table" | "package";

/** The working-day calendar: the covered years and their exceptions to Monday–Friday. Build it with `buildCalendar`. */
export type Calendar = {
  readonly years: ReadonlyMap<number, YearSource>;
  readonly offDays: ReadonlySet<IsoDate>;
  readonly makeUpDays: ReadonlySet<IsoDate>;
};

/** A date counted in working days, and whether an uncovered year (counted Monday–Friday) was crossed on the way. */
export type Estimated<T> = T & { estimated: boolean };

/** The staff banner shows a missing year this many days before it starts. */
export const CALENDAR_NOTICE_DAYS = 60;

type DayTable = Readonly<Record<string, string>>;

const ISO_KEY = /^\d{4}-\d{2}-\d{2}$/;

function readTable(name: "holidays" | "workdays"): DayTable {
  const table: unknown = (calendarData as Record<string, unknown>)[name];
  // A package upgrade that renames or reshapes the JSON must fail here, at load, not shift days quietly.
  if (typeof table !== "object" || table === null || !Object.keys(table).every((key) => ISO_KEY.test(key))) {
    throw new Error(`chinese-days JSON has no usable "${name}" table; see docs/decisions/002-holiday-calendar.md`);
  }
  return table as DayTable;
}

/**
 * The package's years in the table's shape. Its values read "Spring Festival,春节,4": the Chinese name is
 * the second part. A year counts when it has at least one day off, which every real year has (New Year's
 * Day at least).
 */
function packageYears(): HolidayYear[] {
  const byYear = new Map<number, HolidayDay[]>();
  const add = (table: DayTable, isOffDay: boolean) => {
    for (const [date, value] of Object.entries(table)) {
      const year = Number(date.slice(0, 4));
      const days = byYear.get(year) ?? [];
      days.push({ date, name: value.split(",")[1] ?? value, isOffDay });
      byYear.set(year, days);
    }
  };
  add(readTable("holidays"), true);
  add(readTable("workdays"), false);
  return [...byYear.entries()].filter(([, days]) => days.some((d) => d.isOffDay)).map(([year, days]) => ({ year, days }));
}

/** The package's years alone (2004–2026 in chinese-days 1.5.7). */
export const PACKAGE_YEARS: readonly HolidayYear[] = packageYears();

/**
 * The calendar of the package's years with the loaded years on top: a loaded year replaces the package's
 * whole year (a corrected notice replaces the old one; days are never mixed from both).
 */
export function buildCalendar(loaded: readonly HolidayYear[] = [], base: readonly HolidayYear[] = PACKAGE_YEARS): Calendar {
  const years = new Map<number, { source: YearSource; days: readonly HolidayDay[] }>();
  for (const y of base) years.set(y.year, { source: "package", days: y.days });
  for (const y of loaded) years.set(y.year, { source: "table", days: y.days });
  const offDays = new Set<IsoDate>();
  const makeUpDays = new Set<IsoDate>();
  for (const { days } of years.values()) {
    for (const day of days) (day.isOffDay ? offDays : makeUpDays).add(day.date);
  }
  return { years: new Map([...years].map(([year, y]) => [year, y.source])), offDays, makeUpDays };
}

/** The covered years, in order (there may be gaps: a deployment may load 2028 before 2027). */
export function coveredYears(calendar: Calendar): number[] {
  return [...calendar.years.keys()].sort((a, b) => a - b);
}

const yearOf = (date: IsoDate) => Number(date.slice(0, 4));

/** Whether the official arrangement of `date`'s year is known; if not, the day is judged Monday–Friday. */
export function isCovered(calendar: Calendar, date: IsoDate): boolean {
  return calendar.years.has(yearOf(assertIsoDate(date)));
}

/** The day's verdict and whether it is a guess (its year is not covered: Monday–Friday). */
function judge(calendar: Calendar, date: IsoDate): { working: boolean; estimated: boolean } {
  if (!calendar.years.has(yearOf(date))) {
    const weekday = dayOfWeek(date);
    return { working: weekday !== 0 && weekday !== 6, estimated: true };
  }
  if (calendar.makeUpDays.has(date)) return { working: true, estimated: false };
  if (calendar.offDays.has(date)) return { working: false, estimated: false };
  const weekday = dayOfWeek(date);
  return { working: weekday !== 0 && weekday !== 6, estimated: false };
}

/** Whether `date` is a Chinese working day: official in a covered year, Monday–Friday in any other (see `isCovered`). */
export function isWorkingDay(calendar: Calendar, date: IsoDate): boolean {
  assertIsoDate(date);
  return judge(calendar, date).working;
}

/**
 * Moves `n` working days from `date`, not counting `date` itself: `addWorkingDays(c, d, 5).date` is the
 * fifth working day after d, the deadline for "no answer after 5 working days". Negative n moves back;
 * n = 0 returns `date` unchanged, working day or not. `estimated` when a day stepped over or onto lies in
 * an uncovered year.
 */
export function addWorkingDays(calendar: Calendar, date: IsoDate, n: number): Estimated<{ date: IsoDate }> {
  assertIsoDate(date);
  if (!Number.isInteger(n)) throw new DomainError("invalid_days", "n must be a whole number of days", "n");
  const step = Math.sign(n);
  let remaining = Math.abs(n);
  let day = date;
  let estimated = false;
  // Terminates: at most a couple of weeks pass without a working day, official or Monday–Friday.
  while (remaining > 0) {
    day = addDays(day, step);
    const verdict = judge(calendar, day);
    estimated ||= verdict.estimated;
    if (verdict.working) remaining -= 1;
  }
  return { date: day, estimated };
}

/**
 * The working days stepped onto going from `a` to `b`: those after `a` up to and including `b`, negative
 * when going back. Counting the arrival day and not the departure day in either direction makes
 * `workingDaysBetween(c, d, addWorkingDays(c, d, n).date).days === n` for every d and n.
 */
export function workingDaysBetween(calendar: Calendar, a: IsoDate, b: IsoDate): Estimated<{ days: number }> {
  assertIsoDate(a, "a");
  assertIsoDate(b, "b");
  const step = b < a ? -1 : 1;
  let count = 0;
  let estimated = false;
  for (let day = a; day !== b;) {
    day = addDays(day, step);
    const verdict = judge(calendar, day);
    estimated ||= verdict.estimated;
    if (verdict.working) count += 1;
  }
  return { days: step * count || 0, estimated }; // `|| 0` turns -0 into 0
}

/**
 * The uncovered years that today or the next `days` days fall in: the years the staff banner asks to be
 * loaded (a year starting within `CALENDAR_NOTICE_DAYS` is asked for before the first date is a guess).
 */
export function missingYears(calendar: Calendar, today: IsoDate, days = CALENDAR_NOTICE_DAYS): number[] {
  const first = yearOf(assertIsoDate(today, "today"));
  const last = yearOf(addDays(today, days));
  const missing: number[] = [];
  for (let year = first; year <= last; year += 1) if (!calendar.years.has(year)) missing.push(year);
  return missing;
}

type Window = { start: number; end: number };

/**
 * Parses and checks business hours: each "HH:MM", start before end, sorted and not overlapping (windows may
 * touch). Returns them as minutes since Beijing midnight.
 */
export function parseBusinessHours(hours: BusinessHours = DEFAULT_BUSINESS_HOURS): Window[] {
  if (hours.length === 0) {
    throw new DomainError("invalid_business_hours", "At least one business-hours window is needed", "businessHours");
  }
  const windows = hours.map(({ start, end }, i) => {
    const window = {
      start: parseClockTime(start, `businessHours.${i}.start`),
      end: parseClockTime(end, `businessHours.${i}.end`),
    };
    if (window.start >= window.end) {
      throw new DomainError("invalid_business_hours", `Business hours ${start}–${end} end before they start`, `businessHours.${i}`);
    }
    return window;
  });
  windows.forEach((window, i) => {
    const previous = i > 0 ? windows[i - 1] : undefined;
    if (previous && window.start < previous.end) {
      throw new DomainError("invalid_business_hours", "Business hours must be in order and must not overlap", `businessHours.${i}`);
    }
  });
  return windows;
}

/**
 * The next span in which to call a lender: on a Chinese working day, inside business hours, Beijing time.
 * If `from` is already inside a window the answer is the rest of that window (start = from). `estimated`
 * when a day looked at on the way lies in an uncovered year (it may be a holiday, or a make-up day missed).
 */
export function nextContactWindow(
  calendar: Calendar,
  from: Date,
  options: ContactWindowOptions = {},
): Estimated<{ start: Date; end: Date }> {
  const windows = parseBusinessHours(options.businessHours);
  const fromMs = from.getTime();
  let estimated = false;
  // Terminates like addWorkingDays: a working day comes within weeks.
  for (let day = shanghaiDate(from); ; day = addDays(day, 1)) {
    const verdict = judge(calendar, day);
    estimated ||= verdict.estimated;
    if (!verdict.working) continue;
    for (const window of windows) {
      const start = shanghaiInstant(day, window.start);
      const end = shanghaiInstant(day, window.end);
      if (fromMs < end.getTime()) {
        return { start: fromMs > start.getTime() ? new Date(fromMs) : start, end, estimated };
      }
    }
  }
}

/** Whether `at` is inside business hours (start inclusive, end exclusive) on a Chinese working day. */
export function isWithinContactWindow(calendar: Calendar, at: Date, options: ContactWindowOptions = {}): boolean {
  const windows = parseBusinessHours(options.businessHours);
  const day = shanghaiDate(at);
  if (!isWorkingDay(calendar, day)) return false;
  const atMs = at.getTime();
  return windows.some(
    (window) => shanghaiInstant(day, window.start).getTime() <= atMs && atMs < shanghaiInstant(day, window.end).getTime(),
  );
}
