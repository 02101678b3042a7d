import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import casesEn from "@/messages/en/cases.json";
import workspaceEn from "@/messages/en/workspace.json";
import casesZh from "@/messages/zh-CN/cases.json";
import workspaceZh from "@/messages/zh-CN/workspace.json";
import { formatFen } from "@/server/domain/money";
import {
  counselorFigures,
  figureText,
  headlineFigures,
  p90Text,
  rawValue,
  reliefFigures,
  reportRows,
  rowLabels,
  type SummaryFigures,
  type Translate,
} from "@/server/domain/outcome-figures";

// The real messages; a missing key throws instead of printing its path.
function words(locale: "zh-CN" | "en") {
  const onError = (e: Error) => {
    throw e;
  };
  const t = createTranslator({ locale, messages: locale === "en" ? workspaceEn : workspaceZh, namespace: "outcomes", onError });
  const states = createTranslator({ locale, messages: locale === "en" ? casesEn : casesZh, namespace: "cases.states", onError });
  return { t: ((key, values) => t(key as "title", values)) as Translate, state: (s: string) => states(s as "intake") };
}
const zh = words("zh-CN");
const en = words("en");

const EMPTY: SummaryFigures = {
  range: { from: "2026-01-01", to: "2026-03-31" },
  acceptance: { total: { answered: 0, accepted: 0, rate: null }, byLender: [], byKind: [] },
  relief: { agreements: 0, waivedFen: 0, monthlyReductionFen: 0, monthlyReductionAgreements: 0, byLender: [] },
  timeToAgreement: { agreements: 0, medianDays: null, p90Days: null },
  adherence: { due: 0, onTime: 0, rate: null },
  casesByMonth: [
    { month: "2026-01", counts: {} },
    { month: "2026-02", counts: {} },
    { month: "2026-03", counts: {} },
  ],
  perCounselor: [{ name: "周咨询", clients: 1, openCases: 0, answered: 0, accepted: 0, acceptanceRate: null, agreements: 0, waivedFen: 0 }],
  balances: { owedFen: 0, underAgreementsFen: 0, activeAgreements: 0 },
};

const ONE: SummaryFigures = {
  ...EMPTY,
  acceptance: {
    total: { answered: 1, accepted: 1, rate: 1 },
    byLender: [{ lenderName: "京东金条", answered: 1, accepted: 1, rate: 1 }],
    byKind: [{ kind: "instalments", answered: 1, accepted: 1, rate: 1 }],
  },
  relief: {
    agreements: 1,
    waivedFen: 123_456,
    monthlyReductionFen: 0,
    monthlyReductionAgreements: 0,
    byLender: [{ lenderName: "京东金条", agreements: 1, waivedFen: 123_456, monthlyReductionFen: 0, monthlyReductionAgreements: 0 }],
  },
  timeToAgreement: { agreements: 1, medianDays: 12, p90Days: 12 },
  casesByMonth: [{ month: "2026-03", counts: { agreed: 1 } }],
  perCounselor: [
    { name: "周咨询", clients: 1, openCases: 1, answered: 1, accepted: 1, acceptanceRate: 1, agreements: 1, waivedFen: 123_456 },
  ],
  balances: { owedFen: 150_000_00, underAgreementsFen: 50_000_00, activeAgreements: 1 },
};

describe("figureText: unit and dash", () => {
  it("writes each unit as the dashboard shows it", () => {
    expect(figureText({ unit: "fen", value: 123_456 }, zh.t)).toBe("¥1,234.56");
    expect(figureText({ unit: "fen", value: 123_456 }, en.t)).toBe(formatFen(123_456));
    expect(figureText({ unit: "fen", value: 0 }, zh.t)).toBe("¥0.00");
    expect(figureText({ unit: "rate", value: 1 / 3 }, zh.t)).toBe("33.3%");
    expect(figureText({ unit: "count", value: 0 }, zh.t)).toBe("0");
    expect(figureText({ unit: "days", value: 12 }, zh.t)).toBe("12 天");
    expect(figureText({ unit: "days", value: 0 }, zh.t)).toBe("0 天");
    expect(figureText({ unit: "days", value: 24.4 }, zh.t)).toBe("24.4 天");
    expect(figureText({ unit: "days", value: 12 }, en.t)).toBe("12 days");
    expect(figureText({ unit: "days", value: 1 }, en.t)).toBe("1 day");
    expect(figureText({ unit: "days", value: 24.44 }, en.t)).toBe("24.4 days");
    expect(figureText({ unit: "day", value: "2026-01-01" }, en.t)).toBe("2026-01-01");
  });

  it("writes — for every figure that was not measured, never 0, NaN or ¥0.00", () => {
    for (const unit of ["fen", "rate", "days"] as const) {
      expect(figureText({ unit, value: null }, zh.t)).toBe("—");
      expect(figureText({ unit, value: null }, en.t)).toBe("—");
    }
  });
});

