import { expect, test, type Page } from "@playwright/test";
import { DEBTS, PHONE, expectNoSideScroll, mutate, newAgency, plusDays, query, shanghaiToday, type Agency } from "./agency";

/**
 * Issue 11, "one truth per client": a new agency's client is taken from intake through a plan, a lender's
 * request for a document, the upload, an agreement (one instalment already missed), a payment reported and a
 * payment confirmed. After each step the three facts a person asks about — what she owes, her next payment,
 * which documents are still needed — read the same on every screen that shows them, for the counselor, the
 * admin and the client on her 375 px phone. Setup goes through the API; the assertions read the pages.
 */

test.describe.configure({ mode: "serial" });

const yuan = (fen: number) => `¥${Math.floor(fen / 100).toLocaleString("en-US")}.${String(fen % 100).padStart(2, "0")}`;
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "latin1");
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

const jd = DEBTS[0]!;
const figures = (d: (typeof DEBTS)[number]) => d.principal + d.interest + d.penalty + d.fees;
const intakeOwed = DEBTS.reduce((s, d) => s + figures(d), 0);
/** 京东金条 agrees: penalty and fees waived, principal and interest in 12 interest-free instalments. */
const agreedTotal = jd.principal + jd.interest;
const instalment = agreedTotal / 12;
/** What she owes in all once 京东金条 has agreed: its agreed total, and the other two lenders' figures. */
const othersOwed = DEBTS.slice(1).reduce((s, d) => s + figures(d), 0);

let agency: Agency;
let caseId = "";
const today = shanghaiToday();
/** The first instalment fell due ten days ago and was missed; the second is due in three weeks. */
const firstDue = plusDays(today, -10);
let secondDue = "";

test.beforeAll(async ({ browser }) => {
  agency = await newAgency(browser);
});

test.afterAll(async () => {
  for (const p of [agency?.admin, agency?.counselor, agency?.client]) await p?.context.close();
});

type Facts = {
  owedFen: number;
  /** Her next payment: the earliest instalment not yet paid, with what is left on it; null when none. */
  next: { dueDate: string; amountFen: number } | null;
  /** Document kinds (Chinese names) a lender still waits for. */
  needed: string[];
};

async function clientFile(page: Page) {
  await page.goto(`/clients/${agency.client.clientId}`);
  await expect(page.getByTestId("client-overview")).toBeVisible();
}

async function caseloadRow(page: Page) {
  await page.goto("/caseload");
  return page.getByTestId("client-rows").locator("tr", { hasText: agency.client.fullName });
}

