import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { setTenant, withUser, type Tx } from "@/db/client";
import { memberships, organizations, users, type Role } from "@/db/schema";
import { AppError } from "@/server/errors";
import type { Actor } from "./access";

export type Membership = {
  orgId: string;
  userId: string;
  role: Role;
  /** The organization requires two-factor sign-in of staff and this person has not set it up. */
  needsTwoFactor: boolean;
};

/**
 * The caller's active membership: the organization they chose, or their oldest active one.
 * Read on every request, so role changes and deactivation take effect at once. One withUser transaction
 * (the role and the person set with SET LOCAL, so it works the same through a transaction pooler and on
 * Citus): the person's own memberships, then, for staff without two-factor set up, whether the chosen
 * organization requires it (read under that organization's own tenant setting: the organizations policy
 * has no subquery).
 */
export async function loadMembership(userId: string, activeOrgId: string | null): Promise<Membership | null> {
  return withUser(userId, async (tx) => {
    const rows = await ownMemberships(tx, userId);
    // The chosen organization; a stale choice (left, or deactivated there) falls back to the oldest other.
    const row = rows.find((r) => r.orgId === activeOrgId) ?? rows[0];
    if (!row) return null;
    let needsTwoFactor = false;
    if (row.role !== "client" && !row.totpEnabledAt) {
      await setTenant(tx, { orgId: row.orgId, role: false });
      const [org] = await tx
        .select({ require2fa: organizations.require2fa })
        .from(organizations)
        .where(eq(organizations.id, row.orgId))
        .limit(1);
      needsTwoFactor = org?.require2fa === true;
    }
    return { orgId: row.orgId, userId: row.userId, role: row.role, needsTwoFactor };
  });
}

/**
 * The person's active memberships in every organization, oldest first: the one read of a tenant table
 * without an organization (it is how the organization is found). On Citus a query on all shards of one
 * distributed table, joined only to a reference table (users), which Citus runs as it is.
 */
function ownMemberships(tx: Tx, userId: string) {
  return tx
    .select({ orgId: memberships.orgId, userId: memberships.userId, role: memberships.role, totpEnabledAt: users.totpEnabledAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.userId, userId), isNull(memberships.deactivatedAt)))
    .orderBy(asc(memberships.createdAt));
}

/**
 * The actor of a membership, or the refusal every transport gives (tRPC's orgProcedure, the route wrapper):
 * not a member → NOT_FOUND (the organization's existence is not revealed); staff of an organization that
 * requires two-factor sign-in, before they set it up → FORBIDDEN.
 */
export function actorOf(membership: Membership | null, requestId?: string): Actor {
  if (!membership) throw new AppError("NOT_FOUND", { messageKey: "noOrganization" });
  if (membership.needsTwoFactor) throw new AppError("FORBIDDEN", { messageKey: "twoFactorRequired" });
  return { orgId: membership.orgId, userId: membership.userId, role: membership.role, requestId };
}

export async function listMyOrganizations(userId: string) {
  return withUser(userId, async (tx) => {
    const mine = await ownMemberships(tx, userId);
    if (!mine.length) return [];
    // The organizations' names, readable for the organizations just read from the person's own memberships.
    await setTenant(tx, { memberOrgs: mine.map((m) => m.orgId), role: false });
    const names = await tx
      .select({ id: organizations.id, name: organizations.name, isDemo: organizations.isDemo })
      .from(organizations)
      .where(
        inArray(
          organizations.id,
          mine.map((m) => m.orgId),
        ),
      );
    const orgOf = new Map(names.map((o) => [o.id, o]));
    return mine
      .filter((m) => orgOf.has(m.orgId))
      .map((m) => ({ orgId: m.orgId, name: orgOf.get(m.orgId)?.name ?? "", role: m.role, isDemo: orgOf.get(m.orgId)?.isDemo ?? false }));
  });
}
