import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import { withTenant, type Tx } from "@/db/client";
import { agreements, caseEvents, cases, clients, debts, lenders, organizations, type BusinessHoursJson } from "@/db/schema";
import { nextContactWindow, parseBusinessHours } from "@/server/domain/calendar";
import { todayInShanghai } from "@/server/domain/time";
import {
  assertTransition,
  BREACH_TARGETS,
  CASE_EVENTS,
  UNDER_AGREEMENT_STATES,
  type CaseEvent,
  type CaseState,
} from "@/server/domain/case-state";
import { DomainError } from "@/server/domain/errors";
import { AppError, fieldError, fromDomainError } from "@/server/errors";
import { clientVisibility, assertClientAccess, type Actor } from "./access";
import { writeAudit } from "./audit";
import { loadCalendar } from "./calendar";
import { loadBalances, refreshBalances } from "./balances";

export type CaseRow = typeof cases.$inferSelect;

/** Runs pure domain code; a DomainError becomes a field error. */
export function domain<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof DomainError) throw fromDomainError(err);
    throw err;
  }
}

/**
 * The case if the actor may see its client (admin: all; counselor: assigned; client: own), else NOT_FOUND.
 * `lock` takes the case row FOR UPDATE: every change to a case (and every contact-log append) goes through
 * it, so they run one after another.
 */
export async function loadCase(tx: Tx, actor: Actor, caseId: string, opts: { lock?: boolean } = {}): Promise<CaseRow> {
  const query = tx
    .select({ c: cases })
    .from(cases)
    .innerJoin(clients, and(eq(clients.orgId, actor.orgId), eq(clients.id, cases.clientId)))
    .where(and(eq(cases.orgId, actor.orgId), eq(cases.id, caseId), clientVisibility(actor)))
    .limit(1);
  const [row] = opts.lock ? await query.for("update", { of: cases }) : await query;
  if (!row) throw new AppError("NOT_FOUND");
  return row.c;
}

/**
 * Leaving an agreement for negotiation, a lawyer or the archive means it fell apart. That is recorded once,
 * as a breach (agreements.ts recordBreach: the agreement broken with its day and reason, then the case
 * moved), never implied by a plain move: a case under an agreement in force does not leave it here.
 */
async function assertNotLeavingAgreement(tx: Tx, actor: Actor, c: CaseRow, to: CaseState): Promise<void> {
  if (!(UNDER_AGREEMENT_STATES as readonly CaseState[]).includes(c.status)) return;
  if (!(BREACH_TARGETS as readonly CaseState[]).includes(to)) return;
  const [active] = await tx
    .select({ id: agreements.id })
    .from(agreements)
    .where(and(eq(agreements.orgId, actor.orgId), eq(agreements.caseId, c.id), eq(agreements.status, "active")))
    .limit(1);
  if (active) throw fieldError("to", "agreementInForce");
}

/**
 * Moves a locked case to `to` (checked by the state machine), records who/when/why and bumps the version.
 * `expectedVersion` (from the person's screen) makes a stale change a CONFLICT. Returns the updated row.
 * Leaving an agreement in force is refused (record a breach instead); the debt's balance is recomputed
 * after every move (a completion, or a breach recorded just before the move).
 */
export async function moveCase(
  tx: Tx,
  actor: Actor,
  c: CaseRow,
  to: CaseState,
  reason: string | null,
  expectedVersion?: number,
): Promise<CaseRow> {
  if (expectedVersion !== undefined && expectedVersion !== c.version) throw new AppError("CONFLICT");
  domain(() => assertTransition(c.status, to));
  await assertNotLeavingAgreement(tx, actor, c, to);
  const [updated] = await tx
    .update(cases)
    .set({
      status: to,
      version: c.version + 1,
      updatedAt: new Date(),
      closedAt: to === "closed" ? new Date() : c.closedAt,
    })
    .where(and(eq(cases.orgId, actor.orgId), eq(cases.id, c.id), eq(cases.version, c.version)))
    .returning();
  if (!updated) throw new AppError("CONFLICT");
  await tx.insert(caseEvents).values({
    orgId: actor.orgId,
    caseId: c.id,
    fromStatus: c.status,
    toStatus: to,
    actorUserId: actor.userId,
    reason,
    // clock_timestamp, not now(): several moves in one transaction must keep their order.
    at: sql`clock_timestamp()`,
  });
  await refreshBalances(tx, actor.orgId, [c.debtId]);
  await writeAudit(tx, {
    orgId: actor.orgId,
    actorUserId: actor.userId,
    action: "case.transition",
    entityType: "case",
    entityId: c.id,
    before: { status: c.status, version: c.version },
    after: { status: to, version: updated.version, reason },
    requestId: actor.requestId,
  });
  return updated;
}

