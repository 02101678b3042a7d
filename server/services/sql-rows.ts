import type { SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";

/**
 * Runs one hand-written SELECT and returns its rows on both drivers (PGlite answers { rows }, postgres-js an
 * array). Every value the caller reads is cast in SQL to int, text or boolean, so both drivers agree on types.
 */
export async function selectRows<T>(tx: Tx, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: unknown[] }).rows ?? []) as T[];
}

/** Items grouped by a key, in their original order (one pass, instead of filtering a list per key). */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
