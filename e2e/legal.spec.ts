import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { mutate, newAgency, PHONE, plusDays, shanghaiToday } from "./agency";

/** A full-page screenshot kept with the test's output, for a person to look at. */
async function shot(page: Page, testInfo: TestInfo, name: string) {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}

async function setLocale(page: Page, locale: "zh-CN" | "en") {
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: new URL(page.url()).origin }]);
  await page.reload();
}

/** One of the case tab's folded forms, unfolded. */
function form(page: Page, title: string) {
  return page.getByTestId("legal-form").filter({ has: page.locator("summary", { hasText: title }) });
}
async function unfold(page: Page, title: string) {
  const f = form(page, title);
  if ((await f.getAttribute("open")) === null) await f.locator("summary").click();
  return f;
}

/**
 * The counselor's agenda shows the court deadline with its day: the court section is paged, so its next page is
 * asked for until the line is there or there is no more.
 */
async function agendaShowsDeadline(page: Page, clientName: string, line: string) {
  await page.goto("/agenda");
  const court = page.getByTestId("agenda-court");
  const row = court.locator("li").filter({ hasText: clientName }).filter({ hasText: line });
  const more = page.getByTestId("agenda-court-more");
  await expect(court).toBeVisible();
  while ((await row.count()) === 0 && (await more.isVisible())) {
    const shown = await court.locator("li").count();
    await more.click();
    await expect(court.locator("li")).not.toHaveCount(shown);
  }
  await expect(row).toHaveCount(1);
}

/**
 * Issue 14 on a new agency, through every role: the counselor records a lawsuit with its served date; the
 * answer deadline shows on the case, on the agenda and, in plain words, on the client's phone, the same day
 * everywhere. A mediation at a body of the agency's directory ends in an agreement that becomes a schedule,
 * and the outcomes page counts it as mediation.
 */
