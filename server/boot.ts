import { closeDb, dbKind, getDb } from "@/db/client";
import { demoSeedPending, demoSeedSettled } from "@/server/demo-seed-state";
import { databaseHasData, formatLogins, seedDemo } from "@/db/seed";
import { env } from "@/server/env";
import { log } from "@/server/log";
import { startNotificationJob, stopNotificationJob } from "@/server/services/notification-jobs";

let shuttingDown = false;

async function openAndStart(opts: { seedInProcess: boolean }): Promise<void> {
  const db = await getDb();
  // Without a child seed (`next start`, `npm run dev`) a new embedded database is seeded here, before the
  // server takes requests (the demo clock replaces Date while it runs). After a failed child seed the
  // server is already taking requests: it starts empty and says so.
  if ((await dbKind()) === "pglite" && !(await databaseHasData(db)) && process.env.XS_SEED !== "0") {
    if (!opts.seedInProcess) {
      log("error", "the demo seed failed; the embedded database is empty (restart with an empty data folder to try again)");
      return startNotificationJob(env().NOTIFY_INTERVAL_SECONDS);
    }
    const logins = await seedDemo(db);
    process.stdout.write(formatLogins(logins) + "\n");
  }
  startNotificationJob(env().NOTIFY_INTERVAL_SECONDS);
}

/**
 * Runs once when the server process starts (instrumentation.ts): opens the database (the embedded one
 * migrates itself), seeds the demo organization on a new embedded database, starts the periodic
 * notifications run (docs/decisions/004-notifications.md), and closes the database
 * cleanly on SIGINT/SIGTERM so the PGlite folder is never left half-written.
 */
export async function boot(): Promise<void> {
  // While a child process seeds a new embedded database (decision 019) the server starts without it:
  // the login page says the demo data is being prepared, and the database opens when the seed is done.
  if (demoSeedPending())
    void demoSeedSettled()
      .then(() => openAndStart({ seedInProcess: false }))
      .catch((error) => log("error", "boot failed", { error }));
  else await openAndStart({ seedInProcess: true });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      if (shuttingDown) return;
      shuttingDown = true;
      stopNotificationJob();
      log("info", "shutting down", { signal });
      closeDb()
        .catch((error) => log("error", "database close failed", { error }))
        .finally(() => process.exit(0));
    });
  }
}
