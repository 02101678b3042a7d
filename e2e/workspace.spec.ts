import { DEMO, expect, login, test } from "./fixtures";

test("an admin sees the whole caseload, the audit trail and the outcomes, and downloads the CSV", async ({ page }) => {
  await login(page, DEMO.admin);
  await page.goto("/caseload");
  await expect(page.getByRole("heading", { name: "全部客户" })).toBeVisible();
  // Both counselors' clients (the seed has 40, more than a page: each is looked up by name).
  for (const name of ["刘洋", "陈静", "杨磊", "赵敏", "黄伟", "周婷"]) {
    await page.goto(`/caseload?q=${encodeURIComponent(name)}`);
    await expect(page.getByTestId("client-rows").getByText(name, { exact: true }).first()).toBeVisible();
  }
  await expect(page.getByText("请检查标出的字段")).toHaveCount(0);

  // A counselor becomes an admin and back; the change is in the audit log below.
  await page.goto("/admin");
  const zhang = page.getByTestId("members").locator("li").filter({ hasText: "张丽" });
  await zhang.getByLabel("更改角色: 张丽").selectOption("admin");
  await expect(zhang).toContainText("zhangli@demo.xieshang.local · 管理员");
  await zhang.getByLabel("更改角色: 张丽").selectOption("counselor");
  await expect(zhang).toContainText("zhangli@demo.xieshang.local · 咨询师");
  // A client's row offers no role change.
  await expect(page.getByTestId("members").locator("li").filter({ hasText: "刘洋" }).getByRole("combobox")).toHaveCount(0);

  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { name: "审计日志" })).toBeVisible();
  await page.getByRole("button", { name: "校验完整性" }).click();
  await expect(page.getByText(/校验通过/)).toBeVisible();

  await page.goto("/admin/outcomes");
  await expect(page.getByRole("heading", { name: "工作成效" })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出 CSV" }).click();
  const file = await download;
  const path = await file.path();
  expect(path).toBeTruthy();
  const { readFileSync } = await import("node:fs");
  const csv = readFileSync(path!, "utf8");
  expect(csv.length).toBeGreaterThan(20);
});

test("a counselor opens today's agenda; a client on a phone sees the portal and the guidance", async ({ browser }) => {
  const counselor = await (await browser.newContext()).newPage();
  await login(counselor, DEMO.counselor);
  await counselor.goto("/agenda");
  await expect(counselor.getByRole("heading", { name: "今日待办" })).toBeVisible();

  const client = await (await browser.newContext({ viewport: { width: 375, height: 740 } })).newPage();
  await login(client, DEMO.client);
  await expect(client.getByRole("heading", { name: "我的还款计划" })).toBeVisible();
  await expect(client.getByTestId("lender-answers")).toContainText("京东金条");
  await client.getByText("警惕“代理协商”骗局").click();
  await expect(client.getByText(/征信修复/).first()).toBeVisible();
  const width = await client.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
});
