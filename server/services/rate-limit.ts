/**
 * Login throttling (OWASP Authentication Cheat Sheet): failures counted in a sliding window per
 * account-and-address pair and per address. Keying the account limit by the pair means an attacker
 * elsewhere cannot lock the real person out: their own address still has its full allowance. The looser
 * per-address limit catches one address trying many accounts. Counters live in the process (behind a
 * load balancer they move to Redis).
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

/** The caller's address as the proxy in front of the app reports it. */
export function clientAddress(headers: Headers | Record<string, string | undefined>): string {
  const get = (k: string) => (headers instanceof Headers ? headers.get(k) : headers[k]) ?? "";
  return get("x-forwarded-for").split(",")[0]?.trim() || get("x-real-ip") || "local";
}
