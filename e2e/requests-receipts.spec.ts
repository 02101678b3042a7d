import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { PHONE, expectNoSideScroll, mutate, newAgency, plusDays, query, shanghaiToday, type Agency } from "./agency";

/**
 * Issue 11, seams 4 and 7, across the roles of a new agency. A lender asks for an income proof; the client
 * sees it asked on her phone and uploads it there; from then on no screen asks for it again (portal,
 * case checklist, agenda, notifications of counselor and client) while another lender's request stays.
 * Then she reports a payment with a receipt photo: her form empties, and the counselor sees the receipt
 * and who reported it on the agenda and on the case's schedule, opens it, and confirms.
 *
 * With SHOTS_DIR set, the pages are also photographed at desktop width and 375 px, in Chinese and English.
 */

const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "latin1");

/** `reopen` brings the page back to what is photographed after a reload (a tab of the case page). */
async function shots(page: Page, name: string, opts: { widths?: number[]; reopen?: () => Promise<void>; focus?: Locator } = {}) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const original = page.viewportSize();
  const context = page.context();
  const url = new URL(page.url());
  for (const locale of ["zh-CN", "en"]) {
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, domain: url.hostname, path: "/" }]);
    await page.reload();
    await opts.reopen?.();
    await page.waitForLoadState("networkidle");
    for (const width of opts.widths ?? [1280, PHONE.width]) {
      await page.setViewportSize({ width, height: width === PHONE.width ? PHONE.height : 900 });
      await page.screenshot({ path: path.join(dir, `${name}-${locale}-${width}.png`), fullPage: true });
      if (opts.focus) await opts.focus.screenshot({ path: path.join(dir, `${name}-${locale}-${width}-focus.png`) });
    }
  }
  await context.addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", domain: url.hostname, path: "/" }]);
  if (original) await page.setViewportSize(original);
  await page.reload();
  await opts.reopen?.();
}

/** One photograph of the page as it is (no reload: a dialog or a form left open). */
async function snap(page: Page, name: string) {
  if (process.env.SHOTS_DIR) await page.screenshot({ path: path.join(process.env.SHOTS_DIR, `${name}.png`), fullPage: true });
}

/** A case with a sent proposal on the n-th debt, answered as given. */
async function caseWithAnswer(a: Agency, debt: number, terms: Record<string, unknown>) {
  const page = a.counselor.page;
  const c = await mutate<{ id: string }>(page, "case.open", { debtId: a.debtIds[debt] });
  const p = await mutate<{ id: string }>(page, "case.createProposal", {
    caseId: c.id,
    terms,
    channel: "app",
    validUntil: plusDays(shanghaiToday(), 14),
  });
  await mutate(page, "case.sendProposal", { caseId: c.id, proposalId: p.id });
  return { caseId: c.id, proposalId: p.id };
}

/** A tab of the case page, in either language (a button today; a link once the tab is in the URL). */
const tab = (page: Page, name: RegExp) => page.getByRole("button", { name }).or(page.getByRole("link", { name })).first();
const DOCUMENTS_TAB = /^(材料|Documents)$/;
const SCHEDULE_TAB = /^(还款计划|Schedule)$/;

