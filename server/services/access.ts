import { and, eq, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { clients, type Role } from "@/db/schema";
import { AppError } from "@/server/errors";

export type Actor = { orgId: string; userId: string; role: Role; requestId?: string };

/**
 * Which clients an actor may see, as a condition on `clients`: an admin all of the organization's, a
 * counselor those assigned to them, a client only their own record. Every service that reads a
 * client's data goes through this (or assertClientAccess), never through a bare id.
 */
export function clientVisibility(actor: Actor): SQL | undefined {
  const inOrg = eq(clients.orgId, actor.orgId);
  if (actor.role === "admin") return inOrg;
  if (actor.role === "counselor") return and(inOrg, eq(clients.assignedCounselorId, actor.userId));
  return and(inOrg, eq(clients.userId, actor.userId));
}

/** Loads a client the actor may see, or NOT_FOUND (never revealing that it exists elsewhere). */
export async function assertClientAccess(tx: Tx, actor: Actor, clientId: string) {
  const [row] = await tx
    .select({ id: clients.id, userId: clients.userId, assignedCounselorId: clients.assignedCounselorId, status: clients.status })
    .from(clients)
    .where(and(clientVisibility(actor), eq(clients.id, clientId)))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND");
  return row;
}
