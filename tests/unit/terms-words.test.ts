import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "../../messages/en/terms.json";
import zh from "../../messages/zh-CN/terms.json";
import { termsInWords, type Terms } from "../../server/domain/terms";

function words(locale: "zh-CN" | "en", terms: Terms) {
  const t = createTranslator({ locale, messages: locale === "en" ? en : zh, namespace: "terms" });
  const list = new Intl.ListFormat(locale, { type: "conjunction" });
  return termsInWords(terms, { t: (key, values) => t(key as never, values as never), list: (items) => list.format(items) });
}

const all: Terms = {
  waiver: { penaltyFen: 25_000, feesFen: 10_000 },
  instalments: { amountFen: 1_250_000, method: "interest-free", months: 12, annualRatePct: "0", firstDueDate: "2027-01-15" },
  deferral: { months: 2 },
  creditCorrection: { request: "逾期记录有误", evidenceDocumentIds: ["a", "b"] },
  note: "客户失业三个月",
};

describe("terms in words", () => {
  it("Chinese: one sentence per kind, the unit said once, Chinese punctuation", () => {
    expect(words("zh-CN", all)).toEqual([
      "减免罚息 ¥250.00和费用及违约金 ¥100.00",
      // The deferral moves the first row two months on: the words give the day the schedule really starts.
      "分期还款 ¥12,500.00 分 12 期，停息分期（不计息），首期 2027-03-15 还 ¥1,041.67",
      "延期 2 个月，期间暂停还款",
      "征信异议：逾期记录有误（附证明材料 2 份）",
      "说明：客户失业三个月",
    ]);
    for (const line of words("zh-CN", all)) {
      expect(line).not.toMatch(/（元）|[:;]/);
    }
  });

  it("an interest-bearing method says its rate; a lump sum its day", () => {
    const lines = words("zh-CN", {
      instalments: { amountFen: 1_200_000, method: "equal-instalment", months: 24, annualRatePct: "4.35", firstDueDate: "2027-01-01" },
    });
    expect(lines[0]).toMatch(/^分期还款 ¥12,000\.00 分 24 期，等额本息，年利率 4\.35%，首期 2027-01-01 还 ¥\d{3}\.\d{2}$/);
    expect(words("zh-CN", { lumpSum: { amountFen: 900_000, dueDate: "2027-02-01" } })).toEqual(["一次性结清 ¥9,000.00，2027-02-01 前还清"]);
  });

  it("English: the same terms in English, with no Chinese punctuation", () => {
    const lines = words("en", {
      ...all,
      creditCorrection: { request: "wrong overdue record", evidenceDocumentIds: ["a"] },
      note: "lost her job",
    });
    expect(lines).toEqual([
      "Waive penalty interest ¥250.00 and fees and charges ¥100.00",
      "Repay ¥12,500.00 in 12 monthly instalments, interest frozen (no interest), the first ¥1,041.67 on 2027-03-15",
      "No payments for 2 months (deferral)",
      "Credit-record correction: wrong overdue record (1 supporting document)",
      "Note: lost her job",
    ]);
    for (const line of lines) expect(line).not.toMatch(/[，。：；、（）]/);
  });
});
