/**
 * The holiday table (docs/decisions/007-holiday-table.md): the shipped years on a fresh database, the
 * loader and its refusals, and the services with the clock in 2027 and 2028 — before a 2027 file is
 * loaded (Monday–Friday, marked estimated, nothing throws) and after (exact). The 2027 file is a test
 * file, not the State Council's notice.
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { getDb, withTenant } from "@/db/client";
import { loadShippedHolidays, readHolidayVersion, readHolidayYears } from "@/db/holidays";
import { auditLog, debts, holidayDays, holidayYears, lenders } from "@/db/schema";
import { addDays, todayInShanghai } from "@/server/domain/time";
import { agendaToday } from "@/server/services/agenda";
import { calendarStatus, followUpDates, loadCalendar } from "@/server/services/calendar";
import { formatLoadReport, loadHolidayFile } from "@/server/services/holidays";
import { createTenant, type Tenant } from "../support/factories";
import { withDatabase } from "../support/global-setup";
import { TEST_2027_FILE } from "../support/holidays-test-2027";

/** An instant written in Beijing time. */
const bj = (dateTime: string) => new Date(`${dateTime}:00+08:00`);
const work = mkdtempSync(path.join(tmpdir(), "xs-calendar-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function openCase(t: Tenant) {
  const db = await getDb();
  const lenderId = randomUUID();
  await db
    .insert(lenders)
    .values({ orgId: t.orgId, id: lenderId, name: `测试消费金融 ${lenderId.slice(0, 6)}`, licenceType: "consumer-finance" });
  const debtId = randomUUID();
  await db.insert(debts).values({
    orgId: t.orgId,
    id: debtId,
    clientId: t.clientA.id,
    lenderId,
    originalPrincipalFen: 2_000_000,
    outstandingPrincipalFen: 1_200_000,
    interestFen: 80_000,
    penaltyFen: 30_000,
    feesFen: 10_000,
    rateValue: "18",
    rateUnit: "annual",
    annualRatePct: "18",
    overdueSince: "2026-05-10",
  });
  return (await t.as.counselorA.case.open({ debtId })).id;
}

/** Sends a proposal with only Date faked to `at`, and returns what sending answered. */
async function sendAt(t: Tenant, caseId: string, at: Date) {
  vi.useFakeTimers({ toFake: ["Date"], now: at });
  try {
    const day = todayInShanghai();
    const p = await t.as.counselorA.case.createProposal({
      caseId,
      terms: { waiver: { penaltyFen: 30_000 } },
      channel: "app",
      validUntil: addDays(day, 14),
    });
    return await t.as.counselorA.case.sendProposal({ caseId, proposalId: p.id });
  } finally {
    vi.useRealTimers();
  }
}

async function loadTest2027() {
  const result = await loadHolidayFile(await getDb(), TEST_2027_FILE, { fileName: "2027.json", noticeDate: "2026-11-20" });
  expect(result.ok).toBe(true);
  return result;
}

async function unload2027() {
  const db = await getDb();
  await db.delete(holidayYears).where(eq(holidayYears.year, 2027));
}

describe("the holiday table of a fresh database", () => {
  it("holds the shipped 2025 and 2026, with their notices' dates and sources", async () => {
    const years = await readHolidayYears(await getDb());
    expect(years.map((y) => [y.year, y.noticeDate, y.origin])).toEqual([
      [2025, "2024-11-12", "shipped"],
      [2026, "2025-11-04", "shipped"],
    ]);
    expect(years[0]!.source).toBe("https://www.gov.cn/zhengce/content/202411/content_6986382.htm");
    expect(years[1]!.days.filter((d) => !d.isOffDay).map((d) => d.date)).toEqual([
      "2026-01-04",
      "2026-02-14",
      "2026-02-28",
      "2026-05-09",
      "2026-09-20",
      "2026-10-10",
    ]);
    expect(years[1]!.days.filter((d) => d.isOffDay)).toHaveLength(33);
  });

  it("loading the shipped files again (every migration does) changes nothing", async () => {
    const db = await getDb();
    const before = await readHolidayVersion(db);
    const outcomes = await loadShippedHolidays(db);
    expect(outcomes.map((o) => [o.year, o.action])).toEqual([
      [2025, "unchanged"],
      [2026, "unchanged"],
    ]);
    expect(await readHolidayVersion(db)).toBe(before);
  });

  it("the app's role reads the table but cannot change it", async () => {
    const t = await createTenant();
    const seen = await withTenant({ orgId: t.orgId }, (tx) => tx.select({ year: holidayYears.year }).from(holidayYears));
    expect(seen.map((y) => y.year)).toEqual(expect.arrayContaining([2025, 2026]));
    await expect(withTenant({ orgId: t.orgId }, (tx) => tx.delete(holidayDays).where(eq(holidayDays.year, 2026)))).rejects.toThrow();
    await expect(
      withTenant({ orgId: t.orgId }, (tx) =>
        tx.update(holidayYears).set({ source: "https://example.org/" }).where(eq(holidayYears.year, 2026)),
      ),
    ).rejects.toThrow();
    expect((await readHolidayYears(await getDb())).find((y) => y.year === 2026)?.days).toHaveLength(39);
  });

  it("the database refuses a make-up day on a weekday or a date of another year, whoever writes", async () => {
    const db = await getDb();
    await expect(db.insert(holidayDays).values({ date: "2026-03-04", year: 2026, name: "x", isOffDay: false })).rejects.toThrow();
    await expect(db.insert(holidayDays).values({ date: "2025-03-08", year: 2026, name: "x", isOffDay: true })).rejects.toThrow();
  });
});

describe("loading a year from a holiday-cn file", () => {
  it("adds 2027, reports it day by day, and the calendar uses it at once; loading it again changes nothing", async () => {
    const db = await getDb();
    const before = await loadCalendar(db);
    expect(before.years.has(2027)).toBe(false);
    const first = await loadTest2027();
    if (!first.ok) return;
    expect(first.outcome).toMatchObject({ year: 2027, action: "added", before: null, removed: [], changed: [] });
    expect(first.outcome!.added).toHaveLength(TEST_2027_FILE.days.length);
    const report = formatLoadReport(first);
    expect(report).toContain("2027: notice of 2026-11-20, https://example.org/test-only/holidays-2027");
    expect(report).toContain("春节");
    expect(report).toContain("off Sat 2027-02-06 – Sun 2027-02-14 (9 days); worked Sat 2027-02-20");
    expect(report).toContain("Added 2027");
    const after = await loadCalendar(db);
    expect(after.years.get(2027)).toBe("table");
    const [row] = await db
      .select({
        source: holidayYears.source,
        noticeDate: holidayYears.noticeDate,
        origin: holidayYears.origin,
        revision: holidayYears.revision,
      })
      .from(holidayYears)
      .where(eq(holidayYears.year, 2027));
    expect(row).toEqual({ source: "https://example.org/test-only/holidays-2027", noticeDate: "2026-11-20", origin: "cli", revision: 1 });

    const version = await readHolidayVersion(db);
    const again = await loadTest2027();
    expect(again.ok && again.outcome?.action).toBe("unchanged");
    expect(await readHolidayVersion(db)).toBe(version);
    await unload2027();
  });

  it("replaces a year as a whole and says what changed", async () => {
    await loadTest2027();
    const db = await getDb();
    // A corrected notice: National Day moves a day on, the make-up Sunday becomes Saturday 9 October.
    const corrected = {
      ...TEST_2027_FILE,
      days: [
        ...TEST_2027_FILE.days.filter((d) => d.name !== "国庆节"),
        ...["2027-10-01", "2027-10-02", "2027-10-03", "2027-10-04", "2027-10-05", "2027-10-06", "2027-10-07", "2027-10-08"].map((date) => ({
          name: "国庆节、中秋节",
          date,
          isOffDay: true,
        })),
        { name: "国庆节、中秋节", date: "2027-10-09", isOffDay: false },
      ],
    };
    const result = await loadHolidayFile(db, corrected, { fileName: "2027.json", noticeDate: "2026-11-20" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.outcome?.action).toBe("replaced");
    expect(result.outcome?.added.map((d) => d.date)).toEqual(["2027-10-08", "2027-10-09"]);
    expect(result.outcome?.removed.map((d) => d.date)).toEqual(["2027-09-26"]);
    expect(result.outcome?.changed).toHaveLength(7); // renamed
    const report = formatLoadReport(result);
    expect(report).toMatch(/Replaced 2027 \(was revision 1, .*\): 2 days added, 1 day removed, 7 days changed/);
    expect(report).toContain("  - Sun 2027-09-26 国庆节 make-up working day");
    const year = (await readHolidayYears(db)).find((y) => y.year === 2027)!;
    expect(year.revision).toBe(2);
    expect(year.days.some((d) => d.date === "2027-09-26")).toBe(false);
    const calendar = await loadCalendar(db);
    expect(calendar.offDays.has("2027-10-08")).toBe(true);
    expect(calendar.makeUpDays.has("2027-09-26")).toBe(false);
    await unload2027();
  });

  it.each([
    [
      "a date of another year",
      { ...TEST_2027_FILE, days: [...TEST_2027_FILE.days, { name: "元旦", date: "2026-12-31", isOffDay: true }] },
      {},
      "days[27].date 2026-12-31 is not in 2027",
    ],
    [
      "an impossible date",
      { ...TEST_2027_FILE, days: [...TEST_2027_FILE.days, { name: "春节", date: "2027-02-29", isOffDay: true }] },
      {},
      `days[27].date "2027-02-29" is not a real day written YYYY-MM-DD`,
    ],
    [
      "a day listed twice",
      { ...TEST_2027_FILE, days: [...TEST_2027_FILE.days, { name: "春节", date: "2027-02-20", isOffDay: true }] },
      {},
      "2027-02-20 is listed twice (days[12] and days[27])",
    ],
    [
      "a make-up day on a weekday",
      { ...TEST_2027_FILE, days: [...TEST_2027_FILE.days, { name: "春节", date: "2027-02-15", isOffDay: false }] },
      {},
      "days[27]: 2027-02-15 is a Monday; a make-up working day (isOffDay: false) falls on a Saturday or Sunday",
    ],
    [
      "a year without New Year's Day",
      { ...TEST_2027_FILE, days: TEST_2027_FILE.days.slice(1) },
      {},
      "2027-01-01 (New Year's Day) is not listed as a day off; every year's notice gives it",
    ],
    [
      "a file named for another year",
      TEST_2027_FILE,
      { fileName: "holidays/2028.json" },
      "the file is named 2028.json but holds the year 2027",
    ],
    [
      "no source",
      { ...TEST_2027_FILE, papers: [] },
      {},
      "no source: give --source <the notice's web address>, or list it in the file's papers",
    ],
    [
      "a source that is not an address",
      TEST_2027_FILE,
      { source: "国务院办公厅" },
      `--source must be the notice's web address (http:// or https://), not "国务院办公厅"`,
    ],
    [
      "a notice date of the wrong year",
      TEST_2027_FILE,
      { noticeDate: "2024-11-12" },
      "--notice-date: the notice date 2024-11-12 cannot be the notice for 2027",
    ],
  ])("refuses %s with a clear message, and changes nothing", async (_kind, raw, opts, message) => {
    const db = await getDb();
    const before = await readHolidayVersion(db);
    const result = await loadHolidayFile(db, raw, opts);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join("\n")).toContain(message);
    expect(await readHolidayVersion(db)).toBe(before);
    expect((await loadCalendar(db)).years.has(2027)).toBe(false);
  });

  it("a shipped year an operator replaced is not overwritten by the next migration", async () => {
    const db = await getDb();
    const file = JSON.parse(readFileSync("db/holidays/2026.json", "utf8"));
    const own = await loadHolidayFile(db, file, { source: "https://example.org/test-only/own-copy-2026" });
    expect(own.ok && own.outcome?.action).toBe("replaced");
    const outcomes = await loadShippedHolidays(db);
    expect(outcomes.map((o) => o.year)).toEqual([2025]);
    const [row] = await db
      .select({ source: holidayYears.source, origin: holidayYears.origin })
      .from(holidayYears)
      .where(eq(holidayYears.year, 2026));
    expect(row).toEqual({ source: "https://example.org/test-only/own-copy-2026", origin: "cli" });
    // Put the shipped year back for the other tests of this file.
    await db.update(holidayYears).set({ origin: "shipped" }).where(eq(holidayYears.year, 2026));
    expect((await loadShippedHolidays(db)).map((o) => [o.year, o.action])).toEqual([
      [2025, "unchanged"],
      [2026, "replaced"],
    ]);
  });
});

describe("the services with the clock in 2027 and 2028", () => {
  it("before 2027 is loaded: the banner names 2027 from December, and 2028 in 2028", async () => {
    const t = await createTenant();
    const actor = { orgId: t.orgId, userId: t.counselorA.id, role: "counselor" as const };
    expect((await calendarStatus(actor, bj("2026-12-01T10:00"))).missingYears).toEqual([2027]);
    expect((await calendarStatus(actor, bj("2026-10-01T10:00"))).missingYears).toEqual([]);
    expect((await calendarStatus(actor, bj("2028-03-01T10:00"))).missingYears).toEqual([2028]);
    await loadTest2027();
    expect((await calendarStatus(actor, bj("2026-12-01T10:00"))).missingYears).toEqual([]);
    expect((await calendarStatus(actor, bj("2027-11-15T10:00"))).missingYears).toEqual([2028]);
    await unload2027();
  });

  it("the agenda's contact windows: open Monday–Friday and estimated in 2027 and 2028; exact once 2027 is loaded", async () => {
    const t = await createTenant();
    const caseId = await openCase(t);
    const actor = { orgId: t.orgId, userId: t.counselorA.id, role: "counselor" as const };
    const windowOf = async (at: Date) => (await agendaToday(actor, at)).contactWindows.find((w) => w.caseId === caseId);

    expect(await windowOf(bj("2027-01-01T10:00"))).toMatchObject({ dueDate: "2027-01-01", estimated: true }); // a Friday, guessed open
    expect(await windowOf(bj("2027-01-04T10:00"))).toMatchObject({
      dueDate: "2027-01-04",
      estimated: true,
      windowEnd: bj("2027-01-04T12:00"),
    });
    expect(await windowOf(bj("2028-03-01T15:00"))).toMatchObject({
      dueDate: "2028-03-01",
      estimated: true,
      windowEnd: bj("2028-03-01T17:30"),
    });
    expect(await windowOf(bj("2026-12-30T10:00"))).toMatchObject({ estimated: false });

    await loadTest2027();
    expect(await windowOf(bj("2027-01-01T10:00"))).toBeUndefined(); // New Year's Day in the loaded file
    expect(await windowOf(bj("2027-01-04T10:00"))).toMatchObject({ dueDate: "2027-01-04", estimated: false });
    expect(await windowOf(bj("2027-02-20T10:00"))).toMatchObject({ estimated: false }); // its make-up Saturday
    expect(await windowOf(bj("2028-03-01T15:00"))).toMatchObject({ estimated: true });
    await unload2027();
  });

  it("the case's next contact window", async () => {
    const t = await createTenant();
    const caseId = await openCase(t);
    const w = await t.as.counselorA.case.nextContactWindow({ caseId, from: bj("2026-12-31T18:00") });
    expect(w).toMatchObject({ start: bj("2027-01-01T09:00"), estimated: true });
    expect(await t.as.counselorA.case.nextContactWindow({ caseId, from: bj("2028-06-03T10:00") })).toMatchObject({
      start: bj("2028-06-05T09:00"),
      estimated: true,
    }); // Sat → Mon
    await loadTest2027();
    expect(await t.as.counselorA.case.nextContactWindow({ caseId, from: bj("2026-12-31T18:00") })).toMatchObject({
      start: bj("2027-01-04T09:00"),
      estimated: false,
    });
    await unload2027();
  });

  it("the follow-up due dates offered: 1, 5 and 10 working days, estimated until 2027 is loaded", async () => {
    const t = await createTenant();
    const actor = { orgId: t.orgId, userId: t.counselorA.id, role: "counselor" as const };
    expect(await followUpDates(actor, bj("2026-12-31T10:00"))).toEqual([
      { days: 1, date: "2027-01-01", estimated: true },
      { days: 5, date: "2027-01-07", estimated: true },
      { days: 10, date: "2027-01-14", estimated: true },
    ]);
    expect(await followUpDates(actor, bj("2028-02-25T10:00"))).toEqual([
      { days: 1, date: "2028-02-28", estimated: true },
      { days: 5, date: "2028-03-03", estimated: true },
      { days: 10, date: "2028-03-10", estimated: true },
    ]);
    expect((await followUpDates(actor, bj("2026-12-01T10:00"))).every((d) => !d.estimated)).toBe(true);
    // Through the API, with the process clock in 2027.
    vi.useFakeTimers({ toFake: ["Date"], now: bj("2027-01-04T10:00") });
    try {
      expect((await t.as.counselorA.calendar.followUpDates()).map((d) => d.estimated)).toEqual([true, true, true]);
      expect((await t.as.admin.calendar.status()).missingYears).toEqual([2027]);
    } finally {
      vi.useRealTimers();
    }
    await loadTest2027();
    expect(await followUpDates(actor, bj("2026-12-31T10:00"))).toEqual([
      { days: 1, date: "2027-01-04", estimated: false },
      { days: 5, date: "2027-01-08", estimated: false },
      { days: 10, date: "2027-01-15", estimated: false },
    ]);
    await unload2027();
  });

  it("the reminder set when a proposal is sent: estimated in 2027 and 2028 (task and audit row), exact after loading", async () => {
    const t = await createTenant();
    const db = await getDb();
    const taskOf = async (caseId: string) => (await t.as.counselorA.case.tasks({ caseId }))[0];

    const c2027 = await openCase(t);
    const sent2027 = await sendAt(t, c2027, bj("2026-12-31T10:00"));
    expect(sent2027).toMatchObject({ status: "sent", taskDueOn: "2027-01-07", taskDueEstimated: true });
    expect(await taskOf(c2027)).toMatchObject({ kind: "proposal-no-answer", dueOn: "2027-01-07", dueEstimated: true });
    const [row] = await db
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, t.orgId), eq(auditLog.action, "proposal.send"), eq(auditLog.entityId, sent2027.id)));
    expect(row?.after).toMatchObject({ followUpDueOn: "2027-01-07", followUpEstimated: true });

    const c2028 = await openCase(t);
    const sent2028 = await sendAt(t, c2028, bj("2028-03-01T10:00"));
    expect(sent2028).toMatchObject({ taskDueOn: "2028-03-08", taskDueEstimated: true });
    // The agenda shows the follow-up on its day, marked.
    const agenda = await agendaToday({ orgId: t.orgId, userId: t.counselorA.id, role: "counselor" }, bj("2028-03-08T10:00"));
    expect(agenda.followUps.find((f) => f.caseId === c2028)).toMatchObject({ dueDate: "2028-03-08", dueEstimated: true });

    await loadTest2027();
    const cExact = await openCase(t);
    const exact = await sendAt(t, cExact, bj("2026-12-31T10:00"));
    expect(exact).toMatchObject({ taskDueOn: "2027-01-08", taskDueEstimated: false });
    expect(await taskOf(cExact)).toMatchObject({ dueOn: "2027-01-08", dueEstimated: false });
    await unload2027();
  });
});