/**
 * Moves a locked case by a side effect of another action (sending a proposal, recording an answer…):
 * `routes` says, per state the action is allowed from, the states to pass through. A state not listed
 * means the action is not allowed now: a field error on "state", and nothing changes.
 */
export async function moveCaseVia(
  tx: Tx,
  actor: Actor,
  c: CaseRow,
  routes: Partial<Record<CaseState, readonly CaseState[]>>,
  reason: string,
): Promise<CaseRow> {
  const steps = routes[c.status];
  if (!steps) throw fieldError("state", "transition_not_allowed");
  let current = c;
  for (const to of steps) current = await moveCase(tx, actor, current, to, reason);
  return current;
}

/** Moves the case as `event` does from its state (CASE_EVENTS); an event that does not apply now is a field error on "state". */
export function moveCaseOn(tx: Tx, actor: Actor, c: CaseRow, event: CaseEvent, reason: string): Promise<CaseRow> {
  return moveCaseVia(tx, actor, c, CASE_EVENTS[event], reason);
}

export async function openCase(actor: Actor, input: { debtId: string; contactHours?: BusinessHoursJson }) {
  return withTenant(actor, async (tx) => {
    const [debt] = await tx
      .select({ id: debts.id, clientId: debts.clientId, archivedAt: debts.archivedAt })
      .from(debts)
      .where(and(eq(debts.orgId, actor.orgId), eq(debts.id, input.debtId)))
      .limit(1);
    if (!debt) throw new AppError("NOT_FOUND");
    await assertClientAccess(tx, actor, debt.clientId);
    const [existing] = await tx
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.orgId, actor.orgId), eq(cases.debtId, debt.id), ne(cases.status, "closed")))
      .limit(1);
    if (existing) throw new AppError("CONFLICT", { messageKey: "caseAlreadyOpen", params: { caseId: existing.id } });
    const [row] = await tx
      .insert(cases)
      .values({
        orgId: actor.orgId,
        clientId: debt.clientId,
        debtId: debt.id,
        status: "intake",
        contactHours: input.contactHours ?? null,
        openedBy: actor.userId,
      })
      .returning({ id: cases.id, status: cases.status, version: cases.version });
    if (!row) throw new Error("case insert returned nothing");
    await tx.insert(caseEvents).values({
      orgId: actor.orgId,
      caseId: row.id,
      fromStatus: null,
      toStatus: "intake",
      actorUserId: actor.userId,
      reason: null,
      at: sql`clock_timestamp()`,
    });
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "case.open",
      entityType: "case",
      entityId: row.id,
      after: { debtId: debt.id, clientId: debt.clientId },
      requestId: actor.requestId,
    });
    return row;
  });
}

export async function transitionCase(actor: Actor, input: { caseId: string; to: CaseState; reason?: string; version: number }) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, input.caseId, { lock: true });
    const updated = await moveCase(tx, actor, c, input.to, input.reason ?? null, input.version);
    return { id: updated.id, status: updated.status, version: updated.version };
  });
}

export async function setContactHours(actor: Actor, input: { caseId: string; contactHours: BusinessHoursJson | null; version: number }) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, input.caseId, { lock: true });
    if (input.contactHours) {
      const hours = input.contactHours;
      domain(() => parseBusinessHours(hours));
    }
    const [updated] = await tx
      .update(cases)
      .set({ contactHours: input.contactHours, version: c.version + 1, updatedAt: new Date() })
      .where(and(eq(cases.orgId, actor.orgId), eq(cases.id, c.id), eq(cases.version, input.version)))
      .returning({ version: cases.version });
    if (!updated) throw new AppError("CONFLICT");
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "case.setContactHours",
      entityType: "case",
      entityId: c.id,
      before: { contactHours: c.contactHours },
      after: { contactHours: input.contactHours },
      requestId: actor.requestId,
    });
    return updated;
  });
}

