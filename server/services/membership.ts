import { and, asc, eq, isNull } from "drizzle-orm";
import { withUser } from "@/db/client";
import { memberships, organizations, users, type Role } from "@/db/schema";

export type Membership = {
  orgId: string;
  userId: string;
  role: Role;
  /** The organization requires two-factor sign-in of staff and this person has not set it up. */
  needsTwoFactor: boolean;
};

/**
 * The caller's active membership: the organization they chose, or their oldest active one.
 * Read on every request, so role changes and deactivation take effect at once.
 */
export async function loadMembership(userId: string, activeOrgId: string | null): Promise<Membership | null> {
  const rows = await withUser(userId, (tx) =>
    tx
      .select({
        orgId: memberships.orgId,
        userId: memberships.userId,
        role: memberships.role,
        require2fa: organizations.require2fa,
        totpEnabledAt: users.totpEnabledAt,
      })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.userId, userId), isNull(memberships.deactivatedAt)))
      .orderBy(asc(memberships.createdAt)),
  );
  // The chosen organization; a stale choice (left, or deactivated there) falls back to the oldest other.
  const row = rows.find((r) => r.orgId === activeOrgId) ?? rows[0];
  if (!row) return null;
  return {
    orgId: row.orgId,
    userId: row.userId,
    role: row.role,
    needsTwoFactor: row.require2fa && row.role !== "client" && !row.totpEnabledAt,
  };
}

export async function listMyOrganizations(userId: string) {
  return withUser(userId, (tx) =>
    tx
      .select({ orgId: organizations.id, name: organizations.name, role: memberships.role })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .where(and(eq(memberships.userId, userId), isNull(memberships.deactivatedAt)))
      .orderBy(asc(memberships.createdAt)),
  );
}
