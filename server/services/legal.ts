import { and, asc, eq, inArray } from "drizzle-orm";
import { withTenant, type Tx } from "@/db/client";
import { cases, clients, debts, lawsuitHearings, lawsuits, lenders, mediationBodies, mediationSessions, mediations } from "@/db/schema";
import type { Calendar } from "@/server/domain/calendar";
import { courtDeadline, type CourtClockKey } from "@/server/domain/court-clocks";
import { checkNotice, parseCaseNumber } from "@/server/domain/court-notice";
import { todayInShanghai, type IsoDate } from "@/server/domain/time";
import { AppError, fieldError } from "@/server/errors";
import type {
  AddHearingInput,
  CreateLawsuitInput,
  RecordEnforcementInput,
  RecordJudgmentInput,
  UpdateLawsuitInput,
} from "@/server/schemas/legal";
import type { Actor } from "./access";
import { writeAudit } from "./audit";
import { refreshBalances } from "./balances";
import { loadCalendar } from "./calendar";
import { domain, loadCase } from "./cases";
import { markPlanNeedsReview } from "./plan-review";

/** A typed case number, normalised; a number that does not hold is a field error saying what is wrong. */
export function checkedCaseNumber(raw: string | undefined, field: string): string | null {
  if (raw === undefined || raw === "") return null;
  const parsed = parseCaseNumber(raw, todayInShanghai());
  if (!parsed.ok) throw fieldError(field, `caseNumber.${parsed.problem}`);
  return parsed.value.text;
}

function answerDue(calendar: Calendar, servedOn: IsoDate | undefined) {
  if (!servedOn) return { answerDueOn: null, answerDueEstimated: false };
  const d = domain(() => courtDeadline(calendar, "civil-answer", servedOn));
  return { answerDueOn: d.dueOn, answerDueEstimated: d.estimated };
}

type LawsuitRow = typeof lawsuits.$inferSelect;

async function loadLawsuit(tx: Tx, actor: Actor, caseId: string, lawsuitId: string, version?: number): Promise<LawsuitRow> {
  const [row] = await tx
    .select()
    .from(lawsuits)
    .where(and(eq(lawsuits.orgId, actor.orgId), eq(lawsuits.caseId, caseId), eq(lawsuits.id, lawsuitId)))
    .limit(1)
    .for("update");
  if (!row) throw new AppError("NOT_FOUND");
  if (version !== undefined && row.version !== version) throw new AppError("CONFLICT");
  return row;
}

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

function checkFields(input: { servedOn?: string; answerFiledOn?: string }) {
  if (input.answerFiledOn && !input.servedOn) throw fieldError("servedOn", "required");
  if (input.answerFiledOn && input.servedOn && input.answerFiledOn < input.servedOn) {
    throw fieldError("answerFiledOn", "beforeServed", { date: input.servedOn });
  }
}

export async function createLawsuit(actor: Actor, input: CreateLawsuitInput) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, input.caseId, { lock: true });
    checkFields(input);
    const caseNumber = checkedCaseNumber(input.caseNumber, "caseNumber");
    const calendar = await loadCalendar(tx);
    const values = {
      courtName: input.courtName,
      caseNumber,
      plaintiff: input.plaintiff,
      servedOn: input.servedOn ?? null,
      answerFiledOn: input.answerFiledOn ?? null,
      note: input.note ?? null,
      ...answerDue(calendar, input.servedOn),
    };
    const [row] = await tx
      .insert(lawsuits)
      .values({ orgId: actor.orgId, caseId: c.id, clientId: c.clientId, createdBy: actor.userId, ...values })
      .returning({ id: lawsuits.id, version: lawsuits.version, answerDueOn: lawsuits.answerDueOn });
    if (!row) throw new Error("lawsuit insert returned nothing");
    await audit(tx, actor, "lawsuit.create", "lawsuit", row.id, null, { caseId: c.id, ...values });
    return row;
  });
}

