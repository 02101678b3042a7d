/**
 * "The same SQL": the statements a procedure issues, recorded through drizzle's logger while the procedure
 * runs in-process on the bench database, grouped by transaction (withTenant / withUser open one each). The
 * floors replay exactly these statements with their parameters.
 */
import { drizzle } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import type { Db } from "@/db/client";
import * as schema from "@/db/schema";

export type Statement = { sql: string; params: unknown[] };
/** One transaction's statements, in order (the first sets the role and the tenant). */
export type Group = Statement[];

type Recorder = { groups: Group[]; current: Group | null };

/** A drizzle handle that records every statement, and every transaction as its own group. */
export function capturingDb(client: postgres.Sql): { db: Db; take: () => Group[] } {
  const rec: Recorder = { groups: [], current: null };
  const real = drizzle(client, {
    schema,
    casing: "snake_case",
    logger: {
      logQuery(query, params) {
        const s = { sql: query, params: params.map(plain) };
        if (rec.current) rec.current.push(s);
        else rec.groups.push([s]);
      },
    },
  }) as unknown as Db;
  const db = Object.create(real) as Db;
  db.transaction = (async (fn: Parameters<Db["transaction"]>[0], config?: Parameters<Db["transaction"]>[1]) => {
    if (rec.current) throw new Error("nested transaction while capturing");
    rec.current = [];
    try {
      return await real.transaction(fn, config);
    } finally {
      rec.groups.push(rec.current);
      rec.current = null;
    }
  }) as Db["transaction"];
  return {
    db,
    take: () => {
      const out = rec.groups;
      rec.groups = [];
      return out;
    },
  };
}

/** Parameters as JSON can carry them (the floors read them back from a file). */
function plain(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "bigint") return v.toString();
  return v;
}

/** Replays captured groups: one transaction each, statements in order. */
export async function replay(sql: postgres.Sql, groups: readonly Group[]): Promise<void> {
  for (const g of groups) {
    if (g.length === 1) {
      await sql.unsafe(g[0]!.sql, g[0]!.params as never[]);
      continue;
    }
    await sql.begin(async (tx) => {
      for (const s of g) await tx.unsafe(s.sql, s.params as never[]);
    });
  }
}
