import { randomUUID } from "node:crypto";
import { and, desc, eq, gte, isNull, or, type SQL } from "drizzle-orm";
import { withTenant, type Tx } from "@/db/client";
import { clients, invitations, memberships, organizations, users, type Role } from "@/db/schema";
import type { AcceptInvitationInput, CreateInvitationInput } from "@/server/schemas/auth";
import type { InviteToPortalInput } from "@/server/schemas/portal-access";
import { blindIndex, decrypt, encrypt, randomToken, sha256Hex } from "@/server/crypto";
import { isMobileNumber, normalizePhone, parseLoginId } from "@/server/domain/login-id";
import { invitationExpired } from "@/server/domain/portal-access";
import { env } from "@/server/env";
import { AppError, fieldError } from "@/server/errors";
import { assertClientAccess, type Actor } from "./access";
import { writeAudit } from "./audit";
import { deliver } from "./mail";
import { queueInvitationSms } from "./sms";
import { hashPassword, passwordProblem, verifyPassword } from "./passwords";

export const INVITATION_TTL_DAYS = 7;

/** Where an invitation goes, and so what the login it makes signs in with: an e-mail, a number (normalised), or both. */
type Address = { email: string | null; phone: string | null };

/** The person who already signs in with the address, if any, and by which of its parts. */
type Person = { id: string; passwordHash: string; matchedBy: "email" | "phone" };

/**
 * Looks the address up among the deployment's logins. Its e-mail and its number naming two different
 * people is a conflict: the invitation cannot make one login of them.
 */
async function findPerson(tx: Tx, email: string | null, phoneHash: string | null): Promise<Person | "conflict" | null> {
  const conditions: SQL[] = [];
  if (email) conditions.push(eq(users.email, email));
  if (phoneHash) conditions.push(eq(users.phoneHash, phoneHash));
  if (!conditions.length) return null;
  const rows = await tx
    .select({ id: users.id, email: users.email, phoneHash: users.phoneHash, passwordHash: users.passwordHash })
    .from(users)
    .where(or(...conditions))
    .limit(2);
  if (rows.length > 1) return "conflict";
  const [row] = rows;
  if (!row) return null;
  return { id: row.id, passwordHash: row.passwordHash, matchedBy: email && row.email === email ? "email" : "phone" };
}

async function isMember(tx: Tx, orgId: string, userId: string): Promise<boolean> {
  const [m] = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
    .limit(1);
  return Boolean(m);
}

function phoneColumns(phone: string | null) {
  return phone
    ? { phoneEnc: encrypt(phone), phoneHash: blindIndex(phone), phoneLast4: phone.slice(-4) }
    : { phoneEnc: null, phoneHash: null, phoneLast4: null };
}

const inviteLink = (orgId: string, token: string) => `${env().APP_URL}/invite/${orgId}.${token}`;

/**
 * Writes one invitation and its audit row. The token is kept sealed beside its hash, so the staff who
 * may invite can copy a pending link again (revealInvitationLink).
 */
async function insertInvitation(
  tx: Tx,
  actor: Actor,
  values: { address: Address; role: Role; clientId: string | null },
): Promise<{ id: string; token: string; expiresAt: Date; orgName: string }> {
  const token = randomToken(32);
  const id = randomUUID();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000);
  const phone = phoneColumns(values.address.phone);
  await tx.insert(invitations).values({
    orgId: actor.orgId,
    id,
    email: values.address.email,
    ...phone,
    role: values.role,
    clientId: values.clientId,
    tokenHash: sha256Hex(token),
    tokenEnc: encrypt(token),
    invitedBy: actor.userId,
    expiresAt,
  });
  await writeAudit(tx, {
    orgId: actor.orgId,
    actorUserId: actor.userId,
    action: "invitation.create",
    entityType: "invitation",
    entityId: id,
    after: {
      email: values.address.email,
      phoneLast4: phone.phoneLast4,
      role: values.role,
      clientId: values.clientId,
      expiresAt: expiresAt.toISOString(),
    },
    requestId: actor.requestId,
  });
  const [org] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, actor.orgId));
  return { id, token, expiresAt, orgName: org?.name ?? "" };
}

