import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { expectNoSideScroll, newAgency, PHONE, query, shanghaiToday } from "./agency";

/**
 * Issue 11, seam 13: the calendar after its last loaded year. The app's clock cannot be moved here, so
 * this shows what December 2026 looks like on a fresh deployment (2025 and 2026 shipped, 2027 not yet
 * loaded): staff are told, on every page, that 2027 is counted Monday–Friday and how to add it; the
 * client's portal shows nothing of it. The 2027 and 2028 behaviour itself is in
 * tests/integration/calendar.test.ts.
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

test("staff see which year's holidays are missing and how to add them; the client's phone shows nothing of it", async ({ browser }) => {
  const today = shanghaiToday();
  const year = Number(today.slice(0, 4));
  // From November on, next year's notice is due; this spec is about December 2026 on a fresh deployment.
  test.skip(today < "2026-11-02" || today > "2026-12-31", "the banner for 2027 shows from 2026-11-02 (60 days before) to the end of 2026");
  const agency = await newAgency(browser);
  const { admin, counselor, client } = agency;

  // The same fact the banner shows, through the API: 2027 is not loaded.
  const status = await query<{ missingYears: number[] }>(counselor.page, "calendar.status");
  expect(status.missingYears).toEqual([year + 1]);

  // The counselor's agenda, in Chinese.
  await counselor.page.goto("/agenda");
  const banner = counselor.page.getByTestId("calendar-banner");
  await expect(banner).toBeVisible();
  await expect(banner).toContainText("2027 年的法定节假日安排尚未录入，工作日暂按周一至周五估算。");
  await expect(banner).toContainText("npm run calendar:load");
  await expect(banner.getByRole("status")).toBeVisible();
  await shot(counselor.page, "banner-agenda-desktop-zh");

  // On every staff page: the caseload, a case page, the admin's members page.
  await counselor.page.goto("/caseload");
  await expect(counselor.page.getByTestId("calendar-banner")).toContainText("2027 年");
  await admin.page.goto("/admin");
  await expect(admin.page.getByTestId("calendar-banner")).toContainText("2027 年的法定节假日安排尚未录入");

  // The follow-up dates offered on a case page are exact this month (they fall in December 2026).
  const opened = await (async () => {
    const res = await counselor.page.request.post("/api/trpc/case.open", { data: { json: { debtId: agency.debtIds[0] } } });
    expect(res.ok()).toBeTruthy();
    return (await res.json()).result.data.json as { id: string };
  })();
  const dates = await query<Array<{ days: number; date: string; estimated: boolean }>>(counselor.page, "calendar.followUpDates");
  await counselor.page.goto(`/cases/${opened.id}`);
  await expect(counselor.page.getByTestId("calendar-banner")).toBeVisible();
  for (const d of dates) {
    const label = `${d.days} 个工作日后（${d.estimated ? `${d.date}，估算` : d.date}）`;
    await expect(counselor.page.getByRole("button", { name: label })).toBeVisible();
  }

  // English.
  await counselor.page.goto("/agenda");
  await setLocale(counselor.page, "en");
  await expect(counselor.page.getByTestId("calendar-banner")).toContainText(
    "The official public holidays for 2027 have not been added yet: working days are estimated as Monday to Friday.",
  );
  await shot(counselor.page, "banner-agenda-desktop-en");

  // Staff on a phone: the banner wraps, nothing scrolls sideways.
  const phone = await browser.newContext({ viewport: PHONE, storageState: await counselor.context.storageState() });
  const staffPhone = await phone.newPage();
  await staffPhone.goto("/agenda");
  await expect(staffPhone.getByTestId("calendar-banner")).toBeVisible();
  await expectNoSideScroll(staffPhone);
  await shot(staffPhone, "banner-agenda-375-en");
  await setLocale(staffPhone, "zh-CN");
  await expect(staffPhone.getByTestId("calendar-banner")).toContainText("2027 年");
  await expectNoSideScroll(staffPhone);
  await shot(staffPhone, "banner-agenda-375-zh");
  await phone.close();

  // The client, on her 375 px phone: no banner, no working-day wording, and the API refuses her.
  await client.page.goto("/portal");
  await expect(client.page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(client.page.getByTestId("calendar-banner")).toHaveCount(0);
  await expect(client.page.locator("body")).not.toContainText("节假日安排");
  await expect(client.page.locator("body")).not.toContainText("周一至周五");
  await expectNoSideScroll(client.page);
  await shot(client.page, "portal-375-zh");
  const refused = await client.page.request.get("/api/trpc/calendar.status");
  expect(refused.status()).toBe(403);
});
