import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { PHONE, mutate, signIn } from "./agency";
import { DEMO_PASSWORD, expect, login, test } from "./fixtures";

/**
 * Issue 12: every demo login lands on pages full of content (the seeded year of history), never an empty
 * state, on a desktop and on a 375 px phone; the demo banner is on every page. Screenshots go to
 * SHOTS_DIR (default shots-demo in the system's temporary folder) to be looked at.
 */
const SHOTS = process.env.SHOTS_DIR ?? path.join(tmpdir(), "shots-demo");
const VIEWPORTS = [
  { name: "desktop", size: { width: 1280, height: 900 } },
  { name: "phone", size: PHONE },
] as const;

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function open(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByTestId("demo-banner")).toContainText("演示机构");
}

const STAFF = [
  { who: "admin", email: "admin@demo.xieshang.local" },
  { who: "liming", email: "liming@demo.xieshang.local" },
  { who: "zhangli", email: "zhangli@demo.xieshang.local" },
  { who: "wangfang", email: "wangfang@demo.xieshang.local" },
];

for (const vp of VIEWPORTS) {
  for (const person of STAFF) {
    test(`${person.who} (${vp.name}): agenda, caseload and cases have content`, async ({ browser }) => {
      const page = await (await browser.newContext({ viewport: vp.size })).newPage();
      await login(page, person.email, DEMO_PASSWORD);

      await open(page, "/agenda");
      // Follow-ups due today or overdue, from the seeded history.
      await expect(page.getByTestId("agenda-followups").locator("li").first()).toBeVisible();
      await shot(page, `${person.who}-agenda-${vp.name}`);

      await open(page, "/caseload");
      const clientRows = page.getByTestId("client-rows").getByRole("row");
      await expect(clientRows.nth(5)).toBeVisible(); // more than five of the counselor's (or the agency's) clients
      await shot(page, `${person.who}-caseload-${vp.name}`);

      await open(page, "/cases");
      await expect(page.getByTestId("cases").locator("li, tr").nth(5)).toBeVisible();
      await shot(page, `${person.who}-cases-${vp.name}`);

      if (person.who === "admin") {
        await open(page, "/admin/outcomes");
        await expect(page.getByTestId("outcome-charts")).toBeVisible();
        // Figures, not dashes: proposals answered and accepted, instalments due and paid on time.
        for (const kpi of ["kpi-answered", "kpi-accepted", "kpi-due", "kpi-on-time"])
          await expect(page.getByTestId(kpi)).toHaveText(/[1-9]/);
        await shot(page, `admin-outcomes-${vp.name}`);

        await open(page, "/admin/audit");
        // The year's writes, hundreds of them: more than a page of rows.
        await expect(page.getByTestId("audit-rows").getByRole("row").nth(20)).toBeVisible();
        await shot(page, `admin-audit-${vp.name}`);
      }
    });
  }

  const CLIENTS = [
    { who: "liuyang", email: "liuyang@demo.xieshang.local", status: "正在按协议还款" },
    { who: "chenjing", email: "chenjing@demo.xieshang.local", status: "已谈妥" },
    { who: "yanglei", email: "yanglei@demo.xieshang.local", status: "正在和平台商量" },
    { who: "zhaomin", email: "zhaomin@demo.xieshang.local", status: "已还清" },
  ];
  for (const c of CLIENTS) {
    test(`${c.who} (${vp.name}): the portal shows the client's stage`, async ({ browser }) => {
      const page = await (await browser.newContext({ viewport: vp.size })).newPage();
      await login(page, c.email, DEMO_PASSWORD);
      await open(page, "/portal");
      await expect(page.getByTestId("lender-status").filter({ hasText: c.status }).first()).toBeVisible();
      if (c.who === "liuyang") {
        // Repaying with a missed instalment, and the latest payment reported with its receipt, not yet confirmed.
        await expect(page.getByTestId("next-payment-overdue")).toBeVisible();
        await expect(page.getByTestId("portal-pending")).toBeVisible();
      }
      if (c.who === "chenjing") await expect(page.getByTestId("agreed-schedules").locator("li").first()).toBeVisible();
      if (c.who === "yanglei") await expect(page.getByTestId("portal-document-request").first()).toBeVisible();
      await shot(page, `${c.who}-portal-${vp.name}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(vp.size.width);
    });
  }
}

test("a new agency's first week: the admin home lists the steps and ticks them as they are done", async ({ browser }) => {
  for (const vp of VIEWPORTS) {
    const page = await (await browser.newContext({ viewport: vp.size })).newPage();
    const email = `first-week-${vp.name}-${Date.now().toString(36)}@e2e.example`;
    await mutate(page, "auth.signUp", {
      organizationName: `第一周机构 ${vp.name}`,
      name: "新管理员",
      email,
      password: "first-week-e2e-2026",
    });
    await signIn(page, email, "first-week-e2e-2026");
    await page.goto("/admin");
    const list = page.getByTestId("first-week");
    await expect(list).toContainText("还有 4 步");
    await expect(page.getByTestId("demo-banner")).toHaveCount(0);
    await expect(list.getByRole("link", { name: "添加第一位客户" })).toHaveAttribute("href", "/clients/new");
    await shot(page, `first-week-admin-${vp.name}`);

    await page.goto("/caseload");
    await expect(page.getByRole("link", { name: "添加第一位客户" })).toBeVisible();
    await shot(page, `first-week-caseload-${vp.name}`);

    // Every empty list of a new agency says what to do next, with the link to do it.
    await page.goto("/clients");
    await expect(page.getByRole("link", { name: "添加第一位客户" })).toHaveAttribute("href", "/clients/new");
    await page.getByRole("searchbox").fill("无此人");
    await expect(page.getByText("没有找到“无此人”")).toBeVisible();
    await shot(page, `first-week-clients-${vp.name}`);
    await page.goto("/cases");
    await expect(page.getByRole("link", { name: "去客户列表" })).toHaveAttribute("href", "/clients");
    await shot(page, `first-week-cases-${vp.name}`);

    await mutate(page, "org.invite", { email: `c-${email}`, role: "counselor" });
    await page.goto("/admin");
    await expect(page.getByTestId("first-week-inviteCounselor")).toHaveAttribute("data-done", "true");
    await expect(list).toContainText("还有 3 步");
  }
});

test("demo logins land on their role's home, and the language switches", async ({ page }) => {
  await login(page, "liming@demo.xieshang.local");
  await expect(page).toHaveURL(/\/caseload$/);
  // Only 李明's own clients: the three demo logins and twelve more of the seeded history (db/demo/story.ts).
  await expect(page.getByTestId("client-rows").getByRole("row")).toHaveCount(15);
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "My clients" })).toBeVisible();
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("heading", { name: "我的客户" })).toBeVisible();
});
