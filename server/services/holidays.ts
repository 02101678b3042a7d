import type { Db } from "@/db/client";
import { readHolidayYears, replaceHolidayYear, type LoadOutcome, type YearMeta } from "@/db/holidays";
import { buildCalendar, coveredYears, PACKAGE_YEARS, type HolidayDay } from "@/server/domain/calendar";
import { isNoticeUrl, noticeDateProblem, parseHolidayFile, type HolidayFile } from "@/server/domain/holiday-file";
import { addDays, dayOfWeek } from "@/server/domain/time";

/**
 * Loading a year of holidays from a holiday-cn file (`npm run calendar:load`, server/cli/calendar-load.ts):
 * the checks, the replacement, and the report an operator reads to compare the result with the notice.
 * The table is global, so there is no organization's audit log: the report printed is the record, and
 * the table keeps the source, notice date, revision and time of each year.
 */

export type LoadOptions = {
  /** The file's name, when it came from a file: "2027.json" must hold 2027. */
  fileName?: string;
  /** The notice's address; defaults to the file's first `papers` entry. */
  source?: string;
  /** The notice's date (YYYY-MM-DD); defaults to the file's `noticeDate`. */
  noticeDate?: string;
  /** Check and report, write nothing. */
  dryRun?: boolean;
};

export type LoadResult = { ok: false; problems: string[] } | { ok: true; file: HolidayFile; meta: YearMeta; outcome: LoadOutcome | null };

/** Checks a parsed file and the options that come with it; every problem is listed. */
export function checkHolidayFile(
  raw: unknown,
  opts: LoadOptions = {},
): { ok: false; problems: string[] } | { ok: true; file: HolidayFile; meta: YearMeta } {
  const parsed = parseHolidayFile(raw);
  const problems = parsed.ok ? [] : [...parsed.problems];
  const year = parsed.ok ? parsed.file.year : undefined;
  const named = opts.fileName && /^(\d{4})\.json$/.exec(opts.fileName.split(/[\\/]/).pop() ?? "");
  if (named && year !== undefined && Number(named[1]) !== year) problems.push(`the file is named ${named[0]} but holds the year ${year}`);
  const source = opts.source ?? (parsed.ok ? parsed.file.papers[0] : undefined);
  if (opts.source !== undefined && !isNoticeUrl(opts.source))
    problems.push(`--source must be the notice's web address (http:// or https://), not "${opts.source}"`);
  else if (parsed.ok && !source) problems.push("no source: give --source <the notice's web address>, or list it in the file's papers");
  const noticeDate = opts.noticeDate ?? (parsed.ok ? parsed.file.noticeDate : null);
  if (opts.noticeDate !== undefined && year !== undefined) {
    const problem = noticeDateProblem(opts.noticeDate, year);
    if (problem) problems.push(`--notice-date: ${problem}`);
  }
  if (!parsed.ok || problems.length > 0) return { ok: false, problems };
  return { ok: true, file: parsed.file, meta: { source: source!, noticeDate: noticeDate ?? null, origin: "cli" } };
}

/** Checks, then (unless a dry run) replaces the file's year in the table. Nothing is written when anything is wrong. */
export async function loadHolidayFile(db: Db, raw: unknown, opts: LoadOptions = {}): Promise<LoadResult> {
  const checked = checkHolidayFile(raw, opts);
  if (!checked.ok) return checked;
  const outcome = opts.dryRun ? null : await replaceHolidayYear(db, checked.file, checked.meta);
  return { ...checked, outcome };
}

