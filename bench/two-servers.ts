/**
 * Two app servers, a transaction pooler and a load balancer on this machine (issue 17, docs/SCALING.md §1–2).
 *
 * PostgreSQL ← PgBouncer (transaction mode, :6433) ← two `npm start` servers (one production build, one
 * NEXT_SERVER_ACTIONS_ENCRYPTION_KEY, :3411 and :3412) ← HAProxy round robin (:3410). Uploads go to s3rver
 * through the S3 adapter, mail to a small SMTP sink. Then, all through HAProxy:
 *
 * 1. the roles journey (e2e/roles.spec.ts: a client's payment with its receipt upload, the counselor's agenda,
 *    the admin's CSV) in Chromium, with E2E_BASE_URL pointing at HAProxy;
 * 2. wrong passwords for one account from one address, answered by both servers: the throttle lets exactly
 *    its allowance through (N servers do not give N times the attempts);
 * 3. a burst of payment writes while the server holding the notifications lease is killed with SIGKILL:
 *    every acknowledged payment is in the database exactly once, the other server takes the lease over,
 *    and no notification was e-mailed twice.
 *
 *   npm run two-servers                 # TWO_SERVERS_REUSE_BUILD=1 to serve the existing .next build
 *
 * Needs PostgreSQL on 127.0.0.1:5432 (trust) and root (apt-get for pgbouncer and haproxy when missing).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { preparePaymentCase } from "./lib/payment-case";
import S3rver from "s3rver";

const ADMIN_URL = process.env.TWO_SERVERS_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const LB_PORT = 3410;
const APP_PORTS = [3411, 3412] as const;
const POOLER_PORT = 6433;
const S3_PORT = 3413;
const SMTP_PORT = 3414;
const BASE = `http://localhost:${LB_PORT}`;
const BURST_SECONDS = Number(process.env.TWO_SERVERS_BURST_SECONDS ?? 12);
const SECRET = "two-servers-secret-two-servers-secret";
const DATA_KEY = Buffer.alloc(32, 11).toString("base64");
/** The build's and both servers' key (.ci/run exports one before its build, which this run then serves). */
const ACTIONS_KEY = process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY ?? Buffer.alloc(32, 13).toString("base64");
const dbName = `xs_scaleout_${process.pid}`;
const dbUrl = withDb(ADMIN_URL, dbName);
const work = mkdtempSync(path.join(tmpdir(), "xs-two-servers-"));

