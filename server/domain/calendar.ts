/**
 * Chinese working days and the hours in which a lender can be called.
 *
 * The State Council announces each November the coming year's public holidays and the weekend days that
 * are worked to make up for them (调休). We take them from the `chinese-days` package's static JSON
 * (docs/decisions/002-holiday-calendar.md says why the JSON rather than its functions, and how a new year
 * arrives). A day whose year the data does not cover throws `calendar_year_missing`: guessing "Mon–Fri"
 * would silently put a call on a holiday or skip a make-up Saturday.
 */
import calendarData from "chinese-days/dist/chinese-days.json" with { type: "json" };

import { DomainError } from "./errors";
import {
  addDays,
  assertIsoDate,
  dayOfWeek,
  parseClockTime,
  shanghaiDate,
  shanghaiInstant,
  type IsoDate,
} from "./time";

export type ClockTime = string;
export type BusinessHours = ReadonlyArray<{ start: ClockTime; end: ClockTime }>;
export type ContactWindowOptions = { businessHours?: BusinessHours };

/** Lenders' service lines typically answer in these Beijing-time hours, with a lunch break. */
export const DEFAULT_BUSINESS_HOURS: BusinessHours = [
  { start: "09:00", end: "12:00" },
  { start: "14:00", end: "17:30" },
];

type DayTable = Readonly<Record<string, string>>;

const ISO_KEY = /^\d{4}-\d{2}-\d{2}$/;

function readTable(name: "holidays" | "workdays"): DayTable {
  const table: unknown = (calendarData as Record<string, unknown>)[name];
  // A package upgrade that renames or reshapes the JSON must fail here, at load, not shift days quietly.
  if (typeof table !== "object" || table === null || !Object.keys(table).every((key) => ISO_KEY.test(key))) {
    throw new Error(
      `chinese-days JSON has no usable "${name}" table; see docs/decisions/002-holiday-calendar.md`,
    );
  }
  return table as DayTable;
}

/** Official days off that would otherwise be working days (and the weekend days inside a holiday). */
const HOLIDAYS = readTable("holidays");
/** Weekend days declared working days (调休上班). */
const MAKE_UP_WORKDAYS = readTable("workdays");

/**
 * The years the data covers: a year counts when it has at least one official holiday, which every real
 * year has (New Year's Day at least).
 */
const COVERED_YEARS: ReadonlySet<number> = new Set(
  Object.keys(HOLIDAYS).map((date) => Number(date.slice(0, 4))),
);

export function calendarCoverage(): { firstYear: number; lastYear: number } {
  const years = [...COVERED_YEARS];
  return { firstYear: Math.min(...years), lastYear: Math.max(...years) };
}

function assertCovered(date: IsoDate, field: string): void {
  const year = Number(date.slice(0, 4));
  if (!COVERED_YEARS.has(year)) {
    const { firstYear, lastYear } = calendarCoverage();
    throw new DomainError(
      "calendar_year_missing",
      `The holiday calendar covers ${firstYear}–${lastYear}, not ${year}; upgrade chinese-days`,
      field,
    );
  }
}

export function isWorkingDay(date: IsoDate): boolean {
  assertIsoDate(date);
  assertCovered(date, "date");
  if (MAKE_UP_WORKDAYS[date] !== undefined) return true;
  if (HOLIDAYS[date] !== undefined) return false;
  const weekday = dayOfWeek(date);
  return weekday !== 0 && weekday !== 6;
}

/**
 * Moves `n` working days from `date`, not counting `date` itself: `addWorkingDays(d, 5)` is the fifth
 * working day after d, the deadline for "no answer after 5 working days". Negative n moves back; n = 0
 * returns `date` unchanged, working day or not.
 */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  assertIsoDate(date);
  if (!Number.isInteger(n)) throw new DomainError("invalid_days", "n must be a whole number of days", "n");
  const step = Math.sign(n);
  let remaining = Math.abs(n);
  let day = date;
  // Terminates: at most a couple of weeks pass without a working day, and an uncovered year throws.
  while (remaining > 0) {
    day = addDays(day, step);
    if (isWorkingDay(day)) remaining -= 1;
  }
  return day;
}

