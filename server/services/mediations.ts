import { and, asc, eq, isNull } from "drizzle-orm";
import { withTenant, type Tx } from "@/db/client";
import { agreements, instalments, mediationBodies, mediationSessions, mediations } from "@/db/schema";
import { courtDeadline } from "@/server/domain/court-clocks";
import { scheduleFromTerms } from "@/server/domain/terms";
import { basisFromFigures } from "@/server/domain/terms-check";
import { AppError, fieldError } from "@/server/errors";
import type {
  AddSessionInput,
  EndMediationInput,
  MediationBodyInput,
  RecordConfirmationInput,
  RecordMediationAgreementInput,
  StartMediationInput,
  UpdateMediationBodyInput,
} from "@/server/schemas/legal";
import type { Actor } from "./access";
import { writeAudit } from "./audit";
import { refreshBalances } from "./balances";
import { loadCalendar } from "./calendar";
import { caseDebt, domain, loadCase, moveCaseOn } from "./cases";
import { checkedCaseNumber } from "./legal";
import { markPlanNeedsReview } from "./plan-review";
import { guardTerms } from "./terms-guard";

async function audit(tx: Tx, actor: Actor, action: string, entityType: string, entityId: string, before: unknown, after: unknown) {
  await writeAudit(tx, {
    orgId: actor.orgId,
    actorUserId: actor.userId,
    action,
    entityType,
    entityId,
    before,
    after,
    requestId: actor.requestId,
  });
}

// ---- the directory ----

const BODY_COLUMNS = {
  id: mediationBodies.id,
  kind: mediationBodies.kind,
  name: mediationBodies.name,
  region: mediationBodies.region,
  phone: mediationBodies.phone,
  notes: mediationBodies.notes,
  archivedAt: mediationBodies.archivedAt,
  version: mediationBodies.version,
};

export async function listMediationBodies(actor: Actor, opts: { includeArchived?: boolean } = {}) {
  return withTenant(actor, (tx) =>
    tx
      .select(BODY_COLUMNS)
      .from(mediationBodies)
      .where(and(eq(mediationBodies.orgId, actor.orgId), opts.includeArchived ? undefined : isNull(mediationBodies.archivedAt)))
      .orderBy(asc(mediationBodies.kind), asc(mediationBodies.name)),
  );
}

async function assertNameFree(tx: Tx, orgId: string, name: string, exceptId?: string) {
  const [row] = await tx
    .select({ id: mediationBodies.id })
    .from(mediationBodies)
    .where(and(eq(mediationBodies.orgId, orgId), eq(mediationBodies.name, name)))
    .limit(1);
  if (row && row.id !== exceptId) throw fieldError("name", "mediationBodyNameTaken");
}

export async function createMediationBody(actor: Actor, input: MediationBodyInput) {
  return withTenant(actor, async (tx) => {
    await assertNameFree(tx, actor.orgId, input.name);
    const values = {
      kind: input.kind,
      name: input.name,
      region: input.region ?? null,
      phone: input.phone ?? null,
      notes: input.notes ?? null,
    };
    const [row] = await tx
      .insert(mediationBodies)
      .values({ orgId: actor.orgId, ...values })
      .returning({ id: mediationBodies.id, version: mediationBodies.version });
    await audit(tx, actor, "mediationBody.create", "mediation_body", row!.id, null, values);
    return row!;
  });
}

export async function updateMediationBody(actor: Actor, input: UpdateMediationBodyInput) {
  return withTenant(actor, async (tx) => {
    const [before] = await tx
      .select(BODY_COLUMNS)
      .from(mediationBodies)
      .where(and(eq(mediationBodies.orgId, actor.orgId), eq(mediationBodies.id, input.id)))
      .limit(1);
    if (!before) throw new AppError("NOT_FOUND");
    await assertNameFree(tx, actor.orgId, input.name, input.id);
    const values = {
      kind: input.kind,
      name: input.name,
      region: input.region ?? null,
      phone: input.phone ?? null,
      notes: input.notes ?? null,
    };
    const [row] = await tx
      .update(mediationBodies)
      .set({ ...values, version: input.version + 1 })
      .where(and(eq(mediationBodies.orgId, actor.orgId), eq(mediationBodies.id, input.id), eq(mediationBodies.version, input.version)))
      .returning({ id: mediationBodies.id, version: mediationBodies.version });
    if (!row) throw new AppError("CONFLICT");
    await audit(tx, actor, "mediationBody.update", "mediation_body", row.id, before, values);
    return row;
  });
}

