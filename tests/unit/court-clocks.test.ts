import { describe, expect, it } from "vitest";
import { addWorkingDays, buildCalendar } from "../../server/domain/calendar";
import { COURT_CLOCK_RULES, courtClockRule, courtDeadline, type CourtClockRule } from "../../server/domain/court-clocks";
import { DomainError } from "../../server/domain/errors";

// The package's years (2026 included): the official arrangement, with Sat 2026-02-28 a make-up working day.
const calendar = buildCalendar();

describe("court clocks: natural days, the last day moved off a rest day", () => {
  it("the answer period is 15 calendar days after service, the service day not counted", () => {
    const d = courtDeadline(calendar, "civil-answer", "2026-03-02");
    expect(d).toMatchObject({ dueOn: "2026-03-17", countedTo: "2026-03-17", estimated: false });
    expect(d.source).toContain("第一百二十八条");
  });

  it("a last day on a Saturday moves to Monday", () => {
    expect(courtDeadline(calendar, "civil-answer", "2026-03-06")).toMatchObject({ countedTo: "2026-03-21", dueOn: "2026-03-23" });
  });

  it("a last day inside the National Day holiday moves to the first working day after it", () => {
    expect(courtDeadline(calendar, "civil-answer", "2026-09-16")).toMatchObject({ countedTo: "2026-10-01", dueOn: "2026-10-08" });
  });

  it("a last day in the Spring Festival break moves past all of it", () => {
    expect(courtDeadline(calendar, "civil-answer", "2026-01-31")).toMatchObject({ countedTo: "2026-02-15", dueOn: "2026-02-24" });
  });

  it("a last day on a make-up working Saturday stays there (the holiday table, not Monday–Friday)", () => {
    expect(courtDeadline(calendar, "civil-answer", "2026-02-13")).toMatchObject({ countedTo: "2026-02-28", dueOn: "2026-02-28" });
  });

  it("is not a working-day count: 15 working days from the same start end later", () => {
    const natural = courtDeadline(calendar, "civil-answer", "2026-03-02").dueOn;
    expect(addWorkingDays(calendar, "2026-03-02", 15).date).toBe("2026-03-23");
    expect(natural).toBe("2026-03-17");
  });

  it("the appeal and the judicial-confirmation periods have their own lengths", () => {
    expect(courtDeadline(calendar, "appeal-judgment", "2026-04-01").dueOn).toBe("2026-04-16");
    // 30 days after 2026-05-06 is Fri 2026-06-05.
    expect(courtDeadline(calendar, "judicial-confirmation", "2026-05-06").dueOn).toBe("2026-06-05");
  });

  it("a year with no holiday arrangement is counted Monday–Friday and says so", () => {
    const d = courtDeadline(calendar, "civil-answer", "2031-03-03");
    expect(d.estimated).toBe(true);
    expect(d.dueOn).toBe("2031-03-18");
  });

  it("picks the rule in force on the start day, and refuses a day before any rule", () => {
    const older: CourtClockRule = { ...COURT_CLOCK_RULES[0]!, days: 10, validFrom: "2016-01-01", source: "test" };
    const rules = [older, ...COURT_CLOCK_RULES];
    expect(courtClockRule("civil-answer", "2020-05-01", rules).days).toBe(10);
    expect(courtClockRule("civil-answer", "2026-05-01", rules).days).toBe(15);
    expect(() => courtClockRule("civil-answer", "2015-05-01", rules)).toThrow(DomainError);
  });

  it("every rule carries its source and counts natural days", () => {
    for (const r of COURT_CLOCK_RULES) {
      expect(r.source.length).toBeGreaterThan(10);
      expect(r.counting).toBe("natural");
    }
  });
});
