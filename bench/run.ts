/**
 * `npm run bench [-- --duration 30 --warmup 10 --connections 16 --out bench/results]`: the app against raw SQL
 * on the bench database (`npm run bench:data` first).
 *
 * Builds the app if there is no build, starts `next start` on the bench database, signs in as a counselor and
 * as the admin of the big organization (next-auth's credentials flow) and loads each endpoint with autocannon:
 * the caseload (25 rows, filtered), a client page's data (one batched request: client, debts, budget, plan),
 * a 6-debt plan computation, the agenda, the outcomes dashboard (whole organization, 12 months) and recording a
 * payment (8 connections, a new idempotency key per request). For the same work it measures two floors:
 *  (a) the database floor: the statements the procedure issued (recorded through drizzle's logger while it ran
 *      in-process, bench/lib/capture.ts) replayed through postgres.js with the same concurrency;
 *  (b) the transport floor: a bare node:http server (bench/lib/floor-server.ts) replaying them and answering
 *      the same JSON, loaded by autocannon the same way.
 * A payment cannot be replayed statement by statement, so both floors run its query functions instead.
 * It records EXPLAIN (ANALYZE, BUFFERS) of every statement (flagging sequential scans of tenant tables), checks
 * that the outcomes dashboard is still correct right after the payment writes, and writes
 * <out>/<date>.json and <out>/<date>.md.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import postgres from "postgres";
import superjson from "superjson";
import {
  BENCH_DATABASE_URL,
  BENCH_DATA_KEY,
  BENCH_NEXTAUTH_SECRET,
  BENCH_PASSWORD,
  adminEmail,
  cliArgs,
  counselorEmail,
} from "./lib/config";
import { capturingDb, replay, type Group } from "./lib/capture";
import { postgresCpu, postgresCpuSpent, treeCpuMs } from "./lib/cpu";
import { closedLoop, percentile, summarize, type LoadResult } from "./lib/stats";

const args = cliArgs();
const num = (k: string, d: number) => Number(args.get(k) ?? d);
const DURATION = num("duration", 30);
const WARMUP = num("warmup", 10);
const CONNECTIONS = num("connections", 16);
const PAYMENT_CONNECTIONS = num("payment-connections", 8);
const PORT = num("port", Number(process.env.BENCH_PORT ?? 3233));
const FLOOR_PORT = PORT + 1;
/** The app's connection pool (server/env.ts DB_POOL_MAX); the floors get the same. */
const POOL = num("pool", Number(process.env.DB_POOL_MAX ?? 10));
const OUT = args.get("out") ?? "bench/results";
const ONLY = args.get("only")?.split(",");
/** The open-loop run: requests started at this fixed overall rate whatever the answers' latency (a normal load). */
const OPEN_RATE = num("open-rate", 20);
const OPEN_DURATION = num("open-duration", Math.min(10, DURATION));
/** Sequential requests on an idle server, before any load: their median is one user's latency. */
const IDLE_REQUESTS = num("idle-requests", 50);
const BASE = `http://127.0.0.1:${PORT}`;

process.env.DATABASE_URL = BENCH_DATABASE_URL;
process.env.DATA_KEY = BENCH_DATA_KEY;
process.env.NEXTAUTH_SECRET = BENCH_NEXTAUTH_SECRET;
process.env.LOG_LEVEL = "silent";

const { setDb, closeDb } = await import("@/db/client");
const { createCaller } = await import("@/server/trpc/root");
const { todayInShanghai } = await import("@/server/domain/time");
const { paymentWork } = await import("./lib/work");
const { clearOutcomeCache } = await import("@/server/services/outcomes");

