import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Download, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { expectNoSideScroll, mutate, newAgency, PHONE, plusDays, shanghaiToday, type Agency } from "./agency";

/**
 * Issue 11, seams 10 and 11 (outcomes a person can read; wording), in a new agency: the admin's outcomes
 * read "—" where nothing was measured, then days with their unit and the 90th percentile as a sentence once
 * there is an agreement; the CSV and Excel carry the screen's figures under headers in the reader's
 * language; the case page's tab survives a reload; the client's timeline on her phone speaks in her words.
 *
 * With SHOTS_DIR set, the pages are also saved as screenshots there (desktop and 375 px, both languages).
 */

test.describe.configure({ mode: "serial" });

let agency: Agency;
let caseId = "";

test.beforeAll(async ({ browser }) => {
  agency = await newAgency(browser);
});

test.afterAll(async () => {
  for (const p of [agency?.admin, agency?.counselor, agency?.client]) await p?.context.close();
});

async function shot(page: Page, name: string) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
  const desktop = page.viewportSize();
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: join(dir, `${name}-375.png`), fullPage: true });
  if (desktop) await page.setViewportSize(desktop);
}

/** Nothing scrolls sideways at 375 px. */
async function fitsPhone(page: Page) {
  const desktop = page.viewportSize()!;
  await page.setViewportSize(PHONE);
  // Charts measure their box after a resize: wait until the layout has settled, then check.
  await expect
    .poll(() =>
      page.evaluate(() => {
        const clipped = (e: Element): boolean => {
          for (let p = e.parentElement; p; p = p.parentElement)
            if (["auto", "scroll", "hidden"].includes(getComputedStyle(p).overflowX)) return true;
          return false;
        };
        // What sticks out of the page (a table scrolling inside its own box does not).
        return [...document.querySelectorAll("body *")]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(e))
          .map((e) => `${e.tagName}.${e.className} ${e.textContent?.slice(0, 30)}`)
          .slice(0, 3);
      }),
    )
    .toEqual([]);
  await expectNoSideScroll(page);
  await page.setViewportSize(desktop);
}

async function setLanguage(page: Page, locale: "zh-CN" | "en") {
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: new URL(page.url()).origin }]);
  await page.reload();
}

const shown = async (page: Page, id: string) => (await page.getByTestId(id).textContent())!.trim();

async function downloaded(page: Page, link: string): Promise<Download> {
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: link, exact: true }).click();
  return download;
}

async function csvRows(file: Download) {
  const text = readFileSync((await file.path())!, "utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  return Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
}

async function sheetRows(file: Download) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile((await file.path())!);
  const rows: Array<{ labels: string[]; value: unknown; numFmt: string }> = [];
  book.worksheets[0]!.eachRow((row) =>
    rows.push({
      labels: [1, 2, 3, 4].map((n) => String(row.getCell(n).value ?? "")),
      value: row.getCell(4).value,
      numFmt: row.getCell(4).numFmt,
    }),
  );
  return rows;
}

const pick = <T extends string[] | { labels: string[] }>(rows: T[], section: string, group: string, metric: string) => {
  const row = rows.find((r) => {
    const cells = Array.isArray(r) ? r : r.labels;
    return cells[0] === section && cells[1] === group && cells[2] === metric;
  });
  expect(row, `${section} / ${group} / ${metric}`).toBeTruthy();
  return row!;
};

/** The chart names a screen reader hears, with the agency's own names (lenders, people) taken out. */
async function chartNames(page: Page) {
  const labels = await page.getByTestId("outcome-chart").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""));
  const names = [...agency.lenders.map((l) => l.name), agency.counselor.name, agency.client.fullName];
  return labels.map((l) => names.reduce((s, n) => s.split(n).join("·"), l));
}

test("an admin of a new agency sees — where nothing was measured, never 0 or ¥0.00", async () => {
  const page = agency.admin.page;
  await page.goto("/admin/outcomes");
  await expect(page.getByRole("heading", { name: "工作成效" })).toBeVisible();
  for (const id of ["kpi-median-days", "kpi-waived", "kpi-monthly-reduction", "kpi-acceptance-rate", "kpi-adherence-rate"]) {
    await expect(page.getByTestId(id)).toHaveText("—");
  }
  await expect(page.getByTestId("kpi-monthly-reduction-basis")).toHaveText("这段时间还没有达成协议。");
  await expect(page.getByTestId("kpi-adherence-basis")).toHaveText("这段时间没有到期的分期。");
  const text = await page.locator("main").innerText();
  expect(text).not.toContain("¥0.00");
  expect(text).not.toMatch(/NaN|（天）/);
  await fitsPhone(page);
  await shot(page, "outcomes-empty-zh");
  await setLanguage(page, "en");
  await expect(page.getByTestId("kpi-median-days")).toHaveText("—");
  await expect(page.getByTestId("kpi-monthly-reduction-basis")).toHaveText("No agreement was reached in this period.");
  await shot(page, "outcomes-empty-en");
  await setLanguage(page, "zh-CN");
});