/** E-mails the link when there is an address (and SMTP is set); a number gets it from the staff, by hand, for now. */
async function sendInvitation(email: string | null, orgName: string, link: string, requestId?: string): Promise<boolean> {
  if (!email) return false;
  const mail = await deliver(
    {
      to: email,
      subject: `${orgName} 邀请您加入协商 Xieshang / invites you to Xieshang`,
      text:
        `${orgName} 邀请您加入协商 Xieshang。请在 ${INVITATION_TTL_DAYS} 天内打开此链接设置密码：\n${link}\n\n` +
        `${orgName} invites you to Xieshang. Open this link within ${INVITATION_TTL_DAYS} days to set your password:\n${link}\n`,
    },
    requestId,
  );
  return mail.sent;
}

/**
 * The admin's invitation of a member by e-mail. A client's invitation is always bound to her client
 * file (accepting never opens a second one): it goes through inviteToPortal.
 */
export async function createInvitation(actor: Actor, input: CreateInvitationInput) {
  if (input.role === "client") {
    if (!input.clientId) throw fieldError("clientId", "clientIdRequired");
    return inviteToPortal(actor, { clientId: input.clientId, email: input.email });
  }
  if (input.clientId) throw fieldError("clientId", "clientIdOnlyForClients");
  const result = await withTenant(actor, async (tx) => {
    const person = await findPerson(tx, input.email, null);
    if (person && person !== "conflict" && (await isMember(tx, actor.orgId, person.id))) throw fieldError("email", "alreadyMember");
    return insertInvitation(tx, actor, { address: { email: input.email, phone: null }, role: input.role, clientId: null });
  });
  const link = inviteLink(actor.orgId, result.token);
  const emailed = await sendInvitation(input.email, result.orgName, link, actor.requestId);
  return { id: result.id, link, expiresAt: result.expiresAt, emailed };
}

/** Revokes the file's pending invitations (a new one replaces them), each with its audit row. */
async function revokePending(tx: Tx, actor: Actor, clientId: string, onlyId?: string) {
  const rows = await tx
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invitations.orgId, actor.orgId),
        eq(invitations.clientId, clientId),
        onlyId ? eq(invitations.id, onlyId) : undefined,
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({ id: invitations.id });
  for (const r of rows) {
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "invitation.revoke",
      entityType: "invitation",
      entityId: r.id,
      after: { clientId },
      requestId: actor.requestId,
    });
  }
  return rows;
}

/**
 * Invites the person of a client file to the portal, bound to that file: by the mobile number on the
 * file unless staff give a number or an e-mail. The counselor may invite her own clients, an admin any;
 * a file with a login, or an address that is already someone's login in this organization, is refused.
 * A new invitation replaces a pending one.
 */
export async function inviteToPortal(actor: Actor, input: InviteToPortalInput) {
  const result = await withTenant(actor, async (tx) => {
    const client = await assertClientAccess(tx, actor, input.clientId);
    if (client.status !== "active") throw fieldError("clientId", "clientNotActive");
    if (client.userId) throw fieldError("clientId", "clientHasLogin");
    let phone = input.phone ? normalizePhone(input.phone) : null;
    if (!phone && !input.email) {
      const [file] = await tx
        .select({ phoneEnc: clients.phoneEnc })
        .from(clients)
        .where(and(eq(clients.orgId, actor.orgId), eq(clients.id, input.clientId)));
      phone = file?.phoneEnc ? normalizePhone(decrypt(file.phoneEnc)) : null;
      if (!phone) throw fieldError("phone", "portalAddressRequired");
      if (!isMobileNumber(phone)) throw fieldError("phone", "invalidPhone");
    }
    const address: Address = { email: input.email ?? null, phone };
    const person = await findPerson(tx, address.email, phone ? blindIndex(phone) : null);
    if (person === "conflict") throw fieldError("email", "loginIdsTwoPeople");
    if (person && (await isMember(tx, actor.orgId, person.id))) throw fieldError(person.matchedBy, "loginIdMemberHere");
    await revokePending(tx, actor, input.clientId);
    const inserted = await insertInvitation(tx, actor, { address, role: "client", clientId: input.clientId });
    return { ...inserted, email: address.email, phoneLast4: phone ? phone.slice(-4) : null };
  });
  const link = inviteLink(actor.orgId, result.token);
  const emailed = await sendInvitation(result.email, result.orgName, link, actor.requestId);
  // The link by SMS too, to the invited number, if she consented to SMS (services/sms.ts decides).
  const texted = result.phoneLast4 ? (await queueInvitationSms(actor, { clientId: input.clientId, invitationId: result.id })) > 0 : false;
  return { id: result.id, link, expiresAt: result.expiresAt, emailed, texted, email: result.email, phoneLast4: result.phoneLast4 };
}

