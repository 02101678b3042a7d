import { and, desc, eq } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { invitations, memberships, organizations, users } from "@/db/schema";
import { portalAccessState } from "@/server/domain/portal-access";
import { assertClientAccess, type Actor } from "./access";

/**
 * A client file's portal login as the file shows it, the same for her counselor and an admin: the
 * login (since when, what she signs in with) or the latest invitation (when, by whom, to which number
 * or address, until when).
 */
export async function portalAccessOf(actor: Actor, clientId: string) {
  return withTenant(actor, async (tx) => {
    const client = await assertClientAccess(tx, actor, clientId);
    const [login] = client.userId
      ? await tx
          .select({
            since: memberships.createdAt,
            deactivatedAt: memberships.deactivatedAt,
            email: users.email,
            phoneLast4: users.phoneLast4,
          })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(and(eq(memberships.orgId, actor.orgId), eq(memberships.userId, client.userId)))
          .limit(1)
      : [];
    const [invitation] = await tx
      .select({
        id: invitations.id,
        createdAt: invitations.createdAt,
        invitedByName: users.name,
        email: invitations.email,
        phoneLast4: invitations.phoneLast4,
        expiresAt: invitations.expiresAt,
        acceptedAt: invitations.acceptedAt,
        revokedAt: invitations.revokedAt,
      })
      .from(invitations)
      .leftJoin(users, eq(users.id, invitations.invitedBy))
      .where(and(eq(invitations.orgId, actor.orgId), eq(invitations.clientId, clientId)))
      .orderBy(desc(invitations.createdAt))
      .limit(1);
    const [org] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, actor.orgId));
    return {
      state: portalAccessState(login ?? null, invitation ?? null, new Date()),
      /** A closed file gets no new invitation. */
      fileActive: client.status === "active",
      login: login ?? null,
      invitation: invitation ?? null,
      organizationName: org?.name ?? "",
    };
  });
}