test("after one agreement: days with their unit, the 90th percentile as a sentence, and the exports carry the screen's figures", async () => {
  const today = shanghaiToday();
  const counselor = agency.counselor.page;
  // 京东金条: owed 1,980,000 fen; the penalty (45,000) waived, the rest in 15 interest-free instalments.
  const kase = await mutate<{ id: string }>(counselor, "case.open", { debtId: agency.debtIds[0] });
  caseId = kase.id;
  const proposal = await mutate<{ id: string }>(counselor, "case.createProposal", {
    caseId,
    channel: "phone",
    validUntil: plusDays(today, 30),
    terms: {
      waiver: { penaltyFen: 45_000 },
      instalments: { amountFen: 1_935_000, method: "interest-free", months: 15, annualRatePct: "0", firstDueDate: plusDays(today, 30) },
    },
  });
  await mutate(counselor, "case.sendProposal", { caseId, proposalId: proposal.id });
  await mutate(counselor, "case.recordResponse", { caseId, proposalId: proposal.id, kind: "accepted", receivedOn: today, agreedOn: today });

  const page = agency.admin.page;
  await page.goto("/admin/outcomes");
  // Sent and agreed on the same day: 0 days, with its unit.
  await expect(page.getByTestId("kpi-median-days")).toHaveText("0 天");
  await expect(page.getByTestId("kpi-p90")).toHaveText("90% 的协议在 0 天内达成");
  await expect(page.getByTestId("kpi-waived")).toHaveText("¥450.00");
  await expect(page.getByTestId("kpi-monthly-reduction")).toHaveText(/^¥[\d,]+\.\d{2}$/);
  await expect(page.getByTestId("kpi-monthly-reduction-basis")).toHaveText("按 1 份协议计算");
  await expect(page.getByTestId("kpi-acceptance-rate")).toHaveText("100.0%");
  const screen = {
    waived: await shown(page, "kpi-waived"),
    reduction: await shown(page, "kpi-monthly-reduction"),
    median: await shown(page, "kpi-median-days"),
    rate: await shown(page, "kpi-acceptance-rate"),
  };
  for (const name of await chartNames(page)) expect(name).toMatch(/^[^：]+：/);
  await fitsPhone(page);
  await shot(page, "outcomes-data-zh");

  const csv = await csvRows(await downloaded(page, "导出 CSV"));
  expect(csv[0]).toEqual(["部分", "分组", "指标", "数值"]);
  expect(pick(csv, "为客户争取到的减免", "合计", "减免金额（利息、罚息、费用）")[3]).toBe(screen.waived);
  expect(pick(csv, "为客户争取到的减免", "合计", "每月还款减少")[3]).toBe(screen.reduction);
  expect(pick(csv, "从第一次提出方案到达成协议", "合计", "中位数")[3]).toBe(screen.median);
  expect(pick(csv, "方案接受率", "合计", "接受率")[3]).toBe(screen.rate);
  expect(pick(csv, "各咨询师的客户与成效", agency.counselor.name, "减免金额（利息、罚息、费用）")[3]).toBe(screen.waived);

  const xlsx = await sheetRows(await downloaded(page, "导出 Excel"));
  expect(xlsx[0]!.labels).toEqual(["部分", "分组", "指标", "数值"]);
  const waived = pick(xlsx, "为客户争取到的减免", "合计", "减免金额（利息、罚息、费用）");
  expect(waived.value).toBe(Number(screen.waived.replace(/[¥,]/g, "")));
  expect(waived.numFmt).toContain("¥");
  expect(pick(xlsx, "为客户争取到的减免", "合计", "每月还款减少").value).toBe(Number(screen.reduction.replace(/[¥,]/g, "")));

  // The raw file for programs keeps fen.
  const raw = await csvRows(await downloaded(page, "导出原始数据（CSV，金额以分为单位，供程序读取）"));
  expect(raw[0]).toEqual(["section", "group", "metric", "value"]);
  expect(pick(raw, "relief", "total", "waivedFen")[3]).toBe("45000");

  // The same in English.
  await setLanguage(page, "en");
  await expect(page.getByTestId("kpi-median-days")).toHaveText("0 days");
  await expect(page.getByTestId("kpi-p90")).toHaveText("90% of agreements were reached within 0 days");
  await expect(page.getByTestId("kpi-monthly-reduction-basis")).toHaveText("Over 1 agreement");
  await expect(page.getByTestId("kpi-waived")).toHaveText(screen.waived);
  // Every chart's name is in English: nothing Chinese is left once the agency's own names are taken out.
  const names = await chartNames(page);
  expect(names.length).toBeGreaterThan(0);
  for (const name of names) {
    expect(name).not.toMatch(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/);
    expect(name).toMatch(/^[A-Z][^:]+: /);
  }
  await fitsPhone(page);
  await shot(page, "outcomes-data-en");
  const csvEn = await csvRows(await downloaded(page, "Export CSV"));
  expect(csvEn[0]).toEqual(["Section", "Group", "Figure", "Value"]);
  expect(pick(csvEn, "Relief obtained", "All", "Waived (interest, penalty, fees)")[3]).toBe(screen.waived);
  expect(pick(csvEn, "Relief obtained", "All", "Monthly payment reduction")[3]).toBe(screen.reduction);
  expect(pick(csvEn, "From first proposal to agreement", "All", "Median")[3]).toBe("0 days");
  const xlsxEn = await sheetRows(await downloaded(page, "Export Excel"));
  expect(xlsxEn[0]!.labels).toEqual(["Section", "Group", "Figure", "Value"]);
  expect(pick(xlsxEn, "Relief obtained", "All", "Waived (interest, penalty, fees)").value).toBe(Number(screen.waived.replace(/[¥,]/g, "")));
  await setLanguage(page, "zh-CN");
});

