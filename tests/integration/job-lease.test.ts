import { describe, expect, it } from "vitest";
import { holdLease } from "@/server/services/job-lease";

describe("periodic job lease (one server runs each periodic job)", () => {
  it("one holder at a time; the holder renews; another takes over only once it has expired", async () => {
    expect(await holdLease("test-job", 400, "server-a")).toBe(true);
    expect(await holdLease("test-job", 400, "server-b")).toBe(false);
    expect(await holdLease("test-job", 400, "server-a")).toBe(true);
    // server-a dies and stops renewing.
    await new Promise((r) => setTimeout(r, 500));
    expect(await holdLease("test-job", 60_000, "server-b")).toBe(true);
    expect(await holdLease("test-job", 60_000, "server-a")).toBe(false);
  });

  it("of servers asking at once, exactly one gets the lease", async () => {
    const got = await Promise.all(Array.from({ length: 6 }, (_, i) => holdLease("race-job", 60_000, `server-${i}`)));
    expect(got.filter(Boolean)).toHaveLength(1);
  });
});