export async function updateLawsuit(actor: Actor, input: UpdateLawsuitInput) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, input.caseId, { lock: true });
    const before = await loadLawsuit(tx, actor, c.id, input.lawsuitId, input.version);
    checkFields(input);
    const calendar = await loadCalendar(tx);
    const values = {
      courtName: input.courtName,
      caseNumber: checkedCaseNumber(input.caseNumber, "caseNumber"),
      plaintiff: input.plaintiff,
      servedOn: input.servedOn ?? null,
      answerFiledOn: input.answerFiledOn ?? null,
      note: input.note ?? null,
      ...answerDue(calendar, input.servedOn),
    };
    const [row] = await tx
      .update(lawsuits)
      .set({ ...values, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(lawsuits.orgId, actor.orgId), eq(lawsuits.id, before.id), eq(lawsuits.version, before.version)))
      .returning({ id: lawsuits.id, version: lawsuits.version, answerDueOn: lawsuits.answerDueOn });
    if (!row) throw new AppError("CONFLICT");
    await audit(tx, actor, "lawsuit.update", "lawsuit", row.id, before, values);
    return row;
  });
}

export async function addHearing(actor: Actor, input: AddHearingInput) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, input.caseId);
    const l = await loadLawsuit(tx, actor, c.id, input.lawsuitId);
    const [row] = await tx
      .insert(lawsuitHearings)
      .values({
        orgId: actor.orgId,
        caseId: c.id,
        lawsuitId: l.id,
        at: input.at,
        place: input.place ?? null,
        note: input.note ?? null,
        createdBy: actor.userId,
      })
      .returning({ id: lawsuitHearings.id });
    await audit(tx, actor, "lawsuit.hearing", "lawsuit", l.id, null, {
      hearingId: row!.id,
      at: input.at.toISOString(),
      place: input.place ?? null,
    });
    return row!;
  });
}

/**
 * Records the judgment or 调解书 (or a withdrawal or dismissal). With `applyToDebt`, its amounts become the
 * debt's figures in the same transaction; the debt's figures before and after are in the audit row (the
 * history), and the balance and the plan follow.
 */
export async function recordJudgment(actor: Actor, input: RecordJudgmentInput) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, input.caseId, { lock: true });
    const before = await loadLawsuit(tx, actor, c.id, input.lawsuitId, input.version);
    if (before.servedOn && input.outcomeOn < before.servedOn) throw fieldError("outcomeOn", "beforeServed", { date: before.servedOn });
    if (input.performByOn && input.performByOn < input.outcomeOn)
      throw fieldError("performByOn", "beforeJudgment", { date: input.outcomeOn });
    const calendar = await loadCalendar(tx);
    const appealDueOn =
      input.outcome === "judgment" ? domain(() => courtDeadline(calendar, "appeal-judgment", input.outcomeOn)).dueOn : null;
    const values = {
      outcome: input.outcome,
      outcomeOn: input.outcomeOn,
      appealDueOn,
      principalFen: input.principalFen ?? null,
      interestFen: input.interestFen ?? null,
      penaltyFen: input.penaltyFen ?? null,
      feesFen: input.feesFen ?? null,
      costsFen: input.costsFen ?? null,
      performByOn: input.performByOn ?? null,
    };
    const [row] = await tx
      .update(lawsuits)
      .set({ ...values, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(lawsuits.orgId, actor.orgId), eq(lawsuits.id, before.id), eq(lawsuits.version, before.version)))
      .returning({ id: lawsuits.id, version: lawsuits.version });
    if (!row) throw new AppError("CONFLICT");
    await audit(tx, actor, "lawsuit.judgment", "lawsuit", row.id, { outcome: before.outcome, version: before.version }, values);
    if (input.applyToDebt) {
      const [debt] = await tx
        .select({
          outstandingPrincipalFen: debts.outstandingPrincipalFen,
          interestFen: debts.interestFen,
          penaltyFen: debts.penaltyFen,
          feesFen: debts.feesFen,
          version: debts.version,
        })
        .from(debts)
        .where(and(eq(debts.orgId, actor.orgId), eq(debts.id, c.debtId)))
        .limit(1)
        .for("update");
      if (!debt) throw new AppError("NOT_FOUND");
      // Court costs the client must bear are owed to the plaintiff with the rest: they count as fees.
      const figures = {
        outstandingPrincipalFen: input.principalFen ?? 0,
        interestFen: input.interestFen ?? 0,
        penaltyFen: input.penaltyFen ?? 0,
        feesFen: (input.feesFen ?? 0) + (input.costsFen ?? 0),
      };
      await tx
        .update(debts)
        .set({ ...figures, figuresRecordedAt: new Date(), version: debt.version + 1, updatedAt: new Date() })
        .where(and(eq(debts.orgId, actor.orgId), eq(debts.id, c.debtId), eq(debts.version, debt.version)));
      await audit(tx, actor, "debt.judgment", "debt", c.debtId, debt, { ...figures, lawsuitId: row.id, outcome: input.outcome });
      await refreshBalances(tx, actor.orgId, [c.debtId]);
      await markPlanNeedsReview(tx, actor.orgId, c.clientId, "debt-changed");
    }
    return { ...row, appealDueOn };
  });
}