/** Every screen that shows one of the facts, for every role that sees it. */
async function expectFacts(f: Facts) {
  const { counselor, admin, client } = agency;

  // The client on her phone.
  await client.page.goto("/portal");
  await expect(client.page.getByTestId("portal-owed"), "portal: owed").toHaveText(yuan(f.owedFen));
  if (f.next) {
    await expect(client.page.getByTestId("next-payment-amount"), "portal: next payment").toHaveText(yuan(f.next.amountFen));
    await expect(client.page.getByText(`${f.next.dueDate} 前还给 ${jd.lender}`), "portal: next payment's day").toBeVisible();
  } else {
    await expect(client.page.getByTestId("next-payment-amount")).toHaveCount(0);
  }
  const asked = client.page.getByTestId("portal-document-request");
  await expect(asked, "portal: documents asked").toHaveCount(f.needed.length);
  for (const kind of f.needed) await expect(asked.filter({ hasText: kind })).toBeVisible();
  await expectNoSideScroll(client.page);

  // The counselor and the admin: the client file, the caseload.
  for (const [who, page] of [
    ["counselor", counselor.page],
    ["admin", admin.page],
  ] as const) {
    await clientFile(page);
    await expect(page.getByTestId("client-owed"), `client file: owed (${who})`).toHaveText(yuan(f.owedFen));
    await expect(page.getByTestId("client-next-payment"), `client file: next payment (${who})`).toHaveText(
      f.next ? `${f.next.dueDate} 还 ${jd.lender} ${yuan(f.next.amountFen)}` : "暂无待还款项",
    );
    const row = await caseloadRow(page);
    await expect(row.getByTestId("caseload-owed"), `caseload: owed (${who})`).toHaveText(yuan(f.owedFen));
    await expect(row.getByTestId("caseload-next-due"), `caseload: next due (${who})`).toHaveText(f.next ? f.next.dueDate : "—");
  }

  // The counselor's agenda and case page, once there is a case.
  if (caseId) {
    const page = counselor.page;
    await page.goto("/agenda");
    const docs = page.getByTestId("agenda-documents");
    if (f.needed.length === 0) await expect(docs, "agenda: no document asked").toHaveCount(0);
    else
      for (const kind of f.needed)
        await expect(docs.locator("li").filter({ hasText: jd.lender }), "agenda: documents asked").toContainText(kind);

    await page.goto(`/cases/${caseId}?tab=documents`);
    const checklist = page.getByTestId("checklist");
    await expect(checklist).toBeVisible();
    for (const kind of f.needed) await expect(checklist, "case checklist: still asked").toContainText(kind);
  }

  // The admin's outcomes: what every client owes today (this agency has one client).
  await admin.page.goto("/admin/outcomes");
  await expect(admin.page.getByTestId("kpi-owed-now"), "outcomes: owed now").toHaveText(yuan(f.owedFen));
}

test("intake: the recorded figures, no payment due, nothing asked", async () => {
  await expectFacts({ owedFen: intakeOwed, next: null, needed: [] });
});

test("a plan is saved: the portal's monthly figure is the builder's, and nothing else moves", async () => {
  const { counselor, client } = agency;
  const saved = await mutate<{ version: number }>(counselor.page, "plan.save", {
    clientId: agency.client.clientId,
    expectedVersion: 0,
    chosenScenario: 0,
    scenarios: [
      {
        name: "三年分期",
        startDate: plusDays(today, 10),
        strategy: "pro-rata",
        roomUse: "buffer",
        lines: agency.debtIds.map((debtId) => ({
          debtId,
          arrangement: { waivePenalty: true, instalment: { method: "interest-free", months: 36 } },
        })),
      },
    ],
  });
  expect(saved.version).toBe(1);
  const plan = await query<{ evaluation: { firstMonthTotalFen: number; monthsToDebtFree: number } }>(counselor.page, "plan.get", {
    clientId: agency.client.clientId,
  });
  await client.page.goto("/portal");
  await expect(client.page.getByTestId("planned-summary")).toHaveText(
    `每月约还 ${yuan(plan.evaluation.firstMonthTotalFen)}，预计 ${plan.evaluation.monthsToDebtFree} 个月还清`,
  );
  await expect(client.page.getByTestId("monthly-total")).toContainText(yuan(plan.evaluation.firstMonthTotalFen));
  await expectFacts({ owedFen: intakeOwed, next: null, needed: [] });
});

test("the lender asks for an income proof: asked on the portal, the agenda and the case checklist alike", async () => {
  const page = agency.counselor.page;
  const opened = await mutate<{ id: string }>(page, "case.open", { debtId: agency.debtIds[0] });
  caseId = opened.id;
  const proposal = await mutate<{ id: string }>(page, "case.createProposal", {
    caseId,
    channel: "app",
    validUntil: plusDays(today, 14),
    terms: { waiver: { penaltyFen: jd.penalty, feesFen: jd.fees } },
  });
  await mutate(page, "case.sendProposal", { caseId, proposalId: proposal.id });
  await mutate(page, "case.recordResponse", {
    caseId,
    proposalId: proposal.id,
    kind: "documents-requested",
    receivedOn: today,
    documents: ["income-proof"],
  });
  await expectFacts({ owedFen: intakeOwed, next: null, needed: ["收入证明"] });
});