export async function setMediationBodyArchived(actor: Actor, input: { id: string; archived: boolean }) {
  return withTenant(actor, async (tx) => {
    const [row] = await tx
      .update(mediationBodies)
      .set({ archivedAt: input.archived ? new Date() : null })
      .where(and(eq(mediationBodies.orgId, actor.orgId), eq(mediationBodies.id, input.id)))
      .returning({ id: mediationBodies.id, archivedAt: mediationBodies.archivedAt });
    if (!row) throw new AppError("NOT_FOUND");
    await audit(tx, actor, input.archived ? "mediationBody.archive" : "mediationBody.restore", "mediation_body", row.id, null, input);
    return row;
  });
}

/** A body of the organization's directory, not archived; a field error on `field` otherwise. */
export async function activeBody(tx: Tx, actor: Actor, bodyId: string, field: string) {
  const [body] = await tx
    .select({ id: mediationBodies.id, name: mediationBodies.name })
    .from(mediationBodies)
    .where(and(eq(mediationBodies.orgId, actor.orgId), eq(mediationBodies.id, bodyId), isNull(mediationBodies.archivedAt)))
    .limit(1);
  if (!body) throw fieldError(field, "mediationBodyUnknown");
  return body;
}

// ---- mediations of a case ----

type MediationRow = typeof mediations.$inferSelect;

async function loadMediation(tx: Tx, actor: Actor, caseId: string, mediationId: string, version: number): Promise<MediationRow> {
  const [row] = await tx
    .select()
    .from(mediations)
    .where(and(eq(mediations.orgId, actor.orgId), eq(mediations.caseId, caseId), eq(mediations.id, mediationId)))
    .limit(1)
    .for("update");
  if (!row) throw new AppError("NOT_FOUND");
  if (row.version !== version) throw new AppError("CONFLICT");
  return row;
}

export async function startMediation(actor: Actor, input: StartMediationInput) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, input.caseId, { lock: true });
    const body = await activeBody(tx, actor, input.bodyId, "bodyId");
    const [open] = await tx
      .select({ id: mediations.id })
      .from(mediations)
      .where(and(eq(mediations.orgId, actor.orgId), eq(mediations.caseId, c.id), eq(mediations.status, "open")))
      .limit(1);
    if (open) throw fieldError("bodyId", "mediationOpen");
    const values = {
      bodyId: body.id,
      preSuit: input.preSuit,
      caseNumber: checkedCaseNumber(input.caseNumber, "caseNumber"),
      startedOn: input.startedOn,
      note: input.note ?? null,
    };
    const [row] = await tx
      .insert(mediations)
      .values({ orgId: actor.orgId, caseId: c.id, clientId: c.clientId, createdBy: actor.userId, ...values })
      .returning({ id: mediations.id, version: mediations.version });
    await audit(tx, actor, "mediation.start", "mediation", row!.id, null, { caseId: c.id, ...values });
    return row!;
  });
}

export async function addMediationSession(actor: Actor, input: AddSessionInput) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, input.caseId);
    const [m] = await tx
      .select({ id: mediations.id, startedOn: mediations.startedOn })
      .from(mediations)
      .where(and(eq(mediations.orgId, actor.orgId), eq(mediations.caseId, c.id), eq(mediations.id, input.mediationId)))
      .limit(1);
    if (!m) throw new AppError("NOT_FOUND");
    if (input.heldOn < m.startedOn) throw fieldError("heldOn", "beforeMediation", { date: m.startedOn });
    const values = { heldOn: input.heldOn, participants: input.participants, note: input.note ?? null };
    const [row] = await tx
      .insert(mediationSessions)
      .values({ orgId: actor.orgId, caseId: c.id, mediationId: m.id, createdBy: actor.userId, ...values })
      .returning({ id: mediationSessions.id });
    await audit(tx, actor, "mediation.session", "mediation", m.id, null, { sessionId: row!.id, ...values });
    return row!;
  });
}

/**
 * The mediation ended in an agreement: its terms (checked against the debt like a proposal's) become an
 * agreement of source "mediation" with its schedule, so payments, the agenda and the portal treat it as
 * any agreement; the case moves to agreed. The last day to ask a court to confirm it is stored.
 */
