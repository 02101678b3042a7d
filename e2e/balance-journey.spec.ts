import { expect, test, type Page } from "@playwright/test";
import { DEBTS, expectNoSideScroll, mutate, newAgency, plusDays, query, shanghaiToday, type Agency } from "./agency";

/**
 * Issue 11, seams 2 and 3: what is owed moves, and it is the same figure on every screen of every role; the
 * portal's plan speaks for the lenders still being negotiated and an agreed lender's own terms for the rest.
 * A new agency; setup through the API, assertions through the pages.
 */

const yuan = (fen: number) => `¥${Math.floor(fen / 100).toLocaleString("en-US")}.${String(fen % 100).padStart(2, "0")}`;
const fenOf = (text: string) => Math.round(Number(text.replace(/[^\d.]/g, "")) * 100);

test.describe.configure({ mode: "serial" });

let agency: Agency;
let caseId: string;
const jd = DEBTS[0]!;
const figures = (d: (typeof DEBTS)[number]) => d.principal + d.interest + d.penalty + d.fees;
/** The debts were recorded today: no growth yet. */
const intakeOwed = DEBTS.reduce((s, d) => s + figures(d), 0);
/** 京东金条 agrees: penalty and fees waived, the rest in 12 interest-free instalments. */
const agreedTotal = jd.principal + jd.interest;
const instalment = agreedTotal / 12;
const paid = instalment;

test.beforeAll(async ({ browser }) => {
  agency = await newAgency(browser);
  // The counselor saved a plan for all three lenders at intake.
  await mutate(agency.counselor.page, "plan.save", {
    clientId: agency.client.clientId,
    expectedVersion: 0,
    chosenScenario: 0,
    scenarios: [
      {
        name: "三年分期",
        startDate: plusDays(shanghaiToday(), 10),
        strategy: "pro-rata",
        lines: agency.debtIds.map((debtId) => ({
          debtId,
          arrangement: { waivePenalty: true, instalment: { method: "interest-free", months: 36 } },
        })),
      },
    ],
  });
});

test.afterAll(async () => {
  for (const p of [agency?.admin, agency?.counselor, agency?.client]) await p?.context.close();
});

async function clientFileOwed(page: Page) {
  await page.goto(`/clients/${agency.client.clientId}`);
  return page.getByTestId("client-owed");
}

async function caseloadOwed(page: Page) {
  await page.goto("/caseload");
  return page.getByTestId("client-rows").locator("tr", { hasText: agency.client.fullName }).getByTestId("caseload-owed");
}

async function caseOwed(page: Page) {
  await page.goto(`/cases/${caseId}`);
  return page.getByTestId("case-owed");
}

/** 目前欠款合计 on every screen that shows it, for every role; and the case page's figure for its debt. */
/** `underAgreements` null: no agreement is in force, and the outcomes say — (not ¥0.00). */
async function expectOwedEverywhere(owed: number, jdOwed: number, underAgreements: number | null) {
  const { counselor, admin, client } = agency;
  await expect(await clientFileOwed(counselor.page), "client file overview (counselor)").toHaveText(yuan(owed));
  await expect(await caseloadOwed(counselor.page), "caseload row (counselor)").toHaveText(yuan(owed));
  await client.page.goto("/portal");
  await expect(client.page.getByTestId("portal-owed"), "portal (client, 375 px)").toHaveText(yuan(owed));
  await expectNoSideScroll(client.page);
  await expect(await caseloadOwed(admin.page), "caseload row (admin)").toHaveText(yuan(owed));
  await expect(await clientFileOwed(admin.page), "client file overview (admin)").toHaveText(yuan(owed));
  await admin.page.goto("/admin/outcomes");
  await expect(admin.page.getByTestId("kpi-owed-now"), "outcomes: owed now (admin)").toHaveText(yuan(owed));
  await expect(admin.page.getByTestId("kpi-under-agreements"), "outcomes: under agreements (admin)").toHaveText(
    underAgreements === null ? "—" : yuan(underAgreements),
  );
  if (caseId) {
    await expect(await caseOwed(counselor.page), "case page (counselor)").toHaveText(yuan(jdOwed));
    // The debts tab says the same for that debt, and its total is the overview's.
    await counselor.page.goto(`/clients/${agency.client.clientId}?tab=debts`);
    await expect(counselor.page.getByTestId("debts-owed")).toHaveText(yuan(owed));
    await expect(counselor.page.getByTestId("debt-list").locator("> li", { hasText: jd.lender }).getByTestId("debt-owed")).toHaveText(
      yuan(jdOwed),
    );
  }
}

test("after intake: the recorded figures on every screen, and the plan for every lender", async () => {
  await expectOwedEverywhere(intakeOwed, figures(jd), null);
  const page = agency.client.page;
  await page.goto("/portal");
  await expect(page.getByTestId("planned-lender")).toHaveCount(3);
  await expect(page.getByTestId("agreed-lender")).toHaveCount(0);
});

