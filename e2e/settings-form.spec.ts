import { expect, test } from "./fixtures";

/**
 * The agency settings form on its own new agency (the tenant fixture, not the demo seed): the form refuses
 * what the procedure refuses, beside the field, and saves nothing; a good change is saved and read back.
 */
test("the settings form refuses a buffer over 50 % beside the field, then saves a good change", async ({ loginAs, api }) => {
  const admin = loginAs("admin");
  const before = await api("admin").query<{ bufferPct: string; minPerCreditorFen: number }>("settings.get");
  await admin.goto("/admin/settings");
  const buffer = admin.getByLabel("预留比例（%）");
  await buffer.fill("60");
  await admin.getByRole("button", { name: "保存", exact: true }).first().click();
  await expect(buffer).toHaveAttribute("aria-invalid", "true");
  expect((await api("admin").query<{ bufferPct: string }>("settings.get")).bufferPct).toBe(before.bufferPct);

  await buffer.fill("12.5");
  await admin.getByLabel("每家贷款机构每月最低还款（元）").fill("1，200");
  await admin.getByRole("button", { name: "保存", exact: true }).first().click();
  await expect(admin.getByText("已保存。")).toBeVisible();
  const after = await api("admin").query<{ bufferPct: string; minPerCreditorFen: number }>("settings.get");
  expect(Number(after.bufferPct)).toBe(12.5);
  expect(after.minPerCreditorFen).toBe(120_000);
});