test("a requested document, once uploaded, is asked nowhere; a reported receipt is seen and confirmed", async ({ browser }) => {
  test.setTimeout(240_000);
  const a = await newAgency(browser);
  const today = shanghaiToday();
  const counselor = a.counselor.page;
  const client = a.client.page;

  // Setup through the API. 京东金条 asks for an income proof; 蚂蚁 asks for a bank statement (it stays asked);
  // 招商银行 agrees to instalments, so there is something to pay.
  const jd = await caseWithAnswer(a, 0, { waiver: { penaltyFen: 45_000, feesFen: 15_000 } });
  await mutate(counselor, "case.recordResponse", {
    caseId: jd.caseId,
    proposalId: jd.proposalId,
    kind: "documents-requested",
    receivedOn: today,
    documents: ["income-proof"],
  });
  const ant = await caseWithAnswer(a, 2, { waiver: { interestFen: 40_000 } });
  await mutate(counselor, "case.recordResponse", {
    caseId: ant.caseId,
    proposalId: ant.proposalId,
    kind: "documents-requested",
    receivedOn: today,
    documents: ["bank-statement"],
  });
  const cmb = await caseWithAnswer(a, 1, {
    waiver: { penaltyFen: 80_000, feesFen: 30_000 },
    instalments: { amountFen: 3_410_000, method: "interest-free", months: 12, annualRatePct: "0", firstDueDate: plusDays(today, 30) },
  });
  await mutate(counselor, "case.recordResponse", { caseId: cmb.caseId, proposalId: cmb.proposalId, kind: "accepted", receivedOn: today });

  // Before: the portal asks for both; the agenda lists both, dated the day the lender asked (not a due date).
  await client.goto("/portal");
  const docs = client.getByTestId("portal-documents");
  const incomeRow = docs.getByTestId("portal-document-request").filter({ hasText: "收入证明" });
  await expect(incomeRow).toContainText(`京东金条 在 ${today} 要求提供`);
  await expect(docs.getByTestId("portal-document-request").filter({ hasText: "银行流水" })).toBeVisible();
  await expect(incomeRow.getByRole("button", { name: /上传收入证明/ })).toBeDisabled();
  await expectNoSideScroll(client);
  await shots(client, "portal-documents-before", { focus: docs });

  await counselor.goto("/agenda");
  const agendaDocs = counselor.getByTestId("agenda-documents");
  await expect(agendaDocs.locator("li")).toHaveCount(2);
  await expect(agendaDocs.locator("li").filter({ hasText: "京东金条" })).toContainText(`提出于 ${today} · 还缺：收入证明`);
  await expect(agendaDocs).not.toContainText("到期日");

  // The notifications exist for both, unread, for the counselor and for the client.
  await counselor.goto("/notifications");
  const staffNote = counselor.getByTestId("notification-list").locator("li").filter({ hasText: "京东金条：平台要求补充材料" });
  await expect(staffNote).toBeVisible();
  await expect(staffNote.getByTestId("notification-resolved")).toHaveCount(0);
  await client.goto("/notifications");
  const clientNote = client.getByTestId("notification-list").locator("li").filter({ hasText: "京东金条 需要您补充材料" });
  await expect(clientNote).toBeVisible();
  await expect(clientNote.getByRole("button", { name: "标为已读" })).toBeVisible();

  // The client uploads the income proof from her phone.
  await client.goto("/portal");
  await incomeRow.getByLabel(/选择文件/).setInputFiles({ name: "收入证明.pdf", mimeType: "application/pdf", buffer: PDF });
  await incomeRow.getByRole("button", { name: /上传收入证明/ }).click();
  await expect(docs.getByRole("status")).toContainText("收入证明已交给 京东金条，谢谢。");
  // After: no longer asked (no row, no upload button); the other lender's request is still there.
  await expect(docs.getByTestId("portal-document-request").filter({ hasText: "收入证明" })).toHaveCount(0);
  await expect(docs.getByRole("button", { name: /上传收入证明/ })).toHaveCount(0);
  await expect(docs.getByTestId("portal-document-request")).toHaveCount(1);
  await client.reload();
  await expect(docs.getByTestId("portal-document-request")).toHaveCount(1);
  await expect(docs).not.toContainText("收入证明");
  await expect(client.getByTestId("lender-answers").locator("li").filter({ hasText: "京东金条" })).toContainText(
    "京东金条 要的材料已经交齐",
  );
  await shots(client, "portal-documents-after", { focus: docs });

  // The case checklist says uploaded (and when the lender asked).
  await counselor.goto(`/cases/${jd.caseId}`);
  await tab(counselor, DOCUMENTS_TAB).click();
  const income = counselor.getByTestId("checklist-income-proof");
  await expect(income).toContainText(`平台 ${today} 要求`);
  await expect(income).toContainText(`已上传（${today}）`);
  await expect(income.getByRole("button", { name: /不用新上传/ })).toHaveCount(0);
  await shots(counselor, "case-documents", {
    reopen: () => tab(counselor, DOCUMENTS_TAB).click(),
    focus: counselor.getByTestId("checklist"),
  });

  // The agenda has no such item any more; the bank statement is still asked.
  await counselor.goto("/agenda");
  await expect(agendaDocs.locator("li")).toHaveCount(1);
  await expect(agendaDocs).not.toContainText("京东金条");
  await expect(agendaDocs).toContainText("蚂蚁花呗/借呗");

  // The notifications are resolved (marked done, no longer unread) for counselor and client, and not made again.
  await counselor.goto("/notifications");
  await expect(staffNote.getByTestId("notification-resolved")).toHaveText("已处理");
  await expect(staffNote.getByRole("button", { name: "标为已读" })).toHaveCount(0);
  await expect(counselor.getByTestId("notification-list").locator("li").filter({ hasText: "京东金条：平台要求补充材料" })).toHaveCount(1);
  await snap(counselor, "notifications-counselor-zh-CN-1280");
  await client.goto("/notifications");
  await expect(clientNote.getByTestId("notification-resolved")).toHaveText("已处理");
  await snap(client, "notifications-client-zh-CN-375");
  await expect(clientNote.getByRole("button", { name: "标为已读" })).toHaveCount(0);
  await expect(
    client
      .getByTestId("notification-list")
      .locator("li")
      .filter({ hasText: "蚂蚁花呗/借呗 需要您补充材料" })
      .getByTestId("notification-resolved"),
  ).toHaveCount(0);

  // The client reports a payment with a photo of the receipt; the form empties, its file field included.
  await client.goto("/portal");
  const receiptPng = await client.screenshot({ clip: { x: 0, y: 0, width: 120, height: 80 } });
  const form = client.locator("section").filter({ has: client.getByRole("heading", { name: "报告一笔还款" }) });
  await form.getByLabel("金额（元）").fill("1200");
  await form.getByLabel("回单或截图（选填）").setInputFiles({ name: "招行转账截图.png", mimeType: "image/png", buffer: receiptPng });
  await form.getByRole("button", { name: "提交" }).click();
  await expect(form.getByRole("status")).toContainText("已收到您的还款报告");
  await expect(form.getByLabel("金额（元）")).toHaveValue("");
  await expect.poll(() => form.getByLabel("回单或截图（选填）").evaluate((i: HTMLInputElement) => i.files?.length ?? -1)).toBe(0);
  await expect(form.getByLabel("回单或截图（选填）")).toHaveValue("");
  // A second report of the same amount is a second payment (a new idempotency key), not the first again.
  await form.getByLabel("金额（元）").fill("1200");
  await form.getByRole("button", { name: "提交" }).click();
  await expect(client.getByText("有 ¥2,400.00 等待咨询师确认")).toBeVisible();

  // The counselor sees the receipt and who reported it on the agenda, opens it, and confirms.
  await counselor.goto("/agenda");
  const reported = counselor.getByTestId("agenda-reported").locator("li");
  await expect(reported).toHaveCount(2);
  const withReceipt = reported.filter({ has: counselor.getByTestId("receipt-thumbnail") });
  await expect(withReceipt).toHaveCount(1);
  await expect(withReceipt).toContainText(`${today} 已还 ¥1,200.00`);
  await expect(withReceipt.getByTestId("reported-by")).toContainText(`客户 ${a.client.fullName} 报告于 ${today}`);
  await expect(reported.filter({ hasText: "没有回单" }).getByTestId("reported-by")).toContainText(a.client.fullName);
  const thumb = withReceipt.getByTestId("receipt-thumbnail");
  await expect.poll(() => thumb.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);
  expect(await thumb.getAttribute("src")).toMatch(/^\/api\/documents\/[0-9a-f-]{36}$/);
  await shots(counselor, "agenda-reported-and-requested");
  await withReceipt.getByRole("button", { name: /查看回单/ }).click();
  const dialog = counselor.getByRole("dialog", { name: /回单：招行转账截图\.png/ });
  await expect(dialog).toBeVisible();
  await expect.poll(() => dialog.getByRole("img").evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);
  await snap(counselor, "agenda-receipt-dialog-zh-CN-1280");
  await dialog.getByRole("button", { name: "关闭" }).click();
  await expect(dialog).toHaveCount(0);
  await withReceipt.getByRole("button", { name: /核对无误，确认/ }).click();
  await expect(counselor.getByText("已确认这笔还款")).toBeVisible();
  await expect(reported).toHaveCount(1);

  // The case schedule shows the same receipt and reporter; the second report is confirmed there.
  await counselor.goto(`/cases/${cmb.caseId}`);
  await tab(counselor, SCHEDULE_TAB).click();
  const rows = counselor.getByTestId("schedule-payment");
  await expect(rows).toHaveCount(2);
  const confirmedRow = rows.filter({ has: counselor.getByTestId("receipt-thumbnail") });
  await expect(confirmedRow).toContainText("已核实");
  await expect(confirmedRow.getByTestId("reported-by")).toContainText(`客户 ${a.client.fullName} 报告于`);
  await shots(counselor, "case-schedule", { reopen: () => tab(counselor, SCHEDULE_TAB).click() });
  await confirmedRow.getByRole("button", { name: /查看回单/ }).click();
  await expect(counselor.getByRole("dialog")).toBeVisible();
  await counselor.keyboard.press("Escape");
  const pendingRow = rows.filter({ hasText: "客户自报，待核实" });
  await expect(pendingRow.getByTestId("reported-by")).toContainText(a.client.fullName);
  await pendingRow.getByRole("button", { name: /^核实/ }).click();
  await expect(rows.filter({ hasText: "客户自报，待核实" })).toHaveCount(0);
  await counselor.goto("/agenda");
  await expect(counselor.getByTestId("agenda-reported")).toHaveCount(0);

  // The bank statement is not needed after all: the counselor says so on the case, with a reason; then nothing
  // is asked of the client anywhere.
  await counselor.goto(`/cases/${ant.caseId}`);
  await tab(counselor, DOCUMENTS_TAB).click();
  const bank = counselor.getByTestId("checklist-bank-statement");
  await expect(bank).toContainText("待上传");
  await bank.getByRole("button", { name: /银行流水：不用新上传/ }).click();
  await bank.getByLabel("不需要了").check();
  await bank.getByRole("button", { name: "保存" }).click();
  await expect(bank.getByText("请写下原因。")).toBeVisible();
  await bank.getByLabel("原因").fill("平台客服电话确认：已从 App 内获取流水");
  await snap(counselor, "case-documents-resolve-zh-CN-1280");
  await bank.getByRole("button", { name: "保存" }).click();
  await expect(bank).toContainText("不需要了：平台客服电话确认：已从 App 内获取流水");
  await client.goto("/portal");
  await expect(docs).toContainText("目前没有需要补充的材料。");
  await expect(docs.getByRole("button")).toHaveCount(0);
  await counselor.goto("/agenda");
  await expect(counselor.getByTestId("agenda-documents")).toHaveCount(0);

  // And the client's portal now counts both payments as paid.
  const state = await query<{ totalPaidFen: number }>(counselor, "payment.schedule", { caseId: cmb.caseId });
  expect(state.totalPaidFen).toBe(240_000);
  await client.goto("/portal");
  await expect(client.getByText("有 ¥2,400.00 等待咨询师确认")).toHaveCount(0);
});
