import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyPayments } from "../../server/domain/repayment";

const schedule = [
  { seq: 1, dueDate: "2026-03-15", amountFen: 100_00 },
  { seq: 2, dueDate: "2026-04-15", amountFen: 100_00 },
  { seq: 3, dueDate: "2026-05-15", amountFen: 100_01 },
];

describe("applyPayments", () => {
  it("marks rows paid, partial, missed, due and upcoming", () => {
    const s = applyPayments(schedule, [{ id: "p1", amountFen: 150_00, paidOn: "2026-03-10" }], "2026-04-20");
    expect(s.rows.map((r) => [r.status, r.paidFen, r.overdue])).toEqual([
      ["paid", 100_00, false],
      ["partial", 50_00, true],
      ["due", 0, false],
    ]);
    expect(s.arrearsFen).toBe(50_00);
    expect(s.nextDue).toEqual({ seq: 3, dueDate: "2026-05-15", remainingFen: 100_01 });
    expect(s.outstandingFen).toBe(150_01);
  });

  it("a row past due with nothing paid is missed; later rows are upcoming", () => {
    const s = applyPayments(schedule, [], "2026-03-16");
    expect(s.rows.map((r) => r.status)).toEqual(["missed", "due", "upcoming"]);
    expect(s.missedCount).toBe(1);
  });

  it("applies payments in paid-on order and reports an overpayment", () => {
    const s = applyPayments(
      schedule,
      [
        { id: "late", amountFen: 300_00, paidOn: "2026-05-01" },
        { id: "early", amountFen: 10_00, paidOn: "2026-03-01" },
      ],
      "2026-05-02",
    );
    expect(s.rows[0]!.allocations[0]).toEqual({ paymentId: "early", amountFen: 10_00 });
    expect(s.complete).toBe(true);
    expect(s.overpaidFen).toBe(9_99);
    expect(s.nextDue).toBeNull();
  });

  it("rejects a fractional or zero payment", () => {
    expect(() => applyPayments(schedule, [{ id: "x", amountFen: 1.5, paidOn: "2026-01-01" }], "2026-01-01")).toThrow();
    expect(() => applyPayments(schedule, [{ id: "x", amountFen: 0, paidOn: "2026-01-01" }], "2026-01-01")).toThrow();
  });

  it("conserves money: paid into rows + overpaid = total paid", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 50_000 }), { maxLength: 10 }), (amounts) => {
        const s = applyPayments(
          schedule,
          amounts.map((a, i) => ({ id: String(i), amountFen: a, paidOn: "2026-03-01" })),
          "2026-01-01",
        );
        const intoRows = s.rows.reduce((sum, r) => sum + r.paidFen, 0);
        expect(intoRows + s.overpaidFen).toBe(s.totalPaidFen);
        expect(s.rows.every((r) => r.paidFen <= r.amountFen && r.remainingFen >= 0)).toBe(true);
      }),
    );
  });
});