function say(msg: string) {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

// ---------------------------------------------------------------- fixtures from the bench database

const owner = postgres(BENCH_DATABASE_URL, { max: 2, onnotice: () => {} });
const [adm] = await owner<{ id: string; org_id: string }[]>`
  select u.id, m.org_id from users u join memberships m on m.user_id = u.id where u.email = ${adminEmail(0)}`;
const [cou] = await owner<{ id: string }[]>`select id from users where email = ${counselorEmail(0, 0)}`;
if (!adm || !cou) throw new Error("no bench data: run `npm run bench:data` first");
const orgId = adm.org_id;
const [six] = await owner<{ id: string }[]>`
  select c.id from clients c
  where c.org_id = ${orgId} and c.assigned_counselor_id = ${cou.id}
    and (select count(*) from debts d where d.org_id = c.org_id and d.client_id = c.id and d.archived_at is null) = 6
  order by c.created_at, c.id limit 1`;
if (!six) throw new Error("the bench data has no 6-debt client for the first counselor");
const sixDebts = await owner<{ id: string }[]>`
  select id from debts where org_id = ${orgId} and client_id = ${six.id} and archived_at is null order by created_at, id`;
const agreedCases = await owner<{ id: string; status: string }[]>`
    select k.id, k.status from cases k join clients c on c.org_id = k.org_id and c.id = k.client_id
    where k.org_id = ${orgId} and c.assigned_counselor_id = ${cou.id} and k.status in ('agreed', 'repaying')
    order by k.id`;
// One agreed case is kept out of the payment load: its first payment (a case event) must change the dashboard.
const checkCase = agreedCases.find((r) => r.status === "agreed")?.id ?? null;
const payCases = agreedCases.filter((r) => r.id !== checkCase).map((r) => r.id);
if (payCases.length === 0) throw new Error("the bench data has no agreed case for the first counselor");
const clientCount = (await owner<{ n: number }[]>`select count(*)::int as n from clients`)[0]!.n;
const today = todayInShanghai();

// ---------------------------------------------------------------- the endpoints

type Who = "counselor" | "admin";
type Endpoint = {
  name: string;
  label: string;
  who: Who;
  kind: "read" | "outcomes" | "write";
  connections: number;
  /** The app request (path under /api/trpc, method, body). */
  method: "GET" | "POST";
  path: string;
  body?: () => string;
  /** The same call in-process, and the JSON the app answers for it. */
  call: (caller: ReturnType<typeof createCaller>) => Promise<unknown>;
  batch?: boolean;
};

const q = (input: unknown) => encodeURIComponent(JSON.stringify({ json: input }));
const caseloadInput = { minOverdueDays: 30, sort: "name" as const, dir: "asc" as const, limit: 25 };
const evaluateInput = {
  clientId: six.id,
  scenarios: [
    {
      name: "bench",
      startDate: today,
      strategy: "pro-rata" as const,
      lines: sixDebts.map((d) => ({
        debtId: d.id,
        arrangement: { waivePenalty: true, instalment: { method: "interest-free" as const, months: 24 } },
      })),
    },
  ],
};
let payN = 0;
const paymentInput = () => ({
  caseId: payCases[payN++ % payCases.length]!,
  amountFen: 100,
  paidOn: today,
  method: "bank-transfer" as const,
  idempotencyKey: `bench-${randomUUID()}`,
});
const clientBatch = {
  0: { json: { id: six.id } },
  1: { json: { clientId: six.id } },
  2: { json: { clientId: six.id } },
  3: { json: { clientId: six.id } },
};

const ALL: Endpoint[] = [
  {
    name: "caseload",
    label: "caseload list (25 rows, overdue ≥ 30 days)",
    who: "counselor",
    kind: "read",
    connections: CONNECTIONS,
    method: "GET",
    path: `/api/trpc/caseload.list?input=${q(caseloadInput)}`,
    call: (c) => c.caseload.list(caseloadInput),
  },
  {
    name: "client",
    label: "client page data (client, debts, budget, plan)",
    who: "counselor",
    kind: "read",
    connections: CONNECTIONS,
    method: "GET",
    path: `/api/trpc/client.get,debt.list,budget.current,plan.get?batch=1&input=${encodeURIComponent(JSON.stringify(clientBatch))}`,
    batch: true,
    call: async (c) => [
      await c.client.get({ id: six.id }),
      await c.debt.list({ clientId: six.id }),
      await c.budget.current({ clientId: six.id }),
      await c.plan.get({ clientId: six.id }),
    ],
  },
  {
    name: "plan",
    label: "plan computation (6 debts)",
    who: "counselor",
    kind: "read",
    connections: CONNECTIONS,
    method: "POST",
    path: "/api/trpc/plan.evaluate",
    body: () => JSON.stringify({ json: evaluateInput }),
    call: (c) => c.plan.evaluate(evaluateInput),
  },
  {
    name: "agenda",
    label: "agenda (counselor, today)",
    who: "counselor",
    kind: "read",
    connections: CONNECTIONS,
    method: "GET",
    path: "/api/trpc/agenda.today",
    call: (c) => c.agenda.today(),
  },
  {
    name: "outcomes",
    label: "outcomes dashboard (admin, 12 months)",
    who: "admin",
    kind: "outcomes",
    connections: CONNECTIONS,
    method: "GET",
    path: `/api/trpc/outcomes.summary?input=${q({})}`,
    call: (c) => c.outcomes.summary({}),
  },
  {
    name: "payment",
    label: "record a payment (8 connections)",
    who: "counselor",
    kind: "write",
    connections: PAYMENT_CONNECTIONS,
    method: "POST",
    path: "/api/trpc/payment.record",
    body: () => JSON.stringify({ json: paymentInput() }),
    call: (c) => c.payment.record(paymentInput()),
  },
];
const ENDPOINTS = ALL.filter((e) => !ONLY || ONLY.includes(e.name));

const userOf = (who: Who) => (who === "admin" ? adm.id : cou.id);
// One context per request, as the route handler makes it (a batch shares one membership read).
const callerFor = (who: Who) => createCaller({ userId: userOf(who), activeOrgId: orgId, requestId: "bench", ip: null, perRequest: {} });
const asResponse = (e: Endpoint, out: unknown) =>
  JSON.stringify(
    e.batch
      ? (out as unknown[]).map((o) => ({ result: { data: superjson.serialize(o) } }))
      : { result: { data: superjson.serialize(out) } },
  );

// ---------------------------------------------------------------- capture the SQL of each endpoint

say(`bench database: ${clientCount} clients; capturing each endpoint's statements`);
const capture = postgres(BENCH_DATABASE_URL, { max: 1, onnotice: () => {} });
const cap = capturingDb(capture);
setDb(cap.db, () => capture.end(), "postgres");
type Captured = { groups: Group[]; body: string };
const captured = new Map<string, Captured>();
/** The outcome summary's statements when nothing is stored yet (EXPLAIN), and how long that took once. */
let outcomesCold: { groups: Group[]; ms: number } | null = null;
for (const e of ENDPOINTS) {
  cap.take();
  if (e.kind === "outcomes") {
    // The first request after a write computes the summary; the next ones read the stored one after checking
    // the outcome sequence. The floors replay what a request does in the steady state (the second call).
    clearOutcomeCache();
    const t = performance.now();
    await e.call(callerFor(e.who));
    outcomesCold = { groups: cap.take(), ms: Math.round(performance.now() - t) };
  }
  // The membership read comes first, as orgProcedure does it on every request.
  const out = await e.call(callerFor(e.who));
  captured.set(e.name, { groups: cap.take(), body: asResponse(e, out) });
}
await closeDb();

// ---------------------------------------------------------------- EXPLAIN (ANALYZE, BUFFERS)

const tenantTables = new Set(
  (
    await owner<{ table_name: string }[]>`
    select table_name from information_schema.columns where table_schema = 'public' and column_name = 'org_id'`
  ).map((r) => r.table_name),
);
/** Each sequential scan in a plan with the rows it read (returned + removed by its filter, times its loops). */
function seqScansOf(plan: string): Array<{ table: string; rowsRead: number }> {
  const lines = plan.split("\n");
  const out: Array<{ table: string; rowsRead: number }> = [];
  lines.forEach((l, i) => {
    const m = /Seq Scan on (\w+).*actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=(\d+)/.exec(l);
    if (!m) return;
    let removed = 0;
    for (let j = i + 1; j < lines.length && !lines[j]!.includes("->"); j++) {
      const r = /Rows Removed by Filter: (\d+)/.exec(lines[j]!);
      if (r) removed = Number(r[1]);
    }
    out.push({ table: m[1]!, rowsRead: (Number(m[2]) + removed) * Number(m[3]) });
  });
  return out;
}
type Explained = { sql: string; plan: string; seqScans: string[]; ms: number | null; error?: string };
const explains: Record<string, Explained[]> = {};
for (const e of ENDPOINTS) {
  const list: Explained[] = [];
  for (const g of e.kind === "outcomes" && outcomesCold ? outcomesCold.groups : captured.get(e.name)!.groups) {
    const reserved = await owner.reserve();
    try {
      await reserved.unsafe("begin");
      for (const s of g) {
        if (/^(select set_config\('role'|SET LOCAL ROLE)/.test(s.sql)) {
          await reserved.unsafe(s.sql, s.params as never[]);
          continue;
        }
        await reserved.unsafe("savepoint x");
        try {
          const rows = await reserved.unsafe(`explain (analyze, buffers) ${s.sql}`, s.params as never[]);
          const plan = rows.map((r) => String((r as Record<string, unknown>)["QUERY PLAN"])).join("\n");
          const seqScans = seqScansOf(plan)
            .filter((x) => tenantTables.has(x.table))
            .map((x) => `${x.table} (${x.rowsRead} rows read)`);
          const ms = /Execution Time: ([\d.]+) ms/.exec(plan)?.[1];
          list.push({ sql: s.sql, plan, seqScans: [...new Set(seqScans)], ms: ms ? Number(ms) : null });
          await reserved.unsafe("release savepoint x");
        } catch (err) {
          await reserved.unsafe("rollback to savepoint x");
          list.push({ sql: s.sql, plan: "", seqScans: [], ms: null, error: String((err as Error).message) });
        }
      }
    } finally {
      await reserved.unsafe("rollback");
      reserved.release();
    }
  }
  explains[e.name] = list;
}

if (args.has("explain-only")) {
  // Development: the statements' plans and times, without starting the app.
  for (const [name, list] of Object.entries(explains)) {
    for (const x of list) {
      say(
        `${name} ${x.ms ?? "?"} ms${x.seqScans.length ? ` SEQ SCAN ${x.seqScans.join(",")}` : ""}${x.error ? ` ERROR ${x.error}` : ""}: ${x.sql.replace(/\s+/g, " ").slice(0, 160)}`,
      );
      if (args.get("explain-only") === "plans") process.stdout.write(`${x.plan}\n\n`);
    }
  }
  await owner.end();
  process.exit(0);
}

// ---------------------------------------------------------------- the app

function build() {
  if (existsSync(".next/BUILD_ID") && args.get("build") !== "true") return;
  say("building the app (next build)…");
  const r = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (r.status !== 0) throw new Error("next build failed");
}

let app: ChildProcess | null = null;
async function startApp() {
  app = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: BENCH_DATABASE_URL,
      NEXTAUTH_URL: BASE,
      APP_URL: BASE,
      DB_POOL_MAX: String(POOL),
      LOG_LEVEL: "warn",
      NEXT_MANUAL_SIG_HANDLE: "1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${BASE}/api/auth/csrf`)).ok) return;
    } catch {
      /* not up yet */
    }
    if (app.exitCode !== null) throw new Error("the app exited while starting");
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the app did not start within 60 s");
}

async function signIn(email: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ csrfToken, login: email, password: BENCH_PASSWORD, json: "true" }),
    redirect: "manual",
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in failed for ${email}`);
  jar.set("xs_org", orgId);
  return header();
}

/** autocannon with each response's latency kept, so p95 is exact (autocannon itself reports p97.5). */
function cannon(url: string, e: Endpoint, cookie: string | null, seconds: number, overallRate?: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let errors = 0;
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (cookie) headers.cookie = cookie;
    const instance = autocannon(
      {
        url,
        connections: e.connections,
        duration: seconds,
        ...(overallRate ? { overallRate } : {}),
        requests: [
          {
            method: e.method,
            headers,
            ...(e.body ? { setupRequest: (req: autocannon.Request) => ({ ...req, body: e.body!() }) } : {}),
          },
        ],
      },
      (err, result) => {
        if (err) reject(err);
        else resolve(summarize(latencies, result.duration, errors + result.errors + result.timeouts));
      },
    );
    instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status >= 200 && status < 300) latencies.push(ms);
      else errors++;
    });
  });
}

async function warmAndMeasure(run: (seconds: number) => Promise<LoadResult>): Promise<LoadResult> {
  if (WARMUP > 0) await run(WARMUP);
  return run(DURATION);
}

// ---------------------------------------------------------------- run

build();
say(`starting next start on :${PORT} (pool ${POOL})`);
await startApp();
const cookies: Record<Who, string> = { counselor: await signIn(counselorEmail(0, 0)), admin: await signIn(adminEmail(0)) };

// One request each first: the app must answer 200 with the same data the capture saw (before any write).
for (const e of ENDPOINTS) {
  if (e.kind === "write") continue;
  const res = await fetch(`${BASE}${e.path}`, {
    method: e.method,
    headers: { cookie: cookies[e.who], "content-type": "application/json" },
    body: e.body?.(),
  });
  if (res.status !== 200) throw new Error(`${e.name}: the app answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
}

