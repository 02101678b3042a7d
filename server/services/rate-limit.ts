/**
 * Login throttling per account and per address (OWASP Authentication Cheat Sheet): failures in a
 * sliding window. Per account it slows guessing without a lockout an attacker can trigger at will:
 * the block lasts only the window and a success from another address is not blocked by it... the
 * address limit is looser and catches one address trying many accounts. In memory: one app process
 * holds its own counters (docs/SCALING.md: behind a load balancer, move these to Redis).
 */
type Window = { failures: number[] };

export class LoginLimiter {
  private byAccount = new Map<string, Window>();
  private byAddress = new Map<string, Window>();

  constructor(
    private readonly windowMs = 15 * 60_000,
    private readonly perAccount = 10,
    private readonly perAddress = 50,
  ) {}

  private recent(map: Map<string, Window>, key: string, now: number): number[] {
    const w = map.get(key);
    if (!w) return [];
    w.failures = w.failures.filter((t) => now - t < this.windowMs);
    if (!w.failures.length) map.delete(key);
    return w.failures;
  }

  /** null when the attempt may go ahead; otherwise how long to wait. */
  check(account: string, address: string, now = Date.now()): { retryAfterSeconds: number } | null {
    for (const [map, key, max] of [
      [this.byAccount, `${account}|${address}`, this.perAccount],
      [this.byAddress, address, this.perAddress],
    ] as const) {
      const failures = this.recent(map, key, now);
      if (failures.length >= max) {
        const oldest = failures[failures.length - max] ?? now;
        return { retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)) };
      }
    }
    return null;
  }

  record(account: string, address: string, success: boolean, now = Date.now()): void {
    const key = `${account}|${address}`;
    if (success) {
      this.byAccount.delete(key);
      return;
    }
    for (const [map, k] of [
      [this.byAccount, key],
      [this.byAddress, address],
    ] as const) {
      const w = map.get(k) ?? { failures: [] };
      w.failures.push(now);
      map.set(k, w);
    }
  }
}

// On globalThis: Next bundles routes separately; the counters must be one per process.
const KEY = Symbol.for("xieshang.loginLimiter");
const g = globalThis as typeof globalThis & { [KEY]?: LoginLimiter };
export const loginLimiter: LoginLimiter = (g[KEY] ??= new LoginLimiter());
