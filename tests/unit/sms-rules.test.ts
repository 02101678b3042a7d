import { describe, expect, it } from "vitest";
import { DEFAULT_QUIET_HOURS, inQuietHours, isOptOutReply, quietHoursEnd, smsDecision, type SmsFacts } from "@/server/domain/sms-rules";
import { shanghaiInstant } from "@/server/domain/time";

const at = (date: string, hhmm: string) => shanghaiInstant(date, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)));

describe("quiet hours (Beijing wall-clock)", () => {
  it("22:00–08:00 by default: 21:59 and 08:00 are not quiet, 22:00, 03:00 and 07:59 are", () => {
    expect(inQuietHours(at("2026-12-01", "21:59"), DEFAULT_QUIET_HOURS)).toBe(false);
    expect(inQuietHours(at("2026-12-01", "22:00"), DEFAULT_QUIET_HOURS)).toBe(true);
    expect(inQuietHours(at("2026-12-02", "03:00"), DEFAULT_QUIET_HOURS)).toBe(true);
    expect(inQuietHours(at("2026-12-02", "07:59"), DEFAULT_QUIET_HOURS)).toBe(true);
    expect(inQuietHours(at("2026-12-02", "08:00"), DEFAULT_QUIET_HOURS)).toBe(false);
  });

  it("is Beijing time, not the server's: 14:30 UTC is 22:30 in Beijing", () => {
    expect(inQuietHours(new Date("2026-12-01T14:30:00Z"), DEFAULT_QUIET_HOURS)).toBe(true);
    expect(inQuietHours(new Date("2026-12-01T01:00:00Z"), DEFAULT_QUIET_HOURS)).toBe(false); // 09:00 Beijing
  });

  it("ends at the next 08:00: the same morning after midnight, the next morning before it", () => {
    expect(quietHoursEnd(at("2026-12-01", "23:10"), DEFAULT_QUIET_HOURS)).toEqual(at("2026-12-02", "08:00"));
    expect(quietHoursEnd(at("2026-12-02", "02:00"), DEFAULT_QUIET_HOURS)).toEqual(at("2026-12-02", "08:00"));
    const noon = at("2026-12-02", "12:00");
    expect(quietHoursEnd(noon, DEFAULT_QUIET_HOURS)).toBe(noon);
  });

  it("a window within one day (12:00–13:30) and an empty one (start = end)", () => {
    const lunch = { start: "12:00", end: "13:30" };
    expect(inQuietHours(at("2026-12-02", "12:45"), lunch)).toBe(true);
    expect(inQuietHours(at("2026-12-02", "13:30"), lunch)).toBe(false);
    expect(inQuietHours(at("2026-12-02", "23:00"), { start: "08:00", end: "08:00" })).toBe(false);
  });
});

describe("opt-out replies", () => {
  it.each(["退订", " TD ", "td", "T", "退订。", "ＴＤ", "STOP"])("%s withdraws consent", (text) => expect(isOptOutReply(text)).toBe(true));
  it.each(["好的", "谢谢", "我不想退订", "TDD", ""])("%s does not", (text) => expect(isOptOutReply(text)).toBe(false));
});

describe("what the dispatcher does with one SMS", () => {
  const base: SmsFacts = {
    now: at("2026-12-02", "10:00"),
    quiet: DEFAULT_QUIET_HOURS,
    dailyCap: 3,
    sentToday: 0,
    consent: true,
    hasPhone: true,
    stillNeeded: true,
    ageMinutes: 5,
  };
  it("sends with consent, a number, outside quiet hours and under the cap", () => expect(smsDecision(base)).toEqual({ send: true }));
  it("skips without consent, before anything else", () =>
    expect(smsDecision({ ...base, consent: false, now: at("2026-12-02", "23:00") })).toEqual({ send: false, skip: "no-consent" }));
  it("waits out quiet hours", () =>
    expect(smsDecision({ ...base, now: at("2026-12-02", "23:00") })).toEqual({ send: false, wait: at("2026-12-03", "08:00") }));
  it("skips over the daily cap (3 sent, cap 3)", () =>
    expect(smsDecision({ ...base, sentToday: 3 })).toEqual({ send: false, skip: "daily-cap" }));
  it("a cap of 0 sends nothing", () => expect(smsDecision({ ...base, dailyCap: 0 })).toEqual({ send: false, skip: "daily-cap" }));
  it("skips what is no longer needed or a day old", () => {
    expect(smsDecision({ ...base, stillNeeded: false })).toEqual({ send: false, skip: "not-needed" });
    expect(smsDecision({ ...base, ageMinutes: 24 * 60 + 1 })).toEqual({ send: false, skip: "stale" });
  });
});