const r2 = (n: number) => Math.round(n * 100) / 100;
const floorSpecFile = path.join(os.tmpdir(), `xs-bench-floor-${process.pid}.json`);
writeFileSync(
  floorSpecFile,
  JSON.stringify({
    dbUrl: BENCH_DATABASE_URL,
    pool: POOL,
    port: FLOOR_PORT,
    reads: Object.fromEntries([...captured].filter(([n]) => n !== "payment")),
    payment: { userId: cou.id, orgId },
  }),
);

/** The median of IDLE_REQUESTS sequential requests (and their p95), each timed from send to the last byte. */
async function idleLatency(e: Endpoint): Promise<{ median: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < IDLE_REQUESTS; i++) {
    const t = performance.now();
    const res = await fetch(`${BASE}${e.path}`, {
      method: e.method,
      headers: { cookie: cookies[e.who], "content-type": "application/json" },
      body: e.body?.(),
    });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${e.name}: idle request answered ${res.status}`);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: r2(percentile(times, 0.5)), p95: r2(percentile(times, 0.95)) };
}
const benchDatabase = decodeURIComponent(new URL(BENCH_DATABASE_URL).pathname.slice(1));
const idle = new Map<string, { median: number; p95: number }>();
for (const e of ENDPOINTS) {
  idle.set(e.name, await idleLatency(e));
  say(`${e.name}: idle median ${idle.get(e.name)!.median} ms over ${IDLE_REQUESTS} sequential requests`);
}
// The idle payments changed the figures: one dashboard request now, so its load below starts from the stored
// summary as it did before the idle runs existed (the first request after a write is measured at the end).
for (const e of ENDPOINTS.filter((x) => x.kind === "outcomes")) {
  await fetch(`${BASE}${e.path}`, { headers: { cookie: cookies[e.who] } }).then((r) => r.arrayBuffer());
}

type Row = {
  name: string;
  label: string;
  kind: Endpoint["kind"];
  app: LoadResult;
  /** Fixed overall rate (open loop): what a user feels at a normal load. */
  openLoop: LoadResult & { rate: number };
  idle: { median: number; p95: number };
  /** CPU milliseconds per request over the app's measured closed-loop window: the app's processes, its PostgreSQL backends. */
  cpuMsPerRequest: { app: number; postgres: number };
  dbFloor: LoadResult;
  transportFloor: LoadResult;
  statements: number;
};
const results: Row[] = [];
const floorDb = postgres(BENCH_DATABASE_URL, { max: POOL, onnotice: () => {} });
const { drizzle } = await import("drizzle-orm/postgres-js");
const schema = await import("@/db/schema");
setDb(drizzle(floorDb, { schema, casing: "snake_case" }) as never, async () => {}, "postgres");

for (const e of ENDPOINTS) {
  const c = captured.get(e.name)!;
  say(`${e.name}: app (${WARMUP}s warm-up, ${DURATION}s, ${e.connections} connections)`);
  if (WARMUP > 0) await cannon(`${BASE}${e.path}`, e, cookies[e.who], WARMUP);
  const cpuBefore = { app: treeCpuMs(app!.pid!), pg: await postgresCpu(owner, benchDatabase) };
  const appResult = await cannon(`${BASE}${e.path}`, e, cookies[e.who], DURATION);
  const appCpuMs = treeCpuMs(app!.pid!) - cpuBefore.app;
  const pgCpuMs = postgresCpuSpent(cpuBefore.pg, await postgresCpu(owner, benchDatabase));
  const answered = Math.max(1, appResult.requests);
  const cpuMsPerRequest = { app: r2(appCpuMs / answered), postgres: r2(pgCpuMs / answered) };
  say(
    `${e.name}: app p95 ${appResult.p95} ms, ${appResult.rps} req/s, CPU ${cpuMsPerRequest.app} + ${cpuMsPerRequest.postgres} ms/request; open loop`,
  );
  const openLoop = { ...(await cannon(`${BASE}${e.path}`, e, cookies[e.who], OPEN_DURATION, OPEN_RATE)), rate: OPEN_RATE };
  say(`${e.name}: open loop at ${OPEN_RATE} req/s: p50 ${openLoop.p50} p95 ${openLoop.p95} p99 ${openLoop.p99} ms; database floor`);
  const dbFloor = await warmAndMeasure((s) =>
    closedLoop(
      e.kind === "write" ? async () => void (await paymentWork(cou.id, orgId, paymentInput())) : () => replay(floorDb, c.groups),
      e.connections,
      s,
    ),
  );
  say(`${e.name}: database floor p95 ${dbFloor.p95} ms, ${dbFloor.rps} req/s; transport floor`);
  const floor = spawn(process.execPath, ["--import", "tsx", "bench/lib/floor-server.ts", floorSpecFile], {
    env: { ...process.env, LOG_LEVEL: "silent" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    floor.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
    floor.on("exit", () => reject(new Error("the floor server exited")));
  });
  const transportFloor = await warmAndMeasure((s) => cannon(`http://127.0.0.1:${FLOOR_PORT}/e/${e.name}`, e, null, s));
  floor.kill("SIGTERM");
  await new Promise((r) => floor.once("exit", r));
  say(`${e.name}: transport floor p95 ${transportFloor.p95} ms, ${transportFloor.rps} req/s`);
  results.push({
    name: e.name,
    label: e.label,
    kind: e.kind,
    app: appResult,
    openLoop,
    idle: idle.get(e.name)!,
    cpuMsPerRequest,
    dbFloor,
    transportFloor,
    statements: c.groups.flat().length,
  });
}

