import { describe, expect, it } from "vitest";
import { FIRST_WEEK_STEPS, firstWeekSteps } from "@/server/domain/first-week";

describe("first week", () => {
  const none = { counselors: 0, clients: 0, settingsSaved: false, ownLenders: 0 };

  it("lists every step, in order, none done for a new agency", () => {
    expect(firstWeekSteps(none)).toEqual(FIRST_WEEK_STEPS.map((step) => ({ step, done: false })));
  });

  it("ticks each step from its own fact only", () => {
    const done = (facts: Partial<typeof none>) =>
      firstWeekSteps({ ...none, ...facts })
        .filter((s) => s.done)
        .map((s) => s.step);
    expect(done({ counselors: 1 })).toEqual(["inviteCounselor"]);
    expect(done({ clients: 3 })).toEqual(["addClient"]);
    expect(done({ settingsSaved: true })).toEqual(["businessHours"]);
    expect(done({ ownLenders: 1 })).toEqual(["importLenders"]);
    expect(done({ counselors: 2, clients: 1, settingsSaved: true, ownLenders: 4 })).toEqual([...FIRST_WEEK_STEPS]);
  });
});
