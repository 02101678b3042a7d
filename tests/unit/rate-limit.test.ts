import { describe, expect, it } from "vitest";
import { LoginLimiter } from "@/server/services/rate-limit";

describe("login limiter", () => {
  it("blocks an account at one address after 10 failures, for the rest of the window", () => {
    const l = new LoginLimiter(60_000, 10, 50);
    const t0 = 1_000_000;
    for (let i = 0; i < 10; i++) {
      expect(l.check("a@x.cn", "1.1.1.1", t0 + i)).toBeNull();
      l.record("a@x.cn", "1.1.1.1", false, t0 + i);
    }
    expect(l.check("a@x.cn", "1.1.1.1", t0 + 20)).toEqual({ retryAfterSeconds: 60 });
    expect(l.check("a@x.cn", "1.1.1.1", t0 + 60_010)).toBeNull();
  });

  it("does not let an attacker lock the real person out from another address", () => {
    const l = new LoginLimiter(60_000, 10, 50);
    for (let i = 0; i < 20; i++) l.record("victim@x.cn", "6.6.6.6", false, i);
    expect(l.check("victim@x.cn", "6.6.6.6", 100)).not.toBeNull();
    expect(l.check("victim@x.cn", "2.2.2.2", 100)).toBeNull();
  });

  it("limits one address trying many accounts", () => {
    const l = new LoginLimiter(60_000, 10, 50);
    for (let i = 0; i < 50; i++) l.record(`u${i}@x.cn`, "6.6.6.6", false, i);
    expect(l.check("fresh@x.cn", "6.6.6.6", 100)).not.toBeNull();
  });

  it("a success clears the account's failures", () => {
    const l = new LoginLimiter(60_000, 3, 50);
    for (let i = 0; i < 2; i++) l.record("a@x.cn", "1.1.1.1", false, i);
    l.record("a@x.cn", "1.1.1.1", true, 3);
    l.record("a@x.cn", "1.1.1.1", false, 4);
    expect(l.check("a@x.cn", "1.1.1.1", 5)).toBeNull();
  });
});