// ---------------------------------------------------------------- outcomes right after the writes

let outcomesAfterWrite: { checked: boolean; equal: boolean; note: string } = { checked: false, equal: false, note: "outcomes not run" };
/** How long the dashboard's first request after the payment took (the app, over HTTP). */
let firstAfterWriteMs: number | null = null;
if (ENDPOINTS.some((e) => e.name === "outcomes")) {
  // A payment on an agreed case moves it to repaying (a case event): the month's case counts change.
  const target = checkCase ?? payCases[0]!;
  const before = await (await fetch(`${BASE}/api/trpc/outcomes.summary?input=${q({})}`, { headers: { cookie: cookies.admin } })).text();
  const write = await fetch(`${BASE}/api/trpc/payment.record`, {
    method: "POST",
    headers: { cookie: cookies.counselor, "content-type": "application/json" },
    body: JSON.stringify({ json: { ...paymentInput(), caseId: target } }),
  });
  const afterStart = performance.now();
  const after = (await (
    await fetch(`${BASE}/api/trpc/outcomes.summary?input=${q({})}`, { headers: { cookie: cookies.admin } })
  ).json()) as {
    result: { data: unknown };
  };
  firstAfterWriteMs = Math.round(performance.now() - afterStart);
  clearOutcomeCache();
  const expected = superjson.serialize(await callerFor("admin").outcomes.summary({}));
  const equal = JSON.stringify(after.result.data) === JSON.stringify(expected);
  outcomesAfterWrite = {
    checked: write.ok,
    equal,
    note: `${write.ok ? "payment recorded" : `payment refused (${write.status})`}; the first dashboard request after it took ${firstAfterWriteMs} ms; the dashboard ${JSON.stringify(after.result.data) === JSON.stringify((JSON.parse(before) as { result: { data: unknown } }).result.data) ? "did not change" : "changed"}; ${equal ? "equal to" : "DIFFERENT from"} a fresh computation`,
  };
  say(`outcomes right after a write: ${outcomesAfterWrite.note}`);
}

