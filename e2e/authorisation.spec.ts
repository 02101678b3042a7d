import { expect, test, type Page } from "@playwright/test";
import { DEBTS, expectNoSideScroll, mutate, newAgency, plusDays, shanghaiToday } from "./agency";

/**
 * The client in the loop, on a new agency that requires her authorisation: the counselor prepares a
 * 授权委托书 for two lenders; the client signs it on a 375 px phone by drawing on the canvas; the counselor is
 * refused marking a proposal sent for a lender it does not cover and succeeds for a covered one after the
 * client confirmed its letter; the client revokes; the counselor is refused again.
 */

const SHOTS = process.env.E2E_SHOTS_DIR;

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function inEnglish(page: Page, name: string) {
  if (!SHOTS) return;
  const url = new URL(page.url());
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", domain: url.hostname, path: "/" }]);
  await page.reload();
  await shot(page, `${name}-en`);
  await page.context().clearCookies({ name: "NEXT_LOCALE" });
  await page.reload();
}

test("authorisation: prepared, signed on the phone, gating by lender, letter confirmed, revoked", async ({ browser }) => {
  test.setTimeout(180_000);
  const agency = await newAgency(browser, { authorisationGate: true });
  const { counselor, client } = agency;
  const today = shanghaiToday();
  const names = DEBTS.map((d) => d.lender);
  const cases: string[] = [];
  const proposals: string[] = [];
  for (const [i, debtId] of agency.debtIds.entries()) {
    const kase = await mutate<{ id: string }>(counselor.page, "case.open", { debtId });
    const d = DEBTS[i]!;
    const p = await mutate<{ id: string }>(counselor.page, "case.createProposal", {
      caseId: kase.id,
      channel: "app",
      validUntil: plusDays(today, 14),
      terms: {
        instalments: { amountFen: d.principal, method: "interest-free", months: 12, annualRatePct: "0", firstDueDate: plusDays(today, 30) },
      },
    });
    cases.push(kase.id);
    proposals.push(p.id);
  }

  // The counselor prepares the authorisation for 京东金条 and 蚂蚁, not 招商银行.
  await counselor.page.goto(`/clients/${client.clientId}?tab=authorisation`);
  await counselor.page.getByLabel("选定的平台").check();
  await counselor.page.getByLabel(names[0]!).check();
  await counselor.page.getByLabel(names[2]!).check();
  await counselor.page.getByLabel("代为投诉").check();
  await counselor.page.getByRole("button", { name: "生成授权委托书" }).click();
  await expect(counselor.page.getByTestId("authorisation-state").first()).toHaveText("待签署");
  await expect(counselor.page.getByTestId("authorisation").first()).toContainText(`${names[0]}、${names[2]}`);
  await shot(counselor.page, "staff-authorisation-draft");
  await inEnglish(counselor.page, "staff-authorisation-draft");

  // The case page says what is missing and links to the fix.
  await counselor.page.goto(`/cases/${cases[0]}`);
  await expect(counselor.page.getByTestId("case-authorisation")).toHaveText("等待客户签署");

  // The client, on her phone, reads and signs by drawing.
  const phone = client.page;
  await phone.goto("/portal");
  await expect(phone.getByTestId("portal-consent-link")).toContainText("1 项待处理");
  await phone.getByTestId("portal-consent-link").click();
  await expect(phone).toHaveURL(/\/portal\/consent/);
  await expect(phone.getByTestId("portal-authorisation-state")).toHaveText("待签署");
  await expect(phone.getByTestId("portal-authorisation")).toContainText("代为投诉");
  await expectNoSideScroll(phone);
  await shot(phone, "portal-authorisation-to-sign");
  const pad = phone.getByTestId("signature-pad");
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await phone.mouse.move(box.x + 30, box.y + 100);
  await phone.mouse.down();
  for (const [dx, dy] of [
    [60, 40],
    [100, 110],
    [150, 50],
    [200, 120],
    [260, 60],
  ] as const) {
    await phone.mouse.move(box.x + dx, box.y + dy, { steps: 6 });
  }
  await phone.mouse.up();
  await shot(phone, "portal-authorisation-drawn");
  await phone.getByRole("button", { name: "我已阅读并同意，签署" }).click();
  await expect(phone.getByTestId("portal-authorisation-state")).toHaveText("有效");
  await expectNoSideScroll(phone);
  await shot(phone, "portal-authorisation-signed");
  await inEnglish(phone, "portal-authorisation-signed");

  // 招商银行 is not covered: marking its proposal sent is refused, naming the lender.
  await counselor.page.goto(`/cases/${cases[1]}?tab=proposals`);
  await expect(counselor.page.getByTestId("case-authorisation")).toHaveText("不包括这家平台");
  await counselor.page.getByRole("button", { name: "标记为已提交" }).click();
  await expect(counselor.page.getByRole("alert").filter({ hasText: "不包括这家平台" })).toContainText(names[1]!);
  await expect(counselor.page.getByTestId("case-status")).toHaveText("接案");
  await shot(counselor.page, "staff-case-refused");
  await inEnglish(counselor.page, "staff-case-refused");

  // 京东金条 is covered: the counselor asks the client to confirm the letter first.
  await counselor.page.goto(`/cases/${cases[0]}?tab=proposals`);
  await expect(counselor.page.getByTestId("case-authorisation")).toHaveText("已授权");
  await counselor.page.getByRole("button", { name: "请客户确认信函" }).click();
  await expect(counselor.page.getByTestId("sign-off").first()).toContainText("等待客户确认");

  await phone.goto("/portal/consent");
  await expect(phone.getByTestId("portal-sign-off")).toContainText(names[0]!);
  await expect(phone.getByRole("link", { name: "打开将要发送的信函（PDF）" })).toHaveAttribute("href", /\/api\/documents\//);
  const pdf = await phone.request.get((await phone.getByRole("link", { name: "打开将要发送的信函（PDF）" }).getAttribute("href"))!);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
  await shot(phone, "portal-sign-off");
  await phone.getByRole("button", { name: "确认，可以发送" }).click();
  await expect(phone.getByTestId("portal-sign-off-state")).toHaveText("客户已确认");

  await counselor.page.reload();
  await expect(counselor.page.getByTestId("sign-off").first()).toContainText("客户已确认");
  await counselor.page.getByRole("button", { name: "标记为已提交" }).click();
  await expect(counselor.page.getByTestId("case-status")).toHaveText("已提出方案");
  await shot(counselor.page, "staff-case-sent");

  // The client revokes; the counselor is refused for 蚂蚁 too now, and the case page says why.
  await phone.goto("/portal/consent");
  await phone.getByRole("button", { name: "撤销授权" }).click();
  await phone.getByLabel("撤销原因（可不填）").fill("想先自己和平台谈");
  await phone.getByRole("button", { name: "确认撤销" }).click();
  await expect(phone.getByTestId("portal-authorisation-state")).toHaveText("已撤销");
  await shot(phone, "portal-authorisation-revoked");

  await counselor.page.goto(`/cases/${cases[2]}?tab=proposals`);
  await expect(counselor.page.getByTestId("case-authorisation")).toHaveText("客户已撤销");
  await counselor.page.getByRole("button", { name: "标记为已提交" }).click();
  await expect(counselor.page.getByRole("alert").filter({ hasText: "已撤销授权委托书" })).toBeVisible();
  await counselor.page.goto(`/clients/${client.clientId}?tab=authorisation`);
  await expect(counselor.page.getByTestId("authorisation-state").first()).toHaveText("已撤销");
  await expect(counselor.page.getByTestId("authorisation").first()).toContainText("想先自己和平台谈");
  await shot(counselor.page, "staff-authorisation-revoked");
  await phone.setViewportSize({ width: 375, height: 740 });
});
