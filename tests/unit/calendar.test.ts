import { readdirSync, readFileSync } from "node:fs";
import chineseDays from "chinese-days";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  buildCalendar,
  CALENDAR_NOTICE_DAYS,
  coveredYears,
  isCovered,
  isWithinContactWindow,
  isWorkingDay,
  missingYears,
  nextContactWindow,
  PACKAGE_YEARS,
  parseBusinessHours,
  workingDaysBetween,
  type Calendar,
  type HolidayYear,
} from "../../server/domain/calendar";
import { DomainError } from "../../server/domain/errors";
import { parseHolidayFile } from "../../server/domain/holiday-file";
import { TEST_2027_FILE } from "../support/holidays-test-2027";
import {
  addDays,
  dayOfWeek,
  daysBetween,
  isIsoDate,
  parseClockTime,
  shanghaiDate,
  shanghaiInstant,
  shanghaiMinutesOfDay,
  todayInShanghai,
} from "../../server/domain/time";

/** An instant written with an explicit +08:00 offset: its meaning does not depend on process.env.TZ. */
const bj = (dateTime: string) => new Date(`${dateTime}:00+08:00`);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}

/** Independent oracle for Beijing wall-clock fields: ICU's tz database via Intl. */
const intlShanghai = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
function intlFields(instant: Date): { date: string; minutes: number } {
  const parts = Object.fromEntries(intlShanghai.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

// 1992-01-01 .. 2099-12-31: after China's last daylight-saving summer (1991).
const instantArb = fc.date({
  min: new Date("1992-01-01T00:00:00Z"),
  max: new Date("2099-12-31T00:00:00Z"),
  noInvalidDate: true,
});

describe("time (Beijing, whatever process.env.TZ is)", () => {
  it("reads the Beijing day and minute across the UTC-day boundary", () => {
    expect(shanghaiDate(new Date("2026-03-04T15:59:59.999Z"))).toBe("2026-03-04");
    expect(shanghaiMinutesOfDay(new Date("2026-03-04T15:59:59.999Z"))).toBe(1439);
    expect(shanghaiDate(new Date("2026-03-04T16:00:00Z"))).toBe("2026-03-05");
    expect(shanghaiMinutesOfDay(new Date("2026-03-04T16:00:00Z"))).toBe(0);
    expect(shanghaiMinutesOfDay(bj("2026-03-04T21:59"))).toBe(21 * 60 + 59);
  });

  it("agrees with the tz database for any instant since 1992", () => {
    fc.assert(
      fc.property(instantArb, (instant) => {
        const oracle = intlFields(instant);
        expect(shanghaiDate(instant)).toBe(oracle.date);
        expect(shanghaiMinutesOfDay(instant)).toBe(oracle.minutes);
      }),
    );
  });

  it("builds the instant of a Beijing wall-clock time, and round-trips", () => {
    expect(shanghaiInstant("2026-02-14", 9 * 60).toISOString()).toBe("2026-02-14T01:00:00.000Z");
    expect(shanghaiInstant("2026-02-14", 1440).toISOString()).toBe("2026-02-14T16:00:00.000Z");
    fc.assert(
      fc.property(instantArb, (instant) => {
        const floor = shanghaiInstant(shanghaiDate(instant), shanghaiMinutesOfDay(instant)).getTime();
        expect(floor).toBeLessThanOrEqual(instant.getTime());
        expect(instant.getTime() - floor).toBeLessThan(60_000);
      }),
    );
  });

  it("does calendar arithmetic on days", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(daysBetween("2026-01-01", "2027-01-01")).toBe(365);
    expect(dayOfWeek("2026-02-14")).toBe(6);
    expect(dayOfWeek("2026-01-04")).toBe(0);
    expect(todayInShanghai(new Date("2026-12-31T16:30:00Z"))).toBe("2027-01-01");
  });

  it("refuses malformed days, times and instants", () => {
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2026-2-1")).toBe(false);
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(codeOf(() => addDays("2026-02-30", 1))).toBe("invalid_date");
    expect(codeOf(() => addDays("2026-02-01", 0.5))).toBe("invalid_days");
    expect(codeOf(() => shanghaiInstant("2026-02-01", 1441))).toBe("invalid_time");
    expect(codeOf(() => shanghaiDate(new Date(Number.NaN)))).toBe("invalid_instant");
    expect(codeOf(() => parseClockTime("9:00"))).toBe("invalid_time");
    expect(codeOf(() => parseClockTime("24:01"))).toBe("invalid_time");
    expect(parseClockTime("17:30")).toBe(1050);
  });
});

/** A holiday-cn file, checked as the loader checks it. */
function year(raw: unknown): HolidayYear {
  const parsed = parseHolidayFile(raw);
  if (!parsed.ok) throw new Error(parsed.problems.join("; "));
  return parsed.file;
}

/** The years this repository ships (db/holidays/), as a fresh database's table holds them. */
const SHIPPED = readdirSync("db/holidays")
  .filter((name) => /^\d{4}\.json$/.test(name))
  .map((name) => year(JSON.parse(readFileSync(`db/holidays/${name}`, "utf8"))));

const packageOnly = buildCalendar();
/** A fresh deployment today: the package, with the shipped years on top. */
const shipped = buildCalendar(SHIPPED);
/** The same after an operator loaded a (test) 2027. */
const with2027 = buildCalendar([...SHIPPED, year(TEST_2027_FILE)]);
/** A gap: 2028 loaded (a test copy of the 2027 days moved on by a year is not needed; one holiday will do) but not 2027. */
const gap = buildCalendar([...SHIPPED, { year: 2028, days: [{ date: "2028-01-03", name: "测试", isOffDay: true }] }]);

const range = (from: string, to: string) => {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
};
const isWeekday = (d: string) => ![0, 6].includes(dayOfWeek(d));

describe("the shipped years, from the State Council notices", () => {
  it("ships 2025 and 2026 in the holiday-cn format, each citing its notice and dated", () => {
    expect(SHIPPED.map((y) => y.year)).toEqual(expect.arrayContaining([2025, 2026]));
    for (const name of ["2025", "2026"]) {
      const file = JSON.parse(readFileSync(`db/holidays/${name}.json`, "utf8"));
      const parsed = parseHolidayFile(file);
      expect(parsed.ok, name).toBe(true);
      if (parsed.ok) expect(parsed.file.papers[0]).toMatch(/^https:\/\/www\.gov\.cn\//);
    }
    expect(JSON.parse(readFileSync("db/holidays/2025.json", "utf8")).noticeDate).toBe("2024-11-12");
    expect(JSON.parse(readFileSync("db/holidays/2026.json", "utf8")).noticeDate).toBe("2025-11-04");
  });

  // 国办发明电〔2024〕12号, 2024-11-12.
  const days2025Off = [
    "2025-01-01",
    ...range("2025-01-28", "2025-02-04"),
    ...range("2025-04-04", "2025-04-06"),
    ...range("2025-05-01", "2025-05-05"),
    ...range("2025-05-31", "2025-06-02"),
    ...range("2025-10-01", "2025-10-08"),
  ];
  const days2025Worked = ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"];
  // 国办发明电〔2025〕7号, 2025-11-04.
  const days2026Off = [
    ...range("2026-01-01", "2026-01-03"),
    ...range("2026-02-15", "2026-02-23"),
    ...range("2026-04-04", "2026-04-06"),
    ...range("2026-05-01", "2026-05-05"),
    ...range("2026-06-19", "2026-06-21"),
    ...range("2026-09-25", "2026-09-27"),
    ...range("2026-10-01", "2026-10-07"),
  ];
  const days2026Worked = ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"];

  it.each([
    [2025, days2025Off, days2025Worked],
    [2026, days2026Off, days2026Worked],
  ])("%i: exactly the notice's days off and make-up working days, the rest Monday–Friday, nothing estimated", (y, off, worked) => {
    expect(off).toHaveLength(y === 2025 ? 28 : 33);
    for (const d of worked) expect([0, 6], `${d} is a weekend day`).toContain(dayOfWeek(d));
    for (const d of range(`${y}-01-01`, `${y}-12-31`)) {
      const expected = worked.includes(d) || (!off.includes(d) && isWeekday(d));
      if (isWorkingDay(shipped, d) !== expected) expect.fail(`${d}: expected ${expected ? "working" : "off"}`);
      expect(isCovered(shipped, d)).toBe(true);
    }
    const file = SHIPPED.find((s) => s.year === y)!;
    expect(file.days.filter((d) => d.isOffDay).map((d) => d.date)).toEqual(off.sort());
    expect(
      file.days
        .filter((d) => !d.isOffDay)
        .map((d) => d.date)
        .sort(),
    ).toEqual([...worked].sort());
  });

  it("the product design's 2026 examples", () => {
    expect(isWorkingDay(shipped, "2026-01-04")).toBe(true); // Sun worked
    expect(isWorkingDay(shipped, "2026-02-14")).toBe(true); // Sat worked
    expect(isWorkingDay(shipped, "2026-02-28")).toBe(true);
    expect(isWorkingDay(shipped, "2026-05-09")).toBe(true);
    expect(isWorkingDay(shipped, "2026-09-20")).toBe(true);
    expect(isWorkingDay(shipped, "2026-10-10")).toBe(true);
    expect(isWorkingDay(shipped, "2026-02-23")).toBe(false); // Mon, last day of the Spring Festival
    expect(isWorkingDay(shipped, "2026-10-07")).toBe(false);
    expect(isWorkingDay(shipped, "2026-02-24")).toBe(true);
    expect(isWorkingDay(shipped, "2026-03-07")).toBe(false); // an ordinary Saturday
  });

  it("agree with the chinese-days package on every day of 2025 and 2026", () => {
    expect(packageOnly.years.get(2025)).toBe("package");
    expect(shipped.years.get(2025)).toBe("table");
    for (const d of range("2025-01-01", "2026-12-31")) {
      if (isWorkingDay(shipped, d) !== isWorkingDay(packageOnly, d)) expect.fail(`${d}: the shipped file and chinese-days disagree`);
    }
  });

  // The package's own isWorkday() parses dates in the process time zone and shifts a day west of UTC
  // (see docs/decisions/002-holiday-calendar.md); east of or at UTC it must agree with our JSON reading.
  const westOfUtc = new Date(2026, 0, 1).getTimezoneOffset() > 0 || new Date(2026, 6, 1).getTimezoneOffset() > 0;
  it.skipIf(westOfUtc)("read from the package's JSON, every package year agrees with its isWorkday()", () => {
    const years = coveredYears(packageOnly);
    for (let day = `${years[0]}-01-01`; day <= `${years.at(-1)}-12-31`; day = addDays(day, 1)) {
      if (isWorkingDay(packageOnly, day) !== chineseDays.isWorkday(day)) expect.fail(`${day} disagrees`);
    }
  });

  it("the package still serves the earlier years: 2004 through 2024, no gap, and the shipped years on top", () => {
    expect(coveredYears(packageOnly)[0]).toBe(2004);
    const years = coveredYears(shipped);
    const last = Math.max(...SHIPPED.map((y) => y.year));
    expect(years).toEqual(
      range("2004-01-01", `${last}-01-01`)
        .filter((d) => d.endsWith("-01-01"))
        .map((d) => Number(d.slice(0, 4))),
    );
    expect(isWorkingDay(shipped, "2024-02-04")).toBe(true); // Sun worked for the 2024 Spring Festival (package)
    expect(isWorkingDay(shipped, "2024-10-01")).toBe(false);
    expect(shipped.years.get(2024)).toBe("package");
  });

  // NEW-YEAR CALENDAR CHECK. The State Council publishes next year's holidays in Oct–Dec (2025-11-04 for
  // 2026, but 2022-12-08 for 2023). In November and December this warns while db/holidays/ has no file
  // for next year; REQUIRE_NEXT_YEAR_CALENDAR=1 makes that a failure (docs/decisions/007-holiday-table.md).
  // Nothing breaks on 1 January either way: an unloaded year is counted Monday–Friday and marked estimated.
  it("[new-year calendar] ships next year once it is published (November/December)", () => {
    const today = todayInShanghai();
    const next = Number(today.slice(0, 4)) + 1;
    if (Number(today.slice(5, 7)) >= 11 && !shipped.years.has(next)) {
      if (process.env.REQUIRE_NEXT_YEAR_CALENDAR === "1") expect.fail(`db/holidays/ has no ${next}.json`);
      console.warn(`[calendar] db/holidays/ has no ${next}.json yet; deployments load it with npm run calendar:load (README).`);
    }
    expect(() => addWorkingDays(shipped, today, 30)).not.toThrow();
  });
});

describe("a year that is not covered: Monday–Friday, marked estimated, never a throw", () => {
  it("judges 2027 and 2099 Monday–Friday", () => {
    expect(isCovered(shipped, "2027-01-01")).toBe(false);
    expect(isWorkingDay(shipped, "2027-01-01")).toBe(true); // a Friday (New Year's Day, really)
    expect(isWorkingDay(shipped, "2027-01-02")).toBe(false);
    expect(isWorkingDay(shipped, "2099-06-01")).toBe(true);
    expect(isWorkingDay(shipped, "2003-01-01")).toBe(true); // before the package's data, too
    expect(codeOf(() => isWorkingDay(shipped, "2026-13-01"))).toBe("invalid_date");
  });

  it("counts across the new year: exact up to 31 December, estimated after", () => {
    expect(addWorkingDays(shipped, "2026-12-28", 3)).toEqual({ date: "2026-12-31", estimated: false });
    expect(addWorkingDays(shipped, "2026-12-30", 3)).toEqual({ date: "2027-01-04", estimated: true });
    expect(addWorkingDays(shipped, "2026-12-24", 5)).toEqual({ date: "2026-12-31", estimated: false });
    expect(addWorkingDays(shipped, "2026-12-25", 5)).toEqual({ date: "2027-01-01", estimated: true });
    expect(addWorkingDays(shipped, "2027-01-04", -3)).toEqual({ date: "2026-12-30", estimated: true });
    expect(addWorkingDays(shipped, "2028-03-01", 0)).toEqual({ date: "2028-03-01", estimated: false });
    expect(addWorkingDays(shipped, "2028-03-01", 5)).toEqual({ date: "2028-03-08", estimated: true });
    expect(workingDaysBetween(shipped, "2026-12-30", "2027-01-04")).toEqual({ days: 3, estimated: true });
    expect(workingDaysBetween(shipped, "2026-12-01", "2026-12-31")).toEqual({ days: 22, estimated: false });
    expect(codeOf(() => addWorkingDays(shipped, "2026-03-02", 1.5))).toBe("invalid_days");
  });

  it("a loaded 2027 takes over: exact, not estimated", () => {
    expect(isCovered(with2027, "2027-01-01")).toBe(true);
    expect(with2027.years.get(2027)).toBe("table");
    expect(isWorkingDay(with2027, "2027-01-01")).toBe(false);
    expect(isWorkingDay(with2027, "2027-02-20")).toBe(true); // a Saturday worked
    expect(addWorkingDays(with2027, "2026-12-30", 3)).toEqual({ date: "2027-01-05", estimated: false });
    expect(addWorkingDays(with2027, "2027-02-05", 1)).toEqual({ date: "2027-02-15", estimated: false });
    expect(addWorkingDays(with2027, "2027-02-19", 1)).toEqual({ date: "2027-02-20", estimated: false });
    expect(addWorkingDays(with2027, "2027-12-30", 2)).toEqual({ date: "2028-01-03", estimated: true }); // 2028 is not
  });

  it("a loaded year replaces the package's whole year, it is not mixed with it", () => {
    // A corrected 2024 without the package's make-up Sunday of 4 February.
    const pkg2024 = PACKAGE_YEARS.find((y) => y.year === 2024)!;
    const corrected = buildCalendar([{ year: 2024, days: pkg2024.days.filter((d) => d.date !== "2024-02-04") }]);
    expect(isWorkingDay(packageOnly, "2024-02-04")).toBe(true);
    expect(isWorkingDay(corrected, "2024-02-04")).toBe(false);
    expect(isWorkingDay(corrected, "2024-10-01")).toBe(false);
  });

  it("asks for a year from 60 days before it starts, and for a year already begun", () => {
    expect(CALENDAR_NOTICE_DAYS).toBe(60);
    expect(missingYears(shipped, "2026-12-01")).toEqual([2027]);
    expect(missingYears(shipped, "2026-11-01")).toEqual([]); // 60 days on is 31 December
    expect(missingYears(shipped, "2026-11-02")).toEqual([2027]);
    expect(missingYears(shipped, "2027-06-01")).toEqual([2027]);
    expect(missingYears(shipped, "2027-12-15")).toEqual([2027, 2028]);
    expect(missingYears(with2027, "2026-12-01")).toEqual([]);
    expect(missingYears(with2027, "2027-11-15")).toEqual([2028]);
    expect(missingYears(gap, "2027-12-15")).toEqual([2027]);
  });
});

describe("addWorkingDays / workingDaysBetween", () => {
  it("counts make-up Saturdays and skips holidays", () => {
    const add = (d: string, n: number) => addWorkingDays(shipped, d, n).date;
    const between = (a: string, b: string) => workingDaysBetween(shipped, a, b).days;
    expect(add("2026-02-13", 1)).toBe("2026-02-14"); // Fri → make-up Sat
    expect(add("2026-02-13", 2)).toBe("2026-02-24"); // over the Spring Festival
    expect(add("2026-02-13", 5)).toBe("2026-02-27"); // Sat 14 Feb worked, 15–23 off
    expect(add("2026-09-30", 1)).toBe("2026-10-08");
    expect(add("2026-10-08", 2)).toBe("2026-10-10"); // Thu, Fri, make-up Sat
    expect(add("2026-10-08", -1)).toBe("2026-09-30");
    expect(add("2026-03-07", 0)).toBe("2026-03-07");
    expect(add("2026-03-02", 5)).toBe("2026-03-09"); // Mon + 5 = next Mon
    expect(between("2026-02-13", "2026-02-24")).toBe(2);
    expect(between("2026-02-24", "2026-02-13")).toBe(-2);
    expect(between("2026-10-01", "2026-10-07")).toBe(0);
    expect(between("2026-03-06", "2026-03-06")).toBe(0);
    // The arrival day counts, the departure day does not: Fri → Sat is 0, Sat → Fri is −1.
    expect(between("2026-03-06", "2026-03-07")).toBe(0);
    expect(between("2026-03-07", "2026-03-06")).toBe(-1);
  });

  const calendars: Array<[string, Calendar]> = [
    ["package only", packageOnly],
    ["shipped (2027 missing)", shipped],
    ["2027 loaded", with2027],
    ["2028 loaded, 2027 missing", gap],
  ];
  const dayArb = fc.integer({ min: 0, max: daysBetween("2023-06-01", "2029-06-30") }).map((i) => addDays("2023-06-01", i));

  it.each(calendars)("are inverse to each other across covered and uncovered years (%s), and say when they guessed", (_name, calendar) => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: -60, max: 60 }), (day, n) => {
        const target = addWorkingDays(calendar, day, n);
        const back = workingDaysBetween(calendar, day, target.date);
        expect(back.days).toBe(n);
        expect(back.estimated).toBe(target.estimated);
        if (n !== 0) expect(isWorkingDay(calendar, target.date)).toBe(true);
        // Estimated exactly when a day stepped over lies in an uncovered year.
        const [lo, hi] = n >= 0 ? [addDays(day, 1), target.date] : [target.date, addDays(day, -1)];
        const guessed = n !== 0 && range(lo, hi).some((d) => !isCovered(calendar, d));
        expect(target.estimated).toBe(guessed);
      }),
    );
  });
});