/** Cases the actor may see, newest first (optionally one client's). */
export async function listCases(actor: Actor, input: { clientId?: string } = {}) {
  return withTenant(actor, (tx) =>
    tx
      .select({
        id: cases.id,
        status: cases.status,
        version: cases.version,
        openedAt: cases.openedAt,
        clientId: cases.clientId,
        clientName: clients.fullName,
        debtId: cases.debtId,
        lenderName: lenders.name,
      })
      .from(cases)
      .innerJoin(clients, and(eq(clients.orgId, actor.orgId), eq(clients.id, cases.clientId)))
      .innerJoin(debts, and(eq(debts.orgId, actor.orgId), eq(debts.id, cases.debtId)))
      .innerJoin(lenders, and(eq(lenders.orgId, actor.orgId), eq(lenders.id, debts.lenderId)))
      .where(and(eq(cases.orgId, actor.orgId), clientVisibility(actor), input.clientId ? eq(cases.clientId, input.clientId) : undefined))
      .orderBy(desc(cases.openedAt), asc(cases.id))
      .limit(200),
  );
}

/** The debt and lender of a case, for the overview and the letter. */
export async function caseDebt(tx: Tx, actor: Actor, c: CaseRow) {
  const [row] = await tx
    .select({
      debtId: debts.id,
      lenderId: debts.lenderId,
      lenderName: lenders.name,
      lenderLegalName: lenders.legalName,
      licenceType: lenders.licenceType,
      debtKind: debts.debtKind,
      contractNumber: debts.contractNumber,
      loanDate: debts.loanDate,
      originalPrincipalFen: debts.originalPrincipalFen,
      outstandingPrincipalFen: debts.outstandingPrincipalFen,
      interestFen: debts.interestFen,
      penaltyFen: debts.penaltyFen,
      feesFen: debts.feesFen,
      annualRatePct: debts.annualRatePct,
      overdueSince: debts.overdueSince,
      creditReported: debts.creditReported,
      collectionStatus: debts.collectionStatus,
    })
    .from(debts)
    .innerJoin(lenders, and(eq(lenders.orgId, actor.orgId), eq(lenders.id, debts.lenderId)))
    .where(and(eq(debts.orgId, actor.orgId), eq(debts.id, c.debtId)))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND");
  return row;
}

/** Overview: the case, its client and debt, and its state history (every role that may see the case). */
export async function getCase(actor: Actor, caseId: string) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, caseId);
    const [client] = await tx
      .select({ id: clients.id, fullName: clients.fullName })
      .from(clients)
      .where(and(eq(clients.orgId, actor.orgId), eq(clients.id, c.clientId)))
      .limit(1);
    const debt = await caseDebt(tx, actor, c);
    const balance = (await loadBalances(tx, actor.orgId, { debtIds: [c.debtId] }, todayInShanghai())).get(c.debtId)!;
    const events = await tx
      .select({
        id: caseEvents.id,
        fromStatus: caseEvents.fromStatus,
        toStatus: caseEvents.toStatus,
        reason: caseEvents.reason,
        at: caseEvents.at,
      })
      .from(caseEvents)
      .where(and(eq(caseEvents.orgId, actor.orgId), eq(caseEvents.caseId, c.id)))
      .orderBy(asc(caseEvents.at), asc(caseEvents.id));
    return {
      id: c.id,
      status: c.status,
      version: c.version,
      openedAt: c.openedAt,
      closedAt: c.closedAt,
      contactHours: c.contactHours,
      client: client ?? null,
      debt,
      balance,
      events,
    };
  });
}

/** The next time to call the lender: the case's lender hours, else the organization's. */
export async function nextWindowForCase(actor: Actor, input: { caseId: string; from?: Date }) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, input.caseId);
    const [org] = await tx
      .select({ businessHours: organizations.businessHours })
      .from(organizations)
      .where(eq(organizations.id, actor.orgId))
      .limit(1);
    const businessHours = c.contactHours ?? org?.businessHours;
    const calendar = await loadCalendar(tx);
    const window = domain(() => nextContactWindow(calendar, input.from ?? new Date(), { businessHours }));
    return { ...window, businessHours: businessHours ?? null, source: c.contactHours ? "lender" : "organization" };
  });
}
