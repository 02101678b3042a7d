/**
 * The outcome reports on a streaming read replica (issue 7, part 5; docs/SCALING.md), measured on this
 * machine: a second PostgreSQL 15 cluster from the Debian packages, made with pg_basebackup -R from the
 * primary, then the outcome dashboard loaded with autocannon against the app (`next start`) configured
 * with DATABASE_REPLICA_URL, and the same load without the replica for comparison. Meanwhile a probe
 * commits a row on the primary every 100 ms and times how long until the replica shows it (the lag).
 * Everything it made is removed at the end: the replica cluster, the probe database, the pg_hba line.
 *
 *   npm run bench:replica                 # data from bench/data.ts at --scale 0.1 (REPLICA_SCALE)
 *   KEEP_DATA=1 npm run bench:replica     # keep (and reuse) the bench database
 *
 * Needs root (pg_createcluster, pg_hba.conf), the primary as the Debian cluster `15 main` on 5432 with
 * wal_level replica or logical (checked; never changed or restarted here, only reloaded for pg_hba).
 * Writes bench/results/replica-<date>.json and .md.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import autocannon from "autocannon";
import postgres from "postgres";
import { BENCH_DATA_KEY, BENCH_NEXTAUTH_SECRET, BENCH_PASSWORD, adminEmail } from "./lib/config";
import { cookieHeader, launchBrowser, log, signIn, writeResults } from "./page-app";

const VERSION = "15";
const PRIMARY_CLUSTER = "main";
const REPLICA_CLUSTER = "xsreplica";
const REPLICA_PORT = Number(process.env.REPLICA_PORT ?? 5433);
const DB = process.env.REPLICA_BENCH_DB ?? "xs_replica_bench";
const PRIMARY_URL = `postgres://postgres@127.0.0.1:5432/${DB}`;
const REPLICA_URL = `postgres://postgres@127.0.0.1:${REPLICA_PORT}/${DB}`;
const PROBE_DB = "xs_replica_probe";
const APP_PORT = process.env.BENCH_PORT ?? "3244";
const BASE = `http://localhost:${APP_PORT}`;
const SCALE = process.env.REPLICA_SCALE ?? "0.1";
const WARMUP_S = Number(process.env.REPLICA_WARMUP_S ?? 5);
const DURATION_S = Number(process.env.REPLICA_DURATION_S ?? 20);
const CONNECTIONS = Number(process.env.REPLICA_CONNECTIONS ?? 4);
/** Seconds before autocannon gives up on one request (the whole-organization report is heavy). */
const TIMEOUT_S = Number(process.env.REPLICA_TIMEOUT_S ?? 60);
const HBA = `/etc/postgresql/${VERSION}/${PRIMARY_CLUSTER}/pg_hba.conf`;
const HBA_LINE = "host replication postgres 127.0.0.1/32 trust # bench/replica.ts (removed when it ends)";
const SUMMARY_PATH = `/api/trpc/outcomes.summary?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`;

