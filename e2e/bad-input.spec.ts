import { join } from "node:path";
import { expect, test, type Page, type Request } from "@playwright/test";
import { PHONE, mutate, newAgency, plusDays, query, shanghaiToday, type Agency } from "./agency";

/**
 * Bad input in the browser (issue 11, seam 12): an amount over ¥100,000,000 is refused beside its field,
 * in view, and saves nothing; the portal's payment report refuses it on a phone, and its server action
 * answers a malformed or deeply nested body with a plain error, never a 500; a malformed id in a route
 * answers 404. With SHOTS_DIR set, the field errors are photographed at desktop width and at 375 px, in
 * Chinese and in English.
 */

const OVER_BOUND_YUAN = "100000000.01";
const WORDS = {
  "zh-CN": {
    add: "添加债务",
    original: "原始本金（元）",
    outstanding: "剩余本金（元）",
    rate: "合同利率",
    save: "保存",
    cancel: "取消",
    tooLarge: "金额太大了",
    amount: "金额（元）",
    submit: "提交",
  },
  en: {
    add: "Add a debt",
    original: "Original principal (yuan)",
    outstanding: "Principal left (yuan)",
    rate: "Contract rate",
    save: "Save",
    cancel: "Cancel",
    tooLarge: "That amount is too large",
    amount: "Amount (yuan)",
    submit: "Submit",
  },
} as const;
type Locale = keyof typeof WORDS;

async function shoot(page: Page, name: string) {
  const dir = process.env.SHOTS_DIR;
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}

async function setLocale(page: Page, locale: Locale) {
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: new URL(page.url()).origin }]);
}

/** The error shown for a field: the element its aria-describedby names with role alert. */
function fieldError(page: Page, input: ReturnType<Page["getByLabel"]>) {
  return input.locator("xpath=..").getByRole("alert");
}

/** A counselor's debt form with an amount past the bound: the error beside the field, in view; nothing saved. */
async function overBoundDebt(a: Agency, locale: Locale, viewport: { width: number; height: number }) {
  const page = a.counselor.page;
  await page.setViewportSize(viewport);
  await page.goto(`/clients/${a.client.clientId}?tab=debts`);
  await setLocale(page, locale);
  await page.reload();
  const w = WORDS[locale];
  const debts = page.locator("#debts");
  await debts.getByRole("button", { name: w.add }).click();
  const form = debts.getByTestId("debt-form");
  await form
    .locator("select")
    .first()
    .selectOption(a.lenders.find((l) => l.name === "招商银行")!.id);
  await form.getByLabel(w.original).fill(OVER_BOUND_YUAN);
  await form.getByLabel(w.outstanding).fill(OVER_BOUND_YUAN);
  await form.getByLabel(w.rate).fill("18");
  await form.getByRole("button", { name: w.save, exact: true }).click();
  const original = form.getByLabel(w.original);
  await expect(original).toHaveAttribute("aria-invalid", "true");
  const error = fieldError(page, original);
  await expect(error).toContainText(w.tooLarge);
  await expect(error).toBeInViewport();
  await expect(original).toBeInViewport();
  await expect(fieldError(page, form.getByLabel(w.outstanding))).toContainText(w.tooLarge);
  await shoot(page, `debt-form-${locale}-${viewport.width}`);
  await form.getByRole("button", { name: w.cancel }).click();
  // Nothing was saved: still the agency's three debts.
  const list = await query<{ debts: unknown[] }>(page, "debt.list", { clientId: a.client.clientId });
  expect(list.debts).toHaveLength(3);
}

/** An agreement on the client's first debt, so the portal offers the payment report. */
async function agree(a: Agency) {
  const page = a.counselor.page;
  const today = shanghaiToday();
  const kase = await mutate<{ id: string }>(page, "case.open", { debtId: a.debtIds[0] });
  const proposal = await mutate<{ id: string }>(page, "case.createProposal", {
    caseId: kase.id,
    channel: "app",
    validUntil: plusDays(today, 14),
    terms: {
      instalments: { amountFen: 1_980_000, method: "interest-free", months: 12, annualRatePct: "0", firstDueDate: plusDays(today, 30) },
    },
  });
  await mutate(page, "case.sendProposal", { caseId: kase.id, proposalId: proposal.id });
  await mutate(page, "case.recordResponse", { caseId: kase.id, proposalId: proposal.id, kind: "accepted", receivedOn: today });
  return kase.id;
}

