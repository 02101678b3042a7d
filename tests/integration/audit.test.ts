import { describe, expect, it } from "vitest";
import { codeOf } from "../support/errors";
import { createTenant } from "../support/factories";

describe("audit log viewer", () => {
  it("lists the organization's changes newest first, filters by actor and entity, pages with a cursor, and verifies", async () => {
    const t = await createTenant();
    for (let i = 0; i < 3; i++) await t.as.admin.org.invite({ email: `a${i}-${Date.now()}@test.example`, role: "counselor" });
    await t.as.admin.org.setMemberActive({ userId: t.counselorB.id, active: false });

    const all = await t.as.admin.audit.list({});
    expect(all.rows.map((r) => r.action)).toEqual(["member.deactivate", "invitation.create", "invitation.create", "invitation.create"]);
    expect(all.rows[0]!.actorName).toBe("Admin");

    const invites = await t.as.admin.audit.list({ entityType: "invitation" });
    expect(invites.rows).toHaveLength(3);
    expect((await t.as.admin.audit.list({ actorUserId: t.counselorA.id })).rows).toEqual([]);

    const page1 = await t.as.admin.audit.list({ limit: 2 });
    expect(page1.rows).toHaveLength(2);
    const page2 = await t.as.admin.audit.list({ limit: 2, cursor: page1.nextBefore });
    expect([...page1.rows, ...page2.rows].map((r) => r.seq)).toEqual(all.rows.map((r) => r.seq));
    expect(page2.nextBefore).toBeNull();

    const future = await t.as.admin.audit.list({ from: "2099-01-01" });
    expect(future.rows).toEqual([]);
    expect(await t.as.admin.audit.verify()).toEqual({ ok: true, count: 4 });
  });

  it("is for admins only, and never shows another organization's trail", async () => {
    const a = await createTenant();
    const b = await createTenant();
    await b.as.admin.org.invite({ email: `b-${Date.now()}@test.example`, role: "counselor" });
    expect(await codeOf(a.as.counselorA.audit.list({}))).toBe("FORBIDDEN");
    expect(await codeOf(a.as.clientA.audit.list({}))).toBe("FORBIDDEN");
    expect((await a.as.admin.audit.list({})).rows).toEqual([]);
  });
});