const WEEKDAY = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const dayLabel = (date: string) => `${WEEKDAY[dayOfWeek(date)]} ${date}`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The file's days by holiday, in the notice's shape: the days off as ranges, then the weekends worked. */
export function describeYear(days: readonly HolidayDay[]): string[] {
  // In the notice's order: by each holiday's first day off (a make-up day may come before it).
  const names: string[] = [];
  for (const d of [...days].sort((a, b) => Number(b.isOffDay) - Number(a.isOffDay) || (a.date < b.date ? -1 : 1))) {
    if (!names.includes(d.name)) names.push(d.name);
  }
  const width = Math.max(...names.map((n) => n.length));
  const lines = names.map((name) => {
    const off = days.filter((d) => d.name === name && d.isOffDay).map((d) => d.date);
    const worked = days.filter((d) => d.name === name && !d.isOffDay).map((d) => d.date);
    const ranges: string[] = [];
    for (let i = 0; i < off.length;) {
      let j = i;
      while (j + 1 < off.length && off[j + 1] === addDays(off[j]!, 1)) j += 1;
      ranges.push(i === j ? dayLabel(off[i]!) : `${dayLabel(off[i]!)} – ${dayLabel(off[j]!)} (${j - i + 1} days)`);
      i = j + 1;
    }
    const parts = [
      ranges.length ? `off ${ranges.join(", ")}` : "",
      worked.length ? `worked ${worked.map(dayLabel).join(", ")}` : "",
    ].filter(Boolean);
    return `  ${name.padEnd(width + 1, "\u3000")} ${parts.join("; ")}`;
  });
  const offCount = days.filter((d) => d.isOffDay).length;
  return [...lines, `  ${plural(offCount, "day")} off, ${plural(days.length - offCount, "make-up working day")}`];
}

const describeDay = (d: HolidayDay) => `${dayLabel(d.date)} ${d.name} ${d.isOffDay ? "day off" : "make-up working day"}`;

/** What the operator reads after a load: the year as understood, what changed, and how to check it. */
export function formatLoadReport(result: Extract<LoadResult, { ok: true }>): string {
  const { file, meta, outcome } = result;
  const lines = [
    `${file.year}: notice ${meta.noticeDate ? `of ${meta.noticeDate}` : "(date not given: add --notice-date YYYY-MM-DD)"}, ${meta.source}`,
    ...describeYear(file.days),
  ];
  if (!outcome) {
    lines.push("Checked; nothing was written (--dry-run). Compare the lines above with the notice, then load without --dry-run.");
    return lines.join("\n");
  }
  const held = (b: NonNullable<LoadOutcome["before"]>) =>
    `revision ${b.revision}, loaded ${b.loadedAt.toISOString()} (${b.origin}) from ${b.source}, notice ${b.noticeDate ?? "(date not given)"}`;
  const was = outcome.before ? ` (was ${held(outcome.before)})` : "";
  if (outcome.action === "unchanged") {
    lines.push(
      `Unchanged: ${file.year} already holds exactly these days, source and notice date (${held(outcome.before!)}). Nothing was written.`,
    );
  } else {
    lines.push(
      `${outcome.action === "added" ? "Added" : "Replaced"} ${file.year}${was}: ${plural(outcome.added.length, "day")} added, ${plural(outcome.removed.length, "day")} removed, ${plural(outcome.changed.length, "day")} changed.`,
    );
    if (outcome.action === "replaced") {
      for (const d of outcome.added) lines.push(`  + ${describeDay(d)}`);
      for (const d of outcome.removed) lines.push(`  - ${describeDay(d)}`);
      for (const c of outcome.changed) lines.push(`  ~ ${describeDay(c.before)} → ${describeDay(c.after)}`);
    }
    lines.push("Every server process uses it from its next request; no restart is needed.");
  }
  return lines.join("\n");
}

/** `--list`: which years the calendar knows, where each comes from, and the first year it does not. */
export async function formatCoverage(db: Db): Promise<string> {
  const loaded = await readHolidayYears(db);
  const packageYears = PACKAGE_YEARS.map((y) => y.year).filter((y) => !loaded.some((l) => l.year === y));
  const years = coveredYears(buildCalendar(loaded));
  let next = years[0] ?? 2000;
  while (years.includes(next)) next += 1;
  const lines = [
    packageYears.length
      ? `chinese-days package: ${Math.min(...packageYears)}–${Math.max(...packageYears)}${packageYears.length < Math.max(...packageYears) - Math.min(...packageYears) + 1 ? " (with gaps)" : ""}`
      : "chinese-days package: no year the table does not replace",
    ...loaded.map(
      (y) =>
        `table ${y.year}: ${y.days.filter((d) => d.isOffDay).length} days off, ${y.days.filter((d) => !d.isOffDay).length} make-up working days; notice ${y.noticeDate ?? "(date not given)"}, ${y.source}; ${y.origin}, revision ${y.revision}, loaded ${y.loadedAt.toISOString()}`,
    ),
    `From ${next} on, working days are estimated Monday–Friday until that year is loaded.`,
  ];
  return lines.join("\n");
}
