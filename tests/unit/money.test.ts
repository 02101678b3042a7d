import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../server/domain/errors";
import { fenToYuanString, formatFen, normalizeYuanText, parseYuan, sumFen } from "../../server/domain/money";

describe("formatFen", () => {
  it("formats yuan with grouping and two decimals", () => {
    expect(formatFen(123456)).toBe("¥1,234.56");
    expect(formatFen(0)).toBe("¥0.00");
    expect(formatFen(5)).toBe("¥0.05");
    expect(formatFen(100000000)).toBe("¥1,000,000.00");
    expect(formatFen(123456, "en")).toBe("¥1,234.56");
  });

  it("puts the minus before the currency sign", () => {
    expect(formatFen(-123456)).toBe("-¥1,234.56");
    expect(formatFen(-1)).toBe("-¥0.01");
  });

  it("is exact at the edge of the safe-integer range", () => {
    expect(formatFen(Number.MAX_SAFE_INTEGER)).toBe("¥90,071,992,547,409.91");
    expect(formatFen(9007199254740899)).toBe("¥90,071,992,547,408.99");
  });

  it("refuses fractions of a fen and numbers that are not finite", () => {
    expect(() => formatFen(1.5)).toThrow(DomainError);
    expect(() => formatFen(Number.NaN)).toThrow(DomainError);
    expect(() => formatFen(Number.POSITIVE_INFINITY)).toThrow(DomainError);
  });

  it("prints a whole total past the safe range as the float it is, so a page with old over-large data renders", () => {
    expect(formatFen(2 ** 53)).toBe("¥90,071,992,547,409.92");
    expect(formatFen(-(2 ** 54))).toBe("-¥180,143,985,094,819.84");
    expect(fenToYuanString(2 ** 60)).toBe("11529215046068469.76");
  });
});

describe("fenToYuanString", () => {
  it("writes plain yuan", () => {
    expect(fenToYuanString(123456)).toBe("1234.56");
    expect(fenToYuanString(7)).toBe("0.07");
    expect(fenToYuanString(-250)).toBe("-2.50");
  });
});

describe("parseYuan", () => {
  it("parses exactly", () => {
    expect(parseYuan("1,234.5")).toBe(123450);
    expect(parseYuan("1234.56")).toBe(123456);
    expect(parseYuan(" 0.1 ")).toBe(10);
    expect(parseYuan("0.29")).toBe(29); // 0.29 * 100 is 28.999999999999996 in floating point
    expect(parseYuan("¥1,000,000")).toBe(100000000);
    expect(parseYuan("-¥12.30")).toBe(-1230);
    expect(Object.is(parseYuan("-0.00"), 0)).toBe(true);
  });

  it("rejects more than two decimals rather than rounding", () => {
    expect(() => parseYuan("1.234")).toThrowError(expect.objectContaining({ code: "invalid_amount", field: "amount" }));
  });

  it("rejects garbage and badly grouped numbers", () => {
    for (const text of ["", "abc", "1.2.3", "1e3", "12,34", "1,2345", ".5", "5.", "1 000", "--1", "0x10", "¥"]) {
      expect(() => parseYuan(text), text).toThrow(DomainError);
    }
  });

  it("names the field it was given", () => {
    expect(() => parseYuan("x", "monthlyFen")).toThrowError(expect.objectContaining({ field: "monthlyFen" }));
  });

  it("rejects amounts beyond the safe-integer range", () => {
    expect(() => parseYuan("90071992547409.92")).toThrow(DomainError);
    expect(parseYuan("90071992547409.91")).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("round-trips every safe amount through both formatters", () => {
    const fen = fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
    fc.assert(
      fc.property(fen, (value) => {
        expect(parseYuan(fenToYuanString(value))).toBe(value);
        expect(parseYuan(formatFen(value))).toBe(value);
      }),
    );
  });
});

describe("sumFen", () => {
  it("adds exactly", () => {
    expect(sumFen([])).toBe(0);
    expect(sumFen([10, 20, -5])).toBe(25);
  });

  it("refuses values that are not whole", () => {
    expect(() => sumFen([0.1, 0.2])).toThrow(DomainError);
    expect(() => sumFen([1, Number.NaN])).toThrow(DomainError);
  });

  it("past the safe range (amounts stored before the input bounds) gives the float total instead of an error", () => {
    const total = sumFen([Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]);
    expect(total).toBe(2 * Number.MAX_SAFE_INTEGER);
    expect(Number.isSafeInteger(total)).toBe(false);
    expect(formatFen(total)).toBe("¥180,143,985,094,819.82");
  });
});

describe("normalizeYuanText (what a person types, for parseYuan)", () => {
  it("reads full-width digits, comma and point, spaces and a trailing 元 as the same amount", () => {
    expect(parseYuan(normalizeYuanText("1，000"))).toBe(100_000);
    expect(parseYuan(normalizeYuanText("￥1，234．50"))).toBe(123_450);
    expect(parseYuan(normalizeYuanText("１２００"))).toBe(120_000);
    expect(parseYuan(normalizeYuanText(" 800 元"))).toBe(80_000);
    expect(parseYuan(normalizeYuanText("¥12,500"))).toBe(1_250_000);
  });

  it("still refuses what is not an amount", () => {
    expect(() => parseYuan(normalizeYuanText("abc"))).toThrow();
    expect(() => parseYuan(normalizeYuanText("1.234"))).toThrow();
    expect(() => parseYuan(normalizeYuanText("1，00，0"))).toThrow();
  });
});
