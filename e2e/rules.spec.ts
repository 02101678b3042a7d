import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { test, expect } from "./fixtures";
import { expectNoSideScroll, PHONE, plusDays, shanghaiToday } from "./agency";
import zhRules from "../messages/zh-CN/rules.json" with { type: "json" };

/**
 * Issue 15 on a new agency: the rules as dated, cited data, seen by each role that sees them.
 * (a) A loan's real annual rate (IRR, its guarantee fee included) against the rate lines that applied on its
 *     loan date — the counselor's debt view with each line's source, the client's portal on a 375 px phone,
 *     the negotiation letter — the same figures and the same careful words on each. The same loan made before
 *     the 助贷 line took effect (2025-10-01) is compared with the older lines only.
 * (b) A collector's call in the quiet hours and a fourth connected call in a day are flagged, each flag naming
 *     its rule and version, on the case's contact log and on the client file.
 * (c) The admin's rules page lists the rules in force with their sources and dates: the same rules and figures.
 */

type RateLine = {
  ruleId: string;
  version: number;
  pct: string;
  irrAbove: boolean | null;
  source: { document: string; issuer: string; date: string; confidence: string };
};
type Debt = {
  id: string;
  contractNumber: string | null;
  loanDate: string | null;
  irrPct: number | null;
  irrWithoutFeesPct: number | null;
  rateLines: RateLine[];
};
type Flag = { flag: string; ruleId: string; version: number };

const R = zhRules.rules;
const title = (ruleId: string) => ruleId.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], R.titles) as string;
const named = (l: RateLine) => R.lines.named.replace("{line}", title(l.ruleId)).replace("{pct}", l.pct);
const cite = (f: Flag) =>
  `${R.flags[f.flag as keyof typeof R.flags]} · ${R.flagCite.replace("{rule}", title(f.ruleId)).replace("{version}", String(f.version))}`;
/** The careful close every comparison ends with (portal and letter share it; the counselor's summary too). */
const CAREFUL = "此为协商参考，并非法律结论。";

/** Twelve monthly repayments of ¥930 from the month after `loanDate` (the 3rd of each month), plus a ¥300 guarantee fee on the day. */
function flows(loanDate: string) {
  const [y, m] = loanDate.split("-").map(Number) as [number, number];
  const out: Array<{ date: string; amountFen: number; direction: "disbursement" | "repayment"; feeKind?: "guarantee" }> = [
    { date: loanDate, amountFen: 1_000_000, direction: "disbursement" },
    { date: loanDate, amountFen: 30_000, direction: "repayment", feeKind: "guarantee" },
  ];
  for (let i = 1; i <= 12; i++) {
    const month = m - 1 + i;
    const day = `${y + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}-03`;
    out.push({ date: day, amountFen: 93_000, direction: "repayment" });
  }
  return out;
}

const SHOTS = process.env.SHOTS_DIR;
async function shot(page: import("@playwright/test").Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  await page.screenshot({ path: `${SHOTS}/${name}-screen.png` });
}