/** Revokes the file's pending invitation (its link stops working at once). */
export async function revokePortalInvitation(actor: Actor, input: { clientId: string; invitationId: string }) {
  return withTenant(actor, async (tx) => {
    await assertClientAccess(tx, actor, input.clientId);
    const rows = await revokePending(tx, actor, input.clientId, input.invitationId);
    if (!rows.length) throw new AppError("NOT_FOUND");
    return { id: input.invitationId };
  });
}

/**
 * The link of the file's pending invitation, to copy again (e.g. when the first message was lost).
 * Every reveal is audited: the link is a credential until it is used.
 */
export async function revealInvitationLink(actor: Actor, clientId: string) {
  return withTenant(actor, async (tx) => {
    await assertClientAccess(tx, actor, clientId);
    const [row] = await tx
      .select({
        id: invitations.id,
        tokenEnc: invitations.tokenEnc,
        expiresAt: invitations.expiresAt,
        email: invitations.email,
        phoneLast4: invitations.phoneLast4,
      })
      .from(invitations)
      .where(
        and(
          eq(invitations.orgId, actor.orgId),
          eq(invitations.clientId, clientId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gte(invitations.expiresAt, new Date()),
        ),
      )
      .orderBy(desc(invitations.createdAt))
      .limit(1);
    if (!row?.tokenEnc) throw new AppError("NOT_FOUND", { messageKey: "invitationLinkGone" });
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "invitation.revealLink",
      entityType: "invitation",
      entityId: row.id,
      requestId: actor.requestId,
    });
    return {
      id: row.id,
      link: inviteLink(actor.orgId, decrypt(row.tokenEnc)),
      expiresAt: row.expiresAt,
      email: row.email,
      phoneLast4: row.phoneLast4,
    };
  });
}

export async function listInvitations(actor: Actor) {
  return withTenant(actor, (tx) =>
    tx
      .select({
        id: invitations.id,
        email: invitations.email,
        phoneLast4: invitations.phoneLast4,
        role: invitations.role,
        clientId: invitations.clientId,
        expiresAt: invitations.expiresAt,
        acceptedAt: invitations.acceptedAt,
        revokedAt: invitations.revokedAt,
        createdAt: invitations.createdAt,
      })
      .from(invitations)
      .where(eq(invitations.orgId, actor.orgId))
      .orderBy(desc(invitations.createdAt))
      .limit(200),
  );
}

export async function revokeInvitation(actor: Actor, id: string) {
  return withTenant(actor, async (tx) => {
    const [row] = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitations.orgId, actor.orgId), eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id });
    if (!row) throw new AppError("NOT_FOUND");
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "invitation.revoke",
      entityType: "invitation",
      entityId: id,
      requestId: actor.requestId,
    });
    return { id };
  });
}

function splitToken(token: string): { orgId: string; secret: string } {
  const [orgId = "", secret = ""] = token.split(".");
  return { orgId, secret };
}

type InvitationRow = typeof invitations.$inferSelect;

async function findByToken(tx: Tx, orgId: string, secret: string, lock: boolean): Promise<InvitationRow | undefined> {
  const q = tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.orgId, orgId), eq(invitations.tokenHash, sha256Hex(secret))))
    .limit(1);
  const [row] = lock ? await q.for("update") : await q;
  return row;
}

function invitationProblem(row: InvitationRow | undefined): string | null {
  // A client invitation made before 0014 without a client file would open a second one: not usable.
  if (!row || row.revokedAt || (row.role === "client" && !row.clientId)) return "invitationInvalid";
  if (row.acceptedAt) return "invitationUsed";
  if (invitationExpired(row.expiresAt, new Date())) return "invitationExpired";
  return null;
}