function run(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; quiet?: boolean } = {}) {
  const r = spawnSync(cmd, args, { stdio: opts.quiet ? "pipe" : "inherit", env: opts.env ?? process.env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}): ${r.stderr ?? ""}`);
  return r.stdout ?? "";
}

function clusterExists(name: string) {
  return spawnSync("pg_lsclusters", ["-h"], { encoding: "utf8" })
    .stdout.split("\n")
    .some((l) => l.split(/\s+/)[1] === name);
}

async function one<T>(url: string, query: string): Promise<T> {
  const c = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await c.unsafe(query);
    return rows[0] as T;
  } finally {
    await c.end();
  }
}

async function checkPrimary() {
  const s = await one<{ wal_level: string; senders: string }>(
    "postgres://postgres@127.0.0.1:5432/postgres",
    "select current_setting('wal_level') as wal_level, current_setting('max_wal_senders') as senders",
  );
  if (!["replica", "logical"].includes(s.wal_level) || Number(s.senders) < 1) {
    throw new Error(
      `the primary has wal_level=${s.wal_level}, max_wal_senders=${s.senders}: set wal_level=replica and max_wal_senders ≥ 1, then restart it yourself`,
    );
  }
  log(`primary: wal_level ${s.wal_level}, max_wal_senders ${s.senders}`);
  const hba = readFileSync(HBA, "utf8");
  if (!hba.includes(HBA_LINE)) {
    writeFileSync(HBA, hba.replace(/\n?$/, "\n") + HBA_LINE + "\n");
    run("pg_ctlcluster", [VERSION, PRIMARY_CLUSTER, "reload"]);
    log("primary: replication from 127.0.0.1 allowed (pg_hba.conf, reloaded)");
  }
}

function restoreHba() {
  const hba = readFileSync(HBA, "utf8");
  if (!hba.includes(HBA_LINE)) return;
  writeFileSync(HBA, hba.replace(HBA_LINE + "\n", ""));
  spawnSync("pg_ctlcluster", [VERSION, PRIMARY_CLUSTER, "reload"], { stdio: "inherit" });
}

async function loadData() {
  const exists = await one<{ n: number }>(
    "postgres://postgres@127.0.0.1:5432/postgres",
    `select count(*)::int as n from pg_database where datname = '${DB}'`,
  );
  if (exists.n && process.env.KEEP_DATA === "1") return log(`reusing the database ${DB}`);
  log(`loading bench data at scale ${SCALE} into ${DB} (bench/data.ts)…`);
  run("npx", ["tsx", "bench/data.ts", "--scale", SCALE], { env: { ...process.env, BENCH_DATABASE_URL: PRIMARY_URL } });
}

async function createReplica() {
  if (clusterExists(REPLICA_CLUSTER)) run("pg_dropcluster", [VERSION, REPLICA_CLUSTER, "--stop"]);
  run("pg_createcluster", [VERSION, REPLICA_CLUSTER, "-p", String(REPLICA_PORT)], { quiet: true });
  const dataDir = `/var/lib/postgresql/${VERSION}/${REPLICA_CLUSTER}`;
  // Empty the new cluster's data folder (keeping the folder, owned by postgres) for the base backup.
  run("find", [dataDir, "-mindepth", "1", "-delete"]);
  const started = performance.now();
  run("runuser", [
    "-u",
    "postgres",
    "--",
    `/usr/lib/postgresql/${VERSION}/bin/pg_basebackup`,
    "-h",
    "127.0.0.1",
    "-p",
    "5432",
    "-U",
    "postgres",
    "-D",
    dataDir,
    "-R",
    "-X",
    "stream",
    "-c",
    "fast",
  ]);
  const copySeconds = (performance.now() - started) / 1000;
  // Debian keeps the configuration outside the data folder: the replica takes the primary's access rules.
  writeFileSync(`/etc/postgresql/${VERSION}/${REPLICA_CLUSTER}/pg_hba.conf`, readFileSync(HBA, "utf8").replace(HBA_LINE + "\n", ""));
  run("pg_ctlcluster", [VERSION, REPLICA_CLUSTER, "start"]);
  for (let i = 0; ; i++) {
    try {
      const r = await one<{ standby: boolean }>(
        `postgres://postgres@127.0.0.1:${REPLICA_PORT}/postgres`,
        "select pg_is_in_recovery() as standby",
      );
      if (!r.standby) throw new Error("the replica is not in recovery");
      break;
    } catch (e) {
      if (i > 60) throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  const size = await one<{ size: string }>(REPLICA_URL, `select pg_size_pretty(pg_database_size('${DB}')) as size`);
  log(
    `replica: cluster ${VERSION}/${REPLICA_CLUSTER} on ${REPLICA_PORT}, base backup in ${copySeconds.toFixed(1)} s, ${DB} is ${size.size}, streaming`,
  );
  return { copySeconds, size: size.size };
}

function dropReplica() {
  if (clusterExists(REPLICA_CLUSTER)) spawnSync("pg_dropcluster", [VERSION, REPLICA_CLUSTER, "--stop"], { stdio: "inherit" });
}