function withDb(url: string, db: string) {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}
function log(msg: string) {
  process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------------------------------------ setup

function ensurePackages() {
  const missing = ["pgbouncer", "haproxy"].filter((p) => spawnSync("sh", ["-c", `command -v ${p} || test -x /usr/sbin/${p}`]).status !== 0);
  if (!missing.length) return;
  log(`installing ${missing.join(", ")}`);
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  const r = spawnSync("apt-get", ["install", "-y", "-qq", ...missing], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (r.status !== 0) throw new Error(`apt-get install ${missing.join(" ")} failed`);
}

/** A fresh database, migrated and seeded, with an accepted instalment plan to pay against (as bench/durability.ts). */
async function setupDatabase() {
  process.env.NEXTAUTH_SECRET = SECRET;
  process.env.DATA_KEY = DATA_KEY;
  process.env.LOG_LEVEL = "silent";
  const prepared = await preparePaymentCase(ADMIN_URL, dbName, dbUrl, "zhangli@demo.xieshang.local");
  // The agency's quiet hours (default 22:00–08:00 Beijing) would hold every e-mail back when CI runs at night:
  // this agency has none (start equal to end), so what the run checks does not depend on the hour.
  const direct = postgres(dbUrl, { max: 1, onnotice: () => {} });
  await direct`insert into message_settings (org_id, quiet_start, quiet_end) values (${prepared.actor.orgId}, '00:00', '00:00')
    on conflict (org_id) do update set quiet_start = '00:00', quiet_end = '00:00'`;
  await direct.end();
  return prepared;
}

/** A minimal SMTP server that keeps every message it is given (no TLS, no auth: loopback only). */
function smtpSink(): { server: Server; messages: string[] } {
  const messages: string[] = [];
  const server = createServer((socket) => {
    let data = false;
    let buf = "";
    socket.write("220 sink ESMTP\r\n");
    socket.on("data", (chunk) => {
      buf += chunk.toString("utf8");
      for (;;) {
        if (data) {
          const end = buf.indexOf("\r\n.\r\n");
          if (end < 0) return;
          messages.push(buf.slice(0, end));
          buf = buf.slice(end + 5);
          data = false;
          socket.write("250 OK\r\n");
          continue;
        }
        const nl = buf.indexOf("\r\n");
        if (nl < 0) return;
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250 sink\r\n");
        else if (verb === "DATA") {
          data = true;
          socket.write("354 go\r\n");
        } else if (verb === "QUIT") socket.end("221 bye\r\n");
        else socket.write("250 OK\r\n");
      }
    });
    socket.on("error", () => {});
  });
  server.listen(SMTP_PORT, "127.0.0.1");
  return { server, messages };
}

const children: ChildProcess[] = [];
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const child = spawn(cmd, args, { env, stdio: ["ignore", "ignore", "inherit"] });
  children.push(child);
  return child;
}

function startPooler(): ChildProcess {
  const ini = path.join(work, "pgbouncer.ini");
  const users = path.join(work, "userlist.txt");
  writeFileSync(users, `"postgres" ""\n`);
  writeFileSync(
    ini,
    [
      "[databases]",
      `${dbName} = host=127.0.0.1 port=5432 dbname=${dbName}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${POOLER_PORT}`,
      `unix_socket_dir = ${work}`,
      "auth_type = trust",
      `auth_file = ${users}`,
      "pool_mode = transaction",
      "default_pool_size = 10",
      "max_client_conn = 200",
      "ignore_startup_parameters = extra_float_digits",
      `logfile = ${path.join(work, "pgbouncer.log")}`,
      "",
    ].join("\n"),
  );
  // PgBouncer refuses to run as root; the files must be readable by the user it switches to.
  chmodSync(work, 0o777);
  return run("pgbouncer", ["-u", "postgres", ini]);
}

function startBalancer(): ChildProcess {
  const cfg = path.join(work, "haproxy.cfg");
  writeFileSync(
    cfg,
    [
      "defaults",
      "  mode http",
      "  timeout connect 2s",
      "  timeout client 30s",
      "  timeout server 30s",
      "  retries 3",
      "  option redispatch",
      "frontend web",
      `  bind 127.0.0.1:${LB_PORT}`,
      "  default_backend app",
      "backend app",
      "  balance roundrobin",
      "  option httpchk GET /login",
      "  http-response set-header x-served-by %s",
      ...APP_PORTS.map((p) => `  server app${p} 127.0.0.1:${p} check inter 500 fall 2 rise 2`),
      "",
    ].join("\n"),
  );
  return run("haproxy", ["-f", cfg, "-db"]);
}

function build() {
  if (process.env.TWO_SERVERS_REUSE_BUILD === "1" && existsSync(".next/BUILD_ID")) {
    log("serving the existing build (.next)");
    return;
  }
  log("one production build for both servers");
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: ACTIONS_KEY };
  delete env.DATABASE_URL;
  const r = spawnSync("npm", ["run", "build"], { stdio: "inherit", env });
  if (r.status !== 0) throw new Error("build failed");
}

const apps = new Map<number, ChildProcess>();
function startApp(port: number) {
  const child = run(process.execPath, ["server/cli/start.mjs"], {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: `postgres://postgres@127.0.0.1:${POOLER_PORT}/${dbName}`,
    // PgBouncer 1.18 (Debian 12) does not track prepared statements in transaction mode.
    DB_PREPARE: "false",
    DB_POOL_MAX: "8",
    NEXTAUTH_URL: BASE,
    APP_URL: BASE,
    NEXTAUTH_SECRET: SECRET,
    DATA_KEY,
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: ACTIONS_KEY,
    NOTIFY_INTERVAL_SECONDS: "2",
    SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
    S3_BUCKET: "xs-two-servers",
    S3_ENDPOINT: `http://127.0.0.1:${S3_PORT}`,
    S3_ACCESS_KEY_ID: "S3RVER",
    S3_SECRET_ACCESS_KEY: "S3RVER",
    S3_FORCE_PATH_STYLE: "true",
    LOG_LEVEL: "warn",
  });
  apps.set(port, child);
}

async function waitFor(url: string, ok: (r: Response) => boolean, what: string, seconds = 120) {
  for (let i = 0; i < seconds * 5; i++) {
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (ok(r)) return r;
    } catch {
      /* not up yet */
    }
    await sleep(200);
  }
  throw new Error(`${what} did not come up`);
}

// ------------------------------------------------------------------------------------------ the client side