test("rate lines by loan date, conduct flags citing their rule, and the rules page agree on every screen", async ({
  tenant,
  loginAs,
  api,
}, testInfo) => {
  test.setTimeout(240_000);
  const counselor = loginAs("counselor");
  const client = loginAs("client");
  const admin = loginAs("admin");
  const jd = tenant.lenders.find((l) => l.name === "京东金条")!;
  const today = shanghaiToday();

  // ---------------------------------------------------------------- (a) the rate against the lines of its day
  const loan = (contractNumber: string, loanDate: string) =>
    api("counselor").mutate<{ id: string }>("debt.create", {
      clientId: tenant.client.clientId,
      lenderId: jd.id,
      contractNumber,
      loanDate,
      receivedFen: 1_000_000,
      originalPrincipalFen: 1_000_000,
      outstandingPrincipalFen: 600_000,
      interestFen: 20_000,
      rateValue: "0.05",
      rateUnit: "daily",
      termMonths: 12,
      overdueSince: plusDays(today, -40),
      creditReported: "yes",
      collectionStatus: "in-house",
      cashFlows: flows(loanDate),
    });
  const after = await loan("JT-2025-1103", "2025-11-03");
  const before = await loan("JT-2025-0603", "2025-06-03");
  const { debts } = await api("counselor").query<{ debts: Debt[] }>("debt.list", { clientId: tenant.client.clientId });
  const newer = debts.find((d) => d.id === after.id)!;
  const older = debts.find((d) => d.id === before.id)!;

  // The IRR counts the guarantee fee: above the 24 % lines with it, below them without it, below 36 % either way.
  expect(newer.irrPct).not.toBeNull();
  expect(newer.irrPct!).toBeGreaterThan(24);
  expect(newer.irrPct!).toBeLessThan(36);
  expect(newer.irrWithoutFeesPct!).toBeLessThan(24);
  // A loan made from 2025-10-01 through a 助贷 arrangement meets the comprehensive-cost line; the same loan in June does not.
  const ids = (d: Debt) => d.rateLines.map((l) => `${l.ruleId}=${l.pct}`).sort();
  expect(ids(newer)).toEqual(["rate.cash-loan-36=36", "rate.facilitation-comprehensive-24=24", "rate.financial-loan-24=24"]);
  expect(ids(older)).toEqual(["rate.cash-loan-36=36", "rate.financial-loan-24=24"]);
  const irr = newer.irrPct!.toFixed(2);
  const above = newer.rateLines.filter((l) => l.irrAbove);
  expect(above.map((l) => l.ruleId).sort()).toEqual(["rate.facilitation-comprehensive-24", "rate.financial-loan-24"]);

  // The counselor's debt view: the IRR, each line with its source, and the summary of the lines it is above.
  await counselor.goto(`/clients/${tenant.client.clientId}?tab=debts`);
  const card = counselor.getByTestId("debt-list").locator("> li").filter({ hasText: "JT-2025-1103" });
  await expect(card).toContainText(`${irr}%`);
  const lines = card.getByTestId("rate-line");
  await expect(lines).toHaveCount(3);
  await expect(card.getByTestId("rate-lines")).toContainText(`借款日（2025-11-03）适用的利率参考线`);
  for (const l of newer.rateLines) {
    const row = card.locator(`[data-testid="rate-line"][data-rule="${l.ruleId}"]`);
    await expect(row).toContainText(`${title(l.ruleId)}：${l.pct}%`);
    await expect(row).toContainText(l.irrAbove ? R.lines.irrAbove : R.lines.below);
    // The cited source: document, issuer, date and how far it was checked.
    await expect(row.getByTestId("rate-line-source")).toHaveText(
      `依据：${l.source.document}，${l.source.issuer}，${l.source.date}（${R.confidence[l.source.confidence as keyof typeof R.confidence]}）`,
    );
  }
  await expect(card.getByTestId("rate-above")).toContainText(above.map(named)[0]!);
  await expect(card.getByTestId("rate-above")).toContainText(above.map(named)[1]!);
  await expect(card.getByTestId("rate-above")).toContainText(CAREFUL);
  await expect(card.getByTestId("fee-flows")).toContainText(`${irr}%`);
  await expect(card.getByTestId("fee-flows")).toContainText(`${newer.irrWithoutFeesPct!.toFixed(2)}%`);
  const olderCard = counselor.getByTestId("debt-list").locator("> li").filter({ hasText: "JT-2025-0603" });
  await expect(olderCard.getByTestId("rate-line")).toHaveCount(2);
  await expect(olderCard.locator('[data-rule="rate.facilitation-comprehensive-24"]')).toHaveCount(0);
  await shot(counselor, "debt-rates-zh-desktop");

  // The client's portal on her phone: the same IRR and lines, in the same careful words.
  await client.goto("/portal");
  const notes = client.getByTestId("portal-rate-note");
  const note = notes.filter({ hasText: named(above.find((l) => l.ruleId === "rate.facilitation-comprehensive-24")!) });
  await expect(note).toHaveCount(1);
  await expect(note).toContainText(`您在京东金条的借款（借款日 2025-11-03）实际年化利率约为 ${irr}%`);
  for (const l of above) await expect(note).toContainText(named(l));
  await expect(note).toContainText("高于借款时适用的参考线");
  await expect(note).toContainText(CAREFUL);
  // The June loan's note names only the line that applied then.
  const olderNote = notes.filter({ hasText: "借款日 2025-06-03" });
  await expect(olderNote).toContainText(`${older.irrPct!.toFixed(2)}%`);
  await expect(olderNote).toContainText(named(older.rateLines.find((l) => l.ruleId === "rate.financial-loan-24")!));
  await expect(olderNote).not.toContainText(title("rate.facilitation-comprehensive-24"));
  expect(client.viewportSize()).toEqual(PHONE);
  await expectNoSideScroll(client);
  await client.getByTestId("portal-rate-notes").scrollIntoViewIfNeeded();
  await shot(client, "portal-rates-zh-375");

  // The letter to the lender states the same comparison.
  const kase = await api("counselor").mutate<{ id: string }>("case.open", { debtId: after.id });
  const proposal = await api("counselor").mutate<{ id: string }>("case.createProposal", {
    caseId: kase.id,
    channel: "app",
    validUntil: plusDays(today, 14),
    terms: {
      instalments: { amountFen: 620_000, method: "interest-free", months: 12, annualRatePct: "0", firstDueDate: plusDays(today, 30) },
    },
  });
  const res = await counselor.request.get(`/api/cases/${kase.id}/letter?proposalId=${proposal.id}`);
  expect(res.status()).toBe(200);
  const pdfPath = testInfo.outputPath("letter.pdf");
  writeFileSync(pdfPath, await res.body());
  const letter = execFileSync("pdftotext", [pdfPath, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
  expect(letter).toContain(`借款日期2025-11-03`);
  expect(letter).toContain(`本笔借款的年化利率约为${irr}%，高于当时适用的参考线`);
  for (const l of above) expect(letter).toContain(named(l).replace(/\s+/g, ""));
  expect(letter).toContain(CAREFUL);

  // ---------------------------------------------------------------- (b) conduct flags that cite their rule
  const bank = await api("counselor").mutate<{ id: string }>("case.open", { debtId: tenant.debtIds[1]! });
  const yesterday = plusDays(today, -1);
  // Four connected calls from the collector yesterday daytime (Beijing): the fourth is over the limit of three.
  for (const hour of ["09", "10", "11", "14"]) {
    await api("counselor").mutate("contact.append", {
      caseId: bank.id,
      at: `${yesterday}T${hour}:30:00+08:00`,
      channel: "phone",
      direction: "inbound",
      party: "collector",
      connected: true,
      summary: `催收来电 ${hour}:30`,
    });
  }
  // And a call at 23:10, logged on the page: inside the quiet hours.
  await counselor.goto(`/cases/${bank.id}?tab=contacts`);
  const form = counselor.locator("form").filter({ has: counselor.getByLabel("内容摘要") });
  await form.getByLabel("时间").fill(`${yesterday}T23:10`);
  await form.getByLabel("方向").selectOption({ label: "对方来电/来信" });
  await form.getByLabel("对方").selectOption({ label: "催收人员" });
  await form.getByLabel("电话已接通").check();
  await form.getByLabel("内容摘要").fill("催收员深夜来电");
  await form.getByRole("button", { name: "新增联系记录" }).click();
  await expect(counselor.getByTestId("contact-entry")).toHaveCount(5);

  const log = await api("counselor").query<Array<{ summary: string; conductFlags: Flag[] }>>("contact.list", { caseId: bank.id });
  const flagsOf = (summary: string) => log.find((e) => e.summary === summary)!.conductFlags;
  expect(flagsOf("催收来电 11:30")).toEqual([]);
  expect(flagsOf("催收来电 14:30")).toEqual([{ flag: "over-connected-calls", ruleId: "conduct.gbt-45251", version: 1 }]);
  // A bank's collector: the national standard and the banking association's guideline both name the late call.
  expect(
    flagsOf("催收员深夜来电")
      .map((f) => `${f.flag}:${f.ruleId}:${f.version}`)
      .sort(),
  ).toEqual([
    "night-contact:conduct.cba-consumer-collection:1",
    "night-contact:conduct.gbt-45251:1",
    "over-connected-calls:conduct.gbt-45251:1",
  ]);
  const flagged = log.filter((e) => e.conductFlags.length > 0);

  // On the case's log: each flagged entry's flags, each with its rule and version.
  for (const e of flagged) {
    const entry = counselor.getByTestId("contact-entry").filter({ hasText: e.summary });
    await expect(entry.getByTestId("conduct-flag")).toHaveCount(e.conductFlags.length);
    for (const f of e.conductFlags) await expect(entry).toContainText(cite(f));
  }
  await counselor.getByTestId("contact-entry").filter({ hasText: "催收员深夜来电" }).scrollIntoViewIfNeeded();
  await shot(counselor, "case-flags-zh-desktop");

  // On the client file's contact log: the same flags, the same words.
  await counselor.goto(`/clients/${tenant.client.clientId}?tab=contacts`);
  for (const e of flagged) {
    const entry = counselor.getByTestId("client-contact").filter({ hasText: e.summary });
    await expect(entry.getByTestId("conduct-flag")).toHaveCount(e.conductFlags.length);
    for (const f of e.conductFlags) await expect(entry).toContainText(cite(f));
  }
  await expect(counselor.getByTestId("client-contact").filter({ hasText: "催收来电 11:30" }).getByTestId("conduct-flag")).toHaveCount(0);

  // ---------------------------------------------------------------- (c) the rules page, as the admin
  await admin.goto("/admin/rules");
  await expect(admin.getByRole("heading", { name: R.admin.title, exact: true })).toBeVisible();
  const ruleRow = (ruleId: string) => admin.locator(`[data-testid="rule"][data-rule="${ruleId}"][data-in-force="true"]`);
  // Every line the debt view compared against is in force today, with the same source and figure.
  for (const l of newer.rateLines) {
    const row = ruleRow(l.ruleId);
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(title(l.ruleId));
    await expect(row).toContainText(`第 ${l.version} 版`);
    await expect(row).toContainText(l.source.document);
    await expect(row).toContainText(`${l.source.issuer}，${l.source.date}`);
    await expect(row).toContainText(`年 ${l.pct}%`);
  }
  await expect(ruleRow("rate.facilitation-comprehensive-24")).toContainText("自 2025-10-01 起");
  // The conduct rules the flags cited, with their figures and dates.
  await expect(ruleRow("conduct.gbt-45251")).toContainText("22:00–08:00 不得联系");
  await expect(ruleRow("conduct.gbt-45251")).toContainText("每日接通电话不超过 3 次");
  await expect(ruleRow("conduct.gbt-45251")).toContainText("自 2025-02-28 起");
  await expect(ruleRow("conduct.gbt-45251")).toContainText("GB/T 45251-2025");
  await expect(ruleRow("conduct.cba-consumer-collection")).toContainText("自 2026-01-31 起");
  // A rule no longer in force is listed apart, marked.
  await expect(admin.locator('[data-testid="rule"][data-rule="rate.private-lending-24"]')).toHaveAttribute("data-in-force", "false");
  await shot(admin, "admin-rules-zh-desktop");

  // The admin's menu holds the management pages, the rules page among them.
  await admin.getByTestId("nav-menu").click();
  await expect(admin.getByRole("menuitem", { name: R.admin.nav })).toHaveAttribute("href", "/admin/rules");
  await admin.keyboard.press("Escape");

  // ---------------------------------------------------------------- the same pages in English and on a phone
  if (SHOTS) {
    for (const [page, path, name] of [
      [admin, "/admin/rules", "admin-rules"],
      [counselor, `/clients/${tenant.client.clientId}?tab=debts`, "debt-rates"],
    ] as const) {
      for (const locale of ["zh-CN", "en"]) {
        await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: new URL(page.url()).origin }]);
        for (const size of [
          { width: 1280, height: 900 },
          { width: 375, height: 740 },
        ]) {
          await page.setViewportSize(size);
          await page.goto(path);
          await page.waitForLoadState("networkidle");
          await shot(page, `${name}-${locale}-${size.width}`);
          if (size.width === 375) await expectNoSideScroll(page);
        }
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    await admin.setViewportSize({ width: 375, height: 740 });
    await admin.getByTestId("nav-menu").click();
    await shot(admin, "admin-menu-en-375");
    await admin.keyboard.press("Escape");
    await admin.setViewportSize({ width: 1280, height: 900 });
    await admin.getByTestId("nav-menu").click();
    await shot(admin, "admin-menu-en-desktop");
    for (const locale of ["zh-CN", "en"]) {
      await client.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: new URL(client.url()).origin }]);
      await client.goto("/portal");
      await shot(client, `portal-rates-${locale}-375`);
    }
  }
});