/** Commits a row on the primary every 100 ms and times until the replica shows it. */
function startLagProbe() {
  const samples: number[] = [];
  let stop = false;
  const done = (async () => {
    const admin = postgres("postgres://postgres@127.0.0.1:5432/postgres", { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${PROBE_DB}`);
    await admin.unsafe(`create database ${PROBE_DB}`);
    await admin.end();
    const primary = postgres(`postgres://postgres@127.0.0.1:5432/${PROBE_DB}`, { max: 1, onnotice: () => {} });
    const replica = postgres(`postgres://postgres@127.0.0.1:${REPLICA_PORT}/${PROBE_DB}`, { max: 1, onnotice: () => {} });
    await primary.unsafe("create table probe (id bigint primary key)");
    for (let id = 1; !(await new Promise((r) => setTimeout(r, 100)), stop); id++) {
      const t0 = performance.now();
      await primary.unsafe(`insert into probe values (${id})`);
      for (;;) {
        try {
          const seen = await replica.unsafe(`select 1 from probe where id = ${id}`);
          if (seen.length) break;
        } catch {
          // the table may not have reached the replica yet
        }
        if (performance.now() - t0 > 10_000) break;
      }
      samples.push(performance.now() - t0);
    }
    await primary.end();
    await replica.end();
  })();
  return {
    samples,
    stop: async () => {
      stop = true;
      await done;
    },
  };
}

function startApp(withReplica: boolean): { child: ChildProcess; ready: Promise<void> } {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: APP_PORT,
    DATABASE_URL: PRIMARY_URL,
    NEXTAUTH_SECRET: BENCH_NEXTAUTH_SECRET,
    NEXTAUTH_URL: BASE,
    APP_URL: BASE,
    DATA_KEY: BENCH_DATA_KEY,
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  if (withReplica) env.DATABASE_REPLICA_URL = REPLICA_URL;
  else delete env.DATABASE_REPLICA_URL;
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", APP_PORT], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const ready = (async () => {
    for (let i = 0; i < 600; i++) {
      if (child.exitCode !== null) throw new Error("the app exited");
      try {
        if ((await fetch(`${BASE}/login`)).ok) return;
      } catch {
        // not yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error("the app did not start");
  })();
  return { child, ready };
}

async function stopApp(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

type Load = {
  mode: string;
  xactPrimary: number;
  xactReplica: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
};

function percentile(sorted: number[], p: number) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Committed transactions in the bench database so far, on one server (a standby counts its read-only ones). */
async function commits(url: string): Promise<number> {
  const r = await one<{ n: string }>(url, `select xact_commit::text as n from pg_stat_database where datname = '${DB}'`);
  return Number(r.n);
}

/**
 * The dashboard for a range starting `back` days before a year ago: a different range per request gets
 * past the app's summary memo (keyed by range), so each answer is computed on the database.
 */
function coldPath(back: number): string {
  const from = new Date(Date.now() - (365 + (back % 300)) * 86_400_000).toISOString().slice(0, 10);
  return `/api/trpc/outcomes.summary?input=${encodeURIComponent(JSON.stringify({ json: { from } }))}`;
}

async function load(mode: string, cookie: string, cold: boolean): Promise<Load> {
  let n = 0;
  const opts = {
    url: `${BASE}${SUMMARY_PATH}`,
    connections: CONNECTIONS,
    headers: { cookie },
    timeout: TIMEOUT_S,
    ...(cold ? { requests: [{ method: "GET" as const, setupRequest: (req: object) => ({ ...req, path: coldPath(n++) }) }] } : {}),
  };
  await autocannon({ ...opts, duration: WARMUP_S });
  const before = { primary: await commits(PRIMARY_URL), replica: await commits(REPLICA_URL) };
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ ...opts, duration: DURATION_S }, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on("response", (_client, _status, _bytes, ms) => times.push(ms));
  });
  times.sort((a, b) => a - b);
  // Statistics reach pg_stat_database when a backend goes idle; give them a moment.
  await new Promise((r) => setTimeout(r, 1500));
  const r: Load = {
    mode,
    xactPrimary: (await commits(PRIMARY_URL)) - before.primary,
    xactReplica: (await commits(REPLICA_URL)) - before.replica,
    requests: times.length,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    rps: times.length / DURATION_S,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times.at(-1) ?? NaN,
  };
  log(
    `${mode}: ${r.rps.toFixed(1)} req/s, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, non-2xx ${r.non2xx}, errors ${r.errors} (timeouts ${r.timeouts}); transactions on the primary ${r.xactPrimary}, on the replica ${r.xactReplica}`,
  );
  return r;
}

async function summary(cookie: string): Promise<unknown> {
  const res = await fetch(`${BASE}${SUMMARY_PATH}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`outcomes.summary answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return ((await res.json()) as { result: { data: unknown } }).result.data;
}

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { samples: s.length, p50: percentile(s, 50), p95: percentile(s, 95), max: s.at(-1) ?? NaN };
}

