import { test as base, expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "xieshang-demo-2026";
export const DEMO = {
  admin: "admin@demo.xieshang.local",
  counselor: "liming@demo.xieshang.local",
  counselor2: "zhangli@demo.xieshang.local",
  client: "liuyang@demo.xieshang.local",
  client2: "chenjing@demo.xieshang.local",
} as const;

export async function login(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page).toHaveURL(/\/(admin|caseload|portal)/);
}

export const test = base;
export { expect };
