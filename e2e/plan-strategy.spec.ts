import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoSideScroll, newAgency, query } from "./agency";

/**
 * Seam 5 of issue 11: scenarios that differ only by strategy used to look identical, nobody used the room
 * between the instalments and the affordable amount, and the balance chart's lines stopped part-way.
 * A new agency's client has 3 debts (京东 18.25 %, 招商 18 %, 花呗 14.6 % a year) and a budget with room;
 * the default arrangement is 36 interest-free instalments with penalty and fees waived (¥62,700.00 in
 * all, ¥1,741.69 in the first months).
 */

const fenOf = (text: string | null) => Math.round(Number((text ?? "").replace(/[¥,]/g, "")) * 100);
const yuan = (fen: number) => `¥${(fen / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** Per debt row of a result: lender → payoff month. */
async function payoffMonths(result: Locator, lenders: string[]) {
  const months: Record<string, string> = {};
  for (const lender of lenders) {
    const row = result.getByRole("row").filter({ has: result.page().getByRole("rowheader", { name: lender, exact: true }) });
    months[lender] = ((await row.getByTestId("line-payoff").textContent()) ?? "").slice(0, 7);
  }
  return months;
}

/**
 * The balance chart's lines: where each ends, and its stroke-dasharray (a reveal animation writes one in
 * pixels, "224px 1011px", while it draws; a drawn line has none, or its own dash pattern).
 */
async function lineEnds(page: Page) {
  return page.locator("[data-testid=balance-chart]").evaluate((chart) => {
    const zeroLabel = [...chart.querySelectorAll(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-label")].find(
      (label) => label.textContent?.trim() === "¥0",
    );
    const zeroY = Number(zeroLabel?.querySelector("text")?.getAttribute("y"));
    return {
      zeroY,
      lines: [...chart.querySelectorAll(".recharts-line path.recharts-curve")].map((path) => {
        const points = (path.getAttribute("d") ?? "").match(/-?\d+(?:\.\d+)?,-?\d+(?:\.\d+)?/g) ?? [];
        const [x, y] = (points.at(-1) ?? "0,0").split(",").map(Number) as [number, number];
        return { x, y, dash: path.getAttribute("stroke-dasharray") };
      }),
    };
  });
}

test("three strategies pay the debts off in different orders, a buffer shows and lasts longer, the chart reaches zero, and the portal shows the saved figures", async ({
  browser,
}) => {
  const agency = await newAgency(browser);
  const page = agency.counselor.page;
  const lenders = ["京东金条", "招商银行", "蚂蚁花呗/借呗"];
  await page.goto(`/clients/${agency.client.clientId}?tab=plan`);
  const plan = page.locator("#plan");
  await expect(plan.getByTestId("scenario-0")).toBeVisible();
  await plan.getByRole("button", { name: "再加一个方案" }).click();
  await plan.getByRole("button", { name: "再加一个方案" }).click();
  const settings = [
    ["利率优先", "先还利率最高的"],
    ["小额优先", "先还金额最小的"],
    ["按比例", "按欠款比例分配"],
  ] as const;
  for (const [i, [name, strategy]] of settings.entries()) {
    const scenario = plan.getByTestId(`scenario-${i}`);
    await scenario.getByLabel("名称").fill(name);
    await scenario.getByLabel("多余还款能力的分配方式").selectOption({ label: strategy });
    await expect(scenario.getByRole("radio", { name: "用来提前还清债务" })).toBeChecked();
  }
  await expect(plan.getByTestId("scenario-0")).toContainText("要付的利息最少");
  await plan.getByRole("button", { name: "计算并对比" }).click();

  const results = [0, 1, 2].map((i) => plan.getByTestId(`result-${i}`));
  await expect(results[0]!.getByTestId("result-affordable")).toBeVisible();
  const affordable = fenOf(await results[0]!.getByTestId("result-affordable").textContent());
  expect(affordable).toBeGreaterThan(174_169 * 2);
  const monthsEarly = Math.ceil(6_270_000 / affordable);
  for (const r of results) {
    // The room goes to work: the whole affordable amount from the first month, paid off well before 36 months.
    await expect(r.getByTestId("result-first-month")).toHaveText(yuan(affordable));
    await expect(r.getByTestId("result-months")).toHaveText(String(monthsEarly));
    await expect(r.getByTestId("result-total")).toHaveText("¥62,700.00");
    await expect(r.getByTestId("result-interest")).toHaveText("¥0.00");
    await expect(r).toContainText(`比只还约定分期（36 个月）早 ${36 - monthsEarly} 个月还清`);
  }
  // The room is what the affordable amount leaves over the instalments.
  await expect(results[0]!.getByTestId("result-room")).toHaveText(yuan(affordable - 174_169));
  // The clearing order: highest rate first, smallest first; pro-rata clears them together.
  await expect(results[0]!.getByTestId("result-order").locator("li")).toHaveText([/^1\. 京东金条/, /^2\. 招商银行/, /^3\. 蚂蚁花呗/]);
  await expect(results[1]!.getByTestId("result-order").locator("li")).toHaveText([/^1\. 蚂蚁花呗/, /^2\. 京东金条/, /^3\. 招商银行/]);
  const avalanche = await payoffMonths(results[0]!, lenders);
  const snowball = await payoffMonths(results[1]!, lenders);
  const proRata = await payoffMonths(results[2]!, lenders);
  expect(avalanche["京东金条"]! < avalanche["招商银行"]!).toBe(true);
  expect(snowball["蚂蚁花呗/借呗"]! < snowball["京东金条"]!).toBe(true);
  expect(avalanche).not.toEqual(snowball);
  expect(proRata).not.toEqual(avalanche);
  expect(new Set(Object.values(proRata)).size).toBeLessThanOrEqual(2);
  // What each pays per month is visible per debt: avalanche's first month gives 京东 all the room.
  await expect(results[0]!.getByRole("row").filter({ hasText: "京东金条" })).toContainText(yuan(affordable - 94_723 - 26_112));
  // Same totals, different order: said in plain words, from the computation.
  await expect(plan.getByTestId("comparisons")).toContainText("利率优先 和 小额优先 各笔债务还清的先后不同，但总共还款和还清所需月数一样");

  // The chart: drawn whole at once, each line ending on ¥0.
  let ends = await lineEnds(page);
  expect(ends.lines).toHaveLength(3);
  for (const line of ends.lines) {
    expect(line.dash ?? "", "drawn in full, not being revealed").not.toMatch(/px/);
    expect(Math.abs(line.y - ends.zeroY)).toBeLessThan(1);
  }

  // Keep the room as a buffer in the pro-rata scenario: the buffer shows and the plan takes the 36 months.
  await plan.getByTestId("scenario-2").getByRole("radio", { name: "留作备用，每月只还约定的分期" }).check();
  await plan.getByRole("button", { name: "计算并对比" }).click();
  await expect(results[2]!).toContainText("每月留作备用");
  await expect(results[2]!.getByTestId("result-room")).toHaveText(yuan(affordable - 174_169));
  await expect(results[2]!.getByTestId("result-months")).toHaveText("36");
  await expect(results[2]!.getByTestId("result-first-month")).toHaveText("¥1,741.69");
  await expect(results[2]!.getByTestId("result-no-effect")).toContainText("多出来的钱留作备用");
  // Every debt on its 36th instalment: the month 35 after the start.
  const [y, m] = (await plan.getByTestId("scenario-2").getByLabel("第一次还款日期").inputValue()).split("-").map(Number) as [
    number,
    number,
  ];
  const last = y * 12 + m - 1 + 35;
  const lastMonth = `${Math.floor(last / 12)}-${String((last % 12) + 1).padStart(2, "0")}`;
  expect(Object.values(await payoffMonths(results[2]!, lenders))).toEqual([lastMonth, lastMonth, lastMonth]);
  ends = await lineEnds(page);
  for (const line of ends.lines) {
    expect(line.dash ?? "", "drawn in full, not being revealed").not.toMatch(/px/);
    expect(Math.abs(line.y - ends.zeroY)).toBeLessThan(1);
  }
  // The buffer's line runs longer (further right) than the others.
  expect(ends.lines[2]!.x).toBeGreaterThan(ends.lines[0]!.x);

  // Save the avalanche scenario; the client's phone shows the same monthly amount and months.
  await plan.getByTestId("scenario-0").getByRole("radio", { name: "选这个方案" }).check();
  await plan.getByRole("button", { name: "保存所选方案" }).click();
  await expect(plan.getByText("方案已保存（第 1 版）")).toBeVisible();
  const first = (await results[0]!.getByTestId("result-first-month").textContent())!;
  const months = (await results[0]!.getByTestId("result-months").textContent())!;
  const saved = await query<{
    evaluation: { firstMonthTotalFen: number; monthlyTotalFen: number; monthsToDebtFree: number; strategy: string };
  }>(page, "plan.get", {
    clientId: agency.client.clientId,
  });
  expect([yuan(saved.evaluation.firstMonthTotalFen), String(saved.evaluation.monthsToDebtFree), saved.evaluation.strategy]).toEqual([
    first,
    months,
    "avalanche",
  ]);
  const phone = agency.client.page;
  await phone.goto("/portal");
  // The same figures on her phone; when the plan pays more in later months, it says so and how much at most.
  const highest = saved.evaluation.monthlyTotalFen;
  await expect(phone.getByTestId("planned-summary")).toHaveText(
    highest > saved.evaluation.firstMonthTotalFen + 3
      ? `第一个月还 ${first}，之后有的月份多还一些（最多 ${yuan(highest)}），预计 ${months} 个月还清`
      : `每月约还 ${first}，预计 ${months} 个月还清`,
  );
  await expectNoSideScroll(phone);

  // Reloaded, the builder keeps each scenario's strategy and use of the room.
  await page.reload();
  await expect(plan.getByTestId("scenario-2").getByRole("radio", { name: "留作备用，每月只还约定的分期" })).toBeChecked();
  await expect(plan.getByTestId("scenario-0").getByLabel("多余还款能力的分配方式")).toHaveValue("avalanche");
});