describe("nextContactWindow (Beijing business hours on working days)", () => {
  const next = (from: Date, options = {}) => nextContactWindow(shipped, from, options);

  it("a Friday 17:45 → the next working day at 09:00", () => {
    expect(next(bj("2026-03-06T17:45"))).toEqual({ start: bj("2026-03-09T09:00"), end: bj("2026-03-09T12:00"), estimated: false });
  });

  it("a Friday 17:45 before a make-up Saturday → that Saturday 09:00", () => {
    expect(next(bj("2026-02-13T17:45")).start).toEqual(bj("2026-02-14T09:00"));
  });

  it("12:30 (lunch) → 14:00 the same day", () => {
    const w = next(bj("2026-03-04T12:30"));
    expect(w.start).toEqual(bj("2026-03-04T14:00"));
    expect(w.end).toEqual(bj("2026-03-04T17:30"));
  });

  it("inside a window → the rest of that window", () => {
    const from = new Date("2026-03-04T02:15:30.250Z"); // 10:15:30.250 Beijing
    const w = next(from);
    expect(w.start).toEqual(from);
    expect(w.end).toEqual(bj("2026-03-04T12:00"));
    expect(next(bj("2026-03-04T09:00")).start).toEqual(bj("2026-03-04T09:00"));
  });

  it("ends are exclusive: 12:00 → 14:00, 17:30 → next day 09:00", () => {
    expect(next(bj("2026-03-04T12:00")).start).toEqual(bj("2026-03-04T14:00"));
    expect(next(bj("2026-03-04T17:30")).start).toEqual(bj("2026-03-05T09:00"));
  });

  it("early morning → 09:00 the same working day", () => {
    expect(next(bj("2026-03-04T06:10")).start).toEqual(bj("2026-03-04T09:00"));
  });

  it("from inside a holiday → the first working day after it", () => {
    expect(next(bj("2026-10-03T10:00")).start).toEqual(bj("2026-10-08T09:00"));
    expect(next(bj("2026-02-18T11:00")).start).toEqual(bj("2026-02-24T09:00"));
    expect(next(bj("2026-09-30T18:00")).start).toEqual(bj("2026-10-08T09:00"));
  });

  it("uses the Beijing day even when the UTC day differs", () => {
    // 2026-03-06T16:30Z is Saturday 00:30 in Beijing, Friday in UTC.
    expect(next(new Date("2026-03-06T16:30:00Z")).start).toEqual(bj("2026-03-09T09:00"));
  });

  it("takes custom business hours", () => {
    const businessHours = [{ start: "08:30", end: "20:00" }];
    expect(next(bj("2026-03-04T12:30"), { businessHours }).start).toEqual(bj("2026-03-04T12:30"));
    expect(next(bj("2026-03-04T20:00"), { businessHours })).toEqual({
      start: bj("2026-03-05T08:30"),
      end: bj("2026-03-05T20:00"),
      estimated: false,
    });
    const toMidnight = next(bj("2026-03-04T23:00"), { businessHours: [{ start: "21:00", end: "24:00" }] });
    expect(toMidnight).toEqual({ start: bj("2026-03-04T23:00"), end: new Date("2026-03-04T16:00:00Z"), estimated: false });
  });

  it("past the covered years: Monday–Friday, estimated; exact again once the year is loaded", () => {
    expect(next(bj("2026-12-31T18:00"))).toEqual({ start: bj("2027-01-01T09:00"), end: bj("2027-01-01T12:00"), estimated: true });
    expect(next(bj("2027-01-01T10:00"))).toMatchObject({ start: bj("2027-01-01T10:00"), estimated: true });
    expect(next(bj("2028-05-01T10:00"))).toMatchObject({ start: bj("2028-05-01T10:00"), estimated: true });
    expect(nextContactWindow(with2027, bj("2026-12-31T18:00"))).toEqual({
      start: bj("2027-01-04T09:00"),
      end: bj("2027-01-04T12:00"),
      estimated: false,
    });
    expect(nextContactWindow(with2027, bj("2027-02-19T18:00")).start).toEqual(bj("2027-02-20T09:00")); // make-up Saturday
    expect(isWithinContactWindow(shipped, bj("2027-01-01T10:00"))).toBe(true);
    expect(isWithinContactWindow(with2027, bj("2027-01-01T10:00"))).toBe(false);
  });

  it("always returns a window inside business hours on a working day, at or after from, estimated only past the covered years", () => {
    const fromArb = fc.date({ min: new Date("2005-01-01T00:00:00Z"), max: new Date("2028-12-20T00:00:00Z"), noInvalidDate: true });
    fc.assert(
      fc.property(fromArb, (from) => {
        const { start, end, estimated } = next(from);
        expect(start.getTime()).toBeGreaterThanOrEqual(from.getTime());
        expect(start.getTime()).toBeLessThan(end.getTime());
        expect(isWithinContactWindow(shipped, start)).toBe(true);
        expect(isWithinContactWindow(shipped, new Date(end.getTime() - 1))).toBe(true);
        expect(isWithinContactWindow(shipped, end)).toBe(false);
        expect(isWorkingDay(shipped, shanghaiDate(start))).toBe(true);
        expect(estimated).toBe(range(shanghaiDate(from), shanghaiDate(start)).some((d) => !isCovered(shipped, d)));
        // Nothing in between: the instant before start is outside any window unless start is from itself.
        if (start.getTime() > from.getTime()) expect(isWithinContactWindow(shipped, new Date(start.getTime() - 1))).toBe(false);
      }),
    );
  });
});

