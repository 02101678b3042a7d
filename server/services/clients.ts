import { and, asc, eq, ilike, or } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { clients, users } from "@/db/schema";
import { blindIndex } from "@/server/crypto";
import { normalizePhone } from "@/server/domain/login-id";
import { clientVisibility, type Actor } from "./access";

// One normalisation for the file's number and the login's (server/domain/login-id.ts).
export { normalizePhone };

export async function listClients(actor: Actor, opts: { search?: string; limit?: number } = {}) {
  const search = opts.search?.trim();
  return withTenant(actor, (tx) =>
    tx
      .select({
        id: clients.id,
        fullName: clients.fullName,
        phoneLast4: clients.phoneLast4,
        city: clients.city,
        status: clients.status,
        sample: clients.sample,
        assignedCounselorId: clients.assignedCounselorId,
        counselorName: users.name,
        createdAt: clients.createdAt,
      })
      .from(clients)
      .leftJoin(users, eq(users.id, clients.assignedCounselorId))
      .where(
        and(
          clientVisibility(actor),
          search
            ? or(
                ilike(clients.fullName, `%${search.replace(/[%_\\]/g, "\\$&")}%`),
                eq(clients.phoneHash, blindIndex(normalizePhone(search))),
              )
            : undefined,
        ),
      )
      .orderBy(asc(clients.fullName), asc(clients.id))
      .limit(opts.limit ?? 100),
  );
}

/** The client record of the signed-in client (portal). */
export async function myClientRecord(actor: Actor) {
  return withTenant(actor, async (tx) => {
    const [row] = await tx
      .select({ id: clients.id, fullName: clients.fullName, counselorName: users.name })
      .from(clients)
      .leftJoin(users, eq(users.id, clients.assignedCounselorId))
      .where(and(eq(clients.orgId, actor.orgId), eq(clients.userId, actor.userId)))
      .limit(1);
    return row ?? null;
  });
}