describe("the rules: what counts as measured", () => {
  it("no agreement: no waived amount, no monthly reduction, no days; counts stay numbers", () => {
    const h = headlineFigures(EMPTY);
    expect(
      [h.waived, h.monthlyReduction, h.medianDays, h.p90Days, h.acceptanceRate, h.adherenceRate].map((f) => figureText(f, zh.t)),
    ).toEqual(["—", "—", "—", "—", "—", "—"]);
    expect([h.answered, h.agreements, h.due].map((f) => figureText(f, zh.t))).toEqual(["0", "0", "0"]);
    expect(p90Text(h.p90Days, zh.t)).toBe("—");
  });

  it("an agreement whose monthly payments are not both known: waived is measured, the reduction is not", () => {
    const h = headlineFigures(ONE);
    expect(figureText(h.waived, zh.t)).toBe("¥1,234.56");
    expect(figureText(h.monthlyReduction, zh.t)).toBe("—");
    const lender = reliefFigures(ONE.relief.byLender[0]!);
    expect(figureText(lender.monthlyReduction, en.t)).toBe("—");
    expect(
      figureText(
        reliefFigures({ agreements: 2, waivedFen: 0, monthlyReductionFen: 0, monthlyReductionAgreements: 1 }).monthlyReduction,
        zh.t,
      ),
    ).toBe("¥0.00");
  });

  it("a counselor with no agreement shows no waived amount", () => {
    expect(figureText(counselorFigures(EMPTY.perCounselor[0]!).waived, zh.t)).toBe("—");
    expect(figureText(counselorFigures(ONE.perCounselor[0]!).waived, zh.t)).toBe("¥1,234.56");
  });

  it("the 90th percentile is a sentence with its number and unit", () => {
    const h = headlineFigures(ONE);
    expect(p90Text(h.p90Days, zh.t)).toBe("90% 的协议在 12 天内达成");
    expect(p90Text(h.p90Days, en.t)).toBe("90% of agreements were reached within 12 days");
    expect(p90Text({ unit: "days", value: 1 }, en.t)).toBe("90% of agreements were reached within 1 day");
  });
});

describe("report rows", () => {
  it("every row has words in both languages (no missing message) and a raw value", () => {
    for (const s of [EMPTY, ONE]) {
      for (const row of reportRows(s)) {
        for (const w of [zh, en]) {
          const labels = rowLabels(row, w.t, w.state);
          expect(labels.section).not.toBe("");
          expect(labels.metric).not.toBe("");
          expect(figureText(row.figure, w.t)).not.toMatch(/NaN|undefined|null/);
        }
        const raw = rawValue(row.figure);
        expect(typeof raw === "string" || Number.isFinite(raw)).toBe(true);
      }
    }
  });

  it("names sections and metrics as on screen, groups in the reader's language", () => {
    const rows = reportRows(ONE);
    const labelled = (w: typeof zh) => rows.map((r) => ({ ...rowLabels(r, w.t, w.state), value: figureText(r.figure, w.t) }));
    expect(labelled(zh)).toContainEqual({ section: "从第一次提出方案到达成协议", group: "合计", metric: "中位数", value: "12 天" });
    expect(labelled(zh)).toContainEqual({ section: "方案接受率 · 按方案类型", group: "分期", metric: "接受率", value: "100.0%" });
    expect(labelled(zh)).toContainEqual({ section: "各月末的案件状态", group: "2026-03", metric: "已达成协议", value: "1" });
    expect(labelled(en)).toContainEqual({ section: "Relief obtained", group: "All", metric: "Monthly payment reduction", value: "—" });
    expect(labelled(en)).toContainEqual({
      section: "Caseload and outcomes per counselor",
      group: "周咨询",
      metric: "Waived (interest, penalty, fees)",
      value: "¥1,234.56",
    });
    // Today's balances, as the dashboard's card names them.
    expect(labelled(zh)).toContainEqual({ section: "目前欠款", group: "合计", metric: "协议中仍待还", value: "¥50,000.00" });
    // The machine names stay for the raw export.
    expect(rows.find((r) => r.metric === "waivedFen" && r.section === "relief")).toMatchObject({ figure: { unit: "fen", value: 123_456 } });
  });
});
