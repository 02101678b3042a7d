import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { clients, invitations, users } from "@/db/schema";
import { authOptions } from "@/server/auth/options";
import { blindIndex, decrypt, sha256Hex } from "@/server/crypto";
import { verifyCredentials } from "@/server/services/auth";
import { codeOf, fieldsOf } from "../support/errors";
import { callerFor, createClientRecord, createTenant, TEST_PASSWORD, type Tenant } from "../support/factories";

/**
 * Issue 11, seam 1: a client file is given a portal login from the file itself (her counselor or an
 * admin), bound to that file; the file shows the invitation's state; she signs in with her mobile
 * number; one number is one person, whatever agencies she is a client of.
 */

const PASSWORD = "steady steps every month";

/** A mobile number no other test uses (11 digits starting with 1). */
const freshPhone = () => `15${String(Math.floor(Math.random() * 1e9)).padStart(9, "0")}`;

const tokenOf = (link: string) => link.split("/invite/")[1]!;

/** Rows of a table, in one organization when given. */
async function count(table: "clients" | "users" | "invitations", orgId?: string): Promise<number> {
  const db = await getDb();
  const where = orgId ? sql` where org_id = ${orgId}` : sql``;
  const r = (await db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}${where}`)) as unknown as
    { rows: Array<{ n: number }> } | Array<{ n: number }>;
  return (Array.isArray(r) ? r : r.rows)[0]?.n ?? 0;
}

/** A file of counselor A with no login, with a mobile number on file. */
async function fileOf(t: Tenant, phone = freshPhone(), name = `客户${randomUUID().slice(0, 4)}`) {
  const file = await createClientRecord(t.orgId, { counselorId: t.counselorA.id, phone, name });
  return { ...file, name };
}

/** The credentials provider's authorize step (what /api/auth/callback/credentials runs). */
async function authorize(login: string, password: string, ip: string): Promise<unknown> {
  const provider = authOptions.providers[0] as unknown as {
    options: { authorize: (raw: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown> };
  };
  return provider.options.authorize({ login, password }, { headers: { "x-forwarded-for": ip } });
}

describe("inviting a client file to the portal", () => {
  it("her counselor may invite her own client; another counselor's client is not found; a client may not invite", async () => {
    const t = await createTenant();
    const own = await fileOf(t);
    const other = await createClientRecord(t.orgId, { counselorId: t.counselorB.id });
    const inv = await t.as.counselorA.portalAccess.invite({ clientId: own.id });
    expect(inv.link).toMatch(new RegExp(`/invite/${t.orgId}\\.`));
    // With nothing typed, the invitation goes to the number on the file (decrypted on the server).
    expect(inv).toMatchObject({ phoneLast4: own.phone.slice(-4), email: null, emailed: false });
    expect(await codeOf(t.as.counselorA.portalAccess.invite({ clientId: other.id }))).toBe("NOT_FOUND");
    expect(await codeOf(t.as.counselorA.portalAccess.state({ clientId: other.id }))).toBe("NOT_FOUND");
    expect(await codeOf(t.as.clientA.portalAccess.invite({ clientId: t.clientA.id }))).toBe("FORBIDDEN");
    expect(await codeOf(t.as.clientA.portalAccess.state({ clientId: t.clientA.id }))).toBe("FORBIDDEN");
    // The generic member invitation stays with admins.
    expect(await codeOf(t.as.counselorA.org.invite({ email: "x@test.example", role: "client", clientId: own.id }))).toBe("FORBIDDEN");
    // Another organization's admin cannot reach the file.
    const b = await createTenant("B");
    expect(await codeOf(b.as.admin.portalAccess.invite({ clientId: own.id }))).toBe("NOT_FOUND");
  });

  it("accepting links the login to that file and opens no second file; she signs in with her number", async () => {
    const t = await createTenant();
    const file = await fileOf(t);
    const inv = await t.as.counselorA.portalAccess.invite({ clientId: file.id });
    const info = await callerFor(null).auth.describeInvitation({ token: tokenOf(inv.link) });
    expect(info).toMatchObject({
      ok: true,
      role: "client",
      email: null,
      phoneLast4: file.phone.slice(-4),
      hasAccount: false,
      suggestedName: file.name,
    });
    const before = { clients: await count("clients", t.orgId), users: await count("users") };
    const accepted = await callerFor(null).auth.acceptInvitation({ token: tokenOf(inv.link), name: file.name, password: PASSWORD });
    expect(accepted.login).toBe(file.phone);
    expect(await count("clients", t.orgId)).toBe(before.clients);
    expect(await count("users")).toBe(before.users + 1);
    const user = await verifyCredentials(file.phone, PASSWORD);
    expect(user).not.toBeNull();
    const me = callerFor(user!.id, t.orgId);
    expect(await me.org.current()).toEqual({ orgId: t.orgId, role: "client" });
    expect(await me.client.mine()).toMatchObject({ id: file.id, fullName: file.name });
    // The login has no e-mail: the number, masked, is what shows.
    const db = await getDb();
    const [row] = await db
      .select({ email: users.email, phoneHash: users.phoneHash, phoneEnc: users.phoneEnc, phoneLast4: users.phoneLast4 })
      .from(users)
      .where(eq(users.id, user!.id));
    expect(row).toMatchObject({ email: null, phoneHash: blindIndex(file.phone), phoneLast4: file.phone.slice(-4) });
    // Sealed, so the blind index can be recomputed when the data key rotates.
    expect(decrypt(row!.phoneEnc!)).toBe(file.phone);
    // A file with a login is not invited again.
    expect(await fieldsOf(t.as.admin.portalAccess.invite({ clientId: file.id }))).toEqual({ clientId: ["clientHasLogin"] });
    expect(await fieldsOf(t.as.admin.portalAccess.invite({ clientId: t.clientA.id }))).toEqual({ clientId: ["clientHasLogin"] });
  });

  it("a client invitation without a client file is refused with a field error, and changes nothing", async () => {
    const t = await createTenant();
    const db = await getDb();
    const before = await count("invitations", t.orgId);
    const fields = await fieldsOf(t.as.admin.org.invite({ email: `c-${randomUUID().slice(0, 6)}@test.example`, role: "client" }));
    expect(fields).toEqual({ clientId: ["clientIdRequired"] });
    expect(await count("invitations", t.orgId)).toBe(before);
    // A staff invitation cannot name a file; a file the admin does not have is not found.
    expect(await fieldsOf(t.as.admin.org.invite({ email: "s@test.example", role: "counselor", clientId: t.clientA.id }))).toEqual({
      clientId: ["clientIdOnlyForClients"],
    });
    expect(await codeOf(t.as.admin.org.invite({ email: "s@test.example", role: "client", clientId: randomUUID() }))).toBe("NOT_FOUND");
    // An unbound client invitation left from before (it would have opened a second file) cannot be accepted.
    const token = "A".repeat(43);
    await db.insert(invitations).values({
      orgId: t.orgId,
      id: randomUUID(),
      email: `old-${randomUUID().slice(0, 6)}@test.example`,
      role: "client",
      tokenHash: sha256Hex(token),
      invitedBy: t.admin.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const clientsBefore = await count("clients", t.orgId);
    expect(
      (await fieldsOf(callerFor(null).auth.acceptInvitation({ token: `${t.orgId}.${token}`, name: "旧邀请", password: PASSWORD }))).token,
    ).toEqual(["invitationInvalid"]);
    expect(await count("clients", t.orgId)).toBe(clientsBefore);
  });

  it("refuses a file with neither a number on file nor one typed, and a malformed number, with field errors", async () => {
    const t = await createTenant();
    const db = await getDb();
    const file = await fileOf(t);
    await db
      .update(clients)
      .set({ phoneEnc: null, phoneHash: null, phoneLast4: null })
      .where(and(eq(clients.orgId, t.orgId), eq(clients.id, file.id)));
    expect(await fieldsOf(t.as.counselorA.portalAccess.invite({ clientId: file.id }))).toEqual({ phone: ["portalAddressRequired"] });
    expect(Object.keys(await fieldsOf(t.as.counselorA.portalAccess.invite({ clientId: file.id, phone: "12345" })))).toEqual(["phone"]);
    expect(Object.keys(await fieldsOf(t.as.counselorA.portalAccess.invite({ clientId: file.id, email: "not-an-address" })))).toEqual([
      "email",
    ]);
    expect((await t.as.counselorA.portalAccess.state({ clientId: file.id })).state).toBe("none");
    // Typed: the number staff give replaces the (missing) one on file; an e-mail is bound too.
    const phone = freshPhone();
    const email = `typed-${randomUUID().slice(0, 6)}@test.example`;
    const inv = await t.as.counselorA.portalAccess.invite({
      clientId: file.id,
      phone: `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`,
      email: ` ${email.toUpperCase()} `,
    });
    expect(inv).toMatchObject({ phoneLast4: phone.slice(-4), email });
    const accepted = await callerFor(null).auth.acceptInvitation({ token: tokenOf(inv.link), name: "两种登录", password: PASSWORD });
    const byPhone = await verifyCredentials(phone, PASSWORD);
    expect(byPhone).not.toBeNull();
    expect(await verifyCredentials(email, PASSWORD)).toEqual(byPhone);
    expect(accepted.login).toBe(email);
  });
});

describe("the invitation's state on the file", () => {
  it("reads the same for her counselor and an admin: none → invited → revoked → invited → expired → invited → active", async () => {
    const t = await createTenant();
    const file = await fileOf(t);
    const read = async () => {
      const [c, a] = await Promise.all([
        t.as.counselorA.portalAccess.state({ clientId: file.id }),
        t.as.admin.portalAccess.state({ clientId: file.id }),
      ]);
      expect(c).toEqual(a);
      return c;
    };
    expect(await read()).toMatchObject({ state: "none", login: null, invitation: null, fileActive: true });

    const first = await t.as.counselorA.portalAccess.invite({ clientId: file.id });
    const invited = await read();
    expect(invited).toMatchObject({
      state: "invited",
      invitation: {
        id: first.id,
        invitedByName: "CounselorA",
        phoneLast4: file.phone.slice(-4),
        email: null,
        acceptedAt: null,
        revokedAt: null,
      },
    });
    expect(invited.invitation!.expiresAt.getTime()).toBe(first.expiresAt.getTime());
    // Copy the link again: the same link, as long as it is pending.
    expect((await t.as.admin.portalAccess.revealLink({ clientId: file.id })).link).toBe(first.link);

    await t.as.admin.portalAccess.revoke({ clientId: file.id, invitationId: first.id });
    expect(await read()).toMatchObject({ state: "revoked", invitation: { id: first.id } });
    expect(await codeOf(t.as.counselorA.portalAccess.revealLink({ clientId: file.id }))).toBe("NOT_FOUND");
    expect(await codeOf(t.as.counselorA.portalAccess.revoke({ clientId: file.id, invitationId: first.id }))).toBe("NOT_FOUND");
    expect(
      (await fieldsOf(callerFor(null).auth.acceptInvitation({ token: tokenOf(first.link), name: "x", password: PASSWORD }))).token,
    ).toEqual(["invitationInvalid"]);

    const second = await t.as.counselorA.portalAccess.invite({ clientId: file.id });
    expect((await read()).state).toBe("invited");
    const db = await getDb();
    await db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(and(eq(invitations.orgId, t.orgId), eq(invitations.id, second.id)));
    expect(await read()).toMatchObject({ state: "expired", invitation: { id: second.id } });
    expect(await codeOf(t.as.admin.portalAccess.revealLink({ clientId: file.id }))).toBe("NOT_FOUND");

    // Sending a new one while one is pending stops the old link.
    const third = await t.as.admin.portalAccess.invite({ clientId: file.id });
    const fourth = await t.as.counselorA.portalAccess.invite({ clientId: file.id });
    expect((await read()).invitation!.id).toBe(fourth.id);
    expect(
      (await fieldsOf(callerFor(null).auth.acceptInvitation({ token: tokenOf(third.link), name: "x", password: PASSWORD }))).token,
    ).toEqual(["invitationInvalid"]);

    await callerFor(null).auth.acceptInvitation({ token: tokenOf(fourth.link), name: file.name, password: PASSWORD });
    const active = await read();
    expect(active).toMatchObject({ state: "active", login: { deactivatedAt: null, email: null, phoneLast4: file.phone.slice(-4) } });
    expect(Math.abs(active.login!.since.getTime() - Date.now())).toBeLessThan(60_000);
    expect(await codeOf(t.as.admin.portalAccess.revealLink({ clientId: file.id }))).toBe("NOT_FOUND");

    // Every step left an audit row in the file's organization.
    const actions = (await t.as.admin.audit.list({ entityType: "invitation" })).rows.map((r) => r.action);
    expect(actions.filter((a) => a === "invitation.create")).toHaveLength(4);
    expect(actions).toContain("invitation.revealLink");
    expect(actions).toContain("invitation.accept");
  });

  it("an existing login reads as active, and as deactivated once the admin deactivates it", async () => {
    const t = await createTenant();
    expect((await t.as.counselorA.portalAccess.state({ clientId: t.clientA.id })).state).toBe("active");
    await t.as.admin.org.setMemberActive({ userId: t.clientUserA.id, active: false });
    expect((await t.as.counselorA.portalAccess.state({ clientId: t.clientA.id })).state).toBe("deactivated");
  });
});

describe("signing in with a mobile number", () => {
  it("accepts the number however it is written; refuses a wrong password and an unknown number", async () => {
    const t = await createTenant();
    const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
    const file = await fileOf(t, phone);
    const inv = await t.as.counselorA.portalAccess.invite({ clientId: file.id });
    await callerFor(null).auth.acceptInvitation({ token: tokenOf(inv.link), name: file.name, password: PASSWORD });
    const user = await verifyCredentials(phone, PASSWORD);
    expect(user).not.toBeNull();
    for (const typed of [
      `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`,
      `+86 ${phone}`,
      `+86-${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`,
      `86${phone}`,
      ` ${phone} `,
    ]) {
      expect(await verifyCredentials(typed, PASSWORD), typed).toEqual(user);
    }
    expect(await verifyCredentials(phone, "not the password")).toBeNull();
    expect(await verifyCredentials(freshPhone(), PASSWORD)).toBeNull();
    expect(await verifyCredentials(phone.slice(1), PASSWORD)).toBeNull();
    expect(await verifyCredentials("not a login", PASSWORD)).toBeNull();
    // Through next-auth's authorize step, as the login page calls it.
    expect(await authorize(`+86 ${phone}`, PASSWORD, "10.0.0.1")).toEqual({ id: user!.id });
    expect(await authorize(phone, "wrong", "10.0.0.1")).toBeNull();
  });

  it("counts failed logins per account however the number is typed, and per address", async () => {
    const t = await createTenant();
    const phone = freshPhone();
    const file = await fileOf(t, phone);
    const inv = await t.as.counselorA.portalAccess.invite({ clientId: file.id });
    await callerFor(null).auth.acceptInvitation({ token: tokenOf(inv.link), name: file.name, password: PASSWORD });
    const ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7`;
    const forms = [phone, `+86 ${phone}`, `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`];
    for (let i = 0; i < 10; i++) expect(await authorize(forms[i % 3]!, `wrong ${i}`, ip)).toBeNull();
    // The 11th try, in yet another spelling and with the right password, is held back.
    await expect(authorize(`86-${phone}`, PASSWORD, ip)).rejects.toThrow(/^RateLimited:\d+$/);
    // From another address the person still signs in.
    expect(await authorize(phone, PASSWORD, `${ip}1`)).toEqual({ id: expect.any(String) });
  });

  it("one number is one person: the database refuses a second user with it, and a user with neither e-mail nor number", async () => {
    const t = await createTenant();
    const phone = freshPhone();
    const file = await fileOf(t, phone);
    const inv = await t.as.counselorA.portalAccess.invite({ clientId: file.id });
    await callerFor(null).auth.acceptInvitation({ token: tokenOf(inv.link), name: file.name, password: PASSWORD });
    const db = await getDb();
    await expect(
      db.insert(users).values({ name: "冒名", phoneHash: blindIndex(phone), phoneLast4: phone.slice(-4), passwordHash: "x" }),
    ).rejects.toThrow();
    await expect(db.insert(users).values({ name: "无账号", passwordHash: "x" })).rejects.toThrow();
    // A second file in the same agency with that number cannot be given the same login.
    const twin = await fileOf(t, phone);
    expect(await fieldsOf(t.as.counselorA.portalAccess.invite({ clientId: twin.id }))).toEqual({ phone: ["loginIdMemberHere"] });
    // Staff's e-mail and another person's number are two people: no one login for both.
    const mixed = await fileOf(t);
    expect(await fieldsOf(t.as.admin.portalAccess.invite({ clientId: mixed.id, phone, email: t.counselorB.email }))).toEqual({
      email: ["loginIdsTwoPeople"],
    });
  });

  it("a new person's password may not be her number", async () => {
    const t = await createTenant();
    const file = await fileOf(t);
    const inv = await t.as.counselorA.portalAccess.invite({ clientId: file.id });
    const before = await count("users");
    expect(
      (await fieldsOf(callerFor(null).auth.acceptInvitation({ token: tokenOf(inv.link), name: "x", password: file.phone }))).password,
    ).toEqual(["passwordIsPhone"]);
    expect(await count("users")).toBe(before);
  });
});

