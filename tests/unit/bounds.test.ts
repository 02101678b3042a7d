import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { refuseActionBody } from "@/server/action-body";
import {
  MAX_AMOUNT_FEN,
  MAX_BODY_DEPTH,
  MAX_VERSION,
  addYears,
  dayProblem,
  fenNeedsCheck,
  instantInRange,
  jsonDepthWithin,
  textProblem,
} from "@/server/domain/bounds";
import { INPUT_PROBLEMS } from "@/server/errors";
import { zDate, zDueDate, zFen, zInstant, zLine, zName, zPastDate, zPositiveFen, zText, zVersion, isUuid } from "@/server/schemas/common";
import { zInvitationToken, zPassword } from "@/server/schemas/auth";

/** The message key of the first issue, or "ok". */
function reason(schema: { safeParse(v: unknown): { success: boolean; error?: { issues: Array<{ message: string }> } } }, value: unknown) {
  const r = schema.safeParse(value);
  return r.success ? "ok" : r.error!.issues[0]!.message;
}

describe("days", () => {
  it("are real calendar days within 1900–2100", () => {
    expect(dayProblem("2026-03-01")).toBeNull();
    expect(dayProblem("2024-02-29")).toBeNull();
    expect(dayProblem("2000-02-29")).toBeNull();
    expect(dayProblem("1900-01-01")).toBeNull();
    expect(dayProblem("2100-12-31")).toBeNull();
    expect(dayProblem("2026-02-30")).toBe("notReal");
    expect(dayProblem("2025-02-29")).toBe("notReal");
    expect(dayProblem("2100-02-29")).toBe("notReal");
    expect(dayProblem("2026-13-01")).toBe("notReal");
    expect(dayProblem("2026-04-31")).toBe("notReal");
    expect(dayProblem("2026-00-10")).toBe("notReal");
    expect(dayProblem("0000-01-01")).toBe("outOfRange");
    expect(dayProblem("1899-12-31")).toBe("outOfRange");
    expect(dayProblem("9999-12-31")).toBe("outOfRange");
    expect(dayProblem("2026-3-1")).toBe("format");
    expect(dayProblem("2026-03-01T00:00:00Z")).toBe("format");
    expect(dayProblem("")).toBe("format");
  });

  it("agree with the calendar for every day of 1899–2101 (the real ones round-trip through Date)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1899, max: 2101 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const text = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
        const real = m >= 1 && m <= 12 && d >= 1 && new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
        const inRange = y >= 1900 && y <= 2100;
        expect(dayProblem(text)).toBe(!real ? "notReal" : inRange ? null : "outOfRange");
      }),
    );
  });

  it("add years, 29 February to 28 February when the target year is not leap", () => {
    expect(addYears("2026-12-01", 5)).toBe("2031-12-01");
    expect(addYears("2028-02-29", 1)).toBe("2029-02-28");
    expect(addYears("2028-02-29", 4)).toBe("2032-02-29");
  });

  it("zDate, zPastDate and zDueDate give the reason in words", () => {
    expect(reason(zDate, "2026-03-01")).toBe("ok");
    expect(reason(zDate, "2026-02-30")).toBe("input.dateNotReal");
    expect(reason(zDate, "0000-01-01")).toBe("input.dateOutOfRange");
    expect(reason(zDate, "1 March")).toBe("input.dateFormat");
    expect(reason(zDate, 20260301)).toBe("input.dateFormat");
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-06-15T04:00:00Z") });
    try {
      expect(reason(zPastDate, "2026-06-15")).toBe("ok");
      expect(reason(zPastDate, "2026-06-16")).toBe("input.dateInFuture");
      expect(reason(zPastDate, "2026-02-30")).toBe("input.dateNotReal");
      expect(reason(zDueDate, "2031-06-15")).toBe("ok");
      expect(reason(zDueDate, "2031-06-16")).toBe("input.dateTooFarAhead");
      expect(reason(zDueDate, "2020-01-01")).toBe("ok");
      expect(reason(zDueDate, "9999-12-31")).toBe("input.dateOutOfRange");
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("instants", () => {
  it("are Dates or strict ISO texts with a zone, real and within 1900–2100", () => {
    expect(zInstant.parse("2026-03-01T10:00:00Z").toISOString()).toBe("2026-03-01T10:00:00.000Z");
    expect(zInstant.parse("2026-03-01T18:00:00+08:00").toISOString()).toBe("2026-03-01T10:00:00.000Z");
    expect(zInstant.parse(new Date("2026-03-01T10:00:00Z")).toISOString()).toBe("2026-03-01T10:00:00.000Z");
    // new Date() would have made 2 March of it.
    expect(reason(zInstant, "2026-02-30T10:00:00Z")).toBe("input.instantInvalid");
    expect(reason(zInstant, "2026-03-01T25:00:00Z")).toBe("input.instantInvalid");
    expect(reason(zInstant, "2026-03-01T10:00:00")).toBe("input.instantInvalid");
    expect(reason(zInstant, "March 1, 2026")).toBe("input.instantInvalid");
    expect(reason(zInstant, 0)).toBe("input.instantInvalid");
    expect(reason(zInstant, new Date(Number.NaN))).toBe("input.instantInvalid");
    expect(reason(zInstant, new Date("0000-01-01T00:00:00Z"))).toBe("input.instantOutOfRange");
    expect(reason(zInstant, "9999-12-31T00:00:00Z")).toBe("input.instantOutOfRange");
    expect(instantInRange(new Date("1900-01-01T00:00:00Z"))).toBe(true);
    expect(instantInRange(new Date("2100-12-31T23:59:59Z"))).toBe(true);
    expect(instantInRange(new Date("2101-01-01T00:00:00Z"))).toBe(false);
  });
});

describe("text", () => {
  it("refuses lone surrogates, control characters, and line breaks in one-line fields", () => {
    expect(textProblem("吴晓梅 😀", false)).toBeNull();
    expect(textProblem("第一行\n第二行\t缩进", true)).toBeNull();
    expect(textProblem("a\uD800b", true)).toBe("brokenCharacter");
    expect(textProblem("a\uDFFF", true)).toBe("brokenCharacter");
    expect(textProblem("笑\uD83D", true)).toBe("brokenCharacter");
    expect(textProblem("\uDE00\uD83D", true)).toBe("brokenCharacter");
    expect(textProblem("a\u0000b", true)).toBe("controlCharacter");
    expect(textProblem("a\u0007b", true)).toBe("controlCharacter");
    expect(textProblem("a\u001b[31m", true)).toBe("controlCharacter");
    expect(textProblem("a\u0085b", true)).toBe("controlCharacter");
    expect(textProblem("a\u007fb", true)).toBe("controlCharacter");
    expect(textProblem("a\nb", false)).toBe("oneLine");
    expect(textProblem("a\u2028b", false)).toBe("oneLine");
    expect(textProblem("a\tb", false)).toBe("controlCharacter");
  });

  it("any well-formed text of printable characters passes; inserting a lone surrogate never does", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 30 }), fc.integer({ min: 0xd800, max: 0xdfff }), (s, unit) => {
        // eslint-disable-next-line no-control-regex
        const printable = s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, "");
        expect(textProblem(printable, false)).toBeNull();
        expect(textProblem(`${printable}${String.fromCharCode(unit)}`, true)).toBe("brokenCharacter");
      }),
    );
  });

  it("zText, zLine and zName give the reason in words", () => {
    expect(reason(zName, "吴晓梅")).toBe("ok");
    expect(reason(zName, "  ")).toBe("required");
    expect(reason(zName, "吴\uD800")).toBe("input.brokenCharacter");
    expect(reason(zLine(200), "标题\n换行")).toBe("input.oneLine");
    expect(reason(zText(200), "摘要\n换行")).toBe("ok");
    expect(reason(zText(200), "摘要\u0007")).toBe("input.controlCharacter");
    expect(reason(zText(3), "四个字符")).toBe("input.textTooLong");
    expect(reason(zPassword, "a long passphrase\uD800")).toBe("input.brokenCharacter");
    expect(reason(zPassword, "a long\tpassphrase")).toBe("input.controlCharacter");
  });
});

