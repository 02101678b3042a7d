import { spawnSync } from "node:child_process";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { checkOrganizationData } from "@/db/demo/check";
import * as schema from "@/db/schema";
import { seedDemo } from "@/db/seed";
import { withDatabase } from "../support/global-setup";

/**
 * The demo seed and the bench dataset keep the same rules as the app (db/demo/check.ts): contact logs
 * hash-chained with the case holding the head, instalments that are their terms' schedule, stored balances
 * equal to what the balance module computes now, the audit chain. One checker for both generators.
 */
const ANCHOR = "2026-11-18";

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as T[];
}

describe("data written by the generators keeps the app's rules", () => {
  it("the demo seed", async () => {
    const db = await getDb();
    await seedDemo(db, { anchor: ANCHOR });
    const [org] = rowsOf<{ id: string }>(await db.execute(sql`select o.id from organizations o where o.is_demo`));
    const check = await db.transaction((tx) => checkOrganizationData(tx, org!.id));
    expect(check.problems).toEqual([]);
    expect(check.counts.contacts).toBeGreaterThan(50);
    expect(check.counts.agreements).toBeGreaterThan(5);
    expect(check.counts.audit).toBeGreaterThan(100);

    // The checker sees a broken rule: one instalment off by a fen, one balance's paid figure, one contact's words.
    await db.execute(
      sql`update instalments i set amount_fen = i.amount_fen + 1 where i.org_id = ${org!.id} and (i.agreement_id, i.seq) in (select j.agreement_id, j.seq from instalments j where j.org_id = ${org!.id} limit 1)`,
    );
    await db.execute(
      sql`update debt_balances b set paid_fen = b.paid_fen + 1 where b.org_id = ${org!.id} and b.debt_id in (select c.debt_id from debt_balances c where c.org_id = ${org!.id} limit 1)`,
    );
    await db.execute(
      sql`update contact_entries e set summary = e.summary || '。' where e.org_id = ${org!.id} and e.id in (select f.id from contact_entries f where f.org_id = ${org!.id} limit 1)`,
    );
    const broken = await db.transaction((tx) => checkOrganizationData(tx, org!.id));
    expect(broken.problems.some((p) => p.includes("instalments are not the schedule"))).toBe(true);
    expect(broken.problems.some((p) => p.includes("balance paidFen"))).toBe(true);
    expect(broken.problems.some((p) => p.includes("contact chain hash-mismatch"))).toBe(true);
  }, 300_000);

  // bench:data writes with COPY into a PostgreSQL database of its own; PGlite has no server to COPY into.
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    "a small bench:data run (PostgreSQL only: the bench writes with COPY to a server)",
    async () => {
      const url = process.env.TEST_DATABASE_URL!;
      const name = `xs_bench_rules_${process.pid}`;
      const benchUrl = withDatabase(url, name);
      const run = spawnSync("npx", ["tsx", "bench/data.ts", "--scale", "0.001", "--anchor", ANCHOR, "--quiet"], {
        env: { ...process.env, BENCH_DATABASE_URL: benchUrl },
        encoding: "utf8",
        timeout: 240_000,
      });
      expect(run.status, run.stderr).toBe(0);
      const client = postgres(benchUrl, { max: 1, onnotice: () => {} });
      try {
        const db = drizzle(client, { schema, casing: "snake_case" }) as unknown as Db;
        const orgs = rowsOf<{ id: string }>(await db.execute(sql`select o.id from organizations o order by o.name limit 3`));
        expect(orgs).toHaveLength(3);
        for (const o of orgs) {
          const check = await db.transaction((tx) => checkOrganizationData(tx, o.id));
          expect(check.problems.slice(0, 10), o.id).toEqual([]);
          expect(check.counts.contacts).toBeGreaterThan(0);
        }
      } finally {
        await client.end();
        const admin = postgres(url, { max: 1, onnotice: () => {} });
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    },
    300_000,
  );
});
