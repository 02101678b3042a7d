import { randomUUID } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { withTenant, type Tx } from "@/db/client";
import { clients, invitations, memberships, organizations, users, type Role } from "@/db/schema";
import type { AcceptInvitationInput, CreateInvitationInput } from "@/server/schemas/auth";
import { randomToken, sha256Hex } from "@/server/crypto";
import { env } from "@/server/env";
import { AppError, fieldError } from "@/server/errors";
import { writeAudit } from "./audit";
import { deliver } from "./mail";
import { hashPassword, passwordProblem, verifyPassword } from "./passwords";

export const INVITATION_TTL_DAYS = 7;

type Actor = { orgId: string; userId: string; requestId?: string };

export async function createInvitation(actor: Actor, input: CreateInvitationInput) {
  const token = randomToken(32);
  const id = randomUUID();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000);
  const result = await withTenant(actor, async (tx) => {
    const existing = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, actor.orgId), eq(users.email, input.email)))
      .limit(1);
    if (existing.length) throw fieldError("email", "alreadyMember");
    if (input.clientId) {
      if (input.role !== "client") throw fieldError("clientId", "clientIdOnlyForClients");
      const [client] = await tx
        .select({ userId: clients.userId })
        .from(clients)
        .where(and(eq(clients.orgId, actor.orgId), eq(clients.id, input.clientId)))
        .limit(1);
      if (!client) throw fieldError("clientId", "notFound");
      if (client.userId) throw fieldError("clientId", "clientHasLogin");
    }
    const [org] = await tx
      .select({ name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, actor.orgId));
    await tx.insert(invitations).values({
      orgId: actor.orgId,
      id,
      email: input.email,
      role: input.role,
      clientId: input.clientId ?? null,
      tokenHash: sha256Hex(token),
      invitedBy: actor.userId,
      expiresAt,
    });
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "invitation.create",
      entityType: "invitation",
      entityId: id,
      after: { email: input.email, role: input.role, expiresAt: expiresAt.toISOString() },
      requestId: actor.requestId,
    });
    return { orgName: org?.name ?? "" };
  });
  const link = `${env().APP_URL}/invite/${actor.orgId}.${token}`;
  const mail = await deliver(
    {
      to: input.email,
      subject: `${result.orgName} 邀请您加入协商 Xieshang / invites you to Xieshang`,
      text:
        `${result.orgName} 邀请您加入协商 Xieshang。请在 ${INVITATION_TTL_DAYS} 天内打开此链接设置密码：\n${link}\n\n` +
        `${result.orgName} invites you to Xieshang. Open this link within ${INVITATION_TTL_DAYS} days to set your password:\n${link}\n`,
    },
    actor.requestId,
  );
  return { id, link, expiresAt, emailed: mail.sent };
}

export async function listInvitations(actor: Actor) {
  return withTenant(actor, (tx) =>
    tx
      .select({
        id: invitations.id,
        email: invitations.email,
        role: invitations.role,
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
      .where(
        and(
          eq(invitations.orgId, actor.orgId),
          eq(invitations.id, id),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
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
  if (!row || row.revokedAt) return "invitationInvalid";
  if (row.acceptedAt) return "invitationUsed";
  if (row.expiresAt.getTime() < Date.now()) return "invitationExpired";
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
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, row.email)).limit(1);
    return {
      ok: true as const,
      email: row.email,
      role: row.role as Role,
      organizationName: org?.name ?? "",
      hasAccount: Boolean(user),
      expiresAt: row.expiresAt,
    };
  });
}

/**
 * Accepts an invitation: a new person sets their password; a person who already has an account
 * (in another organization) confirms with their password. One use only.
 */
export async function acceptInvitation(input: AcceptInvitationInput, requestId?: string) {
  const { orgId, secret } = splitToken(input.token);
  return withTenant({ orgId }, async (tx) => {
    const row = await findByToken(tx, orgId, secret, true);
    const problem = invitationProblem(row);
    if (problem || !row) throw fieldError("token", problem ?? "invitationInvalid");
    const [existing] = await tx
      .select({ id: users.id, passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.email, row.email))
      .limit(1);
    let userId: string;
    if (existing) {
      if (!(await verifyPassword(existing.passwordHash, input.password))) {
        throw fieldError("password", "existingAccountPassword");
      }
      userId = existing.id;
      const [member] = await tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
      if (member) throw fieldError("token", "alreadyMember");
    } else {
      const weak = passwordProblem(input.password, row.email);
      if (weak) throw fieldError("password", weak);
      userId = randomUUID();
      await tx.insert(users).values({
        id: userId,
        email: row.email,
        name: input.name,
        passwordHash: await hashPassword(input.password),
      });
    }
    await tx.insert(memberships).values({ orgId, userId, role: row.role });
    if (row.role === "client") {
      if (row.clientId) {
        await tx
          .update(clients)
          .set({ userId, updatedAt: new Date() })
          .where(and(eq(clients.orgId, orgId), eq(clients.id, row.clientId)));
      } else {
        await tx.insert(clients).values({ orgId, userId, fullName: input.name });
      }
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
      after: { email: row.email, role: row.role },
      requestId,
    });
    return { email: row.email, orgId };
  });
}
