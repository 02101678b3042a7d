import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { DEBTS } from "./agency";
import { expect, test } from "./fixtures";

/**
 * Issue 4, done when: a counselor sends a proposal, records a counter-offer, accepts it, downloads the
 * letter (its text contains the client's name and the terms), and records a payment; the letter shows the
 * Chinese text rendered (the PDF embeds its CJK font; the rendered page is attached for a person to look at).
 */
// The 京东金条 debt owes ¥12,800.00, so the proposal below (¥300.00 waived, ¥12,500.00 in instalments) repays
// exactly what is left after the waiver and the terms check has nothing to confirm.
test.use({
  agencyOptions: {
    debts: [{ ...DEBTS[0]!, principal: 1_200_000, interest: 50_000, penalty: 18_000, fees: 12_000 }, ...DEBTS.slice(1)],
  },
});

test("a counselor negotiates a debt: proposal, counter-offer, agreement, letter and a payment", async ({ tenant, loginAs }, testInfo) => {
  const page = loginAs("counselor");
  const name = tenant.client.fullName;

  // From the client's file to a case for one debt.
  await page.goto("/caseload");
  await page.getByRole("link", { name }).first().click();
  await expect(page.getByTestId("client-name")).toHaveText(name);
  const debtsTab = page.getByRole("navigation", { name: "客户档案各部分" }).getByRole("link", { name: "债务", exact: true });
  await debtsTab.click();
  const debt = page.getByTestId("debt-list").locator("> li").filter({ hasText: "京东金条" });
  await debt.getByRole("button", { name: "开始和这家机构协商" }).click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  const casePath = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${name} · 京东金条`);
  await expect(page.getByTestId("case-status")).toHaveText("接案");

  // The debt now links to its case instead of opening a second one.
  await page.getByRole("link", { name: `返回 ${name} 的档案` }).click();
  await debtsTab.click();
  await expect(
    page.getByTestId("debt-list").locator("> li").filter({ hasText: "京东金条" }).getByRole("link", { name: "查看协商案件" }),
  ).toHaveAttribute("href", casePath);
  await page.goto(casePath);

  // Proposal: waive the penalty and fees, the rest in 12 interest-free instalments.
  await page.getByRole("button", { name: "方案与答复" }).click();
  await expect(page.getByText("还没有方案。", { exact: false })).toBeVisible();
  const draft = page.locator("section").filter({ has: page.getByRole("heading", { name: "新方案" }) });
  await draft.getByLabel("减免罚息（元）").fill("180");
  await draft.getByLabel("减免费用/违约金（元）").fill("120");
  await draft.getByLabel("分期金额（元）").fill("12500");
  await draft.getByLabel("期数（1–60）").fill("12");
  await draft.getByRole("button", { name: "保存为草稿" }).click();
  const proposal = page.locator("section").filter({ has: page.getByRole("heading", { name: "方案 1" }) });
  await expect(proposal).toContainText("草稿");
  await expect(proposal).toContainText("分期还款 ¥12,500.00 分 12 期");
  await proposal.getByRole("button", { name: "标记为已提交" }).click();
  await expect(proposal).toContainText("已提交，等待答复");

  // The lender counters: 24 instalments instead of 12.
  await proposal.getByText("记录平台答复").click();
  await proposal
    .getByLabel("平台答复", { exact: false })
    .or(proposal.locator("details select").first())
    .first()
    .selectOption({ label: "还价（平台提出的方案）" });
  const counter = proposal.locator("details form");
  // The counter-offer keeps the waiver (its terms are checked against the debt like a proposal's).
  await counter.getByLabel("减免罚息（元）").fill("180");
  await counter.getByLabel("减免费用/违约金（元）").fill("120");
  await counter.getByLabel("分期金额（元）").fill("12500");
  await counter.getByLabel("期数（1–60）").fill("24");
  await counter.getByRole("button", { name: "保存" }).click();
  await expect(proposal).toContainText("还价（平台提出的方案）");
  await expect(proposal).toContainText("分期还款 ¥12,500.00 分 24 期");

  // Accept the counter-offer: the agreement and its schedule.
  await proposal.getByRole("button", { name: "客户接受此还价" }).click();
  await expect(page.getByTestId("case-status")).toHaveText("已达成协议");
  await page.getByRole("button", { name: "还款计划" }).click();
  const schedule = page.getByTestId("schedule");
  await expect(schedule.locator("tbody tr")).toHaveCount(24);
  // 12,500.00 over 24 months, no interest: ¥520.83 or ¥520.84 a month, exactly ¥12,500.00 in all.
  await expect(schedule.locator("tbody tr").first()).toContainText(/¥520\.8[34]/);
  await expect(page.getByText("合计：应还 ¥12,500.00，已还 ¥0.00，未还 ¥12,500.00")).toBeVisible();
  const firstDue = (await schedule.locator("tbody tr").first().locator("td").nth(2).textContent())!.replace("¥", "");

  // The letter of proposal 1: a real PDF with the client's name and the terms, CJK font embedded.
  await page.getByRole("button", { name: "方案与答复" }).click();
  const href = await proposal.getByRole("link", { name: "下载协商还款申请书（PDF）" }).getAttribute("href");
  expect(href).toMatch(/^\/api\/cases\/[0-9a-f-]{36}\/letter\?proposalId=/);
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/pdf");
  const pdfPath = testInfo.outputPath("letter.pdf");
  writeFileSync(pdfPath, await res.body());
  const text = execFileSync("pdftotext", ["-layout", pdfPath, "-"], { encoding: "utf8" }).replace(/[ \t]+/g, " ");
  expect(text).toContain("协商还款申请书");
  expect(text).toContain(name);
  expect(text).toContain("京东金条");
  expect(text).toContain("罚息 ¥180.00");
  expect(text).toContain("费用及违约金 ¥120.00");
  expect(text).toMatch(/¥12,500\.00 分 12 期/);
  // Every font the letter uses is embedded (a missing CJK font would render boxes or nothing).
  const fonts = execFileSync("pdffonts", [pdfPath], { encoding: "utf8" }).trim().split("\n").slice(2);
  expect(fonts.length).toBeGreaterThan(0);
  for (const line of fonts) expect(line, line).toMatch(/\byes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);
  const pngBase = testInfo.outputPath("letter");
  execFileSync("pdftoppm", ["-png", "-r", "90", "-f", "1", "-l", "1", pdfPath, pngBase]);
  const png = readFileSync(`${pngBase}-1.png`);
  expect(png.length).toBeGreaterThan(20_000);
  await testInfo.attach("letter-page-1", { body: png, contentType: "image/png" });
  // A page whose text the renderer could draw: the rendered glyph text matches (pdftotext reads the same glyphs).
  expect(text.replace(/\s/g, "").length).toBeGreaterThan(200);

  // A payment against the schedule: the first instalment paid.
  await page.getByRole("button", { name: "还款计划" }).click();
  await page.getByLabel("本次还款金额（元）").fill("abc");
  await page.getByRole("button", { name: "登记一笔还款" }).click();
  await expect(page.getByText("请填写这次还了多少钱", { exact: false })).toBeVisible();
  await page.getByLabel("本次还款金额（元）").fill(firstDue);
  await page.getByRole("button", { name: "登记一笔还款" }).click();
  await expect(page.getByText("已登记。")).toBeVisible();
  const payments = page.locator("section").filter({ has: page.getByRole("heading", { name: "还款记录" }) });
  await expect(payments).toContainText(`¥${firstDue}`);
  await expect(schedule.locator("tbody tr").first()).toContainText("已还清");
  await expect(page.getByTestId("case-status")).toHaveText(/已达成协议|还款中/);
});