export async function recordMediationAgreement(actor: Actor, input: RecordMediationAgreementInput) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, input.caseId, { lock: true });
    const m = await loadMediation(tx, actor, c.id, input.mediationId, input.version);
    if (m.status !== "open") throw fieldError("mediationId", "mediationClosed");
    if (input.agreedOn < m.startedOn) throw fieldError("agreedOn", "beforeMediation", { date: m.startedOn });
    const [active] = await tx
      .select({ id: agreements.id })
      .from(agreements)
      .where(and(eq(agreements.orgId, actor.orgId), eq(agreements.caseId, c.id), eq(agreements.status, "active")))
      .limit(1);
    if (active) throw new AppError("CONFLICT", { messageKey: "agreementExists" });
    const warnings = await guardTerms(tx, actor, c, input.terms, basisFromFigures(await caseDebt(tx, actor, c)));
    const rows = domain(() => scheduleFromTerms(input.terms));
    const [agreement] = await tx
      .insert(agreements)
      .values({
        orgId: actor.orgId,
        caseId: c.id,
        proposalId: null,
        responseId: null,
        source: "mediation",
        terms: input.terms,
        agreedOn: input.agreedOn,
        createdBy: actor.userId,
      })
      .returning({ id: agreements.id });
    if (!agreement) throw new Error("agreement insert returned nothing");
    if (rows.length > 0) {
      await tx.insert(instalments).values(
        rows.map((r) => ({
          orgId: actor.orgId,
          agreementId: agreement.id,
          seq: r.seq,
          dueDate: r.dueDate,
          amountFen: r.paymentFen,
          principalFen: r.principalFen,
          interestFen: r.interestFen,
        })),
      );
    }
    const calendar = await loadCalendar(tx);
    const confirmationDueOn = domain(() => courtDeadline(calendar, "judicial-confirmation", input.agreedOn)).dueOn;
    const [updated] = await tx
      .update(mediations)
      .set({ status: "agreed", endedOn: input.agreedOn, agreementId: agreement.id, confirmationDueOn, version: m.version + 1 })
      .where(and(eq(mediations.orgId, actor.orgId), eq(mediations.id, m.id), eq(mediations.version, m.version)))
      .returning({ id: mediations.id, version: mediations.version });
    if (!updated) throw new AppError("CONFLICT");
    await audit(tx, actor, "agreement.create", "agreement", agreement.id, null, {
      caseId: c.id,
      source: "mediation",
      mediationId: m.id,
      instalments: rows.length,
      warnings: warnings.map((w) => w.code),
    });
    await audit(
      tx,
      actor,
      "mediation.agree",
      "mediation",
      m.id,
      { status: m.status },
      { status: "agreed", agreementId: agreement.id, confirmationDueOn },
    );
    await moveCaseOn(tx, actor, c, "mediationAgreed", "mediation agreement");
    await refreshBalances(tx, actor.orgId, [c.debtId]);
    await markPlanNeedsReview(tx, actor.orgId, c.clientId, "agreement-changed");
    return {
      mediationId: m.id,
      version: updated.version,
      agreementId: agreement.id,
      instalments: rows.length,
      confirmationDueOn,
      warnings,
    };
  });
}

export async function endMediation(actor: Actor, input: EndMediationInput) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, input.caseId, { lock: true });
    const m = await loadMediation(tx, actor, c.id, input.mediationId, input.version);
    if (m.status !== "open") throw fieldError("mediationId", "mediationClosed");
    if (input.endedOn < m.startedOn) throw fieldError("endedOn", "beforeMediation", { date: m.startedOn });
    const [row] = await tx
      .update(mediations)
      .set({ status: input.status, endedOn: input.endedOn, note: input.note ?? m.note, version: m.version + 1 })
      .where(and(eq(mediations.orgId, actor.orgId), eq(mediations.id, m.id), eq(mediations.version, m.version)))
      .returning({ id: mediations.id, version: mediations.version, status: mediations.status });
    if (!row) throw new AppError("CONFLICT");
    await audit(tx, actor, "mediation.end", "mediation", m.id, { status: m.status }, { status: input.status, endedOn: input.endedOn });
    return row;
  });
}

/** 司法确认: whether a court confirmed the mediation agreement (and when, with the ruling's number). */
export async function recordConfirmation(actor: Actor, input: RecordConfirmationInput) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, input.caseId, { lock: true });
    const m = await loadMediation(tx, actor, c.id, input.mediationId, input.version);
    if (m.status !== "agreed") throw fieldError("confirmed", "mediationNotAgreed");
    if (input.confirmed && input.confirmedOn && m.endedOn && input.confirmedOn < m.endedOn) {
      throw fieldError("confirmedOn", "beforeAgreement", { date: m.endedOn });
    }
    const values = input.confirmed
      ? {
          judiciallyConfirmed: true,
          confirmedOn: input.confirmedOn ?? null,
          confirmationCaseNumber: checkedCaseNumber(input.confirmationCaseNumber, "confirmationCaseNumber"),
        }
      : { judiciallyConfirmed: false, confirmedOn: null, confirmationCaseNumber: null };
    const [row] = await tx
      .update(mediations)
      .set({ ...values, version: m.version + 1 })
      .where(and(eq(mediations.orgId, actor.orgId), eq(mediations.id, m.id), eq(mediations.version, m.version)))
      .returning({ id: mediations.id, version: mediations.version, judiciallyConfirmed: mediations.judiciallyConfirmed });
    if (!row) throw new AppError("CONFLICT");
    await audit(tx, actor, "mediation.confirmation", "mediation", m.id, { judiciallyConfirmed: m.judiciallyConfirmed }, values);
    return row;
  });
}