/** What the accept page shows before the person sets a password. */
export async function describeInvitation(token: string) {
  const { orgId, secret } = splitToken(token);
  return withTenant({ orgId }, async (tx) => {
    const row = await findByToken(tx, orgId, secret, false);
    const problem = invitationProblem(row);
    if (problem || !row) return { ok: false as const, problem: problem ?? "invitationInvalid" };
    const [org] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId));
    const person = await findPerson(tx, row.email, row.phoneHash);
    const [file] = row.clientId
      ? await tx
          .select({ fullName: clients.fullName })
          .from(clients)
          .where(and(eq(clients.orgId, orgId), eq(clients.id, row.clientId)))
      : [];
    return {
      ok: true as const,
      email: row.email,
      phoneLast4: row.phoneLast4,
      role: row.role as Role,
      organizationName: org?.name ?? "",
      hasAccount: Boolean(person),
      /** The name on the client file, to start the name field with. */
      suggestedName: file?.fullName ?? null,
      expiresAt: row.expiresAt,
    };
  });
}

/** PostgreSQL's unique_violation, however the driver wraps it. */
function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (e.code === "23505") return true;
  }
  return false;
}

/**
 * Accepts an invitation: a new person sets their password; a person who already signs in with the
 * invitation's e-mail or number (in another organization) confirms with their password. A client
 * invitation links the login to its client file and never opens another. One use only. Returns what
 * the person signs in with.
 */
export async function acceptInvitation(input: AcceptInvitationInput, requestId?: string) {
  const { orgId, secret } = splitToken(input.token);
  try {
    return await withTenant({ orgId }, async (tx) => {
      const row = await findByToken(tx, orgId, secret, true);
      const problem = invitationProblem(row);
      if (problem || !row) throw fieldError("token", problem ?? "invitationInvalid");
      const phone = row.phoneEnc ? decrypt(row.phoneEnc) : null;
      const person = await findPerson(tx, row.email, row.phoneHash);
      if (person === "conflict") throw fieldError("token", "loginIdsTwoPeople");
      let userId: string;
      let login: string;
      if (person) {
        if (!(await verifyPassword(person.passwordHash, input.password))) {
          throw fieldError("password", "existingAccountPassword");
        }
        userId = person.id;
        login = (person.matchedBy === "email" ? row.email : phone) ?? "";
        if (await isMember(tx, orgId, userId)) throw fieldError("token", "alreadyMember");
      } else {
        const typedAsPhone = parseLoginId(input.password);
        const weak =
          passwordProblem(input.password, row.email ?? undefined) ??
          (phone && typedAsPhone?.kind === "phone" && typedAsPhone.phone === phone ? "passwordIsPhone" : null);
        if (weak) throw fieldError("password", weak);
        userId = randomUUID();
        login = row.email ?? phone ?? "";
        await tx.insert(users).values({
          id: userId,
          email: row.email,
          phoneHash: row.phoneHash,
          phoneEnc: row.phoneEnc,
          phoneLast4: row.phoneLast4,
          name: input.name,
          passwordHash: await hashPassword(input.password),
        });
      }
      await tx.insert(memberships).values({ orgId, userId, role: row.role });
      if (row.role === "client" && row.clientId) {
        const linked = await tx
          .update(clients)
          .set({ userId, updatedAt: new Date() })
          .where(and(eq(clients.orgId, orgId), eq(clients.id, row.clientId), isNull(clients.userId)))
          .returning({ id: clients.id });
        // The file got a login another way since the invitation was sent: this one has nothing to link.
        if (!linked.length) throw fieldError("token", "clientHasLogin");
      }
      await tx
        .update(invitations)
        .set({ acceptedAt: new Date() })
        .where(and(eq(invitations.orgId, orgId), eq(invitations.id, row.id)));
      await writeAudit(tx, {
        orgId,
        actorUserId: userId,
        action: "invitation.accept",
        entityType: "invitation",
        entityId: row.id,
        after: { email: row.email, phoneLast4: row.phoneLast4, role: row.role, clientId: row.clientId, existingAccount: Boolean(person) },
        requestId,
      });
      return { email: row.email, orgId, login };
    });
  } catch (error) {
    // Another acceptance took the same e-mail or number a moment ago: that account now exists.
    if (isUniqueViolation(error)) throw fieldError("token", "loginIdJustTaken");
    throw error;
  }
}