test.describe("bad input in the browser", () => {
  test("the debt form refuses an amount over ¥100,000,000 beside the field, in view, and saves nothing", async ({ browser }) => {
    const a = await newAgency(browser);
    await overBoundDebt(a, "zh-CN", { width: 1280, height: 800 });
    await overBoundDebt(a, "zh-CN", PHONE);
    await overBoundDebt(a, "en", { width: 1280, height: 800 });
    await overBoundDebt(a, "en", PHONE);
  });

  test("the portal on a phone refuses a payment over the bound beside the amount; its server action never answers 500", async ({
    browser,
  }) => {
    const a = await newAgency(browser);
    const caseId = await agree(a);
    const page = a.client.page;

    for (const locale of ["zh-CN", "en"] as const) {
      const w = WORDS[locale];
      await page.goto("/portal");
      await setLocale(page, locale);
      await page.reload();
      const amount = page.getByLabel(w.amount);
      await amount.fill(OVER_BOUND_YUAN);
      await page.getByRole("button", { name: w.submit }).click();
      await expect(amount).toHaveAttribute("aria-invalid", "true");
      const error = fieldError(page, amount);
      await expect(error).toContainText(w.tooLarge);
      await expect(error).toBeInViewport();
      await shoot(page, `portal-payment-${locale}-375`);
      await page.setViewportSize({ width: 1280, height: 800 });
      await expect(error).toBeInViewport();
      await shoot(page, `portal-payment-${locale}-1280`);
      await page.setViewportSize(PHONE);
    }
    // No payment was recorded.
    const schedule = await query<{ payments?: unknown[] } | null>(a.counselor.page, "payment.schedule", { caseId });
    expect(schedule?.payments ?? []).toHaveLength(0);

    // A real report, to learn the action's request; then the same request with broken bodies.
    await page.goto("/portal");
    await setLocale(page, "zh-CN");
    await page.reload();
    const sent = page.waitForRequest((r: Request) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
    await page.getByLabel(WORDS["zh-CN"].amount).fill("1");
    await page.getByRole("button", { name: WORDS["zh-CN"].submit }).click();
    const request = await sent;
    const headers = {
      "next-action": request.headers()["next-action"]!,
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
    };
    const post = (data: string) => page.request.post(request.url(), { headers, data });

    const deep = `[${"[".repeat(50_000)}1${"]".repeat(50_000)}]`;
    for (const [name, body] of [
      ["malformed", "not json {"],
      ["truncated", '[{"caseId":'],
      ["50,000 deep", deep],
      ["50,000 deep objects", `[${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}]`],
      ["a reference to a missing part", '["$Q1"]'],
      ["a bigint that is not a number", '[{"caseId":"$n12x"}]'],
    ] as const) {
      const res = await post(body);
      expect(res.status(), name).toBeLessThan(500);
      expect(res.status(), name).toBeGreaterThanOrEqual(400);
    }
    // A well-formed body over the bound is refused by the procedure, field by field, with the reason.
    const valid = JSON.parse(request.postData() ?? "[]") as Array<Record<string, unknown>>;
    const over = await post(JSON.stringify([{ ...valid[0], amountFen: Number.MAX_SAFE_INTEGER, idempotencyKey: `over-${Date.now()}` }]));
    expect(over.status()).toBe(200);
    expect(await over.text()).toContain("input.amountTooLarge");
  });

  test("a malformed id in a route answers 404, never 500", async ({ browser }) => {
    const a = await newAgency(browser, { withClientLogin: false });
    const page = a.counselor.page;
    const dashes = "-".repeat(36);
    const zeros = "0".repeat(36);
    const as = "a".repeat(36);
    for (const path of [
      `/api/documents/${dashes}`,
      `/api/documents/${zeros}`,
      `/api/cases/${zeros}/calendar`,
      `/api/cases/${dashes}/calendar`,
      `/api/cases/${dashes}/letter`,
      `/api/cases/${a.debtIds[0]}/letter?proposalId=${as}`,
      `/api/export?clientId=${as}`,
      `/api/export?clientId=${dashes}`,
    ]) {
      const res = await page.request.get(path);
      expect(res.status(), path).toBe(404);
    }
    for (const path of [`/cases/${dashes}`, `/cases/${zeros}`, `/clients/${dashes}`, `/clients/${as}`]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
    }
    // An invitation link whose organization part is not a UUID: the page says the link is not valid.
    const res = await page.goto(`/invite/${dashes}.${"A".repeat(43)}`);
    expect(res?.status()).toBeLessThan(500);
    await expect(page.getByRole("alert").filter({ hasText: "邀请链接无效" })).toBeVisible();
    // A malformed organization cookie is ignored, not a 500 on every request.
    await page.context().addCookies([{ name: "xs_org", value: dashes, url: new URL(page.url()).origin }]);
    expect((await page.request.get("/api/trpc/auth.me")).status()).toBe(200);
    expect((await page.goto("/caseload"))?.status()).toBe(200);
  });
});
