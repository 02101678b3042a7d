import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { clients, memberships } from "@/db/schema";
import { AppError, fieldError } from "@/server/errors";
import type { Actor } from "./access";
import { writeAudit } from "./audit";

/**
 * Assigns clients to a counselor in bulk (admin). All or nothing: every client id must be one of this
 * organization's clients (else NOT_FOUND) and the counselor an active counselor of it, else nothing changes. One audit row
 * per client whose counselor changed; clients already with that counselor are left as they are.
 */
export async function assignClients(actor: Actor, input: { clientIds: string[]; counselorId: string }) {
  const ids = [...new Set(input.clientIds)];
  return withTenant(actor, async (tx) => {
    const rows = await tx
      .select({ id: clients.id, assignedCounselorId: clients.assignedCounselorId, version: clients.version, status: clients.status })
      .from(clients)
      .where(and(eq(clients.orgId, actor.orgId), inArray(clients.id, ids)))
      .orderBy(asc(clients.id))
      .for("update");
    if (rows.length !== ids.length) throw new AppError("NOT_FOUND");
    const [m] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.orgId, actor.orgId), eq(memberships.userId, input.counselorId), isNull(memberships.deactivatedAt)))
      .limit(1);
    if (!m || m.role !== "counselor") throw fieldError("counselorId", "unknownCounselor");
    if (rows.some((r) => r.status === "erased")) throw fieldError("clientIds", "clientErased");
    const changed = rows.filter((r) => r.assignedCounselorId !== input.counselorId);
    for (const r of changed) {
      const updated = await tx
        .update(clients)
        .set({ assignedCounselorId: input.counselorId, version: r.version + 1, updatedAt: new Date() })
        .where(and(eq(clients.orgId, actor.orgId), eq(clients.id, r.id), eq(clients.version, r.version)))
        .returning({ id: clients.id });
      if (updated.length === 0) throw new AppError("CONFLICT");
      await writeAudit(tx, {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action: "client.assign",
        entityType: "client",
        entityId: r.id,
        before: { assignedCounselorId: r.assignedCounselorId },
        after: { assignedCounselorId: input.counselorId },
        requestId: actor.requestId,
      });
    }
    return { assigned: changed.length, unchanged: rows.length - changed.length };
  });
}
