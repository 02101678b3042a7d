import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { expectNoSideScroll, newAgency, PHONE, query } from "./agency";

/**
 * Issue 13, item 3, on a new agency: the client, on a 375 px phone, writes to her counselor with a photo;
 * the counselor sees the unread count in the bell, the message and the photo in the thread on the client
 * file, and the photo among the client's documents; she replies; the client sees the reply, and the
 * counselor sees that it was read.
 */

/** A 2 × 2 PNG (a real image, so the browser draws it). */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==",
  "base64",
);

/** No serious or critical axe violation (WCAG 2.1 A/AA), as views-a11y.spec.ts checks the other pages. */
async function accessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

const shots = process.env.SHOTS_DIR;
async function shot(page: Page, name: string) {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

test("the client sends a photo from her phone; the counselor sees it unread, as a document, replies; the client reads it", async ({
  browser,
}) => {
  const agency = await newAgency(browser);
  const client = agency.client.page;
  const counselor = agency.counselor.page;
  const filePath = `/clients/${agency.client.clientId}`;

  // The client, on her phone: the portal's "消息" link, then a message with a photo.
  await client.goto("/portal");
  await client.getByRole("navigation").getByRole("link", { name: "消息" }).click();
  await expect(client).toHaveURL(/\/portal\/messages$/);
  await expect(client.getByRole("heading", { name: "消息", level: 1 })).toBeVisible();
  await expect(client.getByTestId("message-list")).toHaveCount(0);
  await client.getByLabel("消息内容").fill("这是平台发来的催收短信截图，请帮我看看");
  await client.getByLabel("添加照片或文件").setInputFiles({ name: "催收短信.png", mimeType: "image/png", buffer: PNG });
  await client.getByTestId("message-send").click();
  const mine = client.getByTestId("message").last();
  await expect(mine).toContainText("这是平台发来的催收短信截图，请帮我看看");
  await expect(mine.getByTestId("message-photo")).toBeVisible();
  await expect(mine.getByTestId("message-read-state")).toHaveText("已发送");
  await expectNoSideScroll(client);
  await accessible(client);
  await shot(client, "portal-messages-375-zh");

  // The counselor: the bell counts it; the thread on the file shows the words and the photo.
  await counselor.goto("/caseload");
  await expect(counselor.getByTestId("notification-count")).toHaveText("1");
  await counselor.goto(`${filePath}?tab=messages`);
  const received = counselor.getByTestId("message").last();
  await expect(received).toContainText("这是平台发来的催收短信截图，请帮我看看");
  await expect(received).toContainText(agency.client.fullName);
  await expect(received.getByTestId("message-photo")).toBeVisible();
  await accessible(counselor);
  // Opening the thread read it: the bell is back to nothing.
  await expect(counselor.getByTestId("notification-count")).toHaveCount(0);
  // The photo is one of the client's documents.
  const { documents: docs } = await query<{ documents: Array<{ filename: string; kind: string }> }>(counselor, "client.activity", {
    id: agency.client.clientId,
  });
  expect(docs.map((d) => [d.filename, d.kind])).toContainEqual(["催收短信.png", "other"]);
  await counselor.goto(`${filePath}?tab=documents`);
  await expect(counselor.getByText("催收短信.png").first()).toBeVisible();

  // She replies.
  await counselor.goto(`${filePath}?tab=messages`);
  await counselor.getByLabel("消息内容").fill("收到。这是正规平台的提醒，不是法院短信。我今天联系他们。");
  await counselor.getByTestId("message-send").click();
  const reply = counselor.getByTestId("message").last();
  await expect(reply).toContainText("我今天联系他们");
  await expect(reply.getByTestId("message-read-state")).toHaveText("已发送");
  // The client's own message shows as read by her counselor.
  await shot(counselor, "staff-messages-desktop-zh");

  // The client: the bell tells her, the thread shows the reply; her message is marked read.
  await client.goto("/portal");
  await expect(client.getByTestId("notification-count")).toHaveText("1");
  await client.goto("/portal/messages");
  await expect(client.getByTestId("message").last()).toContainText("我今天联系他们");
  await expect(client.getByTestId("message").first().getByTestId("message-read-state")).toHaveText("已读");
  await expect(client.getByTestId("notification-count")).toHaveCount(0);
  // Search within the thread.
  await client.getByLabel("在对话中搜索").fill("法院");
  await client.getByRole("button", { name: "搜索" }).click();
  await expect(client.getByRole("status")).toHaveText(/找到 1 条包含“法院”的消息/);
  await expect(client.getByTestId("message")).toHaveCount(1);

  // And the counselor sees her reply read.
  await counselor.reload();
  await expect(counselor.getByTestId("message").last().getByTestId("message-read-state")).toHaveText("已读");

  if (shots) {
    await counselor.setViewportSize(PHONE);
    await shot(counselor, "staff-messages-375-zh");
    await agency.admin.page.goto("/admin/settings");
    await expect(agency.admin.page.getByTestId("message-settings")).toBeVisible();
    await shot(agency.admin.page, "admin-settings-desktop-zh");
    await client.goto("/portal/messages");
    await shot(client, "portal-messages-375-zh-read");
    await client.setViewportSize({ width: 1280, height: 800 });
    await shot(client, "portal-messages-desktop-zh");
    for (const p of [client, counselor, agency.admin.page]) {
      await p.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: p.url() }]);
    }
    await client.reload();
    await shot(client, "portal-messages-desktop-en");
    await client.setViewportSize(PHONE);
    await client.reload();
    await shot(client, "portal-messages-375-en");
    await counselor.reload();
    await shot(counselor, "staff-messages-375-en");
    await counselor.setViewportSize({ width: 1280, height: 800 });
    await counselor.reload();
    await shot(counselor, "staff-messages-desktop-en");
    await agency.admin.page.reload();
    await shot(agency.admin.page, "admin-settings-desktop-en");
    await agency.admin.page.setViewportSize(PHONE);
    await agency.admin.page.reload();
    await shot(agency.admin.page, "admin-settings-375-en");
  }
});
