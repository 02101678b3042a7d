/**
 * Durability under crashes (issue 6: "nothing acknowledged is lost").
 *
 * Starts the built app (`next start`) on a fresh PostgreSQL database, signs in as a counselor, and keeps
 * recording payments (each with its own idempotency key, retried with the same key until acknowledged)
 * and contact-log entries (each with a unique token in its summary, never retried) through the HTTP API,
 * while it SIGKILLs the app and restarts PostgreSQL several times. Afterwards: every acknowledged payment
 * is in the database exactly once, every acknowledged contact entry exactly once, and the contact-log and
 * audit hash chains verify.
 *
 *   npm run build && npm run durability            # DURABILITY_SECONDS=60 CHAOS_EVERY_MS=4000 to change
 *
 * Needs the PostgreSQL server on 127.0.0.1:5432 (trust auth) and may restart it: run it on its own.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { preparePaymentCase } from "./lib/payment-case";

const ADMIN_URL = process.env.DURABILITY_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const SECONDS = Number(process.env.DURABILITY_SECONDS ?? 60);
const CHAOS_EVERY_MS = Number(process.env.CHAOS_EVERY_MS ?? 4000);
const PORT = Number(process.env.DURABILITY_PORT ?? 3400);
const BASE = `http://127.0.0.1:${PORT}`;
const SECRET = "durability-secret-durability-secret";
const DATA_KEY = Buffer.alloc(32, 9).toString("base64");

process.env.NEXTAUTH_SECRET = SECRET;
process.env.DATA_KEY = DATA_KEY;
process.env.LOG_LEVEL = "silent";

const dbName = `xs_durability_${Date.now()}`;
const dbUrl = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${dbName}`;
  return u.toString();
})();

function log(msg: string) {
  process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

function setup() {
  return preparePaymentCase(ADMIN_URL, dbName, dbUrl, "liming@demo.xieshang.local");
}

let app: ChildProcess | null = null;
function startApp() {
  app = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(PORT)], {
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: dbUrl, NEXTAUTH_URL: BASE, APP_URL: BASE, NEXT_MANUAL_SIG_HANDLE: "1" },
    stdio: "ignore",
  });
}
async function waitForApp() {
  for (let i = 0; i < 300; i++) {
    try {
      const r = await fetch(`${BASE}/api/auth/csrf`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("app did not start");
}

const jar = new Map<string, string>();
function cookieHeader() {
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
}
function keep(res: Response) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const i = pair!.indexOf("=");
    jar.set(pair!.slice(0, i), pair!.slice(i + 1));
  }
}
async function login() {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader() },
    body: new URLSearchParams({ csrfToken, login: "liming@demo.xieshang.local", password: "xieshang-demo-2026", json: "true" }),
    redirect: "manual",
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error("login failed");
}

async function call(path: string, input: unknown): Promise<boolean> {
  try {
    const res = await fetch(`${BASE}/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: cookieHeader() },
      body: JSON.stringify({ json: input }),
      signal: AbortSignal.timeout(5000),
    });
    return res.status === 200;
  } catch {
    return false;
  }
}

async function main() {
  log(`setting up ${dbName}`);
  const { actor, caseId } = await setup();
  startApp();
  await waitForApp();
  await login();
  log("app up, signed in; writing while crashing");

  const pgVersion = readdirSync("/etc/postgresql")[0];
  const ackedPayments = new Set<string>();
  const ackedContacts = new Set<string>();
  let attempts = 0;
  let kills = 0;
  let pgRestarts = 0;
  const deadline = Date.now() + SECONDS * 1000;

  const chaos = (async () => {
    let turn = 0;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, CHAOS_EVERY_MS));
      if (Date.now() >= deadline) break;
      if (turn++ % 2 === 0) {
        app?.kill("SIGKILL");
        kills++;
        log("SIGKILL app");
        await new Promise((r) => setTimeout(r, 300));
        startApp();
        await waitForApp().catch(() => undefined);
      } else if (pgVersion) {
        log("restart PostgreSQL");
        spawnSync("pg_ctlcluster", ["--skip-systemctl-redirect", pgVersion, "main", "restart", "-m", "fast"], { stdio: "ignore" });
        pgRestarts++;
      }
    }
  })();

  const writer = async (n: number) => {
    let i = 0;
    while (Date.now() < deadline) {
      i++;
      attempts++;
      if (i % 2 === 0) {
        const key = `dur-${n}-${i}-${randomUUID().slice(0, 8)}`;
        // Retry the same key until the app acknowledges it (idempotency makes the retry safe).
        for (let tries = 0; tries < 100 && Date.now() < deadline + 30_000; tries++) {
          if (
            await call("payment.record", { caseId, amountFen: 100, paidOn: "2026-11-24", method: "bank-transfer", idempotencyKey: key })
          ) {
            ackedPayments.add(key);
            break;
          }
          await new Promise((r) => setTimeout(r, 200));
        }
      } else {
        const token = `tok-${n}-${i}-${randomUUID()}`;
        const ok = await call("contact.append", {
          caseId,
          at: new Date().toISOString(),
          channel: "phone",
          direction: "outbound",
          party: "lender-staff",
          summary: `durability ${token}`,
        });
        if (ok) ackedContacts.add(token);
      }
    }
  };
  await Promise.all([writer(1), writer(2), writer(3), writer(4), chaos]);
  app?.kill("SIGTERM");

  // Verify against the database directly: only this run's rows (the demo seed has payments and contacts of its own).
  const pg = postgres(dbUrl, { max: 1, onnotice: () => {} });
  const payments = await pg<
    { key: string; n: number }[]
  >`select idempotency_key as key, count(*)::int as n from payments where case_id = ${caseId} group by 1`;
  const paymentCount = new Map(payments.map((r) => [r.key, r.n]));
  const lostPayments = [...ackedPayments].filter((k) => !paymentCount.has(k));
  const duplicatePayments = payments.filter((r) => r.n > 1).length;
  const contacts = await pg<
    { summary: string }[]
  >`select summary from contact_entries where case_id = ${caseId} and summary like 'durability %'`;
  const contactCount = new Map<string, number>();
  for (const c of contacts) {
    const token = c.summary.replace("durability ", "");
    contactCount.set(token, (contactCount.get(token) ?? 0) + 1);
  }
  const lostContacts = [...ackedContacts].filter((t) => !contactCount.has(t));
  const duplicateContacts = [...contactCount.values()].filter((n) => n > 1).length;
  await pg.end();

  process.env.DATABASE_URL = dbUrl;
  const schema = await import("@/db/schema");
  const { setDb, closeDb, withTenant } = await import("@/db/client");
  const client = postgres(dbUrl, { max: 2, onnotice: () => {} });
  setDb(drizzle(client, { schema, casing: "snake_case" }) as never, () => client.end(), "postgres");
  const { verifyContacts } = await import("@/server/services/contacts");
  const { verifyAuditChain } = await import("@/server/services/audit");
  const contactChain = await verifyContacts(actor, caseId);
  const auditChain = await withTenant({ orgId: actor.orgId }, (tx) => verifyAuditChain(tx, actor.orgId));
  await closeDb();
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.end();

  const summary = {
    seconds: SECONDS,
    writeAttempts: attempts,
    appKills: kills,
    postgresRestarts: pgRestarts,
    payments: { acknowledged: ackedPayments.size, inDatabase: payments.length, lost: lostPayments.length, duplicated: duplicatePayments },
    contacts: { acknowledged: ackedContacts.size, inDatabase: contacts.length, lost: lostContacts.length, duplicated: duplicateContacts },
    contactChain,
    auditChain,
  };
  console.log(JSON.stringify(summary, null, 2));
  const ok =
    lostPayments.length === 0 &&
    duplicatePayments === 0 &&
    lostContacts.length === 0 &&
    duplicateContacts === 0 &&
    contactChain.ok &&
    auditChain.ok &&
    ackedPayments.size > 0 &&
    kills > 0;
  console.log(ok ? "durability: OK — zero lost, zero duplicated, chains verify" : "durability: FAILED");
  process.exit(ok ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  app?.kill("SIGKILL");
  process.exit(1);
});
