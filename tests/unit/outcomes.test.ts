import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  acceptanceBy,
  median,
  monthEnd,
  monthlyReductionFen,
  monthsBetween,
  percentile,
  ratio,
  statusByMonth,
} from "@/server/domain/outcomes";
import { proposalKind, waivedFen } from "@/server/domain/terms";

describe("percentile (linear interpolation, PERCENTILE.INC)", () => {
  it("matches hand-computed values", () => {
    expect(median([3, 10, 28])).toBe(10);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(percentile([3, 10, 28], 0.9)).toBeCloseTo(24.4, 12);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 12);
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([5, 1], 0)).toBe(1);
    expect(percentile([5, 1], 1)).toBe(5);
  });

  it("has no value for an empty list and refuses nonsense", () => {
    expect(median([])).toBeNull();
    expect(() => percentile([1], 1.5)).toThrow(expect.objectContaining({ code: "invalid_percentile" }));
    expect(() => percentile([Number.NaN], 0.5)).toThrow(expect.objectContaining({ code: "invalid_value" }));
  });

  it("lies between min and max, is monotone in p and ignores input order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (xs, p, q) => {
          const v = percentile(xs, p)!;
          expect(v).toBeGreaterThanOrEqual(Math.min(...xs));
          expect(v).toBeLessThanOrEqual(Math.max(...xs));
          const [lo, hi] = p <= q ? [p, q] : [q, p];
          expect(percentile(xs, lo)!).toBeLessThanOrEqual(percentile(xs, hi)! + 1e-9);
          expect(percentile([...xs].reverse(), p)).toBe(v);
        },
      ),
    );
  });
});

describe("acceptance", () => {
  it("is accepted ÷ answered per group and in total; no answers → null", () => {
    const r = acceptanceBy([
      { kind: "waiver", groupKey: "b", accepted: true },
      { kind: "waiver", groupKey: "a", accepted: false },
      { kind: "lump-sum", groupKey: "a", accepted: true },
      { kind: "lump-sum", groupKey: "a", accepted: false },
    ]);
    expect(r.groups).toEqual([
      { key: "a", answered: 3, accepted: 1, rate: 1 / 3 },
      { key: "b", answered: 1, accepted: 1, rate: 1 },
    ]);
    expect(r.total).toEqual({ answered: 4, accepted: 2, rate: 0.5 });
    expect(acceptanceBy([]).total.rate).toBeNull();
    expect(ratio(0, 0).rate).toBeNull();
    expect(() => ratio(3, 2)).toThrow();
  });
});

describe("relief", () => {
  it("sums the waived interest, penalty and fees", () => {
    expect(waivedFen({ waiver: { interestFen: 50_000, penaltyFen: 30_000 } })).toBe(80_000);
    expect(waivedFen({ waiver: { feesFen: 1 }, lumpSum: { amountFen: 9, dueDate: "2026-03-01" } })).toBe(1);
    expect(waivedFen({ deferral: { months: 3 } })).toBe(0);
  });

  it("monthly reduction is contractual − agreed, never negative, unknown when either side is", () => {
    expect(monthlyReductionFen(106_619, 85_000)).toBe(21_619);
    expect(monthlyReductionFen(100_000, 120_000)).toBe(0);
    expect(monthlyReductionFen(null, 85_000)).toBeNull();
    expect(monthlyReductionFen(100_000, null)).toBeNull();
  });
});

describe("proposal kind", () => {
  it("labels each proposal once, by precedence", () => {
    const inst = { amountFen: 1, months: 6, method: "equal-instalment", annualRatePct: "0", firstDueDate: "2026-03-01" } as const;
    expect(proposalKind({ lumpSum: { amountFen: 1, dueDate: "2026-03-01" }, waiver: { feesFen: 1 } })).toBe("lump-sum");
    expect(proposalKind({ instalments: { ...inst, method: "interest-free" }, waiver: { feesFen: 1 } })).toBe("interest-free-instalments");
    expect(proposalKind({ instalments: inst, deferral: { months: 2 } })).toBe("instalments");
    expect(proposalKind({ deferral: { months: 2 }, waiver: { feesFen: 1 } })).toBe("deferral");
    expect(proposalKind({ waiver: { feesFen: 1 } })).toBe("waiver");
    expect(proposalKind({ creditCorrection: { request: "逾期记录与实际不符", evidenceDocumentIds: [] } })).toBe("credit-correction");
  });
});

describe("months and cases by status", () => {
  it("lists months inclusively, across a year end", () => {
    expect(monthsBetween("2025-11-15", "2026-02-01")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(monthsBetween("2026-03-01", "2026-02-01")).toEqual([]);
    expect(monthEnd("2028-02")).toBe("2028-02-29");
    expect(monthEnd("2026-02")).toBe("2026-02-28");
    expect(monthEnd("2026-12")).toBe("2026-12-31");
  });

  it("counts each case once, at its last status by the month's end", () => {
    const events = [
      { caseId: "a", day: "2026-01-05", seq: 0, toStatus: "intake" },
      { caseId: "a", day: "2026-01-05", seq: 1, toStatus: "preparing" },
      { caseId: "b", day: "2026-01-31", seq: 2, toStatus: "intake" },
      { caseId: "a", day: "2026-02-10", seq: 3, toStatus: "proposed" },
      { caseId: "b", day: "2026-03-02", seq: 4, toStatus: "withdrawn" },
    ];
    expect(statusByMonth(events, ["2025-12", "2026-01", "2026-02", "2026-03"], "2026-03-01")).toEqual([
      { month: "2025-12", counts: {} },
      { month: "2026-01", counts: { preparing: 1, intake: 1 } },
      { month: "2026-02", counts: { proposed: 1, intake: 1 } },
      // asOf 03-01 cuts March short: b's withdrawal on 03-02 is not yet counted.
      { month: "2026-03", counts: { proposed: 1, intake: 1 } },
    ]);
  });
});