test("she uploads it on her phone: asked nowhere any more", async () => {
  const client = agency.client.page;
  await client.goto("/portal");
  const row = client.getByTestId("portal-document-request").filter({ hasText: "收入证明" });
  await row.getByLabel(/选择文件/).setInputFiles({ name: "收入证明.pdf", mimeType: "application/pdf", buffer: PDF });
  await row.getByRole("button", { name: /上传收入证明/ }).click();
  await expect(client.getByTestId("portal-documents").getByRole("status")).toContainText("收入证明已交给 京东金条");
  await expectFacts({ owedFen: intakeOwed, next: null, needed: [] });
});

test("the lender agrees (one instalment already missed): what she owes is the agreed total, her next payment the missed one", async () => {
  const page = agency.counselor.page;
  const proposal = await mutate<{ id: string }>(page, "case.createProposal", {
    caseId,
    channel: "app",
    validUntil: plusDays(today, 14),
    terms: {
      waiver: { penaltyFen: jd.penalty, feesFen: jd.fees },
      instalments: { amountFen: agreedTotal, method: "interest-free", months: 12, annualRatePct: "0", firstDueDate: firstDue },
    },
  });
  await mutate(page, "case.sendProposal", { caseId, proposalId: proposal.id });
  await mutate(page, "case.recordResponse", { caseId, proposalId: proposal.id, kind: "accepted", receivedOn: today });
  const schedule = await query<{ rows: Array<{ seq: number; dueDate: string; amountFen: number }> }>(page, "payment.schedule", { caseId });
  expect(schedule.rows[0]).toMatchObject({ dueDate: firstDue, amountFen: instalment });
  secondDue = schedule.rows[1]!.dueDate;
  await expectFacts({ owedFen: agreedTotal + othersOwed, next: { dueDate: firstDue, amountFen: instalment }, needed: [] });
  // The agenda names the missed instalment; the client's portal says one was missed.
  await page.goto("/agenda");
  await expect(page.getByTestId("agenda-missed").locator("li").filter({ hasText: agency.client.fullName })).toContainText(yuan(instalment));
});

test("she reports a payment with its receipt: pending beside the figures, nothing owed changes yet", async () => {
  const client = agency.client.page;
  await client.goto("/portal");
  const form = client.locator("section").filter({ has: client.getByRole("heading", { name: "报告一笔还款" }) });
  await form.getByLabel("金额（元）").fill(String(instalment / 100));
  await form.getByLabel("回单或截图（选填）").setInputFiles({ name: "转账截图.png", mimeType: "image/png", buffer: PNG });
  await form.getByRole("button", { name: "提交" }).click();
  await expect(form.getByRole("status")).toContainText("已收到您的还款报告");
  await expect(client.getByTestId("portal-pending")).toContainText(yuan(instalment));
  await expectFacts({ owedFen: agreedTotal + othersOwed, next: { dueDate: firstDue, amountFen: instalment }, needed: [] });
});

test("the counselor confirms it on the agenda: lower by exactly that amount, the next payment moves on, everywhere", async () => {
  const page = agency.counselor.page;
  await page.goto("/agenda");
  const reported = page.getByTestId("agenda-reported").locator("li").filter({ hasText: agency.client.fullName });
  await expect(reported.getByTestId("receipt-thumbnail")).toBeVisible();
  await reported.getByRole("button", { name: /核对无误，确认/ }).click();
  await expect(page.getByText("已确认这笔还款")).toBeVisible();
  await expectFacts({ owedFen: agreedTotal + othersOwed - instalment, next: { dueDate: secondDue, amountFen: instalment }, needed: [] });
  await page.goto("/agenda");
  await expect(page.getByTestId("agenda-missed")).toHaveCount(0);
});

test("the client's phone at 375 px shows all of it without sideways scrolling", async () => {
  const client = agency.client.page;
  expect(client.viewportSize()).toEqual(PHONE);
  await client.goto("/portal");
  await expectNoSideScroll(client);
});
