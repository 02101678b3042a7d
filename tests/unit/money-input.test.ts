import { describe, expect, it } from "vitest";
import { moneyOrNull, parseMoney } from "@/app/_components/money-input";

describe("the one money parser behind every money field", () => {
  it("reads an amount as people type it: separators, full-width digits and commas, the yuan sign", () => {
    expect(parseMoney("1,234.5")).toBe(123_450);
    expect(parseMoney("1，000")).toBe(100_000);
    expect(parseMoney("￥800")).toBe(80_000);
    expect(parseMoney("¥ 12.30")).toBe(1_230);
    expect(parseMoney("１２００")).toBe(120_000);
    expect(parseMoney("300元")).toBe(30_000);
  });

  it("tells no amount (empty) from a wrong one (NaN, which the schemas refuse as not a number)", () => {
    expect(parseMoney("")).toBeUndefined();
    expect(parseMoney("   ")).toBeUndefined();
    expect(parseMoney("abc")).toBeNaN();
    expect(parseMoney("1.234")).toBeNaN();
    expect(parseMoney("1,23")).toBeNaN();
  });

  it("gives forms that keep their own text the same answer as fen or null", () => {
    expect(moneyOrNull("1，000")).toBe(100_000);
    expect(moneyOrNull("")).toBeNull();
    expect(moneyOrNull("12.345")).toBeNull();
    expect(moneyOrNull("0")).toBe(0);
  });
});
