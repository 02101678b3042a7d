import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { agreePlan, mutate } from "./agency";
import { expect, test } from "./fixtures";

/**
 * Issue 5, done when: axe finds no serious or critical violation on each role's main pages (WCAG 2.1 A/AA
 * rules), at desktop width and, for the client's pages, on a 375 px phone; each role of a new agency.
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

test("counselor: agenda, caseload, client page, case page, notifications", async ({ tenant, loginAs }) => {
  // Thirteen pages, each scanned by axe: over a minute while another spec runs beside it on two cores.
  test.slow();
  const page = loginAs("counselor");
  await check(page, "/agenda", () => expect(page.getByRole("heading", { name: "今日待办" })).toBeVisible());
  await check(page, "/caseload", () => expect(page.getByTestId("client-rows").getByRole("row").first()).toBeVisible());
  const clientHref = await page.getByTestId("client-rows").getByRole("link", { name: tenant.client.fullName }).getAttribute("href");
  await check(page, clientHref!, () => expect(page.getByTestId("client-overview")).toBeVisible());
  for (const tab of ["budget", "debts", "plan", "cases", "documents", "contacts", "payments", "timeline"]) {
    await check(page, `${clientHref}?tab=${tab}`, async () => {
      await expect(page.getByTestId("client-name")).toBeVisible();
      await page.waitForLoadState("networkidle");
    });
  }
  // A case for the client's first debt, opened through the API.
  await mutate(page, "case.open", { debtId: tenant.debtIds[0] });
  await page.goto(`${clientHref}?tab=cases`);
  const caseHref = await page.getByTestId("client-cases").getByRole("link", { name: "打开案件" }).first().getAttribute("href");
  await check(page, caseHref!, () => expect(page.getByTestId("case-status")).toBeVisible());
  await check(page, "/notifications", () => expect(page.getByRole("heading", { name: "提醒" })).toBeVisible());
});

test("client on a phone: portal home and notifications", async ({ tenant, loginAs }) => {
  // An agreement, so the portal shows the plan, its schedule and the payment report too.
  await agreePlan(tenant);
  const page = loginAs("client");
  expect(page.viewportSize()?.width).toBe(375);
  await check(page, "/portal", () => expect(page.getByRole("heading", { name: "我的还款计划" })).toBeVisible());
  await check(page, "/notifications", () => expect(page.getByRole("heading", { name: "提醒" })).toBeVisible());
});

test("admin: members, outcomes, audit", async ({ loginAs }) => {
  const page = loginAs("admin");
  await check(page, "/admin", () => expect(page.getByRole("heading", { level: 1 })).toBeVisible());
  await check(page, "/admin/outcomes", () => expect(page.getByTestId("kpi-answered")).toBeVisible());
  await check(page, "/admin/audit", () => expect(page.getByRole("button", { name: "校验完整性" })).toBeVisible());
});