test("after a proposal with instalments and a waiver is accepted: the agreed total, the agreed terms, the plan only for the others", async () => {
  const page = agency.counselor.page;
  const today = shanghaiToday();
  const opened = await mutate<{ id: string }>(page, "case.open", { debtId: agency.debtIds[0] });
  caseId = opened.id;
  const proposal = await mutate<{ id: string }>(page, "case.createProposal", {
    caseId,
    channel: "app",
    validUntil: plusDays(today, 30),
    terms: {
      waiver: { penaltyFen: jd.penalty, feesFen: jd.fees },
      instalments: { amountFen: agreedTotal, method: "interest-free", months: 12, annualRatePct: "0", firstDueDate: plusDays(today, 5) },
    },
  });
  await mutate(page, "case.sendProposal", { caseId, proposalId: proposal.id });
  await mutate(page, "case.recordResponse", { caseId, proposalId: proposal.id, kind: "accepted", receivedOn: today });

  const owed = intakeOwed - figures(jd) + agreedTotal;
  await expectOwedEverywhere(owed, agreedTotal, agreedTotal);

  // The portal's plan section: 京东金条's agreed terms; the plan speaks for the two others; the monthly total is both.
  const portal = agency.client.page;
  await portal.goto("/portal");
  const agreed = portal.getByTestId("agreed-lender");
  await expect(agreed).toHaveCount(1);
  await expect(agreed).toContainText(jd.lender);
  // The terms in the same words as the case page; beside them where she stands (next, how many left, relief).
  await expect(agreed.getByTestId("agreed-terms")).toContainText(`减免罚息 ${yuan(jd.penalty)}和费用及违约金 ${yuan(jd.fees)}`);
  await expect(agreed.getByTestId("agreed-terms")).toContainText(`分期还款 ${yuan(agreedTotal)} 分 12 期`);
  await expect(agreed).toContainText(`平台减免了 ${yuan(jd.penalty + jd.fees)}`);
  await expect(agreed).toContainText(`下一期 ${plusDays(today, 5)}，要还 ${yuan(instalment)}，还剩 12 期`);
  const planned = portal.getByTestId("planned-lender");
  await expect(planned).toHaveCount(2);
  await expect(portal.getByTestId("planned-lines")).not.toContainText(jd.lender);
  const plannedFen = (await planned.allInnerTexts()).map((text) => fenOf(/¥[\d,]+\.\d{2}/.exec(text)![0])).reduce((s, v) => s + v, 0);
  await expect(portal.getByTestId("monthly-total")).toHaveText(
    `每月合计约 ${yuan(instalment + plannedFen)}：已谈妥 ${yuan(instalment)}（1 家）+ 计划中 ${yuan(plannedFen)}（2 家）`,
  );
  await expectNoSideScroll(portal);
});

test("after the client reports a payment on her phone: pending beside the figure, what is owed unchanged", async () => {
  const page = agency.client.page;
  await page.goto("/portal");
  const form = page.locator("section", { has: page.getByRole("heading", { name: "报告一笔还款" }) });
  await form.getByLabel("还给哪一家").selectOption({ label: jd.lender });
  await form.getByLabel("金额（元）").fill(String(paid / 100));
  await form.getByRole("button", { name: "提交" }).click();
  await expect(form.getByText("已收到您的还款报告，咨询师核对后会确认。")).toBeVisible();
  await page.goto("/portal");
  await expect(page.getByTestId("portal-pending")).toContainText(yuan(paid));

  const owed = intakeOwed - figures(jd) + agreedTotal;
  await expectOwedEverywhere(owed, agreedTotal, agreedTotal);
  // The staff see it pending beside the figure too.
  await agency.counselor.page.goto(`/clients/${agency.client.clientId}`);
  await expect(agency.counselor.page.getByTestId("client-overview")).toContainText(`待确认还款 ${yuan(paid)}（未扣除）`);
});

test("after the counselor confirms it: lower by exactly that amount everywhere", async () => {
  const page = agency.counselor.page;
  const schedule = await query<{ payments: Array<{ id: string; status: string; amountFen: number }> }>(page, "payment.schedule", {
    caseId,
  });
  const reported = schedule.payments.find((p) => p.status === "reported")!;
  expect(reported.amountFen).toBe(paid);
  await mutate(page, "payment.confirm", { caseId, paymentId: reported.id });

  const owed = intakeOwed - figures(jd) + agreedTotal - paid;
  await expectOwedEverywhere(owed, agreedTotal - paid, agreedTotal - paid);
  const portal = agency.client.page;
  await portal.goto("/portal");
  await expect(portal.getByTestId("portal-pending")).toHaveCount(0);
  await expect(portal.getByTestId("agreed-left")).toHaveText("，还剩 11 期");
});
