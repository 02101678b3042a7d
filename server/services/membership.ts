import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { getDb, withUser, type Tx } from "@/db/client";
import { selectRows } from "./sql-rows";
import { memberships, organizations, type Role } from "@/db/schema";

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
  // One statement (db/migrations/0010_membership-lookup.sql): the function switches to the app role and the
  // person for its own implicit transaction, so row-level security applies as in withUser.
  const rows = await selectRows<{ orgId: string; userId: string; role: Role; require2fa: boolean; totpEnabledAt: unknown }>(
    (await getDb()) as unknown as Tx,
    sql`select org_id::text as "orgId", user_id::text as "userId", role, require_2fa as "require2fa", totp_enabled_at as "totpEnabledAt" from xs_active_memberships(${userId}::uuid)`,
  );
  // The chosen organization; a stale choice (left, or deactivated there) falls back to the oldest other.
  const row = rows.find((r) => r.orgId === activeOrgId) ?? rows[0];
  if (!row) return null;
  return {
    orgId: row.orgId,
    userId: row.userId,
    role: row.role,
    needsTwoFactor: (row.require2fa === true || (row.require2fa as unknown) === "t") && row.role !== "client" && !row.totpEnabledAt,
  };
}

export async function listMyOrganizations(userId: string) {
  return withUser(userId, (tx) =>
    tx
      .select({ orgId: organizations.id, name: organizations.name, role: memberships.role, isDemo: organizations.isDemo })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .where(and(eq(memberships.userId, userId), isNull(memberships.deactivatedAt)))
      .orderBy(asc(memberships.createdAt)),
  );
}
