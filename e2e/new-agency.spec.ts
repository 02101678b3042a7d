import { tmpdir } from "node:os";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { PHONE, mutate, signIn } from "./agency";
import { expect, test } from "./fixtures";

/**
 * Issue 12, a new agency: every empty page says what to do next with a link (agenda, caseload, lenders,
 * outcomes, a client's documents), in Chinese and English, on a desktop and a 375 px phone; and "try with
 * sample data" loads sample clients (badge, banner) and removes them all in one action. Screenshots go to
 * SHOTS_DIR (default shots-new-agency in the system's temporary folder) to be looked at.
 */
const SHOTS = process.env.SHOTS_DIR ?? path.join(tmpdir(), "shots-new-agency");
const VIEWPORTS = [
  { name: "desktop", size: { width: 1280, height: 900 } },
  { name: "phone", size: PHONE },
] as const;
type DemoMessages = {
  nextStep: Record<"agenda" | "agendaLink" | "lenders" | "lendersLink" | "outcomes" | "outcomesLink" | "documents", string>;
  sample: Record<"load" | "bannerTitle" | "badge" | "remove" | "removed", string>;
};
const messages = (locale: string) => JSON.parse(readFileSync(`messages/${locale}/demo.json`, "utf8")) as DemoMessages;
const zh = messages("zh-CN");
const en = messages("en");
const LOCALES = [
  { name: "zh-CN", m: zh },
  { name: "en", m: en },
] as const;

for (const vp of VIEWPORTS) {
  for (const { name: locale, m } of LOCALES) {
    test(`a new agency (${vp.name}, ${locale}): each empty page says what to do next; sample data comes and goes in one action`, async ({
      browser,
    }) => {
      const page = await (await browser.newContext({ viewport: vp.size })).newPage();
      const shot = (what: string) => page.screenshot({ path: `${SHOTS}/${what}-${vp.name}-${locale}.png`, fullPage: true });
      const email = `new-agency-${vp.name}-${locale}-${Date.now().toString(36)}@e2e.example`;
      await mutate(page, "auth.signUp", {
        organizationName: `新机构 ${vp.name} ${locale}`,
        name: "新管理员",
        email,
        password: "new-agency-e2e-2026",
      });
      await signIn(page, email, "new-agency-e2e-2026");
      await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: new URL(page.url()).origin }]);

      const step = async (path: string, id: string, text: string, link: string, href: string | RegExp) => {
        await page.goto(path);
        const box = page.getByTestId(`next-step-${id}`);
        await expect(box).toContainText(text);
        await expect(box.getByRole("link", { name: link })).toHaveAttribute("href", href);
        await fitsTheScreen(page, box);
        await shot(`empty-${id}`);
      };
      await step("/agenda", "agenda", m.nextStep.agenda, m.nextStep.agendaLink, "/clients");
      await step("/lenders", "lenders", m.nextStep.lenders, m.nextStep.lendersLink, "/clients/new");
      await step("/admin/outcomes", "outcomes", m.nextStep.outcomes, m.nextStep.outcomesLink, "/cases");
      await page.goto("/caseload");
      await expect(page.getByRole("link", { name: locale === "en" ? "Add the first client" : "添加第一位客户" })).toHaveAttribute(
        "href",
        "/clients/new",
      );
      await shot("empty-caseload");

      // Try with sample data: load, see them marked, open one's documents (empty: the next step), remove all.
      await page.goto("/admin");
      await page.getByRole("button", { name: m.sample.load }).click();
      const banner = page.getByTestId("sample-banner");
      await expect(banner).toContainText(m.sample.bannerTitle.replace("{count}", "3"));
      await shot("sample-banner");
      await page.goto("/clients");
      await expect(page.getByTestId("client-index").getByTestId("sample-badge")).toHaveCount(3);
      await expect(page.getByTestId("sample-badge").first()).toHaveText(m.sample.badge);
      await shot("sample-clients");
      await page.getByTestId("client-index").locator("a").last().click();
      await expect(page).toHaveURL(/\/clients\/[0-9a-f-]+/);
      await page.goto(`${new URL(page.url()).pathname}?tab=documents`);
      await expect(page.getByTestId("next-step-documents")).toContainText(m.nextStep.documents);
      await fitsTheScreen(page, page.getByTestId("next-step-documents"));
      await shot("empty-documents");
      await page.goto("/agenda");
      await shot("sample-agenda");

      await page.goto("/admin");
      page.once("dialog", (d) => d.accept());
      await page.getByRole("button", { name: m.sample.remove }).click();
      await expect(page.getByText(m.sample.removed.replace("{count}", "3"))).toBeVisible();
      await expect(page.getByTestId("sample-banner")).toHaveCount(0);
      await expect(page.getByRole("button", { name: m.sample.load })).toBeVisible();
      await page.goto("/clients");
      await expect(page.getByTestId("sample-badge")).toHaveCount(0);
      await expect(page.getByRole("link", { name: locale === "en" ? "Add the first client" : "添加第一位客户" }).first()).toBeVisible();
      await checkNoSample(page);
    });
  }
}

async function checkNoSample(page: Page) {
  const res = await page.request.get("/api/trpc/sample.status");
  expect((await res.json()).result.data.json).toEqual({ clients: 0, isDemo: false });
}

/** The next-step box is inside the screen's width (on a 375 px phone too). */
async function fitsTheScreen(page: Page, box: Locator) {
  const b = await box.boundingBox();
  expect(b).not.toBeNull();
  expect(b!.x).toBeGreaterThanOrEqual(0);
  expect(b!.x + b!.width).toBeLessThanOrEqual(page.viewportSize()!.width);
}
