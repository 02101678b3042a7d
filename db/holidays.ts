import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import type { HolidayDay, HolidayYear } from "@/server/domain/calendar";
import { parseHolidayFile, type HolidayFile } from "@/server/domain/holiday-file";
import type { Db, Tx } from "./client";
import { holidayDays, holidayYears } from "./schema";

/**
 * The holiday table (db/schema/holidays.ts): reading it for the calendar, replacing one year from a
 * checked file, and loading the years this repository ships (db/holidays/<year>.json) into a database
 * that lacks them. See docs/decisions/007-holiday-table.md.
 */

type Executor = Db | Tx;

/** Resolved from the working directory, as the migrations folder is (see db/migrate.ts). */
export const SHIPPED_HOLIDAYS_FOLDER = path.join(process.cwd(), "db", "holidays");

export type YearMeta = { source: string; noticeDate: string | null; origin: "shipped" | "cli" };

export type LoadedYear = HolidayYear & {
  source: string;
  noticeDate: string | null;
  papers: string[];
  origin: "shipped" | "cli";
  revision: number;
  loadedAt: Date;
};

/** What loading a year did, for the loader's output (the table is global: there is no organization's audit log to write to). */
export type LoadOutcome = {
  year: number;
  action: "added" | "replaced" | "unchanged";
  before: { source: string; noticeDate: string | null; origin: string; revision: number; loadedAt: Date } | null;
  added: HolidayDay[];
  removed: HolidayDay[];
  /** Days listed before and now, whose kind (off / make-up) or name changed. */
  changed: Array<{ before: HolidayDay; after: HolidayDay }>;
};

const daysSha256 = (days: readonly HolidayDay[]) =>
  createHash("sha256")
    .update(JSON.stringify([...days].sort((a, b) => (a.date < b.date ? -1 : 1)).map((d) => [d.date, d.name, d.isOffDay])))
    .digest("hex");

/**
 * A version of the whole table that changes with every load that changed something (a year added adds to
 * the count, a replacement raises its revision and loaded_at): one cheap query a process runs before
 * trusting its cached calendar.
 */
export async function readHolidayVersion(db: Executor): Promise<string> {
  const [row] = await db
    .select({
      years: sql<number>`count(*)::int`,
      revisions: sql<number>`coalesce(sum(${holidayYears.revision}), 0)::int`,
      last: sql<string | null>`max(${holidayYears.loadedAt})::text`,
    })
    .from(holidayYears);
  return `${row?.years ?? 0}:${row?.revisions ?? 0}:${row?.last ?? ""}`;
}

/** Every loaded year with its days, in order. */
export async function readHolidayYears(db: Executor): Promise<LoadedYear[]> {
  const years = await db
    .select({
      year: holidayYears.year,
      source: holidayYears.source,
      noticeDate: holidayYears.noticeDate,
      papers: holidayYears.papers,
      origin: holidayYears.origin,
      revision: holidayYears.revision,
      loadedAt: holidayYears.loadedAt,
    })
    .from(holidayYears)
    .orderBy(asc(holidayYears.year));
  const days = await db
    .select({ year: holidayDays.year, date: holidayDays.date, name: holidayDays.name, isOffDay: holidayDays.isOffDay })
    .from(holidayDays)
    .orderBy(asc(holidayDays.date));
  return years.map((y) => ({
    ...y,
    days: days.filter((d) => d.year === y.year).map(({ date, name, isOffDay }) => ({ date, name, isOffDay })),
  }));
}

/**
 * Replaces one year of the table with a checked file, in one transaction: the year row and all its days,
 * or nothing. Loading the same days with the same source and notice date again writes nothing
 * ("unchanged"). Runs as the database owner (the app role may only read the table).
 */
