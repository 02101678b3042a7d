import { test as base, expect, type Page } from "@playwright/test";
import { mutate, newAgency, query, type Agency, type AgencyOptions, type Role } from "./agency";

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

/** The tRPC procedures through one page's session (its cookies and active organization). */
export type Api = { query: <T>(path: string, input?: unknown) => Promise<T>; mutate: <T>(path: string, input: unknown) => Promise<T> };

/**
 * Fixtures for a journey on its own agency, never the demo seed: `tenant` is a new organization made for
 * this test through the sign-up and invitation endpoints (agency.ts: an admin, a counselor with a client
 * file, debts and a budget, the client's portal login on a 375 px phone); `loginAs(role)` is that person's
 * page, already signed in (each in its own browser context, so by its own session cookie); `api(role)`
 * calls procedures as them. Built only when a test asks for them, and closed after it.
 */
export const test = base.extend<{
  agencyOptions: AgencyOptions;
  tenant: Agency;
  loginAs: (role: Role) => Page;
  api: (role: Role) => Api;
}>({
  // What the agency is built with (`test.use({ agencyOptions: { debts } })` for a journey that needs other figures).
  agencyOptions: [{}, { option: true }],
  tenant: async ({ browser, agencyOptions }, use) => {
    const agency = await newAgency(browser, agencyOptions);
    await use(agency);
    for (const context of [agency.admin.context, agency.counselor.context, agency.client.context, ...agency.others]) await context?.close();
  },
  loginAs: async ({ tenant }, use) => {
    await use((role) => tenant[role].page);
  },
  api: async ({ tenant }, use) => {
    await use((role) => {
      const page = tenant[role].page;
      return {
        query: <T>(path: string, input?: unknown) => query<T>(page, path, input),
        mutate: <T>(path: string, input: unknown) => mutate<T>(page, path, input),
      };
    });
  },
});
export { expect };
