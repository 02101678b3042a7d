import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Page, TestInfo } from "@playwright/test";
import JSZip from "jszip";
import { chainHash, verifyChain } from "../server/domain/hash-chain";
import { DEBTS, expectNoSideScroll, mutate, newAgency, plusDays, shanghaiToday } from "./agency";
import { expect, test } from "./fixtures";

/** A full-page screenshot kept with the test's output, for a person to look at (not committed). */
async function shot(page: Page, testInfo: TestInfo, name: string) {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}

/** The same page in English, then back to Chinese. */
/** The evidence pack as the counselor downloads it from the complaints tab. */
async function downloadPack(page: Page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("evidence-pack").click()]);
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  return JSZip.loadAsync(await readFile((await download.path())!));
}

async function inEnglish(page: Page, testInfo: TestInfo, name: string) {
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: page.url() }]);
  await page.reload();
  await shot(page, testInfo, `${name}-en`);
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: page.url() }]);
  await page.reload();
}

/** The same page at 375 px wide (a counselor on a phone), in Chinese and English, then back to its own width. */
async function atPhoneWidth(page: Page, testInfo: TestInfo, name: string) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 375, height: 740 });
  await shot(page, testInfo, `${name}-375-zh`);
  await inEnglish(page, testInfo, `${name}-375`);
  if (size) await page.setViewportSize(size);
}

type Pack = {
  contactLog: {
    verification: { ok: boolean; count: number };
    entries: Array<{ seq: number; prevHash: string | null; hash: string; content: { conductFlags: string[]; summary: string } }>;
  };
  complaints: Array<{
    channel: string;
    state: string;
    linkedSeqs: number[];
    filedBy: string;
    authorisation: { signedOn: string; validTo: string; signedSha256: string } | null;
  }>;
  documents: Array<{ path: string; sha256: string }>;
};

/**
 * Issue 14 items 3–4 on a new agency: the counselor logs a collector's night call (flagged), files a complaint
 * to the lender linking it, sees its clock on the agenda, records the answer and downloads the evidence pack,
 * whose hashes recompute; the client sees the complaint on a 375 px phone.
 */
