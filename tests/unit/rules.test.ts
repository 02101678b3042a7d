import { describe, expect, it } from "vitest";
import en from "@/messages/en/rules.json";
import zh from "@/messages/zh-CN/rules.json";
import { buildCalendar } from "@/server/domain/calendar";
import { conductFlags, type ContactForConduct } from "@/server/domain/collection-conduct";
import { creditClocks, type CreditFacts } from "@/server/domain/credit-clocks";
import { cardCriminalRisk, priorityOrder, validatePriorityOverride, type DebtForTriage } from "@/server/domain/debt-priority";
import { DomainError } from "@/server/domain/errors";
import { evaluatePlan, type PlanDebt } from "@/server/domain/plan";
import { lprOn, RULES, rulesInForce } from "@/server/domain/rules";
import { compareWithLines, rateLinesFor } from "@/server/domain/rules/rate-lines";
import { checkTerms, termLimitFor } from "@/server/domain/terms-check";

const ids = (rules: Array<{ id: string }>) => rules.map((r) => r.id);
const lineIds = (lenderType: Parameters<typeof rateLinesFor>[0]["lenderType"], loanDate: string) =>
  rateLinesFor({ lenderType, loanDate }).lines.map((l) => `${l.ruleId}=${l.pct}`);

describe("the rule table", () => {
  it("has unique id+version pairs, ordered dates, a source and words in both languages for every rule", () => {
    const keys = RULES.map((r) => `${r.id}#${r.version}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of RULES) {
      expect(r.effectiveTo === null || r.effectiveFrom <= r.effectiveTo, r.id).toBe(true);
      expect(r.source.document.length, r.id).toBeGreaterThan(0);
      expect(r.source.date, r.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const [group, name] = r.id.split(".") as [string, string];
      for (const messages of [en, zh]) {
        const titles = messages.rules.titles as Record<string, Record<string, string>>;
        expect(titles[group]?.[name], `${r.id} title`).toBeTruthy();
      }
    }
  });

  it("versions of one rule do not overlap", () => {
    const versions = RULES.filter((r) => r.id === "risk.malicious-overdraft");
    expect(versions.map((r) => r.version)).toEqual([1, 2]);
    expect(versions[0]!.effectiveTo! < versions[1]!.effectiveFrom).toBe(true);
  });

  it("rulesInForce filters by kind, lender type and date, and refuses a bad date", () => {
    expect(ids(rulesInForce("conduct", "microloan", "2025-02-27"))).toEqual([]);
    expect(ids(rulesInForce("conduct", "microloan", "2025-02-28"))).toEqual(["conduct.gbt-45251"]);
    expect(ids(rulesInForce("conduct", "bank", "2026-01-30"))).toEqual(["conduct.gbt-45251"]);
    expect(ids(rulesInForce("conduct", "bank", "2026-01-31"))).toEqual(["conduct.gbt-45251", "conduct.cba-consumer-collection"]);
    expect(() => rulesInForce("conduct", "bank", "31/01/2026")).toThrow(DomainError);
  });
});

describe("LPR history", () => {
  it("takes the last announcement on or before the date", () => {
    expect(lprOn("2019-08-19")).toBeNull();
    expect(lprOn("2020-07-20")?.oneYearPct).toBe("3.85");
    expect(lprOn("2024-10-20")?.oneYearPct).toBe("3.35");
    expect(lprOn("2024-10-21")?.oneYearPct).toBe("3.10");
    expect(lprOn("2025-05-20")?.oneYearPct).toBe("3.00");
  });
  it("says when a date is past the table's review", () => {
    expect(lprOn("2025-06-01")?.current).toBe(true);
    expect(lprOn("2026-06-01")?.current).toBe(false);
  });
});

describe("rate lines by lender type and loan date", () => {
  it("private lending: 24/36 bands up to 2020-08-19, 4 × the LPR of the contract date from 2020-08-20", () => {
    expect(lineIds("other", "2020-08-19")).toEqual(["rate.private-lending-24=24", "rate.private-lending-36=36"]);
    expect(lineIds("other", "2020-08-20")).toEqual(["rate.private-lending-lpr=15.4"]);
    expect(lineIds("other", "2024-10-20")).toEqual(["rate.private-lending-lpr=13.4"]);
    expect(lineIds("other", "2025-06-01")).toEqual(["rate.private-lending-lpr=12"]);
  });
  it("loan facilitation: the 24 % comprehensive-cost line from 2025-10-01", () => {
    expect(lineIds("loan-facilitation", "2025-09-30")).toEqual(["rate.financial-loan-24=24", "rate.cash-loan-36=36"]);
    expect(lineIds("loan-facilitation", "2025-10-01")).toEqual([
      "rate.facilitation-comprehensive-24=24",
      "rate.financial-loan-24=24",
      "rate.cash-loan-36=36",
    ]);
  });
  it("microloans: 24 % from 2026-04-01, 4 × LPR from 2028-01-01; nothing before the 2017 lines", () => {
    expect(lineIds("microloan", "2017-08-03")).toEqual([]);
    expect(lineIds("microloan", "2026-03-31")).toEqual(["rate.financial-loan-24=24", "rate.cash-loan-36=36"]);
    expect(lineIds("microloan", "2026-04-01")).toEqual(["rate.financial-loan-24=24", "rate.microloan-24=24", "rate.cash-loan-36=36"]);
    expect(lineIds("microloan", "2028-01-01")[0]).toBe("rate.microloan-lpr=12");
  });
  it("asks for the loan date rather than guessing one", () => {
    expect(rateLinesFor({ lenderType: "bank", loanDate: null })).toEqual({ loanDate: null, lines: [], missing: "loan-date" });
  });
  it("compares the contract rate and the IRR strictly against each line", () => {
    const { lines } = rateLinesFor({ lenderType: "other", loanDate: "2025-06-01" });
    expect(compareWithLines(lines, { contractAnnualPct: "12", irrPct: 12.5 })).toMatchObject([
      { ruleId: "rate.private-lending-lpr", contractAbove: false, irrAbove: true },
    ]);
    expect(compareWithLines(lines, { contractAnnualPct: "12.01", irrPct: null })[0]).toMatchObject({ contractAbove: true, irrAbove: null });
  });
});

describe("collection conduct by issuer and date", () => {
  const call = (iso: string, connected: boolean, i: number): ContactForConduct => ({
    id: `x${i}`,
    at: new Date(`${iso}+08:00`),
    direction: "inbound",
    party: "collector",
    channel: "phone",
    connected,
  });
  it("a night call before GB/T 45251-2025 is not flagged; after, it cites the standard", () => {
    expect(conductFlags(call("2025-02-27T23:00:00", true, 1), [], "microloan")).toEqual([]);
    expect(conductFlags(call("2025-02-28T23:00:00", true, 1), [], "microloan")).toEqual([
      { flag: "night-contact", ruleId: "conduct.gbt-45251", version: 1 },
    ]);
  });
  it("the 7th unanswered call of a day is flagged for a bank from 2026-01-31, never for a microloan company", () => {
    const day = (d: string) => Array.from({ length: 7 }, (_, i) => call(`${d}T1${i}:00:00`, false, i));
    const before = day("2026-01-30");
    const after = day("2026-01-31");
    expect(conductFlags(before[6]!, before.slice(0, 6), "bank")).toEqual([]);
    expect(conductFlags(after[6]!, after.slice(0, 6), "bank")).toEqual([
      { flag: "over-unanswered-calls", ruleId: "conduct.cba-consumer-collection", version: 1 },
    ]);
    expect(conductFlags(after[5]!, after.slice(0, 5), "bank")).toEqual([]);
    expect(conductFlags(after[6]!, after.slice(0, 6), "microloan")).toEqual([]);
  });
});

const card = (over: Partial<DebtForTriage> = {}): DebtForTriage => ({
  debtId: "card",
  debtKind: "credit-card",
  lenderType: "bank",
  secured: false,
  underEnforcement: false,
  outstandingPrincipalFen: 5_000_000,
  firstNoticeOn: "2026-01-05",
  secondNoticeOn: "2026-02-10",
  priorityRank: null,
  priorityReason: null,
  ...over,
});

describe("the 恶意透支 line", () => {
  it("is over the day after 3 months from the second notice, with notices at least 30 days apart", () => {
    expect(cardCriminalRisk(card(), "2026-05-10")).toMatchObject({ level: "approaching", lineDate: "2026-05-11" });
    expect(cardCriminalRisk(card(), "2026-05-11")).toMatchObject({ level: "over", ruleId: "risk.malicious-overdraft", version: 2 });
    // 29 days apart: the notices do not count, so it stays "approaching" however long.
    expect(cardCriminalRisk(card({ secondNoticeOn: "2026-02-03" }), "2026-12-01")).toMatchObject({
      level: "approaching",
      noticesCount: false,
    });
  });
  it("warns from 80 % of the threshold; below that, or for a loan, nothing", () => {
    expect(cardCriminalRisk(card({ outstandingPrincipalFen: 4_000_000 }), "2026-05-11")?.level).toBe("approaching");
    expect(cardCriminalRisk(card({ outstandingPrincipalFen: 3_999_999 }), "2026-05-11")).toBeNull();
    expect(cardCriminalRisk(card({ debtKind: "loan" }), "2026-05-11")).toBeNull();
  });
  it("used the 2009 threshold of ¥10,000 before 2018-12-01", () => {
    const small = card({ outstandingPrincipalFen: 1_000_000, firstNoticeOn: "2018-01-01", secondNoticeOn: "2018-02-01" });
    expect(cardCriminalRisk(small, "2018-11-30")).toMatchObject({ level: "over", version: 1 });
    expect(cardCriminalRisk(small, "2018-12-01")).toBeNull();
  });
});

describe("priority order", () => {
  const other = (id: string, principal: number, over: Partial<DebtForTriage> = {}) =>
    card({
      debtId: id,
      debtKind: "loan",
      lenderType: "consumer-finance",
      outstandingPrincipalFen: principal,
      firstNoticeOn: null,
      secondNoticeOn: null,
      ...over,
    });
  const today = "2026-06-01";
  it("secured, then enforcement, then a card near the line, then the rest by principal", () => {
    const order = priorityOrder(
      [
        other("small", 100_000),
        card(),
        other("big", 900_000),
        other("court", 50_000, { underEnforcement: true }),
        other("house", 10_000, { secured: true }),
      ],
      today,
    );
    expect(order.map((o) => `${o.debtId}:${o.debtClass}:${o.priority}`)).toEqual([
      "house:secured:true",
      "court:enforcement:true",
      "card:card-criminal-risk:true",
      "big:other:false",
      "small:other:false",
    ]);
  });
  it("a counselor's place with a reason goes first and makes the debt a priority", () => {
    const order = priorityOrder(
      [other("house", 10_000, { secured: true }), other("rent", 5_000, { priorityRank: 1, priorityReason: "房东借款，已起诉" })],
      today,
    );
    expect(order.map((o) => o.debtId)).toEqual(["rent", "house"]);
    expect(order[0]).toMatchObject({ priority: true, override: { rank: 1, reason: "房东借款，已起诉" } });
  });
  it("a place needs a reason and a whole number 1–50", () => {
    expect(() => validatePriorityOverride(1, " ")).toThrow(DomainError);
    expect(() => validatePriorityOverride(0, "x")).toThrow(DomainError);
    expect(() => validatePriorityOverride(null, "why")).toThrow(DomainError);
    expect(() => validatePriorityOverride(2, "因为")).not.toThrow();
  });
});

describe("the plan builder pays priority debts first", () => {
  const debt = (debtId: string, principalFen: number): PlanDebt => ({
    debtId,
    balanceFen: principalFen,
    principalFen,
    interestFen: 0,
    penaltyFen: 0,
    feesFen: 0,
    annualRatePct: "0",
    arrangement: { instalment: { method: "interest-free", months: 10 } },
  });
  it("the room goes to the other debts; the priority debt gets its scheduled payment", () => {
    const input = {
      debts: [debt("car", 1_000_000), debt("app", 1_000_000)],
      affordableFen: 300_000,
      startDate: "2026-07-01",
      roomUse: "clear-early" as const,
    };
    const plain = evaluatePlan(input);
    const first = evaluatePlan({ ...input, priorityDebtIds: ["car"] });
    expect(plain.lines.map((l) => l.monthlyFen)).toEqual([150_000, 150_000]);
    expect(first.lines.map((l) => l.monthlyFen)).toEqual([100_000, 200_000]);
    expect(first.priority).toEqual({ debtIds: ["car"], firstMonthFen: 100_000, peakMonthFen: 100_000 });
    expect(first.reasons).toEqual([]);
  });
  it("says so when the priority debts alone are over the affordable amount", () => {
    const result = evaluatePlan({
      debts: [debt("car", 1_000_000), debt("app", 500_000)],
      affordableFen: 90_000,
      startDate: "2026-07-01",
      priorityDebtIds: ["car"],
    });
    expect(result.reasons.map((r) => r.code)).toContain("priority-over-affordable");
  });
});

describe("Art. 70: a card's personalised instalments at most 60 months", () => {
  const basis = { interestFen: 0, penaltyFen: 0, feesFen: 0, balanceFen: 6_000_000 };
  const terms = (months: number) => ({
    instalments: { amountFen: 6_000_000, months, method: "interest-free" as const, annualRatePct: "0", firstDueDate: "2026-07-01" },
  });
  it("warns past 60 months for a bank card, citing the rule; not for a loan or another lender", () => {
    const limit = termLimitFor("credit-card", "bank", "2026-06-01");
    expect(limit).toEqual({ ruleId: "limit.card-instalment-art70", version: 1, maxMonths: 60 });
    const warn = (months: number, termLimit = limit) =>
      checkTerms(terms(months), { ...basis, termLimit }, "2026-06-01").warnings.map((w) => w.code);
    expect(warn(60)).not.toContain("overTermLimit");
    expect(warn(61)).toContain("overTermLimit");
    expect(termLimitFor("loan", "bank", "2026-06-01")).toBeNull();
    expect(termLimitFor("credit-card", "consumer-finance", "2026-06-01")).toBeNull();
    expect(termLimitFor("credit-card", "bank", "2010-12-31")).toBeNull();
  });
});

describe("credit-record clocks", () => {
  const calendar = buildCalendar();
  const facts = (over: Partial<CreditFacts> = {}): CreditFacts => ({
    creditReported: "yes",
    creditReportedOn: "2024-03-01",
    overdueSince: "2024-01-15",
    settledOn: "2026-02-20",
    originalPrincipalFen: 800_000,
    creditDisputeFiledOn: null,
    ...over,
  });
  it("ages off 5 years after settlement", () => {
    expect(creditClocks(facts(), "2026-06-01", calendar).agesOff).toEqual({ ruleId: "credit.retention", version: 1, date: "2031-02-20" });
    expect(creditClocks(facts({ settledOn: null }), "2026-06-01", calendar).agesOff).toBeNull();
  });
  it("the 2026 repair: may apply, does not (amount, years, late), cannot tell; not in force in 2025", () => {
    const verdict = (f: CreditFacts, today = "2026-06-01") => creditClocks(f, today, calendar).repair;
    expect(verdict(facts())?.verdict).toBe("may-apply");
    expect(verdict(facts({ originalPrincipalFen: 1_000_001 }))).toMatchObject({ verdict: "does-not-apply", reasons: ["over-amount"] });
    expect(verdict(facts({ overdueSince: "2019-12-31" }))?.reasons).toEqual(["overdue-outside-years"]);
    expect(verdict(facts({ settledOn: "2026-04-01" }))?.reasons).toEqual(["not-repaid-in-time"]);
    expect(verdict(facts({ settledOn: null }), "2026-03-01")?.verdict).toBe("cannot-tell");
    expect(verdict(facts({ settledOn: null }))?.reasons).toEqual(["not-settled"]);
    expect(verdict(facts(), "2025-12-31")).toBeNull();
  });
  it("a dispute is answered within 20 days, calendar and working both given", () => {
    const d = creditClocks(facts({ creditDisputeFiledOn: "2026-09-21" }), "2026-10-12", calendar).dispute;
    expect(d).toMatchObject({ ruleId: "credit.dispute", days: 20, calendarDue: "2026-10-11", overdue: true });
    // 20 working days over the 2026 National Day holiday (1–7 Oct off, Sat 10 Oct worked) end later.
    expect(d!.workingDue > d!.calendarDue).toBe(true);
  });
});
