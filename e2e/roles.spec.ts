import Papa from "papaparse";
import { mutate, newAgency, plusDays, query, shanghaiToday, type Agency } from "./agency";
import { expect, test } from "./fixtures";

/**
 * Issue 5, done when: per role of one new agency — a client on a 375 px phone reports a payment with its
 * receipt; a counselor works through the agenda (confirms that payment, completes a follow-up, and each item
 * leaves the agenda) and sees the notifications; an admin filters the outcomes by date and downloads a CSV
 * whose totals equal the dashboard's. The tests follow one another on that agency (serial), made through
 * the sign-up and invitation endpoints, so this also runs against any server (bench/two-servers.ts runs it
 * through HAProxy with E2E_BASE_URL).
 */
test.describe.configure({ mode: "serial" });

let agency: Agency;
test.beforeAll(async ({ browser }) => {
  agency = await newAgency(browser);
});
test.afterAll(async () => {
  for (const context of [agency?.admin.context, agency?.counselor.context, agency?.client.context]) await context?.close();
});

const FOLLOW_UP = "回电确认还款日（e2e）";
let lenderName = "";

test("setup through the API as the counselor: an accepted instalment plan for the client and a follow-up due today", async () => {
  const page = agency.counselor.page;
  const today = shanghaiToday();
  const { debts } = await query<{ debts: Array<{ id: string; lenderName: string }> }>(page, "debt.list", {
    clientId: agency.client.clientId,
  });
  const debt = debts.find((d) => d.id === agency.debtIds[0])!;
  lenderName = debt.lenderName;
  const kase = await mutate<{ id: string }>(page, "case.open", { debtId: debt.id });
  const proposal = await mutate<{ id: string }>(page, "case.createProposal", {
    caseId: kase.id,
    channel: "app",
    validUntil: plusDays(today, 14),
    terms: {
      instalments: { amountFen: 1_200_000, method: "interest-free", months: 12, annualRatePct: "0", firstDueDate: plusDays(today, 3) },
    },
  });
  await mutate(page, "case.sendProposal", { caseId: kase.id, proposalId: proposal.id });
  await mutate(page, "case.recordResponse", { caseId: kase.id, proposalId: proposal.id, kind: "accepted", receivedOn: today });
  await mutate(page, "case.createTask", { caseId: kase.id, title: FOLLOW_UP, dueOn: today });
});

