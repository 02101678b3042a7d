import { sql } from "drizzle-orm";
import { boolean, check, date, foreignKey, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Global (no org_id; a Citus reference table): the official holiday arrangement of each year loaded
 * from the State Council's notice (`npm run calendar:load`, docs/decisions/007-holiday-table.md). A year
 * here replaces the chinese-days package's year. The app role may only read it.
 */
export const holidayYears = pgTable(
  "holiday_years",
  {
    year: integer("year").primaryKey(),
    /** The notice's date (国务院办公厅 notice of year−1, occasionally of the year itself), when known. */
    noticeDate: date("notice_date", { mode: "string" }),
    /** Where the notice can be read. */
    source: text("source").notNull(),
    /** Every address the file cites (holiday-cn's `papers`). */
    papers: jsonb("papers").$type<string[]>().notNull(),
    /** "shipped" (a file of db/holidays/, loaded on migrate) or "cli" (loaded by an operator). */
    origin: text("origin").$type<"shipped" | "cli">().notNull(),
    /** SHA-256 of the year's days, in date order: loading the same days again changes nothing. */
    daysSha256: text("days_sha256").notNull(),
    /** 1 when first loaded, +1 at each replacement: with loaded_at, the version the processes' caches compare. */
    revision: integer("revision").notNull().default(1),
    loadedAt: timestamp("loaded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("holiday_years_year_range", sql`${t.year} between 2000 and 2100`),
    check("holiday_years_origin", sql`${t.origin} in ('shipped', 'cli')`),
  ],
);

/** Global: one day that differs from Monday–Friday in a loaded year (a day off, or a weekend worked). */
export const holidayDays = pgTable(
  "holiday_days",
  {
    date: date("date", { mode: "string" }).primaryKey(),
    year: integer("year").notNull(),
    name: text("name").notNull(),
    /** true: a day off; false: a Saturday or Sunday worked to make up for a holiday (调休上班). */
    isOffDay: boolean("is_off_day").notNull(),
  },
  (t) => [
    foreignKey({ name: "holiday_days_year_fkey", columns: [t.year], foreignColumns: [holidayYears.year] }).onDelete("cascade"),
    index("holiday_days_year_idx").on(t.year),
    check("holiday_days_date_in_year", sql`extract(year from ${t.date})::int = ${t.year}`),
    check("holiday_days_make_up_on_weekend", sql`${t.isOffDay} or extract(isodow from ${t.date}) in (6, 7)`),
  ],
);
