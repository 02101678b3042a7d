import { and, asc, eq, ne, isNull, sql } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { memberships, users, type Role } from "@/db/schema";
import { AppError } from "@/server/errors";
import { writeAudit } from "./audit";

type Actor = { orgId: string; userId: string; requestId?: string };

export async function listMembers(actor: Actor) {
  return withTenant(actor, (tx) =>
    tx
      .select({
        userId: memberships.userId,
        name: users.name,
        email: users.email,
        phoneLast4: users.phoneLast4,
        role: memberships.role,
        deactivatedAt: memberships.deactivatedAt,
        createdAt: memberships.createdAt,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.orgId, actor.orgId))
      .orderBy(asc(memberships.createdAt)),
  );
}

/** Refuses a change that would leave the organization without an active admin. */
async function assertOtherAdmin(tx: Parameters<Parameters<typeof withTenant>[1]>[0], orgId: string, userId: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(
      and(eq(memberships.orgId, orgId), eq(memberships.role, "admin"), isNull(memberships.deactivatedAt), ne(memberships.userId, userId)),
    );
  if (!row || row.n < 1) throw new AppError("CONFLICT", { messageKey: "lastAdmin" });
}

export async function setMemberRole(actor: Actor, userId: string, role: Role) {
  return withTenant(actor, async (tx) => {
    const [before] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.orgId, actor.orgId), eq(memberships.userId, userId)))
      .for("update");
    if (!before) throw new AppError("NOT_FOUND");
    if (before.role === "client" || role === "client") {
      // A client's login belongs to their client record; staff and clients are invited separately.
      throw new AppError("CONFLICT", { messageKey: "roleChangeClient" });
    }
    if (before.role === "admin" && role !== "admin") await assertOtherAdmin(tx, actor.orgId, userId);
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.orgId, actor.orgId), eq(memberships.userId, userId)));
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "member.setRole",
      entityType: "membership",
      entityId: userId,
      before: { role: before.role },
      after: { role },
      requestId: actor.requestId,
    });
    return { userId, role };
  });
}

export async function setMemberActive(actor: Actor, userId: string, active: boolean) {
  return withTenant(actor, async (tx) => {
    const [before] = await tx
      .select({ role: memberships.role, deactivatedAt: memberships.deactivatedAt })
      .from(memberships)
      .where(and(eq(memberships.orgId, actor.orgId), eq(memberships.userId, userId)))
      .for("update");
    if (!before) throw new AppError("NOT_FOUND");
    if (!active && before.role === "admin") await assertOtherAdmin(tx, actor.orgId, userId);
    await tx
      .update(memberships)
      .set({ deactivatedAt: active ? null : new Date() })
      .where(and(eq(memberships.orgId, actor.orgId), eq(memberships.userId, userId)));
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: active ? "member.reactivate" : "member.deactivate",
      entityType: "membership",
      entityId: userId,
      requestId: actor.requestId,
    });
    return { userId, active };
  });
}