describe("amounts, versions and ids", () => {
  it("an amount is whole fen from 0 to ¥100,000,000; past that the reason is its size", () => {
    expect(reason(zFen, 0)).toBe("ok");
    expect(reason(zFen, MAX_AMOUNT_FEN)).toBe("ok");
    expect(reason(zFen, MAX_AMOUNT_FEN + 1)).toBe("input.amountTooLarge");
    expect(reason(zFen, Number.MAX_SAFE_INTEGER)).toBe("input.amountTooLarge");
    expect(reason(zFen, 2 ** 60)).toBe("input.amountTooLarge");
    expect(reason(zFen, -1)).toBe("input.amountNegative");
    expect(reason(zFen, 1.5)).toBe("input.amountNotWhole");
    expect(reason(zFen, "100")).toBe("input.amountNotNumber");
    expect(reason(zFen, Number.NaN)).toBe("input.amountNotNumber");
    expect(reason(zPositiveFen, 0)).toBe("input.amountZero");
  });

  it("a version fits the int4 column after the write adds one", () => {
    expect(reason(zVersion, 1)).toBe("ok");
    expect(reason(zVersion, MAX_VERSION)).toBe("ok");
    expect(MAX_VERSION + 1).toBe(2 ** 31 - 1);
    for (const bad of [0, MAX_VERSION + 1, 2 ** 31, Number.MAX_SAFE_INTEGER, 1.5, -1])
      expect(reason(zVersion, bad)).toBe("input.versionInvalid");
  });

  it("an id is a real UUID: 36 dashes, zeros or letters are not", () => {
    expect(isUuid("123e4567-e89b-42d3-a456-426614174000")).toBe(true);
    for (const bad of ["-".repeat(36), "0".repeat(36), "a".repeat(36), "123e4567e89b42d3a456426614174000", "", null, 5])
      expect(isUuid(bad)).toBe(false);
    expect(zInvitationToken.safeParse(`${"-".repeat(36)}.${"A".repeat(43)}`).success).toBe(false);
    expect(zInvitationToken.safeParse(`123e4567-e89b-42d3-a456-426614174000.${"A".repeat(43)}`).success).toBe(true);
  });

  it("a figure needs checking past one amount's bound, or past exact addition", () => {
    expect(fenNeedsCheck(MAX_AMOUNT_FEN)).toBe(false);
    expect(fenNeedsCheck(MAX_AMOUNT_FEN + 1)).toBe(true);
    expect(fenNeedsCheck(-MAX_AMOUNT_FEN - 1)).toBe(true);
    expect(fenNeedsCheck(2 ** 53, Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(fenNeedsCheck(MAX_AMOUNT_FEN * 50, Number.MAX_SAFE_INTEGER)).toBe(false);
  });
});

describe("request bodies", () => {
  it("nesting is measured without parsing, strings skipped", () => {
    expect(jsonDepthWithin('[{"a":[1]}]', 3)).toBe(true);
    expect(jsonDepthWithin('[{"a":[1]}]', 2)).toBe(false);
    expect(jsonDepthWithin('["[[[[[[", "\\"[[[["]', 1)).toBe(true);
    expect(jsonDepthWithin("[".repeat(50_000), MAX_BODY_DEPTH)).toBe(false);
  });

  const action = (body: string, type = "text/plain;charset=UTF-8") =>
    new Request("http://localhost/portal", { method: "POST", headers: { "next-action": "x", "content-type": type }, body });

  it("a server action's body is refused before Next.js decodes it when it would make the decoder fail", async () => {
    const plain = JSON.stringify([
      { caseId: "123e4567-e89b-42d3-a456-426614174000", amountFen: 100, receiptDocumentId: "$undefined", note: "$$5 off" },
    ]);
    expect(await refuseActionBody(action(plain))).toBeNull();
    for (const bad of [
      "not json {",
      '[{"caseId":',
      // 30,000 levels fit in the size bound, so the depth check refuses them.
      `[${"[".repeat(30_000)}1${"]".repeat(30_000)}]`,
      `[${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}]`,
      '["$Q1"]',
      '[{"caseId":"$1"}]',
      '[{"amountFen":"$n12x"}]',
    ]) {
      const res = await refuseActionBody(action(bad));
      expect(res?.status, bad.slice(0, 20)).toBe(400);
      expect(await res!.json()).toEqual({ error: { messageKey: "input.requestUnreadable" } });
    }
    expect((await refuseActionBody(action(`["${"x".repeat(70_000)}"]`)))?.status).toBe(413);
    // 50,000 levels are over the size bound before their depth is looked at.
    expect((await refuseActionBody(action(`[${"[".repeat(50_000)}1${"]".repeat(50_000)}]`)))?.status).toBe(413);
    expect((await refuseActionBody(action("--b\r\n", "multipart/form-data; boundary=b")))?.status).toBe(400);
  });
});

describe("messages", () => {
  it("every input problem is put into words in Chinese and in English", () => {
    for (const locale of ["zh-CN", "en"]) {
      const words = JSON.parse(readFileSync(`messages/${locale}/bounds.json`, "utf8")) as { errors: { input: Record<string, string> } };
      for (const key of INPUT_PROBLEMS) expect(words.errors.input[key], `${locale} ${key}`).toMatch(/\S/);
      expect(Object.keys(words.errors.input).sort()).toEqual([...INPUT_PROBLEMS].sort());
    }
  });
});
