import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, withTenant } from "@/db/client";
import { verifyAuditChain } from "@/server/services/audit";
import { invitations, memberships, organizations, users } from "@/db/schema";
import { verifyCredentials } from "@/server/services/auth";
import { appRouter } from "@/server/trpc/root";
import { codeOf, fieldsOf } from "../support/errors";
import { callerFor, createClientRecord, createTenant, TEST_PASSWORD } from "../support/factories";

async function countRows() {
  const db = await getDb();
  const [o] = await db.select({ n: sql<number>`count(*)::int` }).from(organizations);
  const [u] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  const [i] = await db.select({ n: sql<number>`count(*)::int` }).from(invitations);
  return { orgs: o?.n, users: u?.n, invitations: i?.n };
}

const PUBLIC = new Set(["auth.signUp", "auth.describeInvitation", "auth.acceptInvitation"]);

describe("procedures refuse anonymous calls", () => {
  const procedures = Object.keys(appRouter._def.procedures) as string[];
  it.each(procedures.filter((p) => !PUBLIC.has(p)))("%s → UNAUTHORIZED", async (path) => {
    const caller = callerFor(null) as unknown as Record<string, Record<string, (i?: unknown) => Promise<unknown>>>;
    const [area, name] = path.split(".") as [string, string];
    expect(await codeOf(caller[area]![name]!({}))).toBe("UNAUTHORIZED");
  });
});

describe("sign-up", () => {
  it("creates an organization whose creator is admin, and the audit chain verifies", async () => {
    const email = `founder-${Date.now()}@test.example`;
    const r = await callerFor(null).auth.signUp({
      organizationName: "晴天咨询",
      name: "创始人",
      email,
      password: "a long enough passphrase",
    });
    const user = await verifyCredentials(email, "a long enough passphrase");
    expect(user).not.toBeNull();
    const me = callerFor(user!.id, r.orgId);
    expect(await me.org.current()).toEqual({ orgId: r.orgId, role: "admin" });
    expect(await verifyCredentials(email, "wrong password!")).toBeNull();
    const chain = await withTenant({ orgId: r.orgId }, (tx) => verifyAuditChain(tx, r.orgId));
    expect(chain).toEqual({ ok: true, count: 1 });
  });

  it.each([
    [{ organizationName: "X", name: "Y", email: "not-an-email", password: "long enough pass" }, "email"],
    [{ organizationName: "X", name: "Y", email: "ok@test.example", password: "short" }, "password"],
    [{ organizationName: "", name: "Y", email: "ok2@test.example", password: "long enough pass" }, "organizationName"],
    [{ organizationName: "X", name: "Y", email: "ok3@test.example", password: "password123" }, "password"],
  ])("bad input %# gets a field error on %s and changes nothing", async (input, field) => {
    const before = await countRows();
    const fields = await fieldsOf(callerFor(null).auth.signUp(input));
    expect(Object.keys(fields)).toContain(field);
    expect(await countRows()).toEqual(before);
  });

  it("refuses an e-mail that is taken, with a field error", async () => {
    const t = await createTenant();
    const before = await countRows();
    const fields = await fieldsOf(
      callerFor(null).auth.signUp({ organizationName: "Y", name: "Z", email: t.admin.email, password: "long enough pass" }),
    );
    expect(fields.email).toEqual(["emailTaken"]);
    expect(await countRows()).toEqual(before);
  });

  it("refuses unknown keys (strict input)", async () => {
    const fields = await fieldsOf(
      callerFor(null).auth.signUp({
        organizationName: "Y",
        name: "Z",
        email: "k@test.example",
        password: "long enough pass",
        role: "admin",
      } as never),
    );
    expect(Object.values(fields).flat()).toContain("unrecognized_keys");
  });
});