export async function recordEnforcement(actor: Actor, input: RecordEnforcementInput) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, input.caseId, { lock: true });
    const before = await loadLawsuit(tx, actor, c.id, input.lawsuitId, input.version);
    if (!before.outcome) throw fieldError("enforcementStatus", "noJudgmentYet");
    if (before.outcomeOn && input.enforcementOn < before.outcomeOn) {
      throw fieldError("enforcementOn", "beforeJudgment", { date: before.outcomeOn });
    }
    const values = {
      enforcementCaseNumber: checkedCaseNumber(input.enforcementCaseNumber, "enforcementCaseNumber") ?? before.enforcementCaseNumber,
      enforcementStatus: input.enforcementStatus,
      enforcementOn: input.enforcementOn,
    };
    const [row] = await tx
      .update(lawsuits)
      .set({ ...values, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(lawsuits.orgId, actor.orgId), eq(lawsuits.id, before.id), eq(lawsuits.version, before.version)))
      .returning({ id: lawsuits.id, version: lawsuits.version });
    if (!row) throw new AppError("CONFLICT");
    await audit(tx, actor, "lawsuit.enforcement", "lawsuit", row.id, { enforcementStatus: before.enforcementStatus }, values);
    return row;
  });
}

/** The deadlines of a lawsuit still to come or just passed: answer (until an answer is filed), appeal, enforcement application. */
export function lawsuitDeadlines(calendar: Calendar, l: LawsuitRow): Array<{ key: CourtClockKey; dueOn: IsoDate; estimated: boolean }> {
  const out: Array<{ key: CourtClockKey; dueOn: IsoDate; estimated: boolean }> = [];
  if (l.answerDueOn && !l.answerFiledOn && !l.outcome)
    out.push({ key: "civil-answer", dueOn: l.answerDueOn, estimated: l.answerDueEstimated });
  if (l.appealDueOn) out.push({ key: "appeal-judgment", dueOn: l.appealDueOn, estimated: false });
  if (l.performByOn && !l.enforcementStatus) {
    const d = courtDeadline(calendar, "enforcement-application", l.performByOn);
    out.push({ key: "enforcement-application", dueOn: d.dueOn, estimated: d.estimated });
  }
  return out;
}

/** A case's court and mediation track: its lawsuits with hearings and deadlines, and its mediations with sessions. */
export async function caseLegal(actor: Actor, caseId: string) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, caseId);
    return legalOfCases(tx, actor, [c.id]);
  });
}