test("a client on a 375 px phone reports a payment with its receipt and sees the lender's answer in the notifications", async () => {
  const page = agency.client.page;
  expect(page.viewportSize()?.width).toBe(375);
  await page.goto("/portal");
  await expect(page.getByRole("heading", { name: "我的还款计划" })).toBeVisible();
  // The plan section says what was agreed with the lender: the total, what is left and the next instalment.
  const agreed = page.getByTestId("agreed-schedules").locator("li").filter({ hasText: lenderName });
  await expect(agreed).toContainText(/协议共 ¥[\d,]+\.\d{2}，还剩 ¥[\d,]+\.\d{2}/);
  await expect(agreed).toContainText(/下一期 \d{4}-\d{2}-\d{2}，要还 ¥[\d,]+\.\d{2}/);
  const form = page.locator("section", { has: page.getByRole("heading", { name: "报告一笔还款" }) });
  await form.getByLabel("还给哪一家").selectOption({ label: lenderName });
  // Part of the first instalment (¥1,000.00), so it stays due after the counselor confirms this.
  await form.getByLabel("金额（元）").fill("500");
  await form.getByLabel("回单或截图（选填）").setInputFiles({
    name: "receipt.png",
    mimeType: "image/png",
    // A 1 × 1 PNG: the upload checks the file's real type, not its name.
    buffer: Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64"),
  });
  await form.getByRole("button", { name: "提交" }).click();
  await expect(form.getByText("已收到您的还款报告，咨询师核对后会确认。")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  // The bell leads to the client's own notifications: the lender's answer and the payment coming up.
  await page.getByTestId("notification-bell").click();
  await expect(page.getByRole("heading", { name: "提醒" })).toBeVisible();
  const list = page.getByTestId("notification-list");
  await expect(list).toContainText(`${lenderName} 已答复您的方案：同意`);
  await expect(list).toContainText(`要还 ${lenderName}`);
  await expect(list).not.toContainText(`${agency.client.fullName} ·`); // staff notifications name the client; a client's never do
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});

test("a counselor works through the agenda: confirms the reported payment and completes the follow-up", async () => {
  const page = agency.counselor.page;
  const name = agency.client.fullName;
  await page.goto("/caseload");
  // The bell leads to the counselor's notifications: the reported payment and the follow-up are there.
  await page.getByTestId("notification-bell").click();
  await expect(page.getByRole("heading", { name: "提醒" })).toBeVisible();
  const list = page.getByTestId("notification-list");
  await expect(list).toContainText(`${name} · ${lenderName}：客户报告已还 ¥500.00`);
  await expect(list).toContainText(`${name} · ${lenderName}：跟进事项已到期`);

  await page.getByRole("navigation", { name: "菜单" }).getByRole("link", { name: "今日待办" }).click();
  await expect(page.getByRole("heading", { name: "今日待办" })).toBeVisible();

  const reported = page
    .getByTestId("agenda-reported")
    .locator("li")
    .filter({ hasText: `${name} · ${lenderName}` });
  await expect(reported).toHaveCount(1);
  await expect(reported).toContainText("¥500.00");
  // The receipt is shown (through the checked download route) with who reported it.
  await expect(reported.getByTestId("receipt-thumbnail")).toBeVisible();
  await expect(reported.getByTestId("reported-by")).toContainText(`客户 ${name} 报告于`);
  await reported.getByRole("button", { name: /核对无误，确认/ }).click();
  await expect(page.getByText("已确认这笔还款")).toBeVisible();
  await expect(reported).toHaveCount(0);

  // The section shows its first items with the whole count; any more are shown on request.
  const showAllFollowUps = async () => {
    const more = page.getByTestId("agenda-followups-more");
    while (await more.isVisible()) {
      await more.click();
      await expect(page.getByText("正在加载…")).toHaveCount(0);
    }
  };
  await showAllFollowUps();
  const followUp = page.getByTestId("agenda-followups").locator("li").filter({ hasText: FOLLOW_UP });
  await expect(followUp).toHaveCount(1);
  await followUp.getByRole("button", { name: /已完成/ }).click();
  await expect(page.getByText(`已完成：${FOLLOW_UP}`)).toBeVisible();
  await expect(followUp).toHaveCount(0);
  // Still gone after a reload: the server agrees.
  await page.reload();
  await showAllFollowUps();
  await expect(page.getByTestId("agenda-followups").locator("li").filter({ hasText: FOLLOW_UP })).toHaveCount(0);
  await expect(
    page
      .getByTestId("agenda-reported")
      .locator("li")
      .filter({ hasText: `${name} · ${lenderName}` }),
  ).toHaveCount(0);

  // The instalment is still due (¥500.00 of ¥1,000.00 left); mark all read empties the bell.
  await page.getByTestId("notification-bell").click();
  await expect(list).toContainText(`${name} · ${lenderName}：`);
  await page.getByRole("button", { name: "全部标为已读" }).click();
  await expect(page.getByTestId("notification-count")).toHaveCount(0);
  await page.getByRole("button", { name: "只看未读" }).click();
  await expect(page.getByText("暂时没有提醒")).toBeVisible();
});

test("a counselor's client page has tabs in the URL and links each case to its page", async () => {
  const page = agency.counselor.page;
  await page.goto("/caseload");
  await page.getByTestId("client-rows").getByRole("link", { name: agency.client.fullName }).click();
  await expect(page.getByTestId("client-name")).toHaveText(agency.client.fullName);
  await expect(page.getByTestId("client-overview")).toBeVisible();
  const tabs = page.getByRole("navigation", { name: "客户档案各部分" });
  await tabs.getByRole("link", { name: "还款", exact: true }).click();
  await expect(page).toHaveURL(/\?tab=payments$/);
  await expect(page.getByTestId("client-payments")).toContainText("¥500.00");
  await tabs.getByRole("link", { name: "协商案件", exact: true }).click();
  await expect(page).toHaveURL(/\?tab=cases$/);
  await page.reload();
  await expect(tabs.getByRole("link", { name: "协商案件", exact: true })).toHaveAttribute("aria-current", "page");
  const row = page.getByTestId("client-cases").locator("li").filter({ hasText: lenderName });
  await row.getByRole("link", { name: "打开案件" }).click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
});

test("an admin filters the outcomes by date and downloads a CSV whose totals equal the dashboard's", async () => {
  const page = agency.admin.page;
  await page.goto("/admin/outcomes");
  await expect(page.getByRole("heading", { name: "工作成效" })).toBeVisible();
  const today = shanghaiToday();
  const from = plusDays(today, -90);
  await page.getByLabel("开始日期").fill(from);
  await page.getByLabel("结束日期").fill(today);
  await page.getByRole("button", { name: "查看" }).click();
  await expect(page).toHaveURL(new RegExp(`from=${from}&to=${today}`));
  await expect(page.getByTestId("outcome-charts")).toBeVisible();
  const shown = async (id: string) => (await page.getByTestId(id).textContent())!.trim();
  const answered = Number(await shown("kpi-answered"));
  const accepted = Number(await shown("kpi-accepted"));
  expect(answered).toBeGreaterThan(0); // the plan accepted above is in range
  const waived = await shown("kpi-waived");
  const reduction = await shown("kpi-monthly-reduction");
  // With nothing due in the range the card says so in words (and the rate is —) instead of "0 / 0".
  const nothingDue = (await shown("kpi-adherence-basis")) === "这段时间没有到期的分期。";
  const due = nothingDue ? 0 : Number(await shown("kpi-due"));
  const onTime = nothingDue ? 0 : Number(await shown("kpi-on-time"));
  if (nothingDue) expect(await shown("kpi-adherence-rate")).toBe("—");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出 CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`outcomes-${from}-${today}.csv`);
  const { readFileSync } = await import("node:fs");
  const csv = readFileSync((await file.path())!, "utf8").replace(/^\uFEFF/, "");
  const rows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
  expect(rows[0]).toEqual(["部分", "分组", "指标", "数值"]);
  const value = (section: string, group: string, metric: string) => {
    const row = rows.find((r) => r[0] === section && r[1] === group && r[2] === metric);
    expect(row, `${section}/${group}/${metric} in the CSV`).toBeTruthy();
    return row![3]!;
  };
  expect(value("时间范围", "", "开始日期")).toBe(from);
  expect(value("时间范围", "", "结束日期")).toBe(today);
  expect(Number(value("方案接受率", "合计", "已答复"))).toBe(answered);
  expect(Number(value("方案接受率", "合计", "已接受"))).toBe(accepted);
  expect(Number(value("按时还款比例", "合计", "到期的分期"))).toBe(due);
  expect(Number(value("按时还款比例", "合计", "按时还清的分期"))).toBe(onTime);
  // Money: the CSV has the screen's yuan, as the screen writes it.
  expect(value("为客户争取到的减免", "合计", "减免金额（利息、罚息、费用）")).toBe(waived);
  expect(value("为客户争取到的减免", "合计", "每月还款减少")).toBe(reduction);
  const byLender = rows.filter((r) => r[0] === "方案接受率 · 按贷款机构" && r[2] === "已答复").reduce((s, r) => s + Number(r[3]), 0);
  expect(byLender).toBe(answered);
});