describe("one person, two agencies", () => {
  it("a client of agency A invited by agency B with the same number joins with her existing password: one login, two memberships", async () => {
    const a = await createTenant("A");
    const b = await createTenant("B");
    const phone = freshPhone();
    const fileA = await fileOf(a, phone, "林晓");
    const fileB = await createClientRecord(b.orgId, { counselorId: b.counselorA.id, phone, name: "林晓（乙机构）" });
    const invA = await a.as.counselorA.portalAccess.invite({ clientId: fileA.id });
    await callerFor(null).auth.acceptInvitation({ token: tokenOf(invA.link), name: "林晓", password: PASSWORD });
    const user = (await verifyCredentials(phone, PASSWORD))!;

    // B's counselor invites by the number on B's file: the link knows she already has an account.
    const invB = await b.as.counselorA.portalAccess.invite({ clientId: fileB.id });
    expect(await callerFor(null).auth.describeInvitation({ token: tokenOf(invB.link) })).toMatchObject({
      ok: true,
      hasAccount: true,
      phoneLast4: phone.slice(-4),
    });
    const before = { users: await count("users"), clientsB: await count("clients", b.orgId) };
    // She must prove it is her: a wrong password changes nothing.
    expect(
      (await fieldsOf(callerFor(null).auth.acceptInvitation({ token: tokenOf(invB.link), name: "-", password: "someone else's guess" })))
        .password,
    ).toEqual(["existingAccountPassword"]);
    expect((await b.as.admin.portalAccess.state({ clientId: fileB.id })).state).toBe("invited");
    const accepted = await callerFor(null).auth.acceptInvitation({ token: tokenOf(invB.link), name: "-", password: PASSWORD });
    expect(accepted.login).toBe(phone);
    expect(await count("users")).toBe(before.users);
    expect(await count("clients", b.orgId)).toBe(before.clientsB);

    // One login, two memberships, each agency's file linked to her.
    expect((await verifyCredentials(phone, PASSWORD))!.id).toBe(user.id);
    const orgs = (await callerFor(user.id).auth.me()).organizations.map((o) => o.orgId);
    expect(orgs.sort()).toEqual([a.orgId, b.orgId].sort());
    expect((await callerFor(user.id, a.orgId).client.mine())?.id).toBe(fileA.id);
    expect((await callerFor(user.id, b.orgId).client.mine())?.id).toBe(fileB.id);
    expect((await a.as.counselorA.portalAccess.state({ clientId: fileA.id })).state).toBe("active");
    expect((await b.as.counselorA.portalAccess.state({ clientId: fileB.id })).state).toBe("active");
    // Neither agency sees the other's file.
    expect(await codeOf(a.as.admin.portalAccess.state({ clientId: fileB.id }))).toBe("NOT_FOUND");
  });

  it("a staff member of one agency invited by e-mail as another agency's client confirms with her password", async () => {
    const a = await createTenant("A");
    const b = await createTenant("B");
    const fileB = await createClientRecord(b.orgId, { counselorId: b.counselorA.id });
    const inv = await b.as.admin.org.invite({ email: a.counselorA.email, role: "client", clientId: fileB.id });
    expect(await callerFor(null).auth.describeInvitation({ token: tokenOf(inv.link) })).toMatchObject({
      hasAccount: true,
      email: a.counselorA.email,
    });
    const accepted = await callerFor(null).auth.acceptInvitation({ token: tokenOf(inv.link), name: "-", password: TEST_PASSWORD });
    expect(accepted.login).toBe(a.counselorA.email);
    expect((await callerFor(a.counselorA.id, b.orgId).client.mine())?.id).toBe(fileB.id);
    expect(await callerFor(a.counselorA.id, a.orgId).org.current()).toEqual({ orgId: a.orgId, role: "counselor" });
  });
});