async function legalOfCases(tx: Tx, actor: Actor, caseIds: string[]) {
  if (caseIds.length === 0) return { today: todayInShanghai(), lawsuits: [], mediations: [] };
  const calendar = await loadCalendar(tx);
  const suits = await tx
    .select()
    .from(lawsuits)
    .where(and(eq(lawsuits.orgId, actor.orgId), inArray(lawsuits.caseId, caseIds)))
    .orderBy(asc(lawsuits.createdAt));
  const hearings = suits.length
    ? await tx
        .select({
          id: lawsuitHearings.id,
          lawsuitId: lawsuitHearings.lawsuitId,
          at: lawsuitHearings.at,
          place: lawsuitHearings.place,
          note: lawsuitHearings.note,
        })
        .from(lawsuitHearings)
        .where(
          and(
            eq(lawsuitHearings.orgId, actor.orgId),
            inArray(
              lawsuitHearings.lawsuitId,
              suits.map((s) => s.id),
            ),
          ),
        )
        .orderBy(asc(lawsuitHearings.at))
    : [];
  const meds = await tx
    .select({ m: mediations, bodyName: mediationBodies.name, bodyKind: mediationBodies.kind, bodyPhone: mediationBodies.phone })
    .from(mediations)
    .innerJoin(mediationBodies, and(eq(mediationBodies.orgId, actor.orgId), eq(mediationBodies.id, mediations.bodyId)))
    .where(and(eq(mediations.orgId, actor.orgId), inArray(mediations.caseId, caseIds)))
    .orderBy(asc(mediations.createdAt));
  const sessions = meds.length
    ? await tx
        .select({
          id: mediationSessions.id,
          mediationId: mediationSessions.mediationId,
          heldOn: mediationSessions.heldOn,
          participants: mediationSessions.participants,
          note: mediationSessions.note,
        })
        .from(mediationSessions)
        .where(
          and(
            eq(mediationSessions.orgId, actor.orgId),
            inArray(
              mediationSessions.mediationId,
              meds.map((m) => m.m.id),
            ),
          ),
        )
        .orderBy(asc(mediationSessions.heldOn))
    : [];
  return {
    today: todayInShanghai(),
    lawsuits: suits.map((l) => ({
      ...l,
      hearings: hearings.filter((h) => h.lawsuitId === l.id),
      deadlines: domain(() => lawsuitDeadlines(calendar, l)),
    })),
    mediations: meds.map(({ m, bodyName, bodyKind, bodyPhone }) => ({
      ...m,
      bodyName,
      bodyKind,
      bodyPhone,
      sessions: sessions.filter((s) => s.mediationId === m.id),
    })),
  };
}

/**
 * The client's own court and mediation items for her portal: the same rows, with nothing internal (notes
 * stay with the staff). The service reads only her own cases (the actor is the client).
 */
export async function portalLegal(actor: Actor) {
  return withTenant(actor, async (tx) => {
    if (actor.role !== "client") throw new AppError("FORBIDDEN");
    const rows = await tx
      .select({ caseId: cases.id, lenderName: lenders.name })
      .from(cases)
      .innerJoin(clients, and(eq(clients.orgId, actor.orgId), eq(clients.id, cases.clientId)))
      .innerJoin(debts, and(eq(debts.orgId, actor.orgId), eq(debts.id, cases.debtId)))
      .innerJoin(lenders, and(eq(lenders.orgId, actor.orgId), eq(lenders.id, debts.lenderId)))
      .where(and(eq(cases.orgId, actor.orgId), eq(clients.userId, actor.userId)));
    const legal = await legalOfCases(
      tx,
      actor,
      rows.map((r) => r.caseId),
    );
    const lender = new Map(rows.map((r) => [r.caseId, r.lenderName]));
    return {
      today: legal.today,
      lawsuits: legal.lawsuits.map((l) => ({
        id: l.id,
        lenderName: lender.get(l.caseId) ?? "",
        courtName: l.courtName,
        caseNumber: l.caseNumber,
        plaintiff: l.plaintiff,
        servedOn: l.servedOn,
        answerFiledOn: l.answerFiledOn,
        outcome: l.outcome,
        outcomeOn: l.outcomeOn,
        enforcementStatus: l.enforcementStatus,
        hearings: l.hearings.map((h) => ({ id: h.id, at: h.at, place: h.place })),
        deadlines: l.deadlines,
      })),
      mediations: legal.mediations.map((m) => ({
        id: m.id,
        lenderName: lender.get(m.caseId) ?? "",
        bodyName: m.bodyName,
        bodyPhone: m.bodyPhone,
        status: m.status,
        startedOn: m.startedOn,
        judiciallyConfirmed: m.judiciallyConfirmed,
        sessions: m.sessions.map((s) => ({ id: s.id, heldOn: s.heldOn })),
      })),
    };
  });
}

/** The fake-notice check: the signs in a message, never a verdict (server/domain/court-notice.ts). */
export function checkCourtNotice(text: string) {
  return checkNotice(text, todayInShanghai());
}
