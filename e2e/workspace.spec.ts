import { addCounselor, agreePlan, mutate, query } from "./agency";
import { expect, test } from "./fixtures";

test("an admin sees the whole caseload, the audit trail and the outcomes, and downloads the CSV", async ({ browser, tenant, loginAs }) => {
  // A second counselor with a client of her own: the admin sees both counselors' clients.
  const colleague = await addCounselor(browser, tenant);
  const me = await query<{ user: { id: string } }>(colleague.page, "auth.me");
  const second = "钱小红";
  await mutate(colleague.page, "client.create", { fullName: second, assignedCounselorId: me.user.id, consent: true });

  const page = loginAs("admin");
  await page.goto("/caseload");
  await expect(page.getByRole("heading", { name: "全部客户" })).toBeVisible();
  for (const name of [tenant.client.fullName, second]) {
    await page.goto(`/caseload?q=${encodeURIComponent(name)}`);
    await expect(page.getByTestId("client-rows").getByText(name, { exact: true }).first()).toBeVisible();
  }
  await expect(page.getByText("请检查标出的字段")).toHaveCount(0);

  // A counselor becomes an admin and back; the change is in the audit log below.
  await page.goto("/admin");
  const counselor = tenant.counselor;
  const row = page.getByTestId("members").locator("li").filter({ hasText: counselor.email });
  await row.getByLabel(`更改角色: ${counselor.name}`).selectOption("admin");
  await expect(row).toContainText(`${counselor.email} · 管理员`);
  await row.getByLabel(`更改角色: ${counselor.name}`).selectOption("counselor");
  await expect(row).toContainText(`${counselor.email} · 咨询师`);
  // A client's row offers no role change.
  await expect(page.getByTestId("members").locator("li").filter({ hasText: tenant.client.email }).getByRole("combobox")).toHaveCount(0);

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

test("a counselor opens today's agenda; a client on a phone sees the portal and the guidance", async ({ tenant, loginAs }) => {
  // The lender has answered the client's proposal (an agreement on her 京东金条 debt).
  await agreePlan(tenant);
  const counselor = loginAs("counselor");
  await counselor.goto("/agenda");
  await expect(counselor.getByRole("heading", { name: "今日待办" })).toBeVisible();

  const client = loginAs("client");
  await client.goto("/portal");
  await expect(client.getByRole("heading", { name: "我的还款计划" })).toBeVisible();
  await expect(client.getByTestId("lender-answers")).toContainText("京东金条");
  await client.getByText("警惕“代理协商”骗局").click();
  await expect(client.getByText(/征信修复/).first()).toBeVisible();
  const width = await client.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
});
