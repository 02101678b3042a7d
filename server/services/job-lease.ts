/**
 * Exactly one app server runs each periodic job: the one holding the job's lease (a row of job_leases,
 * db/schema/shared-state.ts). A server takes the lease when it is free or expired, and its holder renews
 * it at every run; a server that dies (kill -9 included) stops renewing, and another takes the job over
 * once the lease has run out. Each take or renewal is one statement, so it works through a transaction
 * pooler; it holds no session state.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { sql } from "drizzle-orm";
import { getDb, setTenant } from "@/db/client";
import { jobLeases } from "@/db/schema";

/** This process, as lease holders are named (host, pid and a random part, so a restarted pid is another holder). */
export const PROCESS_ID = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** Takes or renews the lease of `job` for `ttlMs`; true when this process holds it now. */
export async function holdLease(job: string, ttlMs: number, holder: string = PROCESS_ID): Promise<boolean> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await setTenant(tx, {});
    const until = new Date(Date.now() + ttlMs);
    const rows = await tx
      .insert(jobLeases)
      .values({ name: job, holder, until })
      .onConflictDoUpdate({
        target: jobLeases.name,
        set: { holder, until },
        setWhere: sql`${jobLeases.holder} = ${holder} or ${jobLeases.until} < now()`,
      })
      .returning({ holder: jobLeases.holder });
    return rows[0]?.holder === holder;
  });
}
