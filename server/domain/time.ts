import { DomainError } from "./errors";

/**
 * Beijing time without the process time zone.
 *
 * China has kept one fixed offset, UTC+8, with no daylight saving since 1991 (the last DST summer), so the
 * wall clock in Asia/Shanghai is exactly `instant + 8 h` for every date this product handles. Shifting by a
 * constant and reading the UTC fields is therefore correct, and it makes every function here independent of
 * `process.env.TZ`: a server in UTC, a laptop in Shanghai and a CI runner in New York agree.
 */

/** A calendar day in Beijing time, "YYYY-MM-DD". */
export type IsoDate = string;

export const SHANGHAI_OFFSET_MINUTES = 8 * 60;
export const MINUTES_PER_DAY = 24 * 60;

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = MINUTES_PER_DAY * MS_PER_MINUTE;
const OFFSET_MS = SHANGHAI_OFFSET_MINUTES * MS_PER_MINUTE;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function assertInstant(instant: Date, field: string): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new DomainError("invalid_instant", `${field} is not a valid instant`, field);
  }
  return ms;
}

/** The UTC-midnight epoch milliseconds of a "YYYY-MM-DD" day; rejects impossible days such as 2026-02-30. */
function dayStartUtcMs(date: IsoDate, field = "date"): number {
  const match = ISO_DATE.exec(date);
  if (match) {
    const [, y, m, d] = match;
    const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
    // Date.UTC rolls 02-30 over to 03-02; formatting back catches it.
    if (new Date(ms).toISOString().slice(0, 10) === date) return ms;
  }
  throw new DomainError("invalid_date", `${field} must be a calendar day written YYYY-MM-DD`, field);
}

function formatUtcDay(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== "string") return false;
  try {
    dayStartUtcMs(value);
    return true;
  } catch {
    return false;
  }
}

export function assertIsoDate(value: string, field = "date"): IsoDate {
  dayStartUtcMs(value, field);
  return value;
}

/** The Beijing calendar day an instant falls on. */
export function shanghaiDate(instant: Date): IsoDate {
  return formatUtcDay(assertInstant(instant, "instant") + OFFSET_MS);
}

/** Whole minutes since Beijing midnight (0–1439); seconds are dropped, so 21:59:59 is still minute 1319. */
export function shanghaiMinutesOfDay(instant: Date): number {
  const shifted = assertInstant(instant, "instant") + OFFSET_MS;
  const msOfDay = ((shifted % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
  return Math.floor(msOfDay / MS_PER_MINUTE);
}

/**
 * The instant at a Beijing wall-clock time. `minutesOfDay` may be 1440 so that a window can end at
 * midnight; it is then the next day's 00:00.
 */
export function shanghaiInstant(date: IsoDate, minutesOfDay: number): Date {
  if (!Number.isInteger(minutesOfDay) || minutesOfDay < 0 || minutesOfDay > MINUTES_PER_DAY) {
    throw new DomainError("invalid_time", "minutesOfDay must be a whole number from 0 to 1440", "minutesOfDay");
  }
  return new Date(dayStartUtcMs(date) + minutesOfDay * MS_PER_MINUTE - OFFSET_MS);
}

export function addDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new DomainError("invalid_days", "n must be a whole number of days", "n");
  return formatUtcDay(dayStartUtcMs(date) + n * MS_PER_DAY);
}

/** Calendar days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((dayStartUtcMs(b, "b") - dayStartUtcMs(a, "a")) / MS_PER_DAY);
}

/** 0 = Sunday … 6 = Saturday, like Date#getDay, but for the Beijing day itself. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(dayStartUtcMs(date)).getUTCDay();
}

export function todayInShanghai(now: Date = new Date()): IsoDate {
  return shanghaiDate(now);
}

/** "HH:MM" (00:00–23:59, or 24:00 for a window that runs to midnight) → minutes since midnight. */
export function parseClockTime(value: string, field = "time"): number {
  if (value === "24:00") return MINUTES_PER_DAY;
  const match = CLOCK_TIME.exec(value);
  if (!match) throw new DomainError("invalid_time", `${field} must be a time written HH:MM`, field);
  return Number(match[1]) * 60 + Number(match[2]);
}

function formatClockTime(minutesOfDay: number): string {
  const h = Math.floor(minutesOfDay / 60);
  const m = minutesOfDay % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/** An instant as a Beijing date and clock time: "2026-03-01 14:05". */
export function shanghaiDateTime(instant: Date): string {
  return `${shanghaiDate(instant)} ${formatClockTime(shanghaiMinutesOfDay(instant))}`;
}

/** A Beijing wall-clock time as typed in a datetime-local field ("2026-03-01T14:05") → the instant; null if it is not one. */
export function shanghaiLocalInstant(text: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(text);
  if (!m || !isIsoDate(m[1])) return null;
  try {
    return shanghaiInstant(m[1], parseClockTime(m[2]!));
  } catch {
    return null;
  }
}
