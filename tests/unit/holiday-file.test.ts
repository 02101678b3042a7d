import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseHolidayFile } from "../../server/domain/holiday-file";
import { TEST_2027_FILE } from "../support/holidays-test-2027";

const problemsOf = (raw: unknown) => {
  const parsed = parseHolidayFile(raw);
  return parsed.ok ? [] : parsed.problems;
};
const withDays = (days: unknown[]) => ({ ...TEST_2027_FILE, days: [...TEST_2027_FILE.days, ...days] });

describe("parseHolidayFile (the holiday-cn format)", () => {
  it("accepts the shipped files and a holiday-cn file with its $schema and $id", () => {
    for (const year of [2025, 2026]) expect(problemsOf(JSON.parse(readFileSync(`db/holidays/${year}.json`, "utf8")))).toEqual([]);
    const parsed = parseHolidayFile({
      $schema: "https://example.org/schema.json",
      $id: "https://example.org/2027.json",
      ...TEST_2027_FILE,
    });
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.file.year).toBe(2027);
      expect(parsed.file.noticeDate).toBeNull();
      expect(parsed.file.days).toHaveLength(TEST_2027_FILE.days.length);
      expect(parsed.file.days.map((d) => d.date)).toEqual([...parsed.file.days.map((d) => d.date)].sort());
    }
  });

  it.each([
    ["a date of another year", withDays([{ name: "元旦", date: "2026-12-31", isOffDay: true }]), /2026-12-31 is not in 2027/],
    ["an impossible date", withDays([{ name: "春节", date: "2027-02-30", isOffDay: true }]), /"2027-02-30" is not a real day/],
    ["a date written otherwise", withDays([{ name: "春节", date: "2027/02/15", isOffDay: true }]), /not a real day written YYYY-MM-DD/],
    ["a day listed twice", withDays([{ name: "元旦", date: "2027-01-02", isOffDay: false }]), /2027-01-02 is listed twice/],
    [
      "a make-up day on a weekday",
      withDays([{ name: "春节", date: "2027-02-17", isOffDay: false }]),
      /2027-02-17 is a Wednesday; a make-up working day/,
    ],
    ["no holiday at all", { year: 2027, days: [{ name: "春节", date: "2027-02-20", isOffDay: false }] }, /no day off in 2027/],
    [
      "no New Year's Day",
      { ...TEST_2027_FILE, days: TEST_2027_FILE.days.filter((d) => d.date !== "2027-01-01") },
      /2027-01-01 \(New Year's Day\) is not listed as a day off/,
    ],
    ["no days", { year: 2027, days: [] }, /"days" must be a non-empty list/],
    ["no year", { days: TEST_2027_FILE.days }, /"year" must be a whole year/],
    ["a year as text", { ...TEST_2027_FILE, year: "2027" }, /"year" must be a whole year/],
    ["an unknown field", { ...TEST_2027_FILE, holidays: [] }, /unknown field "holidays"/],
    [
      "a day with an unknown field",
      withDays([{ name: "x", date: "2027-06-01", isOffDay: true, note: "?" }]),
      /days\[\d+\] has unknown field\(s\) "note"/,
    ],
    ["isOffDay as text", withDays([{ name: "端午节", date: "2027-06-09", isOffDay: "true" }]), /isOffDay must be true/],
    ["an empty name", withDays([{ name: " ", date: "2027-06-09", isOffDay: true }]), /name must be the holiday's name/],
    ["papers that are not addresses", { ...TEST_2027_FILE, papers: ["国务院办公厅通知"] }, /papers\[0\] is not a web address/],
    ["a notice date two years early", { ...TEST_2027_FILE, noticeDate: "2025-11-04" }, /cannot be the notice for 2027/],
    ["not an object", [TEST_2027_FILE], /one JSON object/],
  ])("refuses %s, saying what is wrong", (_kind, raw, message) => {
    const problems = problemsOf(raw);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join("\n")).toMatch(message);
  });

  it("lists every problem, not only the first", () => {
    const problems = problemsOf(
      withDays([
        { name: "x", date: "2026-05-01", isOffDay: true },
        { name: "x", date: "2027-02-17", isOffDay: false },
      ]),
    );
    expect(problems).toHaveLength(2);
  });
});
