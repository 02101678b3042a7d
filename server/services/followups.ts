import { and, asc, eq, isNull } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { cases, clients, referrals, tasks, type ReferralKind, type ReferralStatus } from "@/db/schema";
import { AppError } from "@/server/errors";
import { clientVisibility, type Actor } from "./access";
import { writeAudit } from "./audit";
import { activeBody } from "./mediations";
import { loadCase } from "./cases";

// ---- tasks: follow-ups on the counselor's agenda ----

/** Open follow-ups the actor may see (a counselor: their clients'), soonest first; optionally one case's. */
export async function listTasks(actor: Actor, input: { caseId?: string; includeDone?: boolean } = {}) {
  return withTenant(actor, (tx) =>
    tx
      .select({
        id: tasks.id,
        caseId: tasks.caseId,
        kind: tasks.kind,
        title: tasks.title,
        proposalId: tasks.proposalId,
        dueOn: tasks.dueOn,
        dueEstimated: tasks.dueEstimated,
        doneAt: tasks.doneAt,
        clientName: clients.fullName,
      })
      .from(tasks)
      .innerJoin(cases, and(eq(cases.orgId, actor.orgId), eq(cases.id, tasks.caseId)))
      .innerJoin(clients, and(eq(clients.orgId, actor.orgId), eq(clients.id, cases.clientId)))
      .where(
        and(
          eq(tasks.orgId, actor.orgId),
          clientVisibility(actor),
          input.caseId ? eq(tasks.caseId, input.caseId) : undefined,
          input.includeDone ? undefined : isNull(tasks.doneAt),
        ),
      )
      .orderBy(asc(tasks.dueOn), asc(tasks.id))
      .limit(200),
  );
}

export async function createTask(actor: Actor, input: { caseId: string; title: string; dueOn: string }) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, input.caseId);
    const [row] = await tx
      .insert(tasks)
      .values({ orgId: actor.orgId, caseId: c.id, kind: "custom", title: input.title, dueOn: input.dueOn, assignedTo: actor.userId })
      .returning({ id: tasks.id });
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "task.create",
      entityType: "task",
      entityId: row!.id,
      after: input,
      requestId: actor.requestId,
    });
    return row!;
  });
}

export async function completeTask(actor: Actor, input: { taskId: string }) {
  return withTenant(actor, async (tx) => {
    const [task] = await tx
      .select({ id: tasks.id, caseId: tasks.caseId, doneAt: tasks.doneAt })
      .from(tasks)
      .where(and(eq(tasks.orgId, actor.orgId), eq(tasks.id, input.taskId)))
      .limit(1);
    if (!task) throw new AppError("NOT_FOUND");
    await loadCase(tx, actor, task.caseId);
    if (task.doneAt) return { id: task.id, doneAt: task.doneAt };
    const doneAt = new Date();
    await tx
      .update(tasks)
      .set({ doneAt })
      .where(and(eq(tasks.orgId, actor.orgId), eq(tasks.id, task.id)));
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "task.complete",
      entityType: "task",
      entityId: task.id,
      requestId: actor.requestId,
    });
    return { id: task.id, doneAt };
  });
}

// ---- referrals: lawyer, legal aid, financial adviser ----

export async function listReferrals(actor: Actor, caseId: string) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, caseId);
    return tx
      .select({
        id: referrals.id,
        kind: referrals.kind,
        toName: referrals.toName,
        mediationBodyId: referrals.mediationBodyId,
        status: referrals.status,
        outcome: referrals.outcome,
        createdAt: referrals.createdAt,
        updatedAt: referrals.updatedAt,
        version: referrals.version,
      })
      .from(referrals)
      .where(and(eq(referrals.orgId, actor.orgId), eq(referrals.caseId, c.id)))
      .orderBy(asc(referrals.createdAt));
  });
}

export async function createReferral(
  actor: Actor,
  input: { caseId: string; kind: ReferralKind; toName: string; mediationBodyId?: string },
) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, input.caseId);
    // A referral to mediation names a body of the directory (services/mediations.ts); its name is the body's.
    const body = input.mediationBodyId ? await activeBody(tx, actor, input.mediationBodyId, "mediationBodyId") : null;
    const [row] = await tx
      .insert(referrals)
      .values({
        orgId: actor.orgId,
        caseId: c.id,
        kind: input.kind,
        toName: body?.name ?? input.toName,
        mediationBodyId: body?.id ?? null,
        createdBy: actor.userId,
      })
      .returning({ id: referrals.id, status: referrals.status, version: referrals.version });
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "referral.create",
      entityType: "referral",
      entityId: row!.id,
      after: input,
      requestId: actor.requestId,
    });
    return row!;
  });
}

export async function updateReferral(
  actor: Actor,
  input: { caseId: string; referralId: string; status: ReferralStatus; outcome?: string; version: number },
) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, input.caseId);
    const [before] = await tx
      .select({ id: referrals.id, status: referrals.status, outcome: referrals.outcome, version: referrals.version })
      .from(referrals)
      .where(and(eq(referrals.orgId, actor.orgId), eq(referrals.caseId, c.id), eq(referrals.id, input.referralId)))
      .limit(1);
    if (!before) throw new AppError("NOT_FOUND");
    const [row] = await tx
      .update(referrals)
      .set({ status: input.status, outcome: input.outcome ?? before.outcome, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(referrals.orgId, actor.orgId), eq(referrals.id, before.id), eq(referrals.version, input.version)))
      .returning({ id: referrals.id, status: referrals.status, version: referrals.version });
    if (!row) throw new AppError("CONFLICT");
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "referral.update",
      entityType: "referral",
      entityId: row.id,
      before,
      after: row,
      requestId: actor.requestId,
    });
    return row;
  });
}
