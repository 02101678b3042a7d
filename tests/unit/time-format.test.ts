import { describe, expect, it } from "vitest";
import { shanghaiDateTime, shanghaiLocalInstant } from "@/server/domain/time";

describe("Beijing wall-clock times on forms and lists", () => {
  it("shows an instant in Beijing time whatever the machine's zone", () => {
    expect(shanghaiDateTime(new Date("2026-03-01T16:05:00Z"))).toBe("2026-03-02 00:05");
    expect(shanghaiDateTime(new Date("2026-03-01T06:30:59Z"))).toBe("2026-03-01 14:30");
  });

  it("reads a datetime-local value as Beijing time, and nothing that is not one", () => {
    expect(shanghaiLocalInstant("2026-03-02T00:05")?.toISOString()).toBe("2026-03-01T16:05:00.000Z");
    const now = new Date("2026-07-15T03:17:00Z");
    expect(shanghaiLocalInstant(shanghaiDateTime(now).replace(" ", "T"))?.getTime()).toBe(now.getTime());
    for (const bad of ["", "2026-02-30T10:00", "2026-03-01T25:00", "2026-03-01 10:00", "2026-03-01T10:00:00"]) {
      expect(shanghaiLocalInstant(bad), bad).toBeNull();
    }
  });
});
