/**
 * Shared by the page benchmarks (page-weight.ts, lighthouse.ts): start the built app on its own embedded
 * database (or use one that is already running), sign in as a demo person in Debian's Chromium, and
 * find a client page and a case page to visit. Results go to bench/results/ beside the server benchmarks.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Cookie } from "@playwright/test";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** The launch arguments of playwright.config.ts: no sandbox (root), no GPU, no background network. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export const DEMO_PASSWORD = "xieshang-demo-2026";
export const DEMO = {
  admin: "admin@demo.xieshang.local",
  counselor: "liming@demo.xieshang.local",
  client: "liuyang@demo.xieshang.local",
} as const;
export type Role = keyof typeof DEMO;

export const RESULTS_DIR = path.join("bench", "results");

export function log(msg: string) {
  process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

export type App = { base: string; stop: () => Promise<void> };

/**
 * BENCH_URL: measure an app that is already running. Otherwise build if there is no build (or
 * BENCH_BUILD=1), then start it on BENCH_PORT (default 3244) with a fresh embedded database in
 * BENCH_PGLITE_DIR (default .data/weight-db), seeded with the demo organization by the server itself.
 */
export async function startApp(): Promise<App> {
  if (process.env.BENCH_URL) return { base: process.env.BENCH_URL.replace(/\/$/, ""), stop: async () => {} };
  const port = process.env.BENCH_PORT ?? "3244";
  const dir = process.env.BENCH_PGLITE_DIR ?? ".data/weight-db";
  if (!existsSync(".next/BUILD_ID") || process.env.BENCH_BUILD === "1") {
    log("building (npx next build)…");
    const built = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit" });
    if (built.status !== 0) throw new Error("next build failed");
  }
  rmSync(dir, { recursive: true, force: true });
  const child: ChildProcess = spawn(process.execPath, ["server/cli/start.mjs"], {
    env: { ...process.env, PORT: port, PGLITE_DIR: dir, OUTBOX_FILE: ".data/weight-outbox.log", LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const base = `http://localhost:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/login`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 300_000) throw new Error("the app did not serve /login within 5 minutes");
    await new Promise((r) => setTimeout(r, 500));
  }
  log(`app up at ${base} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return {
    base,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Signs in through the login form, as a person would; returns the session cookies. */
export async function signIn(browser: Browser, base: string, email: string, password = DEMO_PASSWORD): Promise<Cookie[]> {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  // Each role lands on its own home (/home redirects: caseload, portal, …); anything but the login page.
  await page.waitForURL((url) => url.pathname !== "/login", { timeout: 30_000 });
  const cookies = await context.cookies();
  await context.close();
  return cookies;
}

/** A context with nothing cached (a first visit) that carries a signed-in person's cookies. */
export async function freshContext(browser: Browser, base: string, cookies: Cookie[]): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: base });
  if (cookies.length) await context.addCookies(cookies);
  return context;
}

/** The first link on a list page whose path matches, e.g. a client from the caseload. */
export async function firstLink(browser: Browser, base: string, cookies: Cookie[], from: string, pattern: RegExp): Promise<string> {
  const context = await freshContext(browser, base, cookies);
  const page = await context.newPage();
  await page.goto(from, { waitUntil: "networkidle" });
  const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  await context.close();
  const found = hrefs.find((h) => pattern.test(h));
  if (!found) throw new Error(`no link matching ${pattern} on ${from}`);
  return found;
}

/**
 * A case page: the first case on /cases, or (the demo seed has none) one opened for the client's first
 * debt from the client page, as a counselor would.
 */
export async function aCase(browser: Browser, base: string, cookies: Cookie[], clientPath: string): Promise<string> {
  try {
    return await firstLink(browser, base, cookies, "/cases", /^\/cases\/[0-9a-f-]{36}$/);
  } catch {
    const context = await freshContext(browser, base, cookies);
    const page = await context.newPage();
    await page.goto(`${clientPath}?tab=debts`, { waitUntil: "networkidle" });
    await page.getByRole("button", { name: "开始和这家机构协商" }).first().click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    const path = new URL(page.url()).pathname;
    await context.close();
    return path;
  }
}

export function cookieHeader(cookies: Cookie[]): string {
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

export function writeResults(name: string, json: unknown, markdown: string): { json: string; md: string } {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = new Date().toISOString().slice(0, 10);
  const jsonPath = path.join(RESULTS_DIR, `${name}-${stamp}.json`);
  const mdPath = path.join(RESULTS_DIR, `${name}-${stamp}.md`);
  writeFileSync(jsonPath, JSON.stringify(json, null, 2) + "\n");
  writeFileSync(mdPath, markdown);
  return { json: jsonPath, md: mdPath };
}
