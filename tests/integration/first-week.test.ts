import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { callerFor, TEST_PASSWORD } from "../support/factories";

const doneSteps = (steps: Array<{ step: string; done: boolean }>) => steps.filter((s) => s.done).map((s) => s.step);

describe("first week checklist", () => {
  it("ticks each step as a new agency does it, from its data", async () => {
    const email = `founder-${randomUUID().slice(0, 8)}@test.example`;
    const { orgId } = await callerFor(null).auth.signUp({
      organizationName: "新机构 第一周",
      name: "创始人",
      email,
      password: TEST_PASSWORD,
    });
    const [me] = await (await getDb()).select({ id: users.id }).from(users).where(eq(users.email, email));
    const admin = callerFor(me!.id, orgId);
    expect(doneSteps(await admin.org.firstWeek())).toEqual([]);

    await admin.org.invite({ email: `c-${randomUUID().slice(0, 8)}@test.example`, role: "counselor" });
    expect(doneSteps(await admin.org.firstWeek())).toEqual(["inviteCounselor"]);

    await admin.settings.update({
      bufferPct: "10",
      minPerCreditorFen: 10_000,
      requireProposalApproval: false,
      require2fa: false,
      businessHours: [{ start: "09:00", end: "18:00" }],
    });
    await admin.lender.create({ name: "本地小贷", licenceType: "microloan" });
    expect(doneSteps(await admin.org.firstWeek())).toEqual(["inviteCounselor", "businessHours", "importLenders"]);

    await admin.client.create({ fullName: "第一位客户", consent: true });
    expect(doneSteps(await admin.org.firstWeek())).toEqual(["inviteCounselor", "addClient", "businessHours", "importLenders"]);
  });
});
