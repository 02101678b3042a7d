import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { expectNoSideScroll, mutate, newAgency, PHONE, plusDays, query, shanghaiToday } from "./agency";
import { DEMO, login } from "./fixtures";

/**
 * Issue 16: the agenda answers each section's first page with its whole count. A new agency's counselor has
 * twelve follow-ups due: the page shows ten, says how many there are, and "more" shows the rest; the counts
 * are the API's, in Chinese and English, on a desktop and on a 375 px phone. The admin's outcomes page draws
 * its charts without a chart library.
 */

/** Screenshots for a person to look at, when E2E_SHOTS names a folder outside the repository. */
async function shot(page: Page, name: string) {
  if (process.env.E2E_SHOTS) await page.screenshot({ path: path.join(process.env.E2E_SHOTS, `${name}.png`), fullPage: true });
}

async function setLocale(page: Page, locale: "zh-CN" | "en") {
  const url = new URL(page.url());
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, domain: url.hostname, path: "/" }]);
  await page.reload();
}

test("the agenda shows the first ten of each section with the whole count, and more on request", async ({ browser }) => {
  const today = shanghaiToday();
  const agency = await newAgency(browser);
  const { counselor, admin } = agency;
  const opened = await mutate<{ id: string }>(counselor.page, "case.open", { debtId: agency.debtIds[0] });
  for (let n = 0; n < 12; n++) {
    await mutate(counselor.page, "case.createTask", {
      caseId: opened.id,
      title: `回电 ${String(n + 1).padStart(2, "0")}`,
      dueOn: plusDays(today, -n),
    });
  }
  const api = await query<{ counts: Record<string, number>; followUps: Array<{ title: string }> }>(counselor.page, "agenda.today");
  expect(api.counts.followUps).toBe(12);
  expect(api.followUps).toHaveLength(10);

  await counselor.page.goto("/agenda");
  const followUps = counselor.page.getByTestId("agenda-followups");
  await expect(followUps.getByRole("listitem")).toHaveCount(10);
  await expect(counselor.page.getByText("到期的跟进 (12)")).toBeVisible();
  await expect(counselor.page.getByTestId("agenda-followups-shown")).toHaveText("显示 10 / 共 12 项");
  await shot(counselor.page, "agenda-desktop-zh");
  await counselor.page.getByTestId("agenda-followups-more").click();
  await expect(followUps.getByRole("listitem")).toHaveCount(12);
  await expect(counselor.page.getByTestId("agenda-followups-more")).toHaveCount(0);
  // Oldest first: the one due eleven days ago leads.
  await expect(followUps.getByRole("listitem").first()).toContainText("回电 12");

  await setLocale(counselor.page, "en");
  await expect(counselor.page.getByText("Showing 10 of 12")).toBeVisible();
  await shot(counselor.page, "agenda-desktop-en");

  const phone = await browser.newContext({ viewport: PHONE, storageState: await counselor.context.storageState() });
  const staffPhone = await phone.newPage();
  await staffPhone.goto("/agenda");
  await expect(staffPhone.getByTestId("agenda-followups").getByRole("listitem")).toHaveCount(10);
  await expectNoSideScroll(staffPhone);
  await shot(staffPhone, "agenda-375-en");
  await setLocale(staffPhone, "zh-CN");
  await expect(staffPhone.getByTestId("agenda-followups-shown")).toHaveText("显示 10 / 共 12 项");
  await expectNoSideScroll(staffPhone);
  await shot(staffPhone, "agenda-375-zh");
  await phone.close();

  // The admin sees the organization's agenda: the same twelve.
  await admin.page.goto("/agenda");
  await expect(admin.page.getByText("到期的跟进 (12)")).toBeVisible();
  // The outcomes charts, drawn as plain elements: on the seeded demo agency, which has figures to draw.
  const demo = await browser.newContext();
  const demoPage = await demo.newPage();
  await login(demoPage, DEMO.admin);
  await demoPage.goto("/admin/outcomes");
  await expect(demoPage.getByTestId("outcome-chart").first()).toBeVisible();
  expect(await demoPage.locator("svg.recharts-surface").count()).toBe(0);
  await shot(demoPage, "outcomes-desktop-zh");
  await setLocale(demoPage, "en");
  await shot(demoPage, "outcomes-desktop-en");
  const adminPhone = await browser.newContext({ viewport: PHONE, storageState: await demo.storageState() });
  const outcomesPhone = await adminPhone.newPage();
  await outcomesPhone.goto("/admin/outcomes");
  await expect(outcomesPhone.getByTestId("outcome-chart").first()).toBeVisible();
  await expectNoSideScroll(outcomesPhone);
  await shot(outcomesPhone, "outcomes-375-en");
  await setLocale(outcomesPhone, "zh-CN");
  await shot(outcomesPhone, "outcomes-375-zh");
  await adminPhone.close();
  await demo.close();
});