describe("invitations", () => {
  it("admin invites a counselor and a client; each accepts once and gets their role", async () => {
    const t = await createTenant();
    const c = await t.as.admin.org.invite({ email: `new-counselor-${Date.now()}@test.example`, role: "counselor" });
    const token = c.link.split("/invite/")[1]!;
    const info = await callerFor(null).auth.describeInvitation({ token });
    expect(info).toMatchObject({ ok: true, role: "counselor", hasAccount: false });
    const accepted = await callerFor(null).auth.acceptInvitation({ token, name: "新咨询师", password: "welcome to the team" });
    expect(accepted.orgId).toBe(t.orgId);
    const user = await verifyCredentials(accepted.login, "welcome to the team");
    expect(await callerFor(user!.id).org.current()).toEqual({ orgId: t.orgId, role: "counselor" });

    // One use only.
    const again = await fieldsOf(callerFor(null).auth.acceptInvitation({ token, name: "x", password: "welcome to the team" }));
    expect(again.token).toEqual(["invitationUsed"]);

    // A client's invitation is bound to her file: accepting links the login to it.
    const file = await createClientRecord(t.orgId, { counselorId: t.counselorA.id, name: "新客户" });
    const cl = await t.as.admin.org.invite({ email: `new-client-${Date.now()}@test.example`, role: "client", clientId: file.id });
    const clientToken = cl.link.split("/invite/")[1]!;
    const acc = await callerFor(null).auth.acceptInvitation({ token: clientToken, name: "新客户本人", password: "my own passphrase" });
    const clientUser = await verifyCredentials(acc.login, "my own passphrase");
    const me = callerFor(clientUser!.id);
    expect(await me.org.current()).toEqual({ orgId: t.orgId, role: "client" });
    expect(await me.client.mine()).toMatchObject({ id: file.id, fullName: "新客户" });
    expect(await codeOf(me.org.members())).toBe("FORBIDDEN");
    expect(await codeOf(me.client.list({}))).toBe("FORBIDDEN");
  });

  it("an expired invitation is refused and changes nothing", async () => {
    const t = await createTenant();
    const c = await t.as.admin.org.invite({ email: `late-${Date.now()}@test.example`, role: "counselor" });
    const db = await getDb();
    await db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(and(eq(invitations.orgId, t.orgId), eq(invitations.id, c.id)));
    const token = c.link.split("/invite/")[1]!;
    const before = await countRows();
    const fields = await fieldsOf(callerFor(null).auth.acceptInvitation({ token, name: "迟到", password: "welcome to the team" }));
    expect(fields.token).toEqual(["invitationExpired"]);
    expect(await countRows()).toEqual(before);
  });

  it.each([
    [{ email: "nope", role: "counselor" }, "email"],
    [{ email: "x@test.example", role: "owner" }, "role"],
    // A client invitation without a client file would open an empty second file on acceptance.
    [{ email: "x@test.example", role: "client" }, "clientId"],
  ])("bad invitation input %# gets a field error on %s", async (input, field) => {
    const t = await createTenant();
    const before = await countRows();
    const fields = await fieldsOf(t.as.admin.org.invite(input as never));
    expect(Object.keys(fields)).toContain(field);
    expect(await countRows()).toEqual(before);
  });

  it("a malformed or unknown token gets a field error", async () => {
    expect(
      Object.keys(await fieldsOf(callerFor(null).auth.acceptInvitation({ token: "garbage", name: "x", password: "long enough pass" }))),
    ).toContain("token");
    const t = await createTenant();
    const fake = `${t.orgId}.${"A".repeat(43)}`;
    expect((await fieldsOf(callerFor(null).auth.acceptInvitation({ token: fake, name: "x", password: "long enough pass" }))).token).toEqual(
      ["invitationInvalid"],
    );
  });

  it("only admins may invite", async () => {
    const t = await createTenant();
    expect(await codeOf(t.as.counselorA.org.invite({ email: "a@test.example", role: "client" }))).toBe("FORBIDDEN");
    expect(await codeOf(t.as.clientA.org.invite({ email: "a@test.example", role: "client" }))).toBe("FORBIDDEN");
  });
});

