/** The periodic run started with the server (boot.ts): every organization's notifications, made and e-mailed. */
import { sql } from "drizzle-orm";
import { dbKind, getDb, type Tx } from "@/db/client";
import { log } from "@/server/log";
import { holdLease } from "./job-lease";
import { emailNotifications } from "./notification-delivery";
import { syncNotifications } from "./notifications";
import { dispatchSms, queueReminderSms } from "./sms";
import { selectRows } from "./sql-rows";

/** Every organization's notifications, made and e-mailed: the periodic run started with the server. */
export async function syncAllOrganizations(now: Date = new Date()): Promise<void> {
  for (const orgId of await listOrganizationIdsAsSystem()) {
    try {
      await syncNotifications(orgId, { now });
      await emailNotifications(orgId, now);
      await queueReminderSms(orgId, now);
      await dispatchSms(orgId, now);
    } catch (error) {
      log("error", "notifications run failed", { orgId, error });
    }
  }
}

/**
 * The one read across organizations: the periodic run needs to know which organizations exist. The app's
 * login is not the tables' owner and row-level security hides every organization from it, so this goes
 * through a function that returns the ids and nothing else (db/migrations/0012_system-organization-list.sql).
 */
export async function listOrganizationIdsAsSystem(): Promise<string[]> {
  const db = await getDb();
  const rows = await selectRows<{ id: string }>(db as unknown as Tx, sql`select id::text as id from xs_system_organization_ids() as id`);
  return rows.map((r) => r.id);
}

/**
 * The embedded database has no autovacuum, so without this its planner never learns the tables' sizes and
 * picks nested loops that grow with the square of the rows (the agenda over 100 cases: 2 s before, 56 ms
 * after). The periodic run refreshes the statistics at most hourly; PostgreSQL servers do it themselves.
 */
const ANALYZE_EVERY_MS = 3_600_000;
let analyzedAt = 0;
async function refreshEmbeddedStatistics(): Promise<void> {
  if ((await dbKind()) !== "pglite" || Date.now() - analyzedAt < ANALYZE_EVERY_MS) return;
  analyzedAt = Date.now();
  await (await getDb()).execute(sql`analyze`);
}

let timer: ReturnType<typeof setInterval> | undefined;

/** The lease of the periodic run (server/services/job-lease.ts): with several app servers, one runs it. */
export const NOTIFICATION_JOB = "notifications";

/**
 * Starts the periodic run (every `seconds`; 0 turns it off). Runs never overlap in one process, and only
 * the process holding the job's lease runs it (for three periods; renewed at every run), so with several
 * servers exactly one makes and e-mails the notifications, and another takes over when it dies.
 */
export function startNotificationJob(seconds: number): void {
  if (seconds <= 0 || timer) return;
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    holdLease(NOTIFICATION_JOB, seconds * 3000)
      .then(async (held) => {
        if (!held) return;
        await refreshEmbeddedStatistics();
        await syncAllOrganizations();
      })
      .catch((error) => log("error", "notifications run failed", { error }))
      .finally(() => (running = false));
  };
  timer = setInterval(tick, seconds * 1000);
  timer.unref?.();
  setTimeout(tick, 5_000).unref?.();
}

export function stopNotificationJob(): void {
  if (timer) clearInterval(timer);
  timer = undefined;
}