/**
 * A deadline that must not stop the work it follows (the "no answer after 5 working days" reminder set when a
 * proposal is sent). Exact, as `addWorkingDays`, whenever the calendar covers the way there. Past the data's
 * last year it counts Monday–Friday for the uncovered days and says so (`estimated: true`), so that sending a
 * proposal in late December still works before the next year's notice reaches the package: a reminder a day
 * early or late is a nuisance, a counselor unable to record a sent proposal is a dead end. Only forward
 * counts from a covered day are estimated; anything else throws as `addWorkingDays` does.
 */
export function addWorkingDaysOrEstimate(date: IsoDate, n: number): { date: IsoDate; estimated: boolean } {
  try {
    return { date: addWorkingDays(date, n), estimated: false };
  } catch (err) {
    if (!(err instanceof DomainError) || err.code !== "calendar_year_missing" || n <= 0) throw err;
    assertCovered(date, "date");
  }
  let remaining = n;
  let day = date;
  while (remaining > 0) {
    day = addDays(day, 1);
    const covered = COVERED_YEARS.has(Number(day.slice(0, 4)));
    const working = covered ? isWorkingDay(day) : dayOfWeek(day) !== 0 && dayOfWeek(day) !== 6;
    if (working) remaining -= 1;
  }
  return { date: day, estimated: true };
}

/**
 * The working days stepped onto going from `a` to `b`: those after `a` up to and including `b`, negative
 * when going back. Counting the arrival day and not the departure day in either direction makes
 * `workingDaysBetween(d, addWorkingDays(d, n)) === n` for every d and n.
 */
export function workingDaysBetween(a: IsoDate, b: IsoDate): number {
  assertIsoDate(a, "a");
  assertIsoDate(b, "b");
  const step = b < a ? -1 : 1;
  let count = 0;
  for (let day = a; day !== b;) {
    day = addDays(day, step);
    if (isWorkingDay(day)) count += 1;
  }
  return step * count || 0; // `|| 0` turns -0 into 0
}

type Window = { start: number; end: number };

/**
 * Parses and checks business hours: each "HH:MM", start before end, sorted and not overlapping (windows may
 * touch). Returns them as minutes since Beijing midnight.
 */
export function parseBusinessHours(hours: BusinessHours = DEFAULT_BUSINESS_HOURS): Window[] {
  if (hours.length === 0) {
    throw new DomainError(
      "invalid_business_hours",
      "At least one business-hours window is needed",
      "businessHours",
    );
  }
  const windows = hours.map(({ start, end }, i) => {
    const window = {
      start: parseClockTime(start, `businessHours.${i}.start`),
      end: parseClockTime(end, `businessHours.${i}.end`),
    };
    if (window.start >= window.end) {
      throw new DomainError(
        "invalid_business_hours",
        `Business hours ${start}–${end} end before they start`,
        `businessHours.${i}`,
      );
    }
    return window;
  });
  windows.forEach((window, i) => {
    const previous = i > 0 ? windows[i - 1] : undefined;
    if (previous && window.start < previous.end) {
      throw new DomainError(
        "invalid_business_hours",
        "Business hours must be in order and must not overlap",
        `businessHours.${i}`,
      );
    }
  });
  return windows;
}

/**
 * The next span in which to call a lender: on a Chinese working day, inside business hours, Beijing time.
 * If `from` is already inside a window the answer is the rest of that window (start = from).
 */
export function nextContactWindow(
  from: Date,
  options: ContactWindowOptions = {},
): { start: Date; end: Date } {
  const windows = parseBusinessHours(options.businessHours);
  const fromMs = from.getTime();
  // Terminates like addWorkingDays: a working day comes within weeks, or isWorkingDay throws.
  for (let day = shanghaiDate(from); ; day = addDays(day, 1)) {
    if (!isWorkingDay(day)) continue;
    for (const window of windows) {
      const start = shanghaiInstant(day, window.start);
      const end = shanghaiInstant(day, window.end);
      if (fromMs < end.getTime()) {
        return { start: fromMs > start.getTime() ? new Date(fromMs) : start, end };
      }
    }
  }
}

/** Whether `at` is inside business hours (start inclusive, end exclusive) on a Chinese working day. */
export function isWithinContactWindow(at: Date, options: ContactWindowOptions = {}): boolean {
  const windows = parseBusinessHours(options.businessHours);
  const day = shanghaiDate(at);
  if (!isWorkingDay(day)) return false;
  const atMs = at.getTime();
  return windows.some(
    (window) =>
      shanghaiInstant(day, window.start).getTime() <= atMs &&
      atMs < shanghaiInstant(day, window.end).getTime(),
  );
}