test("a complaint about a flagged contact runs its clock, gets its answer, and the evidence pack verifies", async ({
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const agency = await newAgency(browser);
  const page = agency.counselor.page;
  const kase = await mutate<{ id: string }>(page, "case.open", { debtId: agency.debtIds[1] });
  const today = shanghaiToday();

  // The collector's call at 23:10 yesterday, logged on the contact tab: flagged as night contact.
  await page.goto(`/cases/${kase.id}?tab=contacts`);
  const form = page.locator("form").filter({ has: page.getByLabel("内容摘要") });
  await form.getByLabel("时间").fill(`${plusDays(today, -1)}T23:10`);
  await form.getByLabel("方向").selectOption({ label: "对方来电/来信" });
  await form.getByLabel("对方").selectOption({ label: "催收人员" });
  await form.getByLabel("电话已接通").check();
  await form.getByLabel("内容摘要").fill("催收员深夜来电，威胁要联系家人");
  await form.getByRole("button", { name: "新增联系记录" }).click();
  await expect(page.getByText(/休息时段内联系/).first()).toBeVisible();

  // The complaint, filed 14 days ago with the lender: 15 natural days, so the answer is due tomorrow.
  await page.getByRole("button", { name: "投诉", exact: true }).click();
  const file = page.getByTestId("complaint-form");
  await file.getByLabel("提交日期").fill(plusDays(today, -14));
  await file.getByRole("checkbox").first().check();
  await file.getByLabel("投诉内容").fill("催收人员在晚上十一点后来电，违反催收规范");
  await file.getByRole("button", { name: "登记投诉" }).click();
  const item = page.getByTestId("complaint");
  await expect(item).toHaveCount(1);
  const due = plusDays(today, 1);
  await expect(item.getByTestId("complaint-due")).toContainText(due);
  await expect(item.getByTestId("complaint-state")).toHaveText("快到答复期限");
  await expect(item.getByTestId("complaint-linked")).toContainText("#1");
  await expect(item.getByTestId("complaint-linked")).toContainText("休息时段内联系");
  await shot(page, testInfo, "case-complaints-desktop-zh");
  await inEnglish(page, testInfo, "case-complaints-desktop");

  // The clock on the agenda.
  await page.goto("/agenda");
  await expect(page.getByTestId("agenda-complaints")).toContainText(agency.client.fullName);
  await expect(page.getByTestId("agenda-complaints")).toContainText(due);
  await shot(page, testInfo, "agenda-complaints-zh");

  // The answer: in time, not upheld; the next rung is the bank's regulator (12378).
  await page.goto(`/cases/${kase.id}?tab=complaints`);
  await item.getByRole("button", { name: "记录答复" }).click();
  await item.getByLabel("答复内容").fill("平台称已核实，催收行为合规");
  await item.getByRole("button", { name: "保存" }).click();
  await expect(item.getByTestId("complaint-state")).toHaveText("已在期限内答复");
  await expect(item.getByTestId("complaint-answer")).toContainText(`${today} 答复：不予支持`);
  await expect(item.getByTestId("complaint-next")).toContainText("向 12378 投诉");
  await page.goto("/agenda");
  await expect(page.getByTestId("agenda-complaints")).toHaveCount(0);

  // The outcomes page counts it as answered in time.
  await agency.admin.page.goto("/admin/outcomes");
  await expect(agency.admin.page.getByTestId("complaint-figures")).toContainText("共 1 件：期限内答复 1 件");

  // The evidence pack, downloaded with one click: every hash recomputes, the chain verifies.
  await page.goto(`/cases/${kase.id}?tab=complaints`);
  const zip = await downloadPack(page);
  expect(Object.keys(zip.files).sort()).toEqual(["SHA256SUMS", "evidence.json", "index.pdf"]);
  const pack = JSON.parse(await zip.file("evidence.json")!.async("string")) as Pack;
  expect(pack.contactLog.verification).toMatchObject({ ok: true, count: 1 });
  // Each flag cites the rule it is raised under (several rule sets may name the same breach).
  const codes = (pack.contactLog.entries[0]!.content.conductFlags as Array<string | { flag: string }>).map((f) =>
    typeof f === "string" ? f : f.flag,
  );
  expect([...new Set(codes)]).toEqual(["night-contact"]);
  for (const e of pack.contactLog.entries) expect(chainHash(e.prevHash, e.content)).toBe(e.hash);
  expect(verifyChain(pack.contactLog.entries.map((e) => ({ ...e, id: String(e.seq) }))).ok).toBe(true);
  expect(pack.complaints).toEqual([expect.objectContaining({ channel: "lender", state: "answered-in-time", linkedSeqs: [1] })]);
  const pdf = await zip.file("index.pdf")!.async("uint8array");
  expect(Buffer.from(pdf.slice(0, 5)).toString()).toBe("%PDF-");
  const sums = (await zip.file("SHA256SUMS")!.async("string")).trim().split("\n");
  for (const line of sums) {
    const [hash, name] = line.split("  ");
    expect(
      createHash("sha256")
        .update(await zip.file(name!)!.async("uint8array"))
        .digest("hex"),
    ).toBe(hash);
  }

  // The client on her phone sees the complaint in plain words.
  const phone = agency.client.page;
  await phone.goto("/portal");
  const mine = phone.getByTestId("portal-complaint");
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText("向平台自己的投诉渠道投诉 招商银行");
  await expect(mine).toContainText(`${today} 答复：不予支持`);
  await expect(mine).toContainText("向 12378 投诉");
  await expectNoSideScroll(phone);
  await phone.getByTestId("portal-complaints").scrollIntoViewIfNeeded();
  await shot(phone, testInfo, "portal-complaints-375-zh");
  await inEnglish(phone, testInfo, "portal-complaints-375");

  // Filing for her: the agency now requires her authorisation (授权委托书). Without one, the filing is refused on
  // its field, said once, and nothing is stored.
  await agency.admin.page.goto("/admin");
  await mutate(agency.admin.page, "consent.updateSettings", { authorisationRequired: true, signOffRequired: false });
  await page.goto(`/cases/${kase.id}?tab=complaints`);
  // The list is fetched by the page once it runs: the form is live before anything is chosen in it.
  await expect(item).toHaveCount(1);
  await file.getByLabel("由谁提交").selectOption({ label: "本机构代为提交（客户已签授权委托书）" });
  await expect(file.getByTestId("complaint-authorisation-choice")).toContainText("客户还没有签署授权委托书");
  await file.getByLabel("投诉内容").fill("代客户向平台投诉：催收人员深夜来电");
  await file.getByRole("checkbox").first().check();
  await file.getByRole("button", { name: "登记投诉" }).click();
  const refusal = file.getByText("不能以她的名义投诉");
  await expect(refusal).toHaveCount(1);
  await expect(file.getByLabel("依据的授权委托书")).toHaveAttribute("aria-invalid", "true");
  await expect(item).toHaveCount(1);
  await shot(page, testInfo, "case-complaint-refused-desktop-zh");

  // The counselor prepares an authorisation that covers complaints to this lender; the client signs it on her phone.
  await page.goto(`/clients/${agency.client.clientId}?tab=authorisation`);
  await page.getByLabel("选定的平台").check();
  await page.getByLabel(DEBTS[1]!.lender).check();
  await page.getByLabel("代为投诉").check();
  await page.getByRole("button", { name: "生成授权委托书" }).click();
  await expect(page.getByTestId("authorisation-state").first()).toHaveText("待签署");
  await shot(page, testInfo, "client-authorisation-desktop-zh");
  await inEnglish(page, testInfo, "client-authorisation-desktop");
  await atPhoneWidth(page, testInfo, "client-authorisation");
  await phone.goto("/portal/consent");
  await expect(phone.getByTestId("portal-authorisation")).toContainText("代为投诉");
  const pad = phone.getByTestId("signature-pad");
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await phone.mouse.move(box.x + 30, box.y + 100);
  await phone.mouse.down();
  for (const [dx, dy] of [
    [80, 40],
    [140, 110],
    [220, 60],
  ] as const)
    await phone.mouse.move(box.x + dx, box.y + dy, { steps: 6 });
  await phone.mouse.up();
  await phone.getByRole("button", { name: "我已阅读并同意，签署" }).click();
  await expect(phone.getByTestId("portal-authorisation-state")).toHaveText("有效");
  await shot(phone, testInfo, "portal-authorisation-375-zh");

  // Filing again: the system proposes her authorisation in force, the complaint is linked to it.
  await page.goto(`/cases/${kase.id}?tab=complaints`);
  await expect(item).toHaveCount(1);
  await file.getByLabel("由谁提交").selectOption({ label: "本机构代为提交（客户已签授权委托书）" });
  await expect(file.getByLabel("依据的授权委托书")).toContainText(new RegExp(`由系统选择有效的一份[:：] ?${today} 签署`));
  await file.getByLabel("投诉内容").fill("代客户向平台投诉：催收人员深夜来电");
  await file.getByRole("checkbox").first().check();
  await file.getByRole("button", { name: "登记投诉" }).click();
  await expect(item).toHaveCount(2);
  const linked = item.first().getByTestId("complaint-authorisation");
  await expect(linked).toContainText(`依据客户 ${today} 签署的授权委托书提交`);
  await expect(linked).toContainText("现在有效");
  await shot(page, testInfo, "case-complaint-authorised-desktop-zh");
  await inEnglish(page, testInfo, "case-complaint-authorised-desktop");
  await atPhoneWidth(page, testInfo, "case-complaint-authorised");

  // The evidence pack names it, with the signed document's hash.
  const again = JSON.parse(await (await downloadPack(page)).file("evidence.json")!.async("string")) as Pack;
  const byAgency = again.complaints.find((k) => k.filedBy === "agency")!;
  expect(byAgency.authorisation).toMatchObject({ signedOn: today });
  expect(byAgency.authorisation!.signedSha256).toMatch(/^[0-9a-f]{64}$/);
  expect(again.complaints.find((k) => k.filedBy === "client")!.authorisation).toBeNull();

  // The client reads, in plain words on her phone, that it was filed for her under the authorisation she signed.
  await phone.goto("/portal");
  await expect(phone.getByTestId("portal-complaint")).toHaveCount(2);
  await expect(phone.getByTestId("portal-complaint-authorisation")).toHaveText(
    new RegExp(`我们依据您 ${today} 签署的授权委托书代您提交的`),
  );
  await expectNoSideScroll(phone);
  await phone.getByTestId("portal-complaint-authorisation").scrollIntoViewIfNeeded();
  await shot(phone, testInfo, "portal-complaint-authorised-375-zh");
  await inEnglish(phone, testInfo, "portal-complaint-authorised-375");
});