(app as ChildProcess | null)?.kill("SIGTERM");
await floorDb.end();
await owner.end();

// ---------------------------------------------------------------- report

const TARGETS = {
  read: { p95: 25, floorRps: 0.5 },
  outcomes: { p95: 150, floorRps: null },
  write: { p95: 40, floorRps: null },
} as const;
const report = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "", memGb: r2(os.totalmem() / 2 ** 30), node: process.version },
  settings: {
    duration: DURATION,
    warmup: WARMUP,
    connections: CONNECTIONS,
    paymentConnections: PAYMENT_CONNECTIONS,
    pool: POOL,
    clients: clientCount,
    openRate: OPEN_RATE,
    openDuration: OPEN_DURATION,
    idleRequests: IDLE_REQUESTS,
  },
  targets: TARGETS,
  endpoints: results.map((r) => {
    const t = TARGETS[r.kind];
    const throughputRatio = r2(r.app.rps / r.transportFloor.rps);
    const met = r.app.p95 <= t.p95 && (t.floorRps === null || throughputRatio >= t.floorRps) && r.app.errors === 0;
    return {
      ...r,
      ratios: {
        p95VsDbFloor: r2(r.app.p95 / r.dbFloor.p95),
        p95VsTransportFloor: r2(r.app.p95 / r.transportFloor.p95),
        rpsVsDbFloor: r2(r.app.rps / r.dbFloor.rps),
        rpsVsTransportFloor: throughputRatio,
      },
      target: t,
      met,
      seqScansOfTenantTables: [...new Set(explains[r.name]!.flatMap((x) => x.seqScans))],
    };
  }),
  outcomesAfterWrite,
  outcomesColdMs: outcomesCold?.ms ?? null,
  outcomesFirstAfterWriteMs: firstAfterWriteMs,
  explain: explains,
};
mkdirSync(OUT, { recursive: true });
const stamp = report.date.slice(0, 10);
writeFileSync(path.join(OUT, `${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");
const md = [
  `# Benchmark ${report.date}`,
  "",
  `${report.machine.cpus} cores (${report.machine.cpuModel}), Node ${report.machine.node}; ${clientCount.toLocaleString("en")} clients in the bench database; ` +
    `${WARMUP} s warm-up, ${DURATION} s measured, ${CONNECTIONS} connections (payments ${PAYMENT_CONNECTIONS}); app pool ${POOL}. Latency in ms.`,
  "",
  "| endpoint | app p50 | app p95 | app p99 | app req/s | db floor p95 | db floor req/s | transport p95 | transport req/s | app/transport req/s | target | met |",
  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
  ...report.endpoints.map(
    (r) =>
      `| ${r.label} | ${ms(r.app.p50)} | ${ms(r.app.p95)} | ${ms(r.app.p99)} | ${r.app.rps} | ${ms(r.dbFloor.p95)} | ${r.dbFloor.rps} | ${ms(r.transportFloor.p95)} | ${r.transportFloor.rps} | ${r.ratios.rpsVsTransportFloor} | p95 ≤ ${r.target.p95}${r.target.floorRps ? `, ≥ ${r.target.floorRps * 100} % of transport req/s` : ""} | ${r.met ? "yes" : "**no**"} |`,
  ),
  "",
  `What a user feels and what a request costs: the median of ${IDLE_REQUESTS} sequential requests on the idle server (before any load); ` +
    `an open loop at a fixed ${OPEN_RATE} req/s overall for ${OPEN_DURATION} s; CPU milliseconds per request over the app's measured window ` +
    "(user + system time from /proc of the app's processes and of the PostgreSQL backends of the bench database).",
  "",
  "| endpoint | idle median | idle p95 | open-loop p50 | open-loop p95 | open-loop p99 | open-loop req/s | app CPU ms/req | PostgreSQL CPU ms/req |",
  "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
  ...report.endpoints.map(
    (r) =>
      `| ${r.label} | ${ms(r.idle.median)} | ${ms(r.idle.p95)} | ${ms(r.openLoop.p50)} | ${ms(r.openLoop.p95)} | ${ms(r.openLoop.p99)} | ${r.openLoop.rps} | ${r.cpuMsPerRequest.app} | ${r.cpuMsPerRequest.postgres} |`,
  ),
  "",
  `Outcomes right after a write: ${outcomesAfterWrite.note}. The summary is stored per organization, range and day under the ` +
    `organization's outcome sequence (every write that can change a figure bumps it; contact entries, documents, tasks and the like do not): ` +
    `a request checks the sequence and reads the stored summary; the first request after such a write computes it again, which took ${outcomesCold?.ms ?? "–"} ms once in-process (EXPLAIN below is of that computation's statements). ` +
    `The floors replay the steady-state request's statements.`,
  "",
  "Sequential scans of tenant tables (EXPLAIN ANALYZE of each captured statement): " +
    (report.endpoints.some((r) => r.seqScansOfTenantTables.length)
      ? report.endpoints
          .filter((r) => r.seqScansOfTenantTables.length)
          .map((r) => `${r.name}: ${r.seqScansOfTenantTables.join(", ")}`)
          .join("; ")
      : "none") +
    ".",
  "",
  "Errors (non-2xx or socket errors) per endpoint: " +
    report.endpoints.map((r) => `${r.name} ${r.app.errors}/${r.dbFloor.errors}/${r.transportFloor.errors}`).join(", ") +
    " (app/db floor/transport floor).",
  "",
].join("\n");
writeFileSync(path.join(OUT, `${stamp}.md`), md);
say(`wrote ${path.join(OUT, `${stamp}.json`)} and .md`);
process.stdout.write(`\n${md}\n`);
const failed = report.endpoints.filter((r) => r.app.requests === 0 || r.app.errors > 0);
if (failed.length || (outcomesAfterWrite.checked && !outcomesAfterWrite.equal)) {
  process.stderr.write(`bench: errors in ${failed.map((f) => f.name).join(", ") || "outcomes after write"}\n`);
  process.exit(1);
}
