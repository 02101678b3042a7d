import { describe, expect, it } from "vitest";
import { buildCalendar } from "@/server/domain/calendar";
import {
  clockState,
  complaintClock,
  complaintRule,
  COMPLAINT_RULES,
  nextRung,
  ruleFor,
  type ComplaintRule,
} from "@/server/domain/complaints";
import { DomainError } from "@/server/domain/errors";

const calendar = buildCalendar();

describe("complaint rules", () => {
  it("every rule is dated and cited, with whole positive days", () => {
    for (const r of COMPLAINT_RULES) {
      expect(r.source.length).toBeGreaterThan(10);
      expect(r.url).toMatch(/^https?:\/\//);
      expect(r.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Number.isInteger(r.baseDays) && r.baseDays > 0).toBe(true);
      for (const e of r.extensions) expect(Number.isInteger(e) && e > 0).toBe(true);
    }
  });

  it("picks the rule by channel and subject", () => {
    expect(ruleFor("lender", "collection-conduct", "2026-03-02").id).toBe("nfra-complaints-2020");
    expect(ruleFor("nfra-12378", "refused-proposal", "2026-03-02").id).toBe("nfra-complaints-2020");
    expect(ruleFor("pboc-12363", "other", "2026-03-02").id).toBe("pboc-consumer-protection-2020");
    expect(ruleFor("pboc-12363", "credit-report-error", "2026-03-02").id).toBe("credit-dispute-2013");
    expect(ruleFor("lender", "credit-report-error", "2026-03-02").id).toBe("credit-dispute-2013");
    expect(ruleFor("local-regulator", "collection-conduct", "2026-03-02").id).toBe("petitions-2022");
  });

  it("refuses a filing day before the rule took effect", () => {
    expect(() => ruleFor("local-regulator", "other", "2022-04-30")).toThrow(DomainError);
  });
});

describe("complaint clock", () => {
  const bank = complaintRule("nfra-complaints-2020");

  it("counts natural days: 15, then to 30, then 30 more (60 in all), across the Spring Festival", () => {
    // Filed Friday 13 Feb 2026, the day before the 15–23 Feb holiday: natural days run through it.
    expect(complaintClock(calendar, bank, "2026-02-13", 0)).toMatchObject({
      dueOn: "2026-02-28",
      latestOn: "2026-04-14",
      extensionsLeft: 2,
    });
    expect(complaintClock(calendar, bank, "2026-02-13", 1).dueOn).toBe("2026-03-15");
    expect(complaintClock(calendar, bank, "2026-02-13", 2)).toMatchObject({ dueOn: "2026-04-14", extensionsLeft: 0 });
    expect(() => complaintClock(calendar, bank, "2026-02-13", 3)).toThrow(DomainError);
  });

  it("counts working days where a rule does, skipping the Spring Festival and counting make-up Saturdays", () => {
    const working: ComplaintRule = { ...bank, id: "test-working", counting: "working", baseDays: 7, extensions: [] };
    // From Fri 13 Feb 2026: Sat 14 Feb is a make-up working day (1); 15–23 Feb off; Tue 24 … Fri 27 (2–5);
    // Sat 28 Feb make-up (6); Mon 2 Mar (7).
    expect(complaintClock(calendar, working, "2026-02-13", 0)).toMatchObject({ dueOn: "2026-03-02", estimated: false });
    // The same period in natural days ends on 20 Feb.
    expect(complaintClock(calendar, { ...working, counting: "natural" }, "2026-02-13", 0).dueOn).toBe("2026-02-20");
  });

  it("shows the working-day date beside the natural one where the rule's counting is unclear (credit disputes)", () => {
    const dispute = complaintRule("credit-dispute-2013");
    const clock = complaintClock(calendar, dispute, "2026-09-24", 0);
    expect(clock.dueOn).toBe("2026-10-14");
    // 20 working days from Thu 24 Sep 2026: 25 Sep (1), 28–30 Sep (2–4), 1–7 Oct off, Sat 10 Oct make-up (5),
    // 8–9 Oct (6–7)… the date lies after the natural one.
    expect(clock.dueOnIfWorkingDays).not.toBeNull();
    expect(clock.dueOnIfWorkingDays! > clock.dueOn).toBe(true);
  });

  it("says a date is estimated when it runs into a year whose holidays are not loaded", () => {
    const working: ComplaintRule = { ...bank, counting: "working", baseDays: 10, extensions: [] };
    expect(complaintClock(calendar, working, "2026-12-28", 0).estimated).toBe(true);
  });
});

describe("clock state and next rung", () => {
  it("in time, late, overdue, due soon, running", () => {
    expect(clockState("2026-03-10", "2026-03-10", "2026-04-01")).toBe("answered-in-time");
    expect(clockState("2026-03-10", "2026-03-11", "2026-04-01")).toBe("answered-late");
    expect(clockState("2026-03-10", null, "2026-03-11")).toBe("overdue");
    expect(clockState("2026-03-10", null, "2026-03-07")).toBe("due-soon");
    expect(clockState("2026-03-10", null, "2026-03-06")).toBe("running");
  });

  it("suggests the lender's regulator, then mediation; nothing while the clock runs or after a resolution", () => {
    const base = { channel: "lender" as const, subject: "collection-conduct" as const, lenderLicence: "consumer-finance" as const };
    expect(nextRung({ ...base, outcome: null, state: "running" })).toBeNull();
    expect(nextRung({ ...base, outcome: "resolved", state: "answered-in-time" })).toBeNull();
    expect(nextRung({ ...base, outcome: null, state: "overdue" })).toBe("nfra-12378");
    expect(nextRung({ ...base, lenderLicence: "microloan", outcome: "rejected", state: "answered-in-time" })).toBe("local-regulator");
    expect(nextRung({ ...base, subject: "credit-report-error", outcome: "rejected", state: "answered-late" })).toBe("pboc-12363");
    expect(nextRung({ ...base, channel: "nfra-12378", outcome: "rejected", state: "answered-in-time" })).toBe("mediation");
  });
});
