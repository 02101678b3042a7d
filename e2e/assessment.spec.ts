import { addCounselor, query } from "./agency";
import { expect, test } from "./fixtures";

/**
 * Issue 3, done when: a counselor creates a client, enters a budget and three debts, compares two
 * scenarios and saves a plan; another client of the same organization cannot see it.
 */
test("a counselor assesses a new client and saves a plan; another client of the organization cannot see it", async ({
  browser,
  tenant,
  loginAs,
}) => {
  const name = `郑晓${Date.now().toString(36).slice(-4)}`;
  const counselor = loginAs("counselor");

  // Intake. Consent is required before anything is saved.
  await counselor.goto("/clients/new");
  await counselor.getByLabel("姓名").fill(name);
  await counselor.getByLabel("手机号").fill("13912345678");
  await counselor.getByLabel("所在城市").fill("成都");
  await counselor.getByLabel("家庭人口").fill("3");
  await counselor.getByLabel("需要抚养的人数").fill("1");
  await counselor.getByLabel("逾期的主要原因").selectOption({ label: "失业" });
  await counselor.getByRole("button", { name: "建立档案" }).click();
  await expect(counselor.getByText("需要客户同意后才能建立档案。")).toBeVisible();
  await expect(counselor).toHaveURL(/\/clients\/new$/);
  await counselor.getByRole("checkbox", { name: /客户已阅读并同意/ }).check();
  await counselor.getByRole("button", { name: "建立档案" }).click();
  await expect(counselor).toHaveURL(/\/clients\/[0-9a-f-]{36}$/);
  const clientPath = new URL(counselor.url()).pathname;
  const clientId = clientPath.split("/").pop()!;
  await expect(counselor.getByTestId("client-name")).toHaveText(name);

  // The client file is in tabs (the tab is in the URL).
  const tabs = counselor.getByRole("navigation", { name: "客户档案各部分" });
  const openTab = async (name: string, key: string) => {
    await tabs.getByRole("link", { name, exact: true }).click();
    await expect(counselor).toHaveURL(new RegExp(`\\?tab=${key}$`));
  };
  await openTab("收支预算", "budget");

  // Budget: one income, four expenses → disposable ¥3,200.00, affordable ¥2,880.00 after the 10 % buffer.
  const budget = counselor.locator("#budget");
  await budget.getByRole("button", { name: "填写收支" }).click();
  await budget.getByLabel("工资 每月金额（元）").fill("6000");
  await budget.getByLabel("房租或房贷 每月金额（元）").fill("1500");
  await budget.getByLabel("吃饭 每月金额（元）").fill("1000");
  await budget.getByLabel("水电燃气 每月金额（元）").fill("200");
  await budget.getByLabel("交通 每月金额（元）").fill("100");
  await budget.getByRole("button", { name: "保存", exact: true }).click();
  await expect(budget).toContainText("¥3,200.00");
  await expect(budget).toContainText("¥2,880.00");

  await openTab("债务", "debts");
  // Three debts. A bad amount first: a field error, nothing saved.
  const debts = counselor.locator("#debts");
  async function addDebt(lender: string, principal: string, interest: string, penalty: string, rate: string) {
    await debts.getByRole("button", { name: "添加债务" }).click();
    const form = debts.getByTestId("debt-form");
    await form.getByLabel("贷款机构").selectOption({ label: lender });
    await form.getByLabel("原始本金（元）").fill(principal);
    await form.getByLabel("剩余本金（元）").fill(principal);
    await form.getByLabel("利息", { exact: true }).fill(interest);
    await form.getByLabel("罚息", { exact: true }).fill(penalty);
    await form.getByLabel("合同利率").fill(rate);
    await form.getByRole("button", { name: "保存", exact: true }).click();
    await expect(form).toHaveCount(0);
  }
  await debts.getByRole("button", { name: "添加债务" }).click();
  const form = debts.getByTestId("debt-form");
  await form.getByLabel("贷款机构").selectOption({ label: "招商银行（银行）" });
  await form.getByLabel("原始本金（元）").fill("20000");
  await form.getByLabel("剩余本金（元）").fill("-5");
  await form.getByLabel("合同利率").fill("18");
  await form.getByRole("button", { name: "保存", exact: true }).click();
  const outstanding = form.getByLabel("剩余本金（元）");
  await expect(outstanding).toHaveAttribute("aria-invalid", "true");
  // The error is beside its field, in words, and the field is in view; the other amounts are fine.
  await expect(outstanding.locator("xpath=..").getByRole("alert")).toHaveText("金额不能是负数。");
  await expect(outstanding).toBeInViewport();
  await expect(form.getByLabel("原始本金（元）")).not.toHaveAttribute("aria-invalid", "true");
  // An amount as people write it ("￥1，000") is an amount; a word is not, and is named beside its field.
  await outstanding.fill("￥1，000");
  const interest = form.getByLabel("利息", { exact: true });
  await interest.fill("abc");
  await form.getByRole("button", { name: "保存", exact: true }).click();
  await expect(interest).toHaveAttribute("aria-invalid", "true");
  await expect(interest.locator("xpath=..").getByRole("alert")).toHaveText("请输入金额，例如 1234.56。");
  await expect(outstanding).not.toHaveAttribute("aria-invalid", "true");
  await form.getByRole("button", { name: "取消" }).click();
  // Nothing was saved.
  expect((await query<{ debts: unknown[] }>(counselor, "debt.list", { clientId })).debts).toHaveLength(0);
  await expect(debts.getByText("还没有登记债务。")).toBeVisible();

  await addDebt("招商银行（银行）", "20000", "800", "300", "18");
  await addDebt("京东金条（助贷平台）", "12000", "500", "180", "23.4");
  await addDebt("马上消费金融（消费金融公司）", "8000", "400", "120", "24");
  await expect(debts.getByTestId("debt-list").locator("> li")).toHaveCount(3);
  // 40,000 principal + 1,700 interest + 600 penalty.
  await expect(debts.getByTestId("debt-totals")).toContainText("¥42,300.00");

  await openTab("还款方案", "plan");
  // Two scenarios: 36 months (the default) and 24 months for every debt.
  const plan = counselor.locator("#plan");
  await expect(plan.getByTestId("scenario-0")).toBeVisible();
  // Only the instalments each month (the room kept as a buffer), so each total is the instalments' sum.
  await plan.getByTestId("scenario-0").getByRole("radio", { name: "留作备用，每月只还约定的分期" }).check();
  await plan.getByRole("button", { name: "再加一个方案" }).click();
  const second = plan.getByTestId("scenario-1");
  await expect(second).toBeVisible();
  const months = second.getByLabel("期数", { exact: false });
  await expect(months).toHaveCount(3);
  for (let i = 0; i < 3; i++) await months.nth(i).fill("24");
  await plan.getByRole("button", { name: "计算并对比" }).click();
  const results = plan.getByTestId("scenario-results");
  await expect(results.locator("> div")).toHaveCount(2);
  // Penalty waived, interest kept: 41,700 over 36 months ≈ ¥1,158.33 a month; over 24 months ≈ ¥1,737.50.
  await expect(results.locator("> div").nth(0)).toContainText("36");
  await expect(results.locator("> div").nth(1)).toContainText("24");
  await expect(results.locator("> div").nth(1)).toContainText("¥1,737.5");

  // Save the second scenario as the plan.
  await second.getByRole("radio", { name: "选这个方案" }).check();
  await plan.getByRole("button", { name: "保存所选方案" }).click();
  await expect(plan.getByText("方案已保存（第 1 版）")).toBeVisible();
  await counselor.reload();
  await expect(counselor.locator("#plan").getByText(/第 1 版/)).toBeVisible();

  // Another client of the same organization: the page is "not found", the API says no.
  const other = loginAs("client");
  await other.goto(clientPath);
  await expect(other.getByText("页面不存在，或您无权访问。")).toBeVisible();
  await expect(other.getByText(name)).toHaveCount(0);
  for (const [proc, input] of [
    ["plan.get", { clientId }],
    ["client.get", { id: clientId }],
    ["debt.list", { clientId }],
  ] as const) {
    const res = await other.request.get(`/api/trpc/${proc}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
    expect([403, 404], `${proc} → ${res.status()}`).toContain(res.status());
    expect(await res.text()).not.toContain(name);
  }
  await other.goto("/portal");
  await expect(other.getByText(name)).toHaveCount(0);

  // A counselor who is not assigned to the client does not see it either.
  const colleague = (await addCounselor(browser, tenant)).page;
  await colleague.goto(clientPath);
  await expect(colleague.getByText("页面不存在，或您无权访问。")).toBeVisible();
  await expect(colleague.getByTestId("client-name")).toHaveCount(0);
});