describe("isWithinContactWindow", () => {
  it("is true in business hours on working days only", () => {
    const within = (at: Date) => isWithinContactWindow(shipped, at);
    expect(within(bj("2026-03-04T09:00"))).toBe(true);
    expect(within(bj("2026-03-04T11:59"))).toBe(true);
    expect(within(bj("2026-03-04T12:00"))).toBe(false);
    expect(within(bj("2026-03-04T17:29"))).toBe(true);
    expect(within(bj("2026-03-04T17:30"))).toBe(false);
    expect(within(bj("2026-02-14T10:00"))).toBe(true); // make-up Saturday
    expect(within(bj("2026-03-07T10:00"))).toBe(false); // ordinary Saturday
    expect(within(bj("2026-10-05T10:00"))).toBe(false); // National Day
  });
});

describe("business hours validation", () => {
  it.each([
    [[], "no window"],
    [[{ start: "9:00", end: "12:00" }], "not HH:MM"],
    [[{ start: "12:00", end: "12:00" }], "empty window"],
    [[{ start: "14:00", end: "09:00" }], "end before start"],
    [
      [
        { start: "14:00", end: "17:00" },
        { start: "09:00", end: "12:00" },
      ],
      "not sorted",
    ],
    [
      [
        { start: "09:00", end: "14:30" },
        { start: "14:00", end: "17:00" },
      ],
      "overlapping",
    ],
  ])("refuses %j (%s)", (businessHours) => {
    const code = codeOf(() => nextContactWindow(shipped, bj("2026-03-04T10:00"), { businessHours }));
    expect(["invalid_business_hours", "invalid_time"]).toContain(code);
    expect(codeOf(() => isWithinContactWindow(shipped, bj("2026-03-04T10:00"), { businessHours }))).toBe(code);
  });

  it("accepts windows that touch, and the default", () => {
    expect(
      parseBusinessHours([
        { start: "09:00", end: "12:00" },
        { start: "12:00", end: "13:00" },
      ]),
    ).toEqual([
      { start: 540, end: 720 },
      { start: 720, end: 780 },
    ]);
    expect(parseBusinessHours()).toEqual([
      { start: 540, end: 720 },
      { start: 840, end: 1050 },
    ]);
  });
});
