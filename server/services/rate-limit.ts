/**
 * Login throttling (OWASP Authentication Cheat Sheet): attempts counted in a sliding window per
 * account-and-address pair and per address. Keying the account limit by the pair means an attacker
 * elsewhere cannot lock the real person out: their own address still has its full allowance. The looser
 * per-address limit catches one address trying many accounts.
 *
 * The counters are rows of login_attempts in the database (db/schema/shared-state.ts), so every app server
 * behind a load balancer counts against the same allowance: N servers do not give N times the attempts.
 * An attempt is counted before the password is checked (`begin`, under a transaction-scoped advisory lock
 * per key, so two servers cannot both let the last allowed attempt through), and a correct password takes
 * its count back (`settle`).
 */
import { createHash } from "node:crypto";
import { and, asc, desc, eq, gt, inArray, lt, sql } from "drizzle-orm";
import { getDb, setTenant } from "@/db/client";
import { loginAttempts } from "@/db/schema";

export type Limited = { retryAfterSeconds: number };

/** The oldest of the last `max` attempts, or null when there are fewer than `max` in the window. */
export function retryAfter(recent: readonly Date[], max: number, windowMs: number, now: number): Limited | null {
  if (recent.length < max) return null;
  const sorted = [...recent].map((d) => d.getTime()).sort((a, b) => b - a);
  const oldest = sorted[max - 1] ?? now;
  return { retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)) };
}

const keyHash = (key: string) => createHash("sha256").update(key).digest("hex");

export class LoginLimiter {
  constructor(
    private readonly windowMs = 15 * 60_000,
    private readonly perAccount = 10,
    private readonly perAddress = 50,
  ) {}

  private keys(account: string, address: string) {
    return [
      { hash: keyHash(`account|${account}|${address}`), max: this.perAccount },
      { hash: keyHash(`address|${address}`), max: this.perAddress },
    ] as const;
  }

  /** null when an attempt may go ahead now; otherwise how long to wait. Counts nothing. */
  async check(account: string, address: string): Promise<Limited | null> {
    const db = await getDb();
    return db.transaction(async (tx) => {
      await setTenant(tx, {});
      return this.limitedIn(tx, account, address);
    });
  }

  private async limitedIn(
    tx: Parameters<Parameters<Awaited<ReturnType<typeof getDb>>["transaction"]>[0]>[0],
    account: string,
    address: string,
  ) {
    const now = Date.now();
    for (const k of this.keys(account, address)) {
      const recent = await tx
        .select({ at: loginAttempts.at })
        .from(loginAttempts)
        .where(and(eq(loginAttempts.keyHash, k.hash), gt(loginAttempts.at, new Date(now - this.windowMs))))
        .orderBy(desc(loginAttempts.at))
        .limit(k.max);
      const limited = retryAfter(
        recent.map((r) => r.at),
        k.max,
        this.windowMs,
        now,
      );
      if (limited) return limited;
    }
    return null;
  }

  /**
   * Counts one attempt against both keys before the password is checked, unless a limit is reached. The
   * returned ids are the attempt's rows, for `settle`.
   */
  async begin(account: string, address: string): Promise<{ limited: Limited } | { ids: string[] }> {
    const db = await getDb();
    const keys = this.keys(account, address);
    return db.transaction(async (tx) => {
      await setTenant(tx, {});
      // One attempt at a time per key, whichever server takes it (the lock ends with the transaction).
      for (const k of keys) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${k.hash}, 0))`);
      const limited = await this.limitedIn(tx, account, address);
      if (limited) return { limited };
      await tx.delete(loginAttempts).where(
        and(
          inArray(
            loginAttempts.keyHash,
            keys.map((k) => k.hash),
          ),
          lt(loginAttempts.at, new Date(Date.now() - this.windowMs)),
        ),
      );
      const rows = await tx
        .insert(loginAttempts)
        .values(keys.map((k) => ({ keyHash: k.hash })))
        .returning({ id: loginAttempts.id });
      return { ids: rows.map((r) => r.id) };
    });
  }

  /**
   * After the check: a failure keeps the attempt counted; a success clears the account's failures at this
   * address and takes this attempt back from the address; `uncount` (a right password still waiting for its
   * code) takes this attempt back from both.
   */
  async settle(account: string, address: string, ids: readonly string[], outcome: "failure" | "success" | "uncount"): Promise<void> {
    if (outcome === "failure" || !ids.length) return;
    const db = await getDb();
    const [pair] = this.keys(account, address);
    await db.transaction(async (tx) => {
      await setTenant(tx, {});
      await tx.delete(loginAttempts).where(inArray(loginAttempts.id, [...ids]));
      if (outcome === "success") await tx.delete(loginAttempts).where(eq(loginAttempts.keyHash, pair.hash));
    });
  }

  /** Attempts counted for the pair in the window (for tests and the two-server run). */
  async counted(account: string, address: string): Promise<number> {
    const db = await getDb();
    const [pair] = this.keys(account, address);
    return db.transaction(async (tx) => {
      await setTenant(tx, {});
      const r = await tx
        .select({ at: loginAttempts.at })
        .from(loginAttempts)
        .where(and(eq(loginAttempts.keyHash, pair.hash), gt(loginAttempts.at, new Date(Date.now() - this.windowMs))))
        .orderBy(asc(loginAttempts.at));
      return r.length;
    });
  }
}

export const loginLimiter = new LoginLimiter();

/** The caller's address as the proxy in front of the app reports it. */
export function clientAddress(headers: Headers | Record<string, string | undefined>): string {
  const get = (k: string) => (headers instanceof Headers ? headers.get(k) : headers[k]) ?? "";
  return get("x-forwarded-for").split(",")[0]?.trim() || get("x-real-ip") || "local";
}
