import { describe, expect, it } from "vitest";
import { retryAfter } from "@/server/services/rate-limit";

describe("login limiter: the wait after the allowance is used", () => {
  const at = (ms: number) => new Date(ms);
  it("is null below the allowance", () => {
    expect(retryAfter([at(0), at(1)], 3, 60_000, 10)).toBeNull();
  });
  it("runs until the oldest of the last `max` attempts leaves the window", () => {
    expect(retryAfter([at(5_000), at(0), at(10_000)], 3, 60_000, 20_000)).toEqual({ retryAfterSeconds: 40 });
    // Older attempts beyond the allowance do not lengthen the wait.
    expect(retryAfter([at(-30_000), at(5_000), at(0), at(10_000)], 3, 60_000, 20_000)).toEqual({ retryAfterSeconds: 40 });
  });
  it("is at least one second", () => {
    expect(retryAfter([at(0), at(0)], 2, 1_000, 999)).toEqual({ retryAfterSeconds: 1 });
  });
});
