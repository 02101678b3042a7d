import type { Page, TestInfo } from "@playwright/test";
import { addCounselor, shanghaiToday } from "./agency";
import { expect, test } from "./fixtures";

/** A small real PDF (checked by content on upload). */
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "latin1");

/** A full-page screenshot kept with the test's output and attached to the report, for a person to look at. */
async function shot(page: Page, testInfo: TestInfo, name: string) {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}

/**
 * Issue 4, the rest of the case page: follow-up tasks (suggested in working days, on the agenda, done),
 * referrals tracked to an outcome, and a contact entry with an attachment that only allowed users download.
 */
test("a counselor adds follow-ups and a referral, and logs a contact with an attached document", async ({
  browser,
  tenant,
  loginAs,
}, testInfo) => {
  const page = loginAs("counselor");
  const name = tenant.client.fullName;
  await page.goto("/caseload");
  await page.getByRole("link", { name }).first().click();
  await expect(page.getByTestId("client-name")).toHaveText(name);
  await page.getByRole("navigation", { name: "客户档案各部分" }).getByRole("link", { name: "债务", exact: true }).click();
  await page
    .getByTestId("debt-list")
    .locator("> li")
    .filter({ hasText: "招商银行" })
    .getByRole("button", { name: "开始和这家机构协商" })
    .click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  const casePath = new URL(page.url()).pathname;

  // Follow-ups: the "no answer after 5 working days" suggestion fills the title and a working-day date.
  const tasks = page.locator("section").filter({ has: page.getByRole("heading", { name: "待办跟进" }) });
  await expect(tasks).toContainText("没有待办事项。");
  const suggestion = tasks.getByRole("button", { name: /方案 5 个工作日无答复就跟进/ });
  const suggested = (await suggestion.textContent())!.match(/\d{4}-\d{2}-\d{2}/)![0];
  expect(suggested > shanghaiToday()).toBe(true);
  await suggestion.click();
  await expect(tasks.getByLabel("要做什么")).toHaveValue(/5 个工作日仍无答复/);
  await expect(tasks.getByLabel("截止日期", { exact: true })).toHaveValue(suggested);
  await tasks.getByRole("button", { name: "添加跟进" }).click();
  await expect(tasks.getByTestId("task-list")).toContainText(`${suggested} · 方案提交后 5 个工作日仍无答复`);

  // One due today appears on the agenda, then is done.
  const today = shanghaiToday();
  await tasks.getByLabel("要做什么").fill("今天给招行回电话");
  await tasks.getByLabel("截止日期", { exact: true }).fill(today);
  await tasks.getByRole("button", { name: "添加跟进" }).click();
  await expect(tasks.getByTestId("task-list")).toContainText(`${today} · 今天给招行回电话`);
  await page.goto("/agenda");
  const followUps = page.locator("#agenda-followups");
  // The section shows its first items and a count; the rest come with "more".
  const more = page.getByTestId("agenda-followups-more");
  while (await more.isVisible()) {
    await more.click();
    await expect(page.getByText("正在加载…")).toHaveCount(0);
  }
  await expect(followUps).toContainText(name);
  await expect(followUps).toContainText("今天给招行回电话");
  await page.goto(casePath);
  await tasks.getByTestId("task-list").locator("li").filter({ hasText: "今天给招行回电话" }).getByRole("button", { name: "完成" }).click();
  await expect(tasks.getByTestId("task-list")).not.toContainText("今天给招行回电话");
  await expect(tasks.getByTestId("task-list")).toContainText("5 个工作日仍无答复");

  // Referral to legal aid, then its progress and outcome.
  const referrals = page.locator("section").filter({ has: page.getByRole("heading", { name: "转介", exact: true }) });
  await expect(referrals).toContainText("还没有转介。");
  await referrals.getByLabel("转介给").selectOption({ label: "法律援助" });
  await referrals.getByLabel("机构或联系人").fill("上海市徐汇区法律援助中心");
  await referrals.getByRole("button", { name: "添加转介" }).click();
  const referral = referrals.getByTestId("referral").filter({ hasText: "上海市徐汇区法律援助中心" });
  await expect(referral).toContainText("法律援助");
  await expect(referral).toContainText("已转介，等待回复");
  await referral.getByRole("button", { name: "更新进展" }).click();
  await referral.getByLabel("进展").selectOption({ label: "对方已接手" });
  await referral.getByLabel("结果").fill("已受理，指派王律师跟进起诉一事");
  await referral.getByRole("button", { name: "保存" }).click();
  await expect(referral).toContainText("对方已接手");
  await expect(referral).toContainText("结果：已受理，指派王律师跟进起诉一事");
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, testInfo, "case-overview-desktop");
  await page.setViewportSize({ width: 375, height: 800 });
  await shot(page, testInfo, "case-overview-375");
  await page.setViewportSize({ width: 1280, height: 900 });

  // A contact entry with a document uploaded and attached on the spot.
  await page.getByRole("button", { name: "联系记录", exact: true }).click();
  await expect(page.getByText("这个案件还没有材料。", { exact: false })).toBeVisible();
  await page.getByLabel("摘要", { exact: false }).fill("致电招行客服，对方要求提供失业证明，已通过邮件发送。");
  await page.getByTestId("attachment-file").setInputFiles({ name: "通话记录截图.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByRole("button", { name: "上传并附上" }).click();
  const choice = page.getByTestId("attachment-choices").getByRole("checkbox", { name: /通话记录截图\.pdf/ });
  await expect(choice).toBeChecked();
  await page.getByRole("button", { name: "新增联系记录" }).click();
  const entry = page.locator("ol > li").filter({ hasText: "致电招行客服" });
  const link = entry.getByTestId("contact-attachments").getByRole("link", { name: /通话记录截图\.pdf/ });
  await expect(link).toBeVisible();
  await expect(choice).not.toBeChecked();
  const href = (await link.getAttribute("href"))!;
  expect(href).toMatch(/^\/api\/documents\/[0-9a-f-]{36}$/);
  const download = await page.request.get(href);
  expect(download.status()).toBe(200);
  expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);
  await page.getByTestId("verify-log").click();
  await expect(page.getByText("校验一致", { exact: false })).toBeVisible();
  await shot(page, testInfo, "case-contacts-desktop");
  await page.setViewportSize({ width: 375, height: 800 });
  await shot(page, testInfo, "case-contacts-375");

  // Another counselor, whose caseload does not hold this client, cannot download the attachment.
  const other = await addCounselor(browser, tenant);
  expect((await other.page.request.get(href)).status()).toBe(404);
});