describe("tenancy", () => {
  it("a member of organization A gets NOT_FOUND for organization B's ids", async () => {
    const a = await createTenant("A");
    const b = await createTenant("B");
    const invB = await b.as.admin.org.invite({ email: `b-${Date.now()}@test.example`, role: "counselor" });
    expect(await codeOf(a.as.admin.org.revokeInvitation({ id: invB.id }))).toBe("NOT_FOUND");
    expect(await codeOf(a.as.admin.org.setMemberActive({ userId: b.counselorA.id, active: false }))).toBe("NOT_FOUND");
    expect(await codeOf(a.as.admin.org.setMemberRole({ userId: b.counselorA.id, role: "admin" }))).toBe("NOT_FOUND");
    // B's data is unchanged and invisible to A.
    const membersA = await a.as.admin.org.members();
    expect(membersA.map((m) => m.userId)).not.toContain(b.counselorA.id);
    expect((await a.as.admin.client.list({})).map((c) => c.id)).not.toContain(b.clientA.id);
    const db = await getDb();
    const [m] = await db
      .select()
      .from(memberships)
      .where(and(eq(memberships.orgId, b.orgId), eq(memberships.userId, b.counselorA.id)));
    expect(m?.deactivatedAt).toBeNull();
  });

  it("a user who is not a member of any organization gets NOT_FOUND", async () => {
    const db = await getDb();
    const [u] = await db
      .insert(users)
      .values({ email: `lonely-${Date.now()}@test.example`, name: "x", passwordHash: "x" })
      .returning({ id: users.id });
    expect(await codeOf(callerFor(u!.id).org.current())).toBe("NOT_FOUND");
  });

  it("a deactivated member loses access on the next request, and regains it when reactivated", async () => {
    const t = await createTenant();
    expect((await t.as.counselorA.client.list({})).map((c) => c.id)).toEqual([t.clientA.id]);
    await t.as.admin.org.setMemberActive({ userId: t.counselorA.id, active: false });
    expect(await codeOf(t.as.counselorA.client.list({}))).toBe("NOT_FOUND");
    await t.as.admin.org.setMemberActive({ userId: t.counselorA.id, active: true });
    expect(await codeOf(t.as.counselorA.client.list({}))).toBe("OK");
  });

  it("the last admin cannot be deactivated or demoted", async () => {
    const t = await createTenant();
    const self = callerFor(t.admin.id, t.orgId);
    await t.as.admin.org.setMemberRole({ userId: t.counselorA.id, role: "admin" });
    await t.as.admin.org.setMemberActive({ userId: t.counselorA.id, active: false });
    expect(await codeOf(self.org.setMemberActive({ userId: t.admin.id, active: false }))).toBe("CONFLICT");
  });

  it("a counselor sees only assigned clients; a client only themself", async () => {
    const t = await createTenant();
    expect((await t.as.counselorA.client.list({})).map((c) => c.id)).toEqual([t.clientA.id]);
    expect((await t.as.counselorB.client.list({})).map((c) => c.id)).toEqual([t.clientB.id]);
    expect((await t.as.admin.client.list({})).map((c) => c.id).sort()).toEqual([t.clientA.id, t.clientB.id].sort());
    expect((await t.as.clientA.client.mine())?.id).toBe(t.clientA.id);
    expect((await t.as.counselorA.client.list({ search: t.clientA.phone })).map((c) => c.id)).toEqual([t.clientA.id]);
  });

  it("a user in two organizations switches the active one", async () => {
    const a = await createTenant("A");
    const b = await createTenant("B");
    const db = await getDb();
    await db.insert(memberships).values({ orgId: b.orgId, userId: a.counselorA.id, role: "admin" });
    expect(await callerFor(a.counselorA.id, a.orgId).org.current()).toEqual({ orgId: a.orgId, role: "counselor" });
    expect(await callerFor(a.counselorA.id, b.orgId).org.current()).toEqual({ orgId: b.orgId, role: "admin" });
    const me = await callerFor(a.counselorA.id).auth.me();
    expect(me.organizations.map((o) => o.orgId).sort()).toEqual([a.orgId, b.orgId].sort());
    expect(TEST_PASSWORD.length).toBeGreaterThan(8);
  });
});
