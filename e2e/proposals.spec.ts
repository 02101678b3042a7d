import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoSideScroll, mutate, newAgency, query } from "./agency";

/**
 * Issue 11, seams 6, 8, 9 (and the terms' words of 11): a counselor of a new agency works one debt from an
 * empty proposal to an agreement. Errors are in plain words beside what they are about and in view; terms
 * that charge a waived fee again are refused with the figures; the lender history beside the form follows
 * each step without a reload; an agreed case offers a change or a breach instead of a new proposal; the
 * client sees the agreed terms on her phone in the same words as the counselor.
 *
 * The debt (京东金条, see DEBTS in agency.ts): principal ¥18,000.00, interest ¥1,200.00, penalty interest
 * ¥450.00, fees ¥150.00: ¥19,800.00 owed.
 */

/** The words of a terms list, line by line. */
const lines = (list: Locator) => list.locator("li").allInnerTexts();

/** No serious or critical WCAG 2.1 A/AA violation on the page as it stands. */
async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

async function openProposalsTab(page: Page, caseId: string) {
  await page.goto(`/cases/${caseId}`);
  await page.getByRole("button", { name: "方案与答复" }).click();
  await expect(page.getByTestId("proposals-tab")).toBeVisible();
}

test("proposal errors in words and in view, terms checked against the debt, panels that follow, an agreed case", async ({ browser }) => {
  const agency = await newAgency(browser);
  const page = agency.counselor.page;
  const debtId = agency.debtIds[0]!;
  const kase = await mutate<{ id: string }>(page, "case.open", { debtId });
  await openProposalsTab(page, kase.id);
  const tab = page.getByTestId("proposals-tab");
  const history = page.locator("section").filter({ has: page.getByRole("heading", { name: /本机构与 京东金条 的协商记录/ }) });
  await expect(history).toContainText("还没有向这家机构提出过方案。");

  // 1. An empty proposal: one plain message beside the button, in view; no field path anywhere.
  const form = page.getByRole("form", { name: "新方案" });
  const save = form.getByRole("button", { name: "保存为草稿" });
  await save.click();
  const message = form.locator("[data-form-error]");
  await expect(message).toHaveText("请至少填写一项：减免、分期、延期、一次性结清或征信异议。");
  await expect(message).toBeInViewport();
  // The message sits right above the button it is about.
  const [m, b] = [await message.boundingBox(), await save.boundingBox()];
  expect(b!.y - (m!.y + m!.height)).toBeLessThan(40);
  await expect(page.locator("body")).not.toContainText("terms._");
  await expect(page.locator("body")).not.toContainText("内容无效");

  // 2. The fees waived and still inside the instalment amount: refused on the amount, with the figures.
  await form.getByLabel("减免费用/违约金（元）").fill("150");
  await form.getByLabel("分期金额（元）").fill("19，800");
  await save.click();
  const amount = form.getByLabel("分期金额（元）");
  await expect(amount).toHaveAttribute("aria-invalid", "true");
  await expect(amount).toBeFocused();
  const amountError = page.locator(`#${await amount.getAttribute("aria-describedby")}`);
  await expect(amountError).toHaveText("分期金额 ¥19,800.00 超过了减免后的欠款 ¥19,650.00：减免的费用及违约金又被算进了分期。");
  await expect(amountError).toBeInViewport();
  // Nothing was saved.
  expect(await query<unknown[]>(page, "case.proposals", { caseId: kase.id })).toHaveLength(0);
  await expectAccessible(page);

  // 3. Less than what remains is a warning to confirm, not an error.
  await amount.fill("19,000");
  await expect(form.getByTestId("terms-warnings")).toContainText("分期金额 ¥19,000.00 比减免后的欠款 ¥19,650.00 少 ¥650.00");
  await save.click();
  const confirm = form.getByLabel("我已核对，按这些条件保存");
  await expect(confirm).toBeFocused();
  await expect(form.getByText("请先核对上面的提示，勾选确认后再保存。")).toBeVisible();

  // 4. The right amount: saved and sent.
  await amount.fill("19,650");
  await expect(form.getByTestId("terms-warnings")).toHaveCount(0);
  await save.click();
  const proposal = page.locator("section").filter({ has: page.getByRole("heading", { name: "方案 1" }) });
  await expect(proposal).toContainText("草稿");
  await expect(proposal.getByTestId("proposal-terms")).toContainText("减免费用及违约金 ¥150.00");
  await expect(proposal.getByTestId("proposal-terms")).toContainText("分期还款 ¥19,650.00 分 12 期");
  await expect(proposal.getByTestId("proposal-terms")).not.toContainText("（元）");
  await proposal.getByRole("button", { name: "标记为已提交" }).click();
  await expect(proposal).toContainText("已提交，等待答复");
  // The lender history beside the form follows, without a reload.
  await expect(history).toContainText("已提出方案 1");
  await expect(history).not.toContainText("还没有向这家机构提出过方案。");

  // 5. The lender counters with 24 instalments; the counter-offer is checked like a proposal.
  await proposal.getByText("记录平台答复").click();
  const answer = proposal.locator("details form");
  await answer.getByLabel("平台答复").selectOption({ label: "还价（平台提出的方案）" });
  await answer.getByLabel("减免费用/违约金（元）").fill("150");
  await answer.getByLabel("分期金额（元）").fill("19650");
  await answer.getByLabel("期数（1–60）").fill("24");
  await answer.getByRole("button", { name: "保存" }).click();
  await expect(proposal.getByTestId("counter-terms")).toContainText("分期还款 ¥19,650.00 分 24 期");
  await expect(history).toContainText("接受率 0%");

  // 6. The client accepts it: an agreement. The history counts it, still without a reload.
  await proposal.getByRole("button", { name: "客户接受此还价" }).click();
  await expect(page.getByTestId("case-status")).toHaveText("已达成协议");
  await expect(history).toContainText("被接受的分期通常为 24 期");

  // 7. An agreed case offers a change or a breach, not a new proposal.
  await expect(tab).toHaveAttribute("data-mode", "agreed");
  await expect(page.getByRole("heading", { name: "记录与平台商定的变更" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "记录违约" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "新方案" })).toHaveCount(0);
  await expect(page.getByText("记录平台答复")).toHaveCount(0);
  await expectAccessible(page);
  const counselorWords = await lines(page.getByTestId("agreement-terms"));
  expect(counselorWords).toEqual([
    "减免费用及违约金 ¥150.00",
    expect.stringMatching(/^分期还款 ¥19,650\.00 分 24 期，停息分期（不计息），首期 \d{4}-\d{2}-\d{2} 还 ¥818\.75$/),
  ]);

  // 8. The client, on a 375 px phone, reads the agreed terms in the same words.
  const phone = agency.client.page;
  await phone.goto("/portal");
  const agreed = phone.getByTestId("agreed-schedules").locator("li").filter({ hasText: "京东金条" });
  expect(await lines(agreed.getByTestId("agreed-terms"))).toEqual(counselorWords);
  await expectNoSideScroll(phone);

  // 9. A change agreed with the lender: 36 instalments from today for what remains.
  const change = page.getByRole("form", { name: "记录与平台商定的变更" });
  await change.getByLabel("期数（1–60）").fill("36");
  await change.getByRole("button", { name: "保存变更" }).click();
  await expect(page.getByText("变更已保存，新的还款计划已生效。")).toBeVisible();
  await expect(page.getByTestId("agreement-terms")).toContainText("分期还款 ¥19,650.00 分 36 期");
  await phone.reload();
  await expect(agreed.getByTestId("agreed-terms")).toContainText("分期还款 ¥19,650.00 分 36 期");
  // The one balance follows the change: what remains, the same on the case page and on her phone.
  const caseOwed = async () => {
    await page.getByRole("button", { name: "概况" }).click();
    const text = await page.getByTestId("case-owed").innerText();
    await page.getByRole("button", { name: "方案与答复" }).click();
    await expect(tab).toBeVisible();
    return text;
  };
  expect(await caseOwed()).toBe("¥19,650.00");
  const phoneOwed = phone.getByTestId("lender-answers").locator("> li", { hasText: "京东金条" }).getByTestId("lender-owed");
  await expect(phoneOwed).toContainText("目前欠 ¥19,650.00");

  // 10. A breach: the case goes back to negotiating and a new proposal can be made.
  const breach = page.getByRole("form", { name: "记录违约" });
  await breach.getByRole("button", { name: "记录违约" }).click();
  await expect(breach.getByText("请写明原因。")).toBeVisible();
  await breach.getByLabel("原因").fill("连续两期未还");
  await breach.getByRole("button", { name: "记录违约" }).click();
  await expect(page.getByTestId("case-status")).toHaveText("协商中");
  await expect(tab).toHaveAttribute("data-mode", "renegotiate");
  await expect(page.getByText("连续两期未还")).toBeVisible();
  await expect(page.getByRole("heading", { name: "新方案" })).toBeVisible();
  // The broken agreement's remainder stands, on both screens; its terms no longer speak for the debt.
  expect(await caseOwed()).toBe("¥19,650.00");
  await phone.reload();
  await expect(phoneOwed).toContainText("目前欠 ¥19,650.00");
  await expect(agreed).toContainText("这份协议已中断，按协议还剩 ¥19,650.00。");
  await expect(agreed.getByTestId("agreed-terms")).toHaveCount(0);
});