class Browser {
  jar = new Map<string, string>();
  cookie() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      this.jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  }
  /** One sign-in attempt; what next-auth answered, and which server answered it. */
  async signIn(
    login: string,
    password: string,
    address?: string,
  ): Promise<{ outcome: "signed-in" | "wrong" | "limited" | "other"; server: string }> {
    const headers: Record<string, string> = address ? { "x-forwarded-for": address } : {};
    const csrf = await fetch(`${BASE}/api/auth/csrf`, { headers });
    this.keep(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const res = await fetch(`${BASE}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: this.cookie() },
      body: new URLSearchParams({ csrfToken, login, password, json: "true" }),
      redirect: "manual",
    });
    this.keep(res);
    const server = res.headers.get("x-served-by") ?? "?";
    const body = await res.text();
    if (res.status === 429 || body.includes("RateLimited")) return { outcome: "limited", server };
    if (body.includes("CredentialsSignin") || (res.headers.get("location") ?? "").includes("CredentialsSignin"))
      return { outcome: "wrong", server };
    if ([...this.jar.keys()].some((k) => k.includes("session-token"))) return { outcome: "signed-in", server };
    return { outcome: "other", server };
  }
  async mutate(pathName: string, input: unknown): Promise<boolean> {
    try {
      const res = await fetch(`${BASE}/api/trpc/${pathName}`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: this.cookie() },
        body: JSON.stringify({ json: input }),
        signal: AbortSignal.timeout(8000),
      });
      return res.status === 200;
    } catch {
      return false;
    }
  }
}

// ------------------------------------------------------------------------------------------------- the run

async function main() {
  const started = Date.now();
  ensurePackages();
  log(`database ${dbName}`);
  const { caseId } = await setupDatabase();
  const s3 = new S3rver({
    address: "127.0.0.1",
    port: S3_PORT,
    directory: path.join(work, "s3"),
    silent: true,
    configureBuckets: [{ name: "xs-two-servers" }],
  });
  await s3.run();
  const sink = smtpSink();
  startPooler();
  await sleep(500);
  build();
  for (const port of APP_PORTS) startApp(port);
  for (const port of APP_PORTS) await waitFor(`http://127.0.0.1:${port}/login`, (r) => r.ok, `app on :${port}`, 180);
  startBalancer();
  const served = new Set<string>();
  for (let i = 0; i < 40 && served.size < 2; i++) {
    const r = await waitFor(`${BASE}/login`, (x) => x.ok, "HAProxy");
    served.add(r.headers.get("x-served-by") ?? "?");
  }
  log(`HAProxy on :${LB_PORT} in front of ${[...served].join(" and ")}; PgBouncer (transaction mode) on :${POOLER_PORT}`);

  // 1. The roles journey in Chromium, through HAProxy.
  const e2eStart = Date.now();
  // Not spawnSync: s3rver and the SMTP sink answer from this process's event loop meanwhile.
  const e2e = await new Promise<{ status: number | null }>((resolve) => {
    const child = spawn("npx", ["playwright", "test", "e2e/roles.spec.ts"], {
      stdio: "inherit",
      env: { ...process.env, E2E_BASE_URL: BASE, CI: "" },
    });
    child.on("exit", (status) => resolve({ status }));
  });
  const e2eSeconds = Math.round((Date.now() - e2eStart) / 1000);

  // 2. The throttle across both servers: 10 attempts allowed per account and address in 15 minutes.
  const throttle = { attempts: 30, wrongPasswordAnswers: 0, limitedAnswers: 0, other: 0, byServer: {} as Record<string, number> };
  for (let i = 0; i < throttle.attempts; i++) {
    // Each attempt is two requests (the CSRF token, then the form); one more now and then moves the form's
    // POST to the other server, so both answer attempts.
    if (i % 2) await fetch(`${BASE}/login`).then((r) => r.arrayBuffer());
    const r = await new Browser().signIn("liming@demo.xieshang.local", `wrong-password-${i}`, "203.0.113.7");
    throttle.byServer[r.server] = (throttle.byServer[r.server] ?? 0) + 1;
    if (r.outcome === "wrong") throttle.wrongPasswordAnswers++;
    else if (r.outcome === "limited") throttle.limitedAnswers++;
    else throttle.other++;
  }
  log(`throttle: ${JSON.stringify(throttle)}`);

  // 3. A burst of payments; the server holding the notifications lease is killed in the middle of it.
  const me = new Browser();
  const signedIn = await me.signIn("zhangli@demo.xieshang.local", "xieshang-demo-2026");
  if (signedIn.outcome !== "signed-in") throw new Error(`counselor sign-in: ${signedIn.outcome}`);
  const direct = postgres(dbUrl, { max: 2, onnotice: () => {} });
  const leaseHolder = async () =>
    (await direct<{ holder: string }[]>`select holder from job_leases where name = 'notifications'`)[0]?.holder ?? "";
  const pidOf = (holder: string) => Number(holder.split(":")[1]);
  for (let i = 0; i < 50 && !(await leaseHolder()); i++) await sleep(200);
  const firstHolder = await leaseHolder();
  const victimPort = [...apps].find(([, c]) => c.pid === pidOf(firstHolder))?.[0] ?? APP_PORTS[0];
  const acked = new Set<string>();
  let attempts = 0;
  const deadline = Date.now() + BURST_SECONDS * 1000;
  const writer = async (n: number) => {
    for (let i = 0; Date.now() < deadline; i++) {
      attempts++;
      const key = `two-${n}-${i}-${randomUUID().slice(0, 8)}`;
      // The same key again until acknowledged: a retry that lands on the other server records nothing twice.
      for (let tries = 0; tries < 60; tries++) {
        if (
          await me.mutate("payment.record", { caseId, amountFen: 100, paidOn: "2026-11-24", method: "bank-transfer", idempotencyKey: key })
        ) {
          acked.add(key);
          break;
        }
        await sleep(150);
      }
    }
  };
  const chaos = (async () => {
    await sleep((BURST_SECONDS * 1000) / 3);
    log(`SIGKILL the server on :${victimPort} (it holds the notifications lease)`);
    apps.get(victimPort)?.kill("SIGKILL");
  })();
  await Promise.all([writer(1), writer(2), writer(3), writer(4), writer(5), writer(6), chaos]);
  // The lease runs out after three periods (6 s); the survivor takes the job over.
  let secondHolder = await leaseHolder();
  for (let i = 0; i < 60 && secondHolder === firstHolder; i++) {
    await sleep(250);
    secondHolder = await leaseHolder();
  }
  await sleep(3000);
  const rows = await direct<
    { key: string; n: number }[]
  >`select idempotency_key as key, count(*)::int as n from payments where idempotency_key like 'two-%' group by 1`;
  const inDb = new Map(rows.map((r) => [r.key, r.n]));
  const [emailed] = await direct<{ n: number }[]>`select count(*)::int as n from notifications where emailed_at is not null`;
  await direct.end();
  const notified = sink.messages.flatMap((m) => /^X-Xieshang-Notification: *(\S+)/im.exec(m)?.[1] ?? []);
  const figures = {
    e2e: { spec: "e2e/roles.spec.ts", passed: e2e.status === 0, seconds: e2eSeconds },
    throttle,
    burst: {
      seconds: BURST_SECONDS,
      writeAttempts: attempts,
      acknowledged: acked.size,
      inDatabase: rows.length,
      lost: [...acked].filter((k) => !inDb.has(k)).length,
      duplicated: rows.filter((r) => r.n > 1).length,
      killed: `:${victimPort}`,
    },
    notifier: {
      leaseBefore: firstHolder.split(":").slice(1, 2).join(),
      leaseAfter: secondHolder.split(":").slice(1, 2).join(),
      tookOver: secondHolder !== "" && secondHolder !== firstHolder,
      // Only the notifications' e-mails (each names its notification); the journey's invitations are not counted.
      emailsReceived: notified.length,
      notificationsMarkedEmailed: emailed?.n ?? 0,
      // Each notification is claimed once before its message goes out; the same one received twice is a double send.
      sentTwice: notified.length - new Set(notified).size,
    },
    totalSeconds: Math.round((Date.now() - started) / 1000),
  };
  console.log(JSON.stringify(figures, null, 2));
  await s3.close();
  sink.server.close();
  const ok =
    figures.e2e.passed &&
    throttle.wrongPasswordAnswers === 10 &&
    throttle.limitedAnswers === throttle.attempts - 10 &&
    Object.keys(throttle.byServer).length === 2 &&
    figures.burst.acknowledged > 0 &&
    figures.burst.lost === 0 &&
    figures.burst.duplicated === 0 &&
    figures.notifier.tookOver &&
    figures.notifier.sentTwice === 0 &&
    figures.notifier.emailsReceived > 0 &&
    figures.notifier.emailsReceived === figures.notifier.notificationsMarkedEmailed;
  console.log(ok ? "two servers: OK" : "two servers: FAILED");
  return ok;
}

async function teardown() {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGTERM");
  await sleep(1500);
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
  await admin.end();
  rmSync(work, { recursive: true, force: true });
}

main()
  .then(async (ok) => {
    await teardown();
    process.exit(ok ? 0 : 1);
  })
  .catch(async (err) => {
    console.error(err);
    await teardown();
    process.exit(1);
  });