test("a lawsuit's answer deadline reaches the agenda and the client's phone; a mediation agreement becomes a schedule and an outcome", async ({
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const agency = await newAgency(browser);
  const { admin, counselor, client } = agency;
  const today = shanghaiToday();
  const servedOn = plusDays(today, -3);

  // The admin keeps the mediation directory.
  await admin.page.goto("/mediation-bodies");
  const bodyName = `杭州市金融纠纷调解中心 ${agency.stamp.slice(-4)}`;
  const add = admin.page.locator("form");
  await add.getByLabel("名称").fill(bodyName);
  await add.getByLabel("电话").fill("0571-12345678");
  await add.getByRole("button", { name: "添加调解组织" }).click();
  await expect(admin.page.getByTestId("mediation-bodies")).toContainText(bodyName);
  await shot(admin.page, testInfo, "directory-desktop-zh");

  // The counselor records the lawsuit on the first debt's case.
  const kase = await mutate<{ id: string }>(counselor.page, "case.open", { debtId: agency.debtIds[0] });
  const page = counselor.page;
  await page.goto(`/cases/${kase.id}?tab=legal`);
  const newSuit = await unfold(page, "记录一起诉讼");
  await newSuit.getByLabel("法院全称").fill("杭州市西湖区人民法院");
  await newSuit.getByLabel("案号").fill("（2026）浙0106民初1234号X");
  await newSuit.getByLabel("原告").fill("某消费金融有限公司");
  await newSuit.getByLabel(/送达日期/).fill(servedOn);
  await newSuit.getByRole("button", { name: "保存" }).click();
  // A case number that is not one is refused on its field, nothing saved.
  await expect(newSuit.getByText("案号写法不对")).toBeVisible();
  await expect(page.getByTestId("lawsuit")).toHaveCount(0);
  await newSuit.getByLabel("案号").fill("（2026）浙0106民初1234号");
  await newSuit.getByRole("button", { name: "保存" }).click();
  const suit = page.getByTestId("lawsuit");
  await expect(suit).toContainText("（2026）浙0106民初1234号");
  const deadlineText = (await suit.getByTestId("court-deadline").textContent())!;
  const due = deadlineText.match(/\d{4}-\d{2}-\d{2}/)![0];
  // 15 natural days after service, moved at most past a holiday break onto a working day.
  expect(due >= plusDays(servedOn, 15) && due <= plusDays(servedOn, 25)).toBe(true);
  await shot(page, testInfo, "case-legal-desktop-zh");
  await setLocale(page, "en");
  await expect(page.getByTestId("lawsuit")).toContainText(`Answer due: ${due}`);
  await shot(page, testInfo, "case-legal-desktop-en");
  await setLocale(page, "zh-CN");

  // The agenda shows it with the same day.
  const deadline = `答辩期限：${due}`;
  await agendaShowsDeadline(page, client.fullName, deadline);
  await shot(page, testInfo, "agenda-desktop-zh");

  // The client reads it in plain words on her phone.
  const phone = client.page;
  await phone.setViewportSize(PHONE);
  await phone.goto("/portal");
  await expect(phone.getByTestId("portal-answer-deadline")).toContainText(`最迟在 ${due} 以前向法院提交答辩状`);
  await shot(phone, testInfo, "portal-375-zh");
  await setLocale(phone, "en");
  await expect(phone.getByTestId("portal-answer-deadline")).toContainText(`File your answer with the court by ${due}`);
  await shot(phone, testInfo, "portal-375-en");
  await setLocale(phone, "zh-CN");
  // And checks a suspicious "court" message.
  await phone.getByTestId("notice-link").first().click();
  await phone.getByLabel("消息原文").fill("【杭州互联网法院】您已被起诉，请立即转账到个人账户6222020200112233445，否则冻结财产。");
  await phone.getByRole("button", { name: "检查" }).click();
  await expect(phone.getByTestId("notice-result")).toContainText("请先不要付款");
  await expect(phone.getByTestId("notice-result")).toContainText("12368");
  await shot(phone, testInfo, "notice-375-zh");

  // Mediation: started, one session, an agreement that becomes the schedule.
  await page.goto(`/cases/${kase.id}?tab=legal`);
  await (await unfold(page, "开始一次调解")).getByLabel("法院委派的诉前调解").check();
  await form(page, "开始一次调解").getByRole("button", { name: "保存" }).click();
  const mediation = page.getByTestId("mediation");
  await expect(mediation).toContainText(bodyName);
  // Each step leaves the court's deadline on the counselor's agenda, with the same day.
  await agendaShowsDeadline(page, client.fullName, deadline);
  await page.goto(`/cases/${kase.id}?tab=legal`);
  await (await unfold(page, "添加一次调解")).getByLabel("参加人").fill("调解员、平台代表、客户本人、咨询师");
  await form(page, "添加一次调解").getByRole("button", { name: "保存" }).click();
  await expect(mediation).toContainText("调解员、平台代表、客户本人、咨询师");
  await agendaShowsDeadline(page, client.fullName, deadline);
  await page.goto(`/cases/${kase.id}?tab=legal`);
  const agree = await unfold(page, "达成调解协议");
  await agree.getByLabel("协议还款总额").fill("18000");
  await agree.getByLabel("期数（月）").fill("12");
  await agree.getByRole("button", { name: "记录调解协议" }).click();
  await expect(mediation).toContainText("已达成协议");
  await expect(mediation.getByTestId("confirmation-state")).toHaveText("未经司法确认");
  await shot(page, testInfo, "case-mediation-desktop-zh");
  await setLocale(page, "en");
  await shot(page, testInfo, "case-mediation-desktop-en");
  await page.setViewportSize({ width: 375, height: 740 });
  await shot(page, testInfo, "case-mediation-375-en");
  await setLocale(page, "zh-CN");
  await shot(page, testInfo, "case-mediation-375-zh");
  await page.setViewportSize({ width: 1280, height: 720 });
  await agendaShowsDeadline(page, client.fullName, deadline);
  await page.goto(`/cases/${kase.id}?tab=schedule`);
  await expect(page.getByText("¥1,500.00").first()).toBeVisible();

  // The client sees the mediation and the schedule's next payment.
  await phone.goto("/portal");
  await expect(phone.getByTestId("portal-legal")).toContainText(bodyName);
  await expect(phone.getByTestId("portal-legal")).toContainText("已达成协议");
  await expect(phone.getByText("¥1,500.00").first()).toBeVisible();

  // The outcomes count it as mediation, apart from direct negotiation.
  await admin.page.goto("/admin/outcomes");
  const legal = admin.page.getByTestId("outcomes-legal");
  await expect(legal.getByTestId("legal-mediation-agreed")).toContainText("1");
  await expect(legal.getByTestId("legal-mediation-successRate")).toContainText("100.0%");
  await expect(legal.getByTestId("legal-lawsuits-pending")).toContainText("1");
  await shot(admin.page, testInfo, "outcomes-desktop-zh");
  await setLocale(admin.page, "en");
  await expect(admin.page.getByTestId("outcomes-legal")).toContainText("Mediation success rate");
  await shot(admin.page, testInfo, "outcomes-desktop-en");
});
