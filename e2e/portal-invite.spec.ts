import { expect, test, type Page } from "@playwright/test";
import { expectNoSideScroll, newAgency, PHONE, query } from "./agency";

/**
 * Issue 11, seam 1: a client file is given a portal login from the file. The counselor invites her
 * client by the mobile number on the file (no e-mail); the file shows the invitation to the counselor
 * and the admin alike; the client, on a 375 px phone, sets her password, signs in with her number and
 * sees the same amount owed as the file; the file then shows the login as active, and there is still
 * exactly one file for her.
 */

/** 目前欠款合计 on the client file's overview, once loaded. */
async function overviewOwed(page: Page): Promise<string> {
  const owed = page.getByTestId("client-overview").locator("dd").first();
  await expect(owed).toHaveText(/^¥[\d,]+\.\d{2}$/);
  return (await owed.textContent())!;
}

async function expectState(page: Page, state: string, words: string) {
  const badge = page.getByTestId("portal-access-state");
  await expect(badge).toHaveAttribute("data-state", state);
  await expect(badge).toHaveText(words);
}

test("the counselor invites her client to the portal by mobile number; the client signs in with it on her phone", async ({ browser }) => {
  const agency = await newAgency(browser, { withClientLogin: false });
  const counselor = agency.counselor.page;
  const admin = agency.admin.page;
  const { clientId, fullName, password } = agency.client;
  const filePath = `/clients/${clientId}`;
  const phone = (await query<{ phone: string }>(counselor, "client.get", { id: clientId })).phone;
  const last4 = phone.slice(-4);

  // The file, before any invitation: no login, the number on file ready in the form, no e-mail.
  await counselor.goto(filePath);
  const owed = await overviewOwed(counselor);
  await expectState(counselor, "none", "还没有开通客户端");
  await expect(counselor.getByLabel("手机号", { exact: true })).toHaveValue(phone);
  await expect(counselor.getByLabel("电子邮箱（选填）")).toHaveValue("");
  await counselor.getByRole("button", { name: "生成邀请链接" }).click();

  // Invited: the link to copy, and a text ready for SMS or WeChat that says to sign in with this number.
  await expectState(counselor, "invited", "已邀请，等客户设置密码");
  await expect(counselor.getByTestId("portal-invitation")).toContainText(`由 周咨询 发给 手机尾号 ${last4}`);
  await expect(counselor.getByTestId("portal-invitation")).toContainText("链接有效期至");
  const link = (await counselor.getByTestId("portal-invite-link").textContent())!;
  expect(link).toMatch(/\/invite\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
  const message = counselor.getByTestId("portal-invite-message");
  await expect(message).toContainText(link);
  await expect(message).toContainText(`${fullName}您好`);
  await expect(message).toContainText("以后用本手机号和这个密码登录");
  await counselor.getByRole("button", { name: "复制文字" }).click();
  await expect(counselor.getByRole("button", { name: "已复制" })).toBeVisible();
  expect(await overviewOwed(counselor)).toBe(owed);
  // At 375 px the card, its link and its text fit the screen.
  await counselor.setViewportSize(PHONE);
  await expectNoSideScroll(counselor);
  await counselor.setViewportSize({ width: 1280, height: 720 });

  // The admin reads the same state on the same file, and can copy the same link again.
  await admin.goto(filePath);
  expect(await overviewOwed(admin)).toBe(owed);
  await expectState(admin, "invited", "已邀请，等客户设置密码");
  await expect(admin.getByTestId("portal-invitation")).toContainText(`由 周咨询 发给 手机尾号 ${last4}`);
  await admin.getByRole("button", { name: "再次复制链接" }).click();
  await expect(admin.getByTestId("portal-invite-link")).toHaveText(link);

  // The client, on her phone, opens the link: her number (masked) is her login, her name is filled in.
  const clientContext = await browser.newContext({ viewport: PHONE });
  const client = await clientContext.newPage();
  await client.goto(new URL(link).pathname);
  await expect(client.getByLabel("登录账号")).toHaveValue(`手机尾号 ${last4}`);
  await expect(client.getByLabel("您的姓名")).toHaveValue(fullName);
  await expectNoSideScroll(client);
  await client.getByLabel("密码", { exact: true }).fill(password);
  await client.getByRole("button", { name: "接受邀请" }).click();
  await expect(client).toHaveURL(/\/portal$/);
  await expect(client.getByText(`您好，${fullName}`)).toBeVisible();

  // She signs out and back in with her mobile number, written as people write it.
  await client.getByRole("button", { name: "退出登录" }).click();
  await expect(client).toHaveURL(/\/login/);
  await expect(client.getByLabel("手机号或电子邮箱")).toBeVisible();
  await expectNoSideScroll(client);
  await client.getByLabel("手机号或电子邮箱").fill("wrong");
  await client.getByLabel("密码", { exact: true }).fill(password);
  await client.getByRole("button", { name: "登录", exact: true }).click();
  await expect(client.getByText("手机号、邮箱或密码不正确")).toBeVisible();
  await client.getByLabel("手机号或电子邮箱").fill(`${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`);
  await client.getByRole("button", { name: "登录", exact: true }).click();
  await expect(client).toHaveURL(/\/portal$/);
  await expect(client.getByText(`您好，${fullName}`)).toBeVisible();
  await expect(client.getByText(`目前欠款合计：${owed}`)).toBeVisible();
  await expectNoSideScroll(client);

  // The file now shows the login as active, for the counselor and the admin, with the same figure.
  for (const page of [counselor, admin]) {
    await page.goto(filePath);
    expect(await overviewOwed(page)).toBe(owed);
    await expectState(page, "active", "客户端已开通");
    await expect(page.getByTestId("portal-login")).toContainText(`登录账号：手机尾号 ${last4}`);
    await expect(page.getByTestId("portal-invite-form")).toHaveCount(0);
  }

  // Still exactly one file for her: in the counselor's caseload and in the admin's client list.
  await counselor.goto("/caseload");
  await expect(counselor.getByTestId("client-rows").getByRole("row")).toHaveCount(1);
  await expect(counselor.getByTestId("client-rows").getByRole("link", { name: fullName })).toHaveCount(1);
  await admin.goto("/clients");
  await expect(admin.getByTestId("client-index").getByRole("listitem")).toHaveCount(1);
  await expect(admin.getByTestId("client-index")).toContainText(fullName);
  await clientContext.close();
});
