import { describe, expect, it } from "vitest";
import { DomainError } from "../../server/domain/errors";
import { DAYS_PER_YEAR_FOR_DAILY_RATE, dailyGrowthFen, toAnnualPct, validateRatePct } from "../../server/domain/rate";

describe("toAnnualPct", () => {
  it("converts quoted rates exactly (month ×12, day ×360)", () => {
    expect(DAYS_PER_YEAR_FOR_DAILY_RATE).toBe(360);
    expect(toAnnualPct("4.90", "annual")).toBe("4.9");
    expect(toAnnualPct("1.5", "monthly")).toBe("18");
    // 日息万五 (0.05 % a day) is the classic online-loan quote: 18 % a year on the 360-day convention.
    expect(toAnnualPct("0.05", "daily")).toBe("18");
    expect(toAnnualPct("0.033333", "daily")).toBe("11.99988");
    expect(toAnnualPct("0.1", "daily")).toBe("36");
  });

  it("rejects malformed rates and an annual result over 1000 %", () => {
    for (const value of ["-1", "abc", "1e2", "", "1.1234567", " ", "+3"]) {
      expect(() => toAnnualPct(value, "annual"), value).toThrow(DomainError);
    }
    expect(() => toAnnualPct("3", "daily")).toThrowError(expect.objectContaining({ code: "invalid_rate" }));
    expect(() => toAnnualPct("1", "weekly" as never)).toThrowError(expect.objectContaining({ code: "invalid_rate_unit" }));
  });
});

describe("validateRatePct", () => {
  it("accepts 0 to 1000 with up to six decimals", () => {
    for (const value of ["0", "4.90", "1000", "35.123456", "1000.000000"]) {
      expect(() => validateRatePct(value), value).not.toThrow();
    }
  });

  it("rejects the rest with the field name", () => {
    for (const value of ["1000.000001", "-0.1", "1.1234567", "4,9", "NaN", "Infinity"]) {
      expect(() => validateRatePct(value), value).toThrowError(expect.objectContaining({ code: "invalid_rate", field: "annualRatePct" }));
    }
  });
});

describe("dailyGrowthFen", () => {
  it("is balance × annual / 360, half-up to the fen", () => {
    // 10,000 yuan at 日息万五 grows by 5 yuan a day.
    expect(dailyGrowthFen({ balanceFen: 1000000, annualRatePct: "18" })).toBe(500);
    expect(dailyGrowthFen({ balanceFen: 100, annualRatePct: "180" })).toBe(1); // exactly 0.5 fen → up
    expect(dailyGrowthFen({ balanceFen: 99, annualRatePct: "180" })).toBe(0); // 0.495 fen → down
    expect(dailyGrowthFen({ balanceFen: 1234567, annualRatePct: "0" })).toBe(0);
    // 100,000 yuan at 24 %: 66.666… yuan → 66.67
    expect(dailyGrowthFen({ balanceFen: 10000000, annualRatePct: "24" })).toBe(6667);
  });

  it("rejects a negative or fractional balance", () => {
    expect(() => dailyGrowthFen({ balanceFen: -1, annualRatePct: "18" })).toThrowError(expect.objectContaining({ field: "balanceFen" }));
    expect(() => dailyGrowthFen({ balanceFen: 1.5, annualRatePct: "18" })).toThrow(DomainError);
  });
});