test("the case page's tab is in the URL: reload, back and forward keep it; a bad value opens the overview", async () => {
  const page = agency.counselor.page;
  await page.goto(`/cases/${caseId}`);
  const tab = (name: string) => page.getByRole("navigation", { name: "案件" }).getByRole("button", { name, exact: true });
  await expect(tab("概况")).toHaveAttribute("aria-pressed", "true");
  // Moves made by sending and answering say so in words, not in the stored English line.
  await expect(page.getByText("方案 1 已提交").first()).toBeVisible();
  await expect(page.getByText("平台对方案 1 的答复：同意")).toBeVisible();
  await expect(page.getByText(/proposal #1/)).toHaveCount(0);
  await tab("方案与答复").click();
  await expect(page).toHaveURL(new RegExp(`/cases/${caseId}\\?tab=proposals$`));
  await expect(tab("方案与答复")).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await expect(tab("方案与答复")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByText("方案 1", { exact: true })).toBeVisible();
  await tab("联系记录").click();
  await expect(page).toHaveURL(/\?tab=contacts$/);
  // The contact entry's channel is how the contact happened, not how a proposal was submitted.
  await expect(page.getByLabel("联系方式")).toBeVisible();
  await expect(page.getByLabel("提交渠道")).toHaveCount(0);
  await page.goBack();
  await expect(tab("方案与答复")).toHaveAttribute("aria-pressed", "true");
  await page.goForward();
  await expect(tab("联系记录")).toHaveAttribute("aria-pressed", "true");
  await page.goto(`/cases/${caseId}?tab=nonsense`);
  await expect(tab("概况")).toHaveAttribute("aria-pressed", "true");
  await page.goto(`/cases/${caseId}?tab=schedule`);
  await expect(tab("还款计划")).toHaveAttribute("aria-pressed", "true");
  await shot(page, "case-schedule-zh");
  await setLanguage(page, "en");
  await expect(page.getByRole("navigation", { name: "Case" }).getByRole("button", { name: "Schedule", exact: true })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await shot(page, "case-schedule-en");
  await setLanguage(page, "zh-CN");
});

test("the client's timeline on a 375 px phone speaks in her words, never in internal states", async () => {
  const page = agency.client.page;
  await page.goto("/portal");
  const timeline = page.locator("section[aria-labelledby=timeline]");
  await expect(timeline.getByRole("heading", { name: "进展记录" })).toBeVisible();
  await expect(timeline).toContainText("京东金条同意了方案");
  await expect(timeline).toContainText("已向京东金条提交还款方案");
  await expect(timeline).toContainText("我们开始为您整理京东金条的情况");
  const zh = await timeline.innerText();
  for (const word of ["接案", "准备中", "已提出方案", "intake", "preparing"]) expect(zh).not.toContain(word);
  // Each lender's line says where things stand in her words too (the case states are staff words).
  const lenders = page.getByTestId("lender-status");
  await expect(lenders.first()).toBeVisible();
  for (const text of await lenders.allInnerTexts())
    for (const word of ["接案", "准备中", "已提出方案", "协商中", "已达成协议"]) expect(text).not.toContain(word);
  await expect(page.getByTestId("lender-answers").locator("> li", { hasText: "京东金条" }).getByTestId("lender-status")).toHaveText(
    "已谈妥",
  );
  // Sending is told once, though the case passed through two states at that moment.
  expect(zh.split("已向京东金条提交还款方案").length - 1).toBe(1);
  await expectNoSideScroll(page);
  await timeline.scrollIntoViewIfNeeded();
  if (process.env.SHOTS_DIR) await timeline.screenshot({ path: join(process.env.SHOTS_DIR, "portal-timeline-zh-375.png") });

  await setLanguage(page, "en");
  await expect(timeline).toContainText("京东金条 accepted the proposal");
  await expect(timeline).toContainText("A repayment proposal was sent to 京东金条");
  expect(await timeline.innerText()).not.toMatch(/intake|preparing|接案|准备中/i);
  await expectNoSideScroll(page);
  if (process.env.SHOTS_DIR) {
    await timeline.screenshot({ path: join(process.env.SHOTS_DIR, "portal-timeline-en-375.png") });
    await page.setViewportSize({ width: 1280, height: 900 });
    await timeline.screenshot({ path: join(process.env.SHOTS_DIR, "portal-timeline-en-desktop.png") });
    await setLanguage(page, "zh-CN");
    await timeline.screenshot({ path: join(process.env.SHOTS_DIR, "portal-timeline-zh-desktop.png") });
    await page.setViewportSize(PHONE);
  }
});