describe("npm run calendar:load (the command itself)", () => {
  const tsx = path.join("node_modules", ".bin", "tsx");
  const file2027 = path.join(work, "2027.json");
  writeFileSync(file2027, JSON.stringify(TEST_2027_FILE));
  const broken = path.join(work, "broken.json");
  writeFileSync(
    broken,
    JSON.stringify({ ...TEST_2027_FILE, days: [...TEST_2027_FILE.days, { name: "春节", date: "2027-02-16", isOffDay: false }] }),
  );

  /** Runs the CLI against this test's database (PostgreSQL) or a fresh embedded one in `pgliteDir`. */
  async function cli(args: string[], pgliteDir: string) {
    const env: Record<string, string | undefined> = {
      ...process.env,
      LOG_LEVEL: "silent",
      DATABASE_URL: undefined,
      MIGRATION_DATABASE_URL: undefined,
      PGLITE_DIR: pgliteDir,
    };
    if (process.env.TEST_DATABASE_URL) {
      const [row] = (await (await getDb()).execute<{ db: string }>(sql`select current_database() as db`)) as unknown as Array<{
        db: string;
      }>;
      env.DATABASE_URL = withDatabase(process.env.TEST_DATABASE_URL, row!.db);
    }
    const defined = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
    const r = spawnSync(tsx, ["server/cli/calendar-load.ts", ...args], {
      env: defined as NodeJS.ProcessEnv,
      encoding: "utf8",
      timeout: 120_000,
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  }

  it("loads a file, lists the coverage, says 'unchanged' the second time, refuses a broken file", { timeout: 240_000 }, async () => {
    const dir = path.join(work, "db");
    const refused = await cli([broken], dir);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("Refused");
    expect(refused.err).toContain("2027-02-16 is a Tuesday; a make-up working day (isOffDay: false) falls on a Saturday or Sunday");

    const loaded = await cli([file2027, "--notice-date", "2026-11-20"], dir);
    expect(loaded.code, loaded.err).toBe(0);
    expect(loaded.out).toContain("Added 2027");
    const again = await cli([file2027, "--notice-date", "2026-11-20"], dir);
    expect(again.out).toContain("Unchanged: 2027 already holds exactly these days");
    const list = await cli(["--list"], dir);
    expect(list.out).toMatch(
      /table 2027: 24 days off, 3 make-up working days; notice 2026-11-20, https:\/\/example\.org\/test-only\/holidays-2027; cli, revision 1/,
    );
    expect(list.out).toContain("From 2028 on, working days are estimated Monday–Friday");
    if (process.env.TEST_DATABASE_URL) {
      // Another process loaded it: this one sees it at its next read, without a restart.
      expect((await loadCalendar(await getDb())).years.get(2027)).toBe("table");
      await unload2027();
    }
  });

  it.skipIf(Boolean(process.env.TEST_DATABASE_URL))(
    "refuses to open an embedded database another process has open",
    { timeout: 120_000 },
    async () => {
      const dir = path.join(work, "busy");
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, "postmaster.pid"), "-42\n");
      const r = await cli([file2027], dir);
      expect(r.code).toBe(1);
      expect(r.err).toContain("is open in another process (the app?)");
    },
  );
});
