/**
 * Page weight (issue 7, part 3): the compressed JavaScript each main page loads on a first visit, in
 * Debian's Chromium, signed in as each demo role. Budgets: client portal ≤ 130 kB, staff pages ≤ 150 kB
 * (kB = 1024 bytes here, the stricter reading), counted as the bytes on the wire of every script
 * response (as `npm start` serves it: Brotli for the built files, docs/decisions/005; headers not
 * counted) from navigation until the network is idle, with an empty cache.
 *
 *   npm run bench:weight                 # builds if needed, starts on :3244 with .data/weight-db
 *   BENCH_URL=http://localhost:3000 npm run bench:weight    # an app that is already running
 *   BENCH_BEFORE=old-results.json npm run bench:weight       # adds a "before" column from an earlier run
 *
 * Writes bench/results/page-weight-<date>.json and .md; exits 1 when a budget is missed.
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import type { Browser, Cookie } from "@playwright/test";
import { aCase, DEMO, firstLink, freshContext, launchBrowser, log, signIn, startApp, writeResults, type Role } from "./page-app";

const KB = 1024;
const BUDGET = { portal: 130 * KB, staff: 150 * KB } as const;

type Target = { name: string; role: Role | null; path: string; budget: keyof typeof BUDGET };
type Script = { url: string; transfer: number; decoded: number; encoding: string };
type Measured = Target & { scripts: Script[]; transfer: number; decoded: number; ok: boolean };

async function measure(browser: Browser, base: string, cookies: Cookie[], target: Target): Promise<Measured> {
  const context = await freshContext(browser, base, cookies);
  const page = await context.newPage();
  const pending: Promise<Script | null>[] = [];
  page.on("requestfinished", (request) => {
    if (request.resourceType() !== "script") return;
    pending.push(
      (async () => {
        const [sizes, response] = await Promise.all([request.sizes(), request.response()]);
        const body = response ? await response.body().catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
        const encoding = (await response?.headerValue("content-encoding")) ?? "identity";
        return { url: request.url().replace(base, ""), transfer: sizes.responseBodySize, decoded: body.length, encoding };
      })().catch(() => null),
    );
  });
  const response = await page.goto(target.path, { waitUntil: "networkidle" });
  const finalPath = new URL(page.url()).pathname;
  if (!response?.ok() || (target.path !== "/login" && finalPath === "/login")) {
    throw new Error(`${target.name}: ${target.path} answered ${response?.status()} at ${finalPath}`);
  }
  // Code loaded after hydration (next/dynamic) is requested only once the main thread gets to it, which
  // on a busy machine can be after the first quiet 500 ms: wait for an idle main thread, then for quiet again.
  await page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 10_000 })));
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(500);
  const scripts = (await Promise.all(pending)).filter((s): s is Script => s !== null);
  await context.close();
  const transfer = scripts.reduce((a, s) => a + s.transfer, 0);
  const decoded = scripts.reduce((a, s) => a + s.decoded, 0);
  return { ...target, scripts, transfer, decoded, ok: transfer <= BUDGET[target.budget] };
}

function kb(bytes: number) {
  return (bytes / KB).toFixed(1);
}

async function main() {
  const load = os.loadavg();
  const before = new Map<string, number>(
    process.env.BENCH_BEFORE
      ? (JSON.parse(readFileSync(process.env.BENCH_BEFORE, "utf8")) as { pages: Array<{ name: string; transfer: number }> }).pages.map(
          (p) => [p.name, p.transfer],
        )
      : [],
  );
  const app = await startApp();
  const browser = await launchBrowser();
  try {
    const cookies: Record<Role | "none", Cookie[]> = { none: [], admin: [], counselor: [], client: [] };
    for (const role of Object.keys(DEMO) as Role[]) cookies[role] = await signIn(browser, app.base, DEMO[role]);
    const clientPath = await firstLink(browser, app.base, cookies.counselor, "/caseload", /^\/clients\/[0-9a-f-]{36}$/);
    const casePath = await aCase(browser, app.base, cookies.counselor, clientPath);
    const targets: Target[] = [
      { name: "login", role: null, path: "/login", budget: "staff" },
      { name: "client portal home", role: "client", path: "/portal", budget: "portal" },
      { name: "counselor agenda", role: "counselor", path: "/agenda", budget: "staff" },
      { name: "caseload", role: "counselor", path: "/caseload", budget: "staff" },
      { name: "client page", role: "counselor", path: clientPath, budget: "staff" },
      { name: "client plan tab", role: "counselor", path: `${clientPath}?tab=plan`, budget: "staff" },
      { name: "case page", role: "counselor", path: casePath, budget: "staff" },
      { name: "admin outcomes", role: "admin", path: "/admin/outcomes", budget: "staff" },
    ];
    const results: Measured[] = [];
    for (const t of targets) {
      const m = await measure(browser, app.base, cookies[t.role ?? "none"], t);
      log(
        `${m.ok ? "ok  " : "OVER"} ${t.name.padEnd(20)} ${kb(m.transfer).padStart(7)} kB compressed (${kb(m.decoded)} kB unpacked, ${m.scripts.length} scripts), budget ${kb(BUDGET[t.budget])} kB`,
      );
      results.push(m);
    }
    // What every page loads (Next's runtime and router, React DOM): the floor under any budget.
    const common = results
      .map((r) => new Map(r.scripts.map((s) => [s.url, s.transfer])))
      .reduce((a, b) => new Map([...a].filter(([url]) => b.has(url))));
    const floor = [...common.values()].reduce((a, b) => a + b, 0);
    log(`shared by every page: ${kb(floor)} kB compressed in ${common.size} scripts`);
    const encodings = new Map<string, number>();
    for (const s of results.flatMap((r) => r.scripts)) encodings.set(s.encoding, (encodings.get(s.encoding) ?? 0) + 1);
    const beforeCell = (r: Measured) => {
      const b = before.get(r.name);
      return b === undefined ? "—" : `${kb(b)} (${r.transfer <= b ? "−" : "+"}${kb(Math.abs(r.transfer - b))})`;
    };
    const lines = [
      `# Page weight — ${new Date().toISOString()}`,
      "",
      "Compressed JavaScript loaded on a first visit with an empty cache, until the network is idle, as the server measured serves it (`npm start`: the built files precompressed with Brotli for browsers that accept it, docs/decisions/005-brotli-static-assets.md); Debian's Chromium via Playwright. kB = 1024 bytes.",
      "",
      `Script responses by Content-Encoding: ${[...encodings].map(([e, n]) => `${e} ${n}`).join(", ")}. Machine: ${os.cpus().length} cores, load average ${load.map((l) => l.toFixed(1)).join(" / ")} at the start (the bytes do not depend on it).`,
      "",
      `Loaded by every page (the framework: Next's runtime and router, React DOM): **${kb(floor)} kB** in ${common.size} scripts.`,
      "",
      `| page | role | path | JS compressed (kB) |${before.size ? " before (kB) |" : ""} JS unpacked (kB) | scripts | budget (kB) | met |`,
      `|---|---|---|---:|${before.size ? "---:|" : ""}---:|---:|---:|---|`,
      ...results.map(
        (r) =>
          `| ${r.name} | ${r.role ?? "—"} | \`${r.path.replace(/[0-9a-f-]{36}/, ":id")}\` | ${kb(r.transfer)} |${before.size ? ` ${beforeCell(r)} |` : ""} ${kb(r.decoded)} | ${r.scripts.length} | ${kb(BUDGET[r.budget])} | ${r.ok ? "yes" : `**no** (+${kb(r.transfer - BUDGET[r.budget])})`} |`,
      ),
      "",
      "## Largest scripts per page",
      "",
      ...results.flatMap((r) => [
        `**${r.name}**: ` +
          [...r.scripts]
            .sort((a, b) => b.transfer - a.transfer)
            .slice(0, 5)
            .map((s) => `\`${s.url.replace(/^\/_next\/static\/chunks\//, "")}\` ${kb(s.transfer)}`)
            .join(", "),
        "",
      ]),
    ];
    const out = writeResults(
      "page-weight",
      {
        date: new Date().toISOString(),
        unit: "bytes",
        cpus: os.cpus().length,
        loadAverage: load,
        budgets: BUDGET,
        sharedByEveryPage: floor,
        pages: results.map((r) => ({ ...r, path: r.path.replace(/[0-9a-f-]{36}/, ":id") })),
      },
      lines.join("\n"),
    );
    log(`wrote ${out.json} and ${out.md}`);
    if (results.some((r) => !r.ok)) process.exitCode = 1;
  } finally {
    await browser.close();
    await app.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
