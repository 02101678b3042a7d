/**
 * The login throttle's counters are rows in the database (server/services/rate-limit.ts), shared by every
 * app server: here two limiters stand for two servers on the same database.
 */
import { describe, expect, it } from "vitest";
import { LoginLimiter } from "@/server/services/rate-limit";

const fail = async (l: LoginLimiter, account: string, address: string) => {
  const a = await l.begin(account, address);
  if ("limited" in a) return a.limited;
  await l.settle(account, address, a.ids, "failure");
  return null;
};

describe("login throttle in the database", () => {
  it("blocks an account at one address after its allowance, counted across servers", async () => {
    const serverA = new LoginLimiter(60_000, 10, 50);
    const serverB = new LoginLimiter(60_000, 10, 50);
    for (let i = 0; i < 10; i++) expect(await fail(i % 2 ? serverA : serverB, "a@x.cn", "1.1.1.1")).toBeNull();
    const limited = await fail(serverA, "a@x.cn", "1.1.1.1");
    expect(limited?.retryAfterSeconds).toBeGreaterThan(55);
    expect(await serverB.check("a@x.cn", "1.1.1.1")).not.toBeNull();
    expect(await serverB.counted("a@x.cn", "1.1.1.1")).toBe(10);
  });

  it("lets no more attempts through than the allowance when they arrive at once on both servers", async () => {
    const servers = [new LoginLimiter(60_000, 5, 50), new LoginLimiter(60_000, 5, 50)];
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => servers[i % 2]!.begin("burst@x.cn", "3.3.3.3")));
    expect(results.filter((r) => "ids" in r)).toHaveLength(5);
  });

  it("does not let an attacker lock the real person out from another address", async () => {
    const l = new LoginLimiter(60_000, 10, 50);
    for (let i = 0; i < 12; i++) await fail(l, "victim@x.cn", "6.6.6.6");
    expect(await l.check("victim@x.cn", "6.6.6.6")).not.toBeNull();
    expect(await l.check("victim@x.cn", "2.2.2.2")).toBeNull();
  });

  it("limits one address trying many accounts", async () => {
    const l = new LoginLimiter(60_000, 10, 20);
    for (let i = 0; i < 20; i++) await fail(l, `u${i}@x.cn`, "7.7.7.7");
    expect(await l.check("fresh@x.cn", "7.7.7.7")).not.toBeNull();
  });

  it("a success clears the account's failures; a right password waiting for its code counts nothing", async () => {
    const l = new LoginLimiter(60_000, 3, 50);
    await fail(l, "b@x.cn", "1.1.1.1");
    await fail(l, "b@x.cn", "1.1.1.1");
    const ok = await l.begin("b@x.cn", "1.1.1.1");
    if (!("ids" in ok)) throw new Error("limited too early");
    await l.settle("b@x.cn", "1.1.1.1", ok.ids, "success");
    expect(await l.counted("b@x.cn", "1.1.1.1")).toBe(0);
    const waiting = await l.begin("b@x.cn", "1.1.1.1");
    if (!("ids" in waiting)) throw new Error("limited");
    await l.settle("b@x.cn", "1.1.1.1", waiting.ids, "uncount");
    expect(await l.counted("b@x.cn", "1.1.1.1")).toBe(0);
  });

  it("attempts leave the window", async () => {
    const l = new LoginLimiter(800, 2, 50);
    await fail(l, "c@x.cn", "1.1.1.1");
    await fail(l, "c@x.cn", "1.1.1.1");
    expect(await l.check("c@x.cn", "1.1.1.1")).not.toBeNull();
    await new Promise((r) => setTimeout(r, 900));
    expect(await l.check("c@x.cn", "1.1.1.1")).toBeNull();
  });
});
