import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { DEMO, expect, login, test } from "./fixtures";

/**
 * Issue 5, done when: axe finds no serious or critical violation on each role's main pages (WCAG 2.1 A/AA
 * rules), at desktop width and, for the client's pages, on a 375 px phone.
 */
async function check(page: Page, url: string, ready: () => Promise<void>) {
  await page.goto(url);
  await ready();
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${url}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(" | ")}`,
    );
  expect.soft(bad).toEqual([]);
}

test("login page", async ({ page }) => {
  await check(page, "/login", () => expect(page.getByRole("button", { name: "登录", exact: true })).toBeVisible());
});

test("counselor: agenda, caseload, client page, case page, notifications", async ({ page }) => {
  await login(page, DEMO.counselor);
  await check(page, "/agenda", () => expect(page.getByRole("heading", { name: "今日待办" })).toBeVisible());
  await check(page, "/caseload", () => expect(page.getByTestId("client-rows").getByRole("row").first()).toBeVisible());
  const clientHref = await page.getByTestId("client-rows").getByRole("link", { name: "刘洋" }).getAttribute("href");
  await check(page, clientHref!, () => expect(page.getByTestId("client-overview")).toBeVisible());
  for (const tab of ["budget", "debts", "plan", "cases", "documents", "contacts", "payments", "timeline"]) {
    await check(page, `${clientHref}?tab=${tab}`, async () => {
      await expect(page.getByTestId("client-name")).toBeVisible();
      await page.waitForLoadState("networkidle");
    });
  }
  await page.goto(`${clientHref}?tab=cases`);
  if ((await page.getByTestId("client-cases").count()) === 0) {
    // A fresh database (this spec alone): open a case for the client's first debt, through the API.
    const clientId = clientHref!.split("/").pop()!;
    const debts = await page.request.get(`/api/trpc/debt.list?input=${encodeURIComponent(JSON.stringify({ json: { clientId } }))}`);
    const first = (await debts.json()).result.data.json.debts[0].id as string;
    expect((await page.request.post("/api/trpc/case.open", { data: { json: { debtId: first } } })).ok()).toBeTruthy();
    await page.reload();
  }
  const caseHref = await page.getByTestId("client-cases").getByRole("link", { name: "打开案件" }).first().getAttribute("href");
  await check(page, caseHref!, () => expect(page.getByTestId("case-status")).toBeVisible());
  await check(page, "/notifications", () => expect(page.getByRole("heading", { name: "提醒" })).toBeVisible());
});

test("client on a phone: portal home and notifications", async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 375, height: 740 } })).newPage();
  await login(page, DEMO.client);
  await check(page, "/portal", () => expect(page.getByRole("heading", { name: "我的还款计划" })).toBeVisible());
  await check(page, "/notifications", () => expect(page.getByRole("heading", { name: "提醒" })).toBeVisible());
});

test("admin: members, outcomes, audit", async ({ page }) => {
  await login(page, DEMO.admin);
  await check(page, "/admin", () => expect(page.getByRole("heading", { level: 1 })).toBeVisible());
  await check(page, "/admin/outcomes", () => expect(page.getByTestId("kpi-answered")).toBeVisible());
  await check(page, "/admin/audit", () => expect(page.getByRole("button", { name: "校验完整性" })).toBeVisible());
});