export async function replaceHolidayYear(db: Db, file: HolidayFile, meta: YearMeta): Promise<LoadOutcome> {
  const sha = daysSha256(file.days);
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({
        source: holidayYears.source,
        noticeDate: holidayYears.noticeDate,
        papers: holidayYears.papers,
        origin: holidayYears.origin,
        revision: holidayYears.revision,
        loadedAt: holidayYears.loadedAt,
        daysSha256: holidayYears.daysSha256,
      })
      .from(holidayYears)
      .where(eq(holidayYears.year, file.year))
      .for("update");
    const old = before
      ? await tx
          .select({ date: holidayDays.date, name: holidayDays.name, isOffDay: holidayDays.isOffDay })
          .from(holidayDays)
          .where(eq(holidayDays.year, file.year))
          .orderBy(asc(holidayDays.date))
      : [];
    const oldBy = new Map(old.map((d) => [d.date, d]));
    const newBy = new Map(file.days.map((d) => [d.date, d]));
    const diff = {
      added: file.days.filter((d) => !oldBy.has(d.date)),
      removed: old.filter((d) => !newBy.has(d.date)),
      changed: file.days.flatMap((after) => {
        const prev = oldBy.get(after.date);
        return prev && (prev.name !== after.name || prev.isOffDay !== after.isOffDay) ? [{ before: prev, after }] : [];
      }),
    };
    const summary = before
      ? {
          source: before.source,
          noticeDate: before.noticeDate,
          origin: before.origin,
          revision: before.revision,
          loadedAt: before.loadedAt,
        }
      : null;
    const same =
      before &&
      before.daysSha256 === sha &&
      before.source === meta.source &&
      before.noticeDate === meta.noticeDate &&
      before.origin === meta.origin &&
      JSON.stringify(before.papers) === JSON.stringify(file.papers);
    if (same) return { year: file.year, action: "unchanged" as const, before: summary, added: [], removed: [], changed: [] };
    const values = { source: meta.source, noticeDate: meta.noticeDate, papers: file.papers, origin: meta.origin, daysSha256: sha };
    await tx
      .insert(holidayYears)
      .values({ year: file.year, ...values })
      .onConflictDoUpdate({
        target: holidayYears.year,
        set: { ...values, revision: sql`${holidayYears.revision} + 1`, loadedAt: sql`now()` },
      });
    await tx.delete(holidayDays).where(eq(holidayDays.year, file.year));
    await tx.insert(holidayDays).values(file.days.map((d) => ({ year: file.year, ...d })));
    return { year: file.year, action: before ? ("replaced" as const) : ("added" as const), before: summary, ...diff };
  });
}

/** A shipped file, read and checked; a broken one is a bug in this repository and stops the migration. */
function readShippedFile(file: string): HolidayFile {
  const parsed = parseHolidayFile(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.ok) throw new Error(`${path.basename(file)}: ${parsed.problems.join("; ")}`);
  if (`${parsed.file.year}.json` !== path.basename(file)) throw new Error(`${path.basename(file)} holds ${parsed.file.year}`);
  if (!parsed.file.papers[0]) throw new Error(`${path.basename(file)} cites no notice (papers)`);
  return parsed.file;
}

/**
 * Loads the years shipped in db/holidays/ into a database that does not have them (a fresh one), and
 * brings up to date a year loaded from a shipped file that has since been corrected here. A year an
 * operator loaded (`origin: cli`) is never overwritten. Runs after every migration; idempotent.
 */
export async function loadShippedHolidays(db: Db, folder = SHIPPED_HOLIDAYS_FOLDER): Promise<LoadOutcome[]> {
  const files = readdirSync(folder)
    .filter((name) => /^\d{4}\.json$/.test(name))
    .sort();
  const existing = new Map(
    (await db.select({ year: holidayYears.year, origin: holidayYears.origin }).from(holidayYears)).map((y) => [y.year, y.origin]),
  );
  const outcomes: LoadOutcome[] = [];
  for (const name of files) {
    const file = readShippedFile(path.join(folder, name));
    if (existing.get(file.year) === "cli") continue;
    outcomes.push(await replaceHolidayYear(db, file, { source: file.papers[0]!, noticeDate: file.noticeDate, origin: "shipped" }));
  }
  return outcomes;
}
