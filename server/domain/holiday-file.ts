/**
 * A year's holiday arrangement as a file, in the holiday-cn format
 * `{ year, papers: [url…], days: [{ name, date, isOffDay }] }` (`isOffDay: false` is a make-up working day
 * on a weekend), checked before it may replace that year of the calendar. The checks catch the mistakes a
 * person makes copying a notice: a date of the wrong year, an impossible date, a day listed twice, a
 * "make-up" weekday, a year without its holidays. An optional `noticeDate` (YYYY-MM-DD) carries the
 * notice's date in the files this repository ships.
 */
import type { HolidayDay, HolidayYear } from "./calendar";
import { dayOfWeek, isIsoDate, type IsoDate } from "./time";

export type HolidayFile = HolidayYear & { papers: string[]; noticeDate: IsoDate | null };

export type HolidayFileResult = { ok: true; file: HolidayFile } | { ok: false; problems: string[] };

/** Keys of a holiday-cn file (`$schema`, `$id` are its JSON-schema references), and ours. */
const KNOWN_KEYS = new Set(["$schema", "$id", "year", "papers", "days", "noticeDate"]);
const DAY_KEYS = new Set(["name", "date", "isOffDay"]);
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
const MAX_NAME = 50;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A web address a notice can be read at. */
export function isNoticeUrl(value: unknown): value is string {
  if (typeof value !== "string" || value.length > 500) return false;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

/**
 * Problems with a notice date for `year`: a real day, no earlier than the year before (the notice for N
 * comes out in the autumn of N−1, or early in N) and no later than the year itself.
 */
export function noticeDateProblem(value: string, year: number): string | null {
  if (!isIsoDate(value)) return `the notice date "${value}" is not a real day written YYYY-MM-DD`;
  const noticeYear = Number(value.slice(0, 4));
  if (noticeYear < year - 1 || noticeYear > year) {
    return `the notice date ${value} cannot be the notice for ${year} (it is published late in ${year - 1} or in ${year})`;
  }
  return null;
}

/** Checks a parsed JSON value; every problem is listed (not only the first), in words an operator can act on. */
export function parseHolidayFile(raw: unknown): HolidayFileResult {
  const problems: string[] = [];
  if (!isObject(raw)) return { ok: false, problems: ["the file must hold one JSON object { year, papers, days }"] };
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) problems.push(`unknown field "${key}" (expected year, papers, days)`);
  }

  const year = raw.year;
  const yearOk = typeof year === "number" && Number.isInteger(year) && year >= 2000 && year <= 2100;
  if (!yearOk) problems.push(`"year" must be a whole year between 2000 and 2100, not ${JSON.stringify(year)}`);

  const papers: string[] = [];
  if (raw.papers !== undefined) {
    if (!Array.isArray(raw.papers)) problems.push(`"papers" must be a list of the notice's web addresses`);
    else
      raw.papers.forEach((paper, i) => {
        if (isNoticeUrl(paper)) papers.push(paper);
        else problems.push(`papers[${i}] is not a web address (http:// or https://): ${JSON.stringify(paper)}`);
      });
  }

  let noticeDate: IsoDate | null = null;
  if (raw.noticeDate !== undefined) {
    const problem =
      typeof raw.noticeDate !== "string"
        ? `"noticeDate" must be written YYYY-MM-DD`
        : yearOk
          ? noticeDateProblem(raw.noticeDate, year)
          : null;
    if (problem) problems.push(problem);
    else noticeDate = raw.noticeDate as string;
  }

  const days: HolidayDay[] = [];
  if (!Array.isArray(raw.days) || raw.days.length === 0) {
    problems.push(`"days" must be a non-empty list of { name, date, isOffDay }`);
  } else {
    const seen = new Map<string, number>();
    raw.days.forEach((day: unknown, i) => {
      const at = `days[${i}]`;
      if (!isObject(day)) return problems.push(`${at} must be an object { name, date, isOffDay }`);
      const unknown = Object.keys(day).filter((k) => !DAY_KEYS.has(k));
      if (unknown.length) problems.push(`${at} has unknown field(s) ${unknown.map((k) => `"${k}"`).join(", ")}`);
      const { name, date, isOffDay } = day;
      let ok = true;
      if (typeof name !== "string" || name.trim() === "" || name.length > MAX_NAME) {
        problems.push(`${at}.name must be the holiday's name (1–${MAX_NAME} characters)`);
        ok = false;
      }
      if (typeof isOffDay !== "boolean") {
        problems.push(`${at}.isOffDay must be true (a day off) or false (a make-up working day)`);
        ok = false;
      }
      if (typeof date !== "string" || !isIsoDate(date)) {
        problems.push(`${at}.date ${JSON.stringify(date)} is not a real day written YYYY-MM-DD`);
        return;
      }
      if (yearOk && Number(date.slice(0, 4)) !== year) {
        problems.push(`${at}.date ${date} is not in ${year}`);
        ok = false;
      }
      const first = seen.get(date);
      if (first !== undefined) {
        problems.push(`${date} is listed twice (days[${first}] and ${at})`);
        return;
      }
      seen.set(date, i);
      const weekday = dayOfWeek(date);
      if (isOffDay === false && weekday !== 0 && weekday !== 6) {
        problems.push(`${at}: ${date} is a ${WEEKDAYS[weekday]}; a make-up working day (isOffDay: false) falls on a Saturday or Sunday`);
        ok = false;
      }
      if (ok) days.push({ date, name: (name as string).trim(), isOffDay: isOffDay as boolean });
    });
    if (yearOk && days.length > 0) {
      if (!days.some((d) => d.isOffDay)) problems.push(`no day off in ${year}: the file lists no holiday`);
      else if (!days.some((d) => d.isOffDay && d.date === `${year}-01-01`)) {
        problems.push(`${year}-01-01 (New Year's Day) is not listed as a day off; every year's notice gives it`);
      }
    }
  }

  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, file: { year: year as number, papers, noticeDate, days: days.sort((a, b) => (a.date < b.date ? -1 : 1)) } };
}