async function main() {
  if (!existsSync(".next/BUILD_ID")) run("npx", ["next", "build"]);
  await checkPrimary();
  await loadData();
  const rowCounts: Record<string, number> = {};
  for (const table of ["clients", "cases", "proposals", "proposal_responses", "agreements", "instalments", "payments"]) {
    rowCounts[table] = (await one<{ n: number }>(PRIMARY_URL, `select count(*)::int as n from ${table}`)).n;
  }
  const replicaInfo = await createReplica();
  const probe = startLagProbe();
  let app: ChildProcess | undefined;
  try {
    const results: Load[] = [];
    const lag: Record<string, ReturnType<typeof stats>> = {};
    let cookie = "";
    let same = false;
    for (const withReplica of [true, false]) {
      const mode = withReplica ? "reports on the replica" : "reports on the primary";
      const started = startApp(withReplica);
      app = started.child;
      await started.ready;
      if (!cookie) {
        const browser = await launchBrowser();
        try {
          cookie = cookieHeader(await signIn(browser, BASE, adminEmail(0), BENCH_PASSWORD));
        } finally {
          await browser.close();
        }
      }
      for (const cold of [true, false]) {
        const name = `${mode}, ${cold ? "computed (a new range each request)" : "repeated (the app's memo)"}`;
        const before = probe.samples.length;
        results.push(await load(name, cookie, cold));
        lag[name] = stats(probe.samples.slice(before));
      }
      if (withReplica) {
        const fromReplica = await summary(cookie);
        await stopApp(app);
        const plain = startApp(false);
        app = plain.child;
        await plain.ready;
        same = JSON.stringify(await summary(cookie)) === JSON.stringify(fromReplica);
        log(`the dashboard from the replica ${same ? "equals" : "DIFFERS from"} the one from the primary`);
        await stopApp(app);
      } else {
        await stopApp(app);
      }
    }
    await probe.stop();
    const md = [
      `# Outcome reports on a streaming replica — ${new Date().toISOString()}`,
      "",
      `PostgreSQL ${VERSION}: primary \`${VERSION}/${PRIMARY_CLUSTER}\` on 5432 and a hot standby \`${VERSION}/${REPLICA_CLUSTER}\` on ${REPLICA_PORT} made with \`pg_basebackup -R -X stream\` (${replicaInfo.copySeconds.toFixed(1)} s; the bench database is ${replicaInfo.size}, bench/data.ts at scale ${SCALE}), both on this machine's 2 cores together with the app.`,
      `Load: \`outcomes.summary\` (the admin dashboard of the big organization, last 12 months) through \`next start\`, autocannon ${CONNECTIONS} connections, ${WARMUP_S} s warm-up, ${DURATION_S} s measured, ${TIMEOUT_S} s timeout per request.`,
      `Replication lag: a row committed on the primary every 100 ms, timed until visible on the replica (includes one round trip to each).`,
      "",
      `Rows in the bench database: ${Object.entries(rowCounts)
        .map(([t, n]) => `${t} ${n.toLocaleString("en")}`)
        .join(", ")}.`,
      "",
      "| mode | answers | req/s | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | non-2xx / errors | transactions on primary / replica | lag p50 (ms) | lag p95 (ms) | lag max (ms) |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
      ...results.map((r) => {
        const l = lag[r.mode]!;
        return `| ${r.mode} | ${r.requests} | ${r.rps.toFixed(2)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${r.non2xx} / ${r.errors} | ${r.xactPrimary} / ${r.xactReplica} | ${l.p50.toFixed(1)} | ${l.p95.toFixed(1)} | ${l.max.toFixed(1)} |`;
      }),
      "",
      `The dashboard read from the replica ${same ? "equals" : "**differs from**"} the one read from the primary (same data, no writes in between).`,
      "",
      "On one machine the replica shares the CPU with the primary and the app, so this shows that the path works (read-only transactions under RLS on a hot standby) and what lag to expect, not a throughput gain: that needs the replica on its own host.",
      "",
    ].join("\n");
    const out = writeResults(
      "replica",
      {
        date: new Date().toISOString(),
        scale: SCALE,
        connections: CONNECTIONS,
        warmupS: WARMUP_S,
        durationS: DURATION_S,
        replica: replicaInfo,
        rows: rowCounts,
        results,
        lag,
        sameDashboard: same,
      },
      md,
    );
    log(`wrote ${out.json} and ${out.md}`);
    if (!same || results.some((r) => r.non2xx > 0 || r.errors > 0)) process.exitCode = 1;
  } finally {
    await probe.stop().catch(() => {});
    if (app) await stopApp(app).catch(() => {});
    dropReplica();
    await one("postgres://postgres@127.0.0.1:5432/postgres", `drop database if exists ${PROBE_DB} with (force)`).catch(() => {});
    if (process.env.KEEP_DATA !== "1")
      await one("postgres://postgres@127.0.0.1:5432/postgres", `drop database if exists ${DB} with (force)`).catch(() => {});
    restoreHba();
    log("replica cluster, probe database and pg_hba line removed");
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
