import { and, asc, desc, eq, inArray, isNull, lte } from "drizzle-orm";
import { withTenant, type Tx } from "@/db/client";
import { authorisations, cases, clients, complaints, contactEntries, debts, lenders, proposalResponses, proposals } from "@/db/schema";
import { authorisationState, coverage, type CoverageGap } from "@/server/domain/authorisation";
import {
  clockState,
  complaintClock,
  complaintRule,
  COMPLAINT_REMINDER_DAYS,
  nextRung,
  ruleFor,
  type ComplaintOutcome,
} from "@/server/domain/complaints";
import { addDays, shanghaiDate, todayInShanghai } from "@/server/domain/time";
import { AppError, fieldError } from "@/server/errors";
import type { FileComplaintInput } from "@/server/schemas/complaints";
import { clientVisibility, type Actor } from "./access";
import { writeAudit } from "./audit";
import { consentSettingsOf } from "./authorisations";
import { loadCalendar } from "./calendar";
import { caseDebt, domain, loadCase, type CaseRow } from "./cases";

type ComplaintRow = typeof complaints.$inferSelect;

/** Why the authorisation does not cover a complaint, in the complaint's own words (the field "authorisationId"). */
const GAP_KEY: Record<CoverageGap, string> = {
  none: "complaintAuthorisationNone",
  unsigned: "complaintAuthorisationUnsigned",
  revoked: "complaintAuthorisationRevoked",
  expired: "complaintAuthorisationExpired",
  "not-yet-valid": "complaintAuthorisationNotYetValid",
  lender: "complaintAuthorisationLender",
  purpose: "complaintAuthorisationPurpose",
};

/**
 * The authorisation an agency's complaint is filed under: the one the counselor chose, if it is the client's
 * and covered complaining to this lender on the day it was filed; else the one of hers that did (the system's
 * proposal). None covering it: refused, unless the agency does not require authorisations (or the client is a
 * sample one, decision 019), when the complaint is stored without one.
 */
async function complaintAuthorisation(
  tx: Tx,
  actor: Actor,
  c: CaseRow,
  lender: { id: string; name: string },
  chosenId: string | undefined,
  filedOn: string,
): Promise<string | null> {
  const rows = await tx
    .select()
    .from(authorisations)
    .where(and(eq(authorisations.orgId, actor.orgId), eq(authorisations.clientId, c.clientId)))
    .orderBy(desc(authorisations.createdAt), desc(authorisations.id));
  const act = { lenderId: lender.id, purpose: "file-complaint" as const, on: filedOn };
  const refuse = (gap: CoverageGap) =>
    new AppError("INVALID_INPUT", {
      messageKey: GAP_KEY[gap],
      fields: { authorisationId: [GAP_KEY[gap]] },
      params: { lender: lender.name, filedOn, fixHref: `/clients/${c.clientId}?tab=authorisation` },
    });
  if (chosenId) {
    const chosen = rows.find((r) => r.id === chosenId);
    if (!chosen) throw fieldError("authorisationId", "complaintAuthorisationNotFound");
    const r = coverage([chosen], act);
    if (!r.ok) throw refuse(r.gap);
    return chosen.id;
  }
  const found = coverage(rows, act);
  if (found.ok) return found.authorisationId;
  const [subject] = await tx
    .select({ sample: clients.sample })
    .from(clients)
    .where(and(eq(clients.orgId, actor.orgId), eq(clients.id, c.clientId)));
  if (subject?.sample || !(await consentSettingsOf(tx, actor.orgId)).authorisationRequired) return null;
  throw refuse(found.gap);
}

/** Files a complaint on a case: the linked contact entries and proposal must be this case's; the clock is the rule's. */
export async function fileComplaint(actor: Actor, input: FileComplaintInput) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, input.caseId, { lock: true });
    const entryIds = [...new Set(input.contactEntryIds ?? [])];
    if (entryIds.length) {
      const found = await tx
        .select({ id: contactEntries.id })
        .from(contactEntries)
        .where(and(eq(contactEntries.orgId, actor.orgId), eq(contactEntries.caseId, c.id), inArray(contactEntries.id, entryIds)));
      if (found.length !== entryIds.length) throw fieldError("contactEntryIds", "entryNotFound");
    }
    if (input.subject === "collection-conduct" && entryIds.length === 0) throw fieldError("contactEntryIds", "complaintNeedsEntries");
    if (input.subject === "refused-proposal" && !input.proposalId) throw fieldError("proposalId", "complaintNeedsProposal");
    if (input.proposalId) {
      const [refused] = await tx
        .select({ id: proposalResponses.id })
        .from(proposalResponses)
        .innerJoin(
          proposals,
          and(eq(proposals.orgId, actor.orgId), eq(proposals.caseId, c.id), eq(proposals.id, proposalResponses.proposalId)),
        )
        .where(
          and(
            eq(proposalResponses.orgId, actor.orgId),
            eq(proposalResponses.caseId, c.id),
            eq(proposalResponses.proposalId, input.proposalId),
            eq(proposalResponses.kind, "rejected"),
          ),
        )
        .limit(1);
      if (!refused) throw fieldError("proposalId", "proposalNotRefused");
    }
    if (input.filedBy !== "agency" && input.authorisationId) throw fieldError("authorisationId", "complaintAuthorisationClientFiled");
    const rule = domain(() => ruleFor(input.channel, input.subject, input.filedOn));
    const authorisationId =
      input.filedBy === "agency"
        ? await caseDebt(tx, actor, c).then((debt) =>
            complaintAuthorisation(tx, actor, c, { id: debt.lenderId, name: debt.lenderName }, input.authorisationId, input.filedOn),
          )
        : null;
    const calendar = await loadCalendar(tx);
    const clock = domain(() => complaintClock(calendar, rule, input.filedOn, 0));
    const [row] = await tx
      .insert(complaints)
      .values({
        orgId: actor.orgId,
        caseId: c.id,
        clientId: c.clientId,
        channel: input.channel,
        subject: input.subject,
        details: input.details,
        reference: input.reference || null,
        filedBy: input.filedBy,
        filedOn: input.filedOn,
        contactEntryIds: entryIds,
        proposalId: input.proposalId ?? null,
        authorisationId,
        ruleId: rule.id,
        dueOn: clock.dueOn,
        dueEstimated: clock.estimated,
        createdBy: actor.userId,
      })
      .returning({ id: complaints.id, dueOn: complaints.dueOn, authorisationId: complaints.authorisationId, version: complaints.version });
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "complaint.file",
      entityType: "complaint",
      entityId: row!.id,
      after: {
        caseId: c.id,
        channel: input.channel,
        subject: input.subject,
        filedBy: input.filedBy,
        filedOn: input.filedOn,
        authorisationId,
        ruleId: rule.id,
        dueOn: clock.dueOn,
      },
      requestId: actor.requestId,
    });
    return row!;
  });
}

async function loadComplaint(tx: Tx, actor: Actor, caseId: string, complaintId: string): Promise<ComplaintRow> {
  const c = await loadCase(tx, actor, caseId, { lock: true });
  const [row] = await tx
    .select()
    .from(complaints)
    .where(and(eq(complaints.orgId, actor.orgId), eq(complaints.caseId, c.id), eq(complaints.id, complaintId)))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND");
  return row;
}

/** The institution told the client it needs longer (it must say so): the clock moves to the rule's next extension. */
export async function extendComplaint(
  actor: Actor,
  input: { caseId: string; complaintId: string; extendedOn: string; note?: string; version: number },
) {
  return withTenant(actor, async (tx) => {
    const before = await loadComplaint(tx, actor, input.caseId, input.complaintId);
    if (before.answeredOn) throw fieldError("complaintId", "complaintAnswered");
    if (input.extendedOn < before.filedOn) throw fieldError("extendedOn", "beforeFiled");
    const rule = domain(() => complaintRule(before.ruleId));
    const taken = before.extensions.length + 1;
    if (taken > rule.extensions.length) throw fieldError("extendedOn", "noExtensionLeft");
    const calendar = await loadCalendar(tx);
    const clock = domain(() => complaintClock(calendar, rule, before.filedOn, taken));
    const extensions = [...before.extensions, { on: input.extendedOn, note: input.note || null }];
    const [row] = await tx
      .update(complaints)
      .set({ extensions, dueOn: clock.dueOn, dueEstimated: clock.estimated, version: before.version + 1, updatedAt: new Date() })
      .where(and(eq(complaints.orgId, actor.orgId), eq(complaints.id, before.id), eq(complaints.version, input.version)))
      .returning({ id: complaints.id, dueOn: complaints.dueOn, version: complaints.version });
    if (!row) throw new AppError("CONFLICT");
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "complaint.extend",
      entityType: "complaint",
      entityId: row.id,
      before: { dueOn: before.dueOn, extensions: before.extensions.length },
      after: { dueOn: row.dueOn, extensions: extensions.length },
      requestId: actor.requestId,
    });
    return row;
  });
}

/** The answer: its day, what it decided and what it said. Recorded once. */
export async function answerComplaint(
  actor: Actor,
  input: { caseId: string; complaintId: string; answeredOn: string; outcome: ComplaintOutcome; answer: string; version: number },
) {
  return withTenant(actor, async (tx) => {
    const before = await loadComplaint(tx, actor, input.caseId, input.complaintId);
    if (before.answeredOn) throw fieldError("complaintId", "complaintAnswered");
    if (input.answeredOn < before.filedOn) throw fieldError("answeredOn", "beforeFiled");
    const [row] = await tx
      .update(complaints)
      .set({
        answeredOn: input.answeredOn,
        outcome: input.outcome,
        answer: input.answer,
        version: before.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(complaints.orgId, actor.orgId), eq(complaints.id, before.id), eq(complaints.version, input.version)))
      .returning({ id: complaints.id, version: complaints.version });
    if (!row) throw new AppError("CONFLICT");
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "complaint.answer",
      entityType: "complaint",
      entityId: row.id,
      after: { answeredOn: input.answeredOn, outcome: input.outcome, inTime: input.answeredOn <= before.dueOn },
      requestId: actor.requestId,
    });
    return row;
  });
}

/**
 * The authorisations complaints were filed under, by id, as the case tab, the portal and the evidence pack
 * show them: when she signed it, the days it runs, its state today and the signed document's hash.
 */
export async function complaintAuthorisations(tx: Tx, actor: Actor, ids: readonly (string | null)[], today: string) {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const rows = wanted.length
    ? await tx
        .select({
          id: authorisations.id,
          status: authorisations.status,
          validFrom: authorisations.validFrom,
          validTo: authorisations.validTo,
          signedAt: authorisations.signedAt,
          signedDocumentId: authorisations.signedDocumentId,
          signedSha256: authorisations.signedSha256,
        })
        .from(authorisations)
        .where(and(eq(authorisations.orgId, actor.orgId), inArray(authorisations.id, wanted)))
    : [];
  return new Map(
    rows.map((a) => [
      a.id,
      {
        id: a.id,
        signedOn: a.signedAt ? shanghaiDate(a.signedAt) : null,
        validFrom: a.validFrom,
        validTo: a.validTo,
        state: authorisationState(a, today),
        signedDocumentId: a.signedDocumentId,
        signedSha256: a.signedSha256,
      },
    ]),
  );
}
export type ComplaintAuthorisation = NonNullable<ReturnType<Awaited<ReturnType<typeof complaintAuthorisations>>["get"]>>;

/** A stored complaint with its rule, clock and the rung to suggest next, as every screen shows it. */
export function describeComplaint(row: ComplaintRow, lenderLicence: Parameters<typeof nextRung>[0]["lenderLicence"], today: string) {
  const rule = complaintRule(row.ruleId);
  const state = clockState(row.dueOn, row.answeredOn, today);
  return {
    id: row.id,
    caseId: row.caseId,
    channel: row.channel,
    subject: row.subject,
    details: row.details,
    reference: row.reference,
    filedBy: row.filedBy,
    filedOn: row.filedOn,
    contactEntryIds: row.contactEntryIds,
    proposalId: row.proposalId,
    authorisationId: row.authorisationId,
    rule: {
      id: rule.id,
      source: rule.source,
      url: rule.url,
      counting: rule.counting,
      baseDays: rule.baseDays,
      countingUnclear: rule.countingUnclear ?? false,
      checked: rule.checked,
    },
    extensions: row.extensions,
    extensionsLeft: rule.extensions.length - row.extensions.length,
    dueOn: row.dueOn,
    dueEstimated: row.dueEstimated,
    answeredOn: row.answeredOn,
    outcome: row.outcome,
    answer: row.answer,
    state,
    nextRung: nextRung({ channel: row.channel, subject: row.subject, lenderLicence, outcome: row.outcome, state }),
    version: row.version,
  };
}

/** A case's complaints, newest first, with the linked entries' numbers and flags and the working-day date where counting is unclear. */
export async function listComplaints(actor: Actor, caseId: string, today: string = todayInShanghai()) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, caseId);
    const debt = await caseDebt(tx, actor, c);
    const [lender] = await tx
      .select({ licenceType: lenders.licenceType })
      .from(lenders)
      .where(and(eq(lenders.orgId, actor.orgId), eq(lenders.id, debt.lenderId)))
      .limit(1);
    const rows = await tx
      .select()
      .from(complaints)
      .where(and(eq(complaints.orgId, actor.orgId), eq(complaints.caseId, c.id)))
      .orderBy(desc(complaints.filedOn), desc(complaints.createdAt));
    const linkedIds = [...new Set(rows.flatMap((r) => r.contactEntryIds))];
    const entries = linkedIds.length
      ? await tx
          .select({ id: contactEntries.id, seq: contactEntries.seq, conductFlags: contactEntries.conductFlags, hash: contactEntries.hash })
          .from(contactEntries)
          .where(and(eq(contactEntries.orgId, actor.orgId), eq(contactEntries.caseId, c.id), inArray(contactEntries.id, linkedIds)))
      : [];
    const byId = new Map(entries.map((e) => [e.id, e]));
    const calendar = await loadCalendar(tx);
    const authorised = await complaintAuthorisations(
      tx,
      actor,
      rows.map((r) => r.authorisationId),
      today,
    );
    return rows.map((r) => {
      const d = domain(() => describeComplaint(r, lender?.licenceType ?? "other", today));
      const clock = d.rule.countingUnclear
        ? domain(() => complaintClock(calendar, complaintRule(r.ruleId), r.filedOn, r.extensions.length))
        : null;
      return {
        ...d,
        dueOnIfWorkingDays: clock?.dueOnIfWorkingDays ?? null,
        authorisation: (r.authorisationId && authorised.get(r.authorisationId)) || null,
        linkedEntries: r.contactEntryIds.flatMap((id) => {
          const e = byId.get(id);
          return e ? [{ id, seq: e.seq, conductFlags: e.conductFlags, hash: e.hash }] : [];
        }),
      };
    });
  });
}

/** The signed-in client's complaints across her cases, in plain facts for the portal (staff-only details left out). */
export async function myComplaints(actor: Actor, today: string = todayInShanghai()) {
  return withTenant(actor, async (tx) => {
    const rows = await tx
      .select({ complaint: complaints, lenderName: lenders.name, licenceType: lenders.licenceType })
      .from(complaints)
      .innerJoin(cases, and(eq(cases.orgId, actor.orgId), eq(cases.id, complaints.caseId)))
      .innerJoin(clients, and(eq(clients.orgId, actor.orgId), eq(clients.id, cases.clientId)))
      .innerJoin(debts, and(eq(debts.orgId, actor.orgId), eq(debts.id, cases.debtId)))
      .innerJoin(lenders, and(eq(lenders.orgId, actor.orgId), eq(lenders.id, debts.lenderId)))
      .where(and(eq(complaints.orgId, actor.orgId), clientVisibility(actor)))
      .orderBy(desc(complaints.filedOn), desc(complaints.createdAt))
      .limit(200);
    const authorised = await complaintAuthorisations(
      tx,
      actor,
      rows.map((r) => r.complaint.authorisationId),
      today,
    );
    return rows.map(({ complaint, lenderName, licenceType }) => {
      const d = domain(() => describeComplaint(complaint, licenceType, today));
      const a = complaint.authorisationId ? authorised.get(complaint.authorisationId) : undefined;
      return {
        id: d.id,
        lenderName,
        channel: d.channel,
        subject: d.subject,
        filedBy: d.filedBy,
        filedOn: d.filedOn,
        dueOn: d.dueOn,
        dueEstimated: d.dueEstimated,
        answeredOn: d.answeredOn,
        outcome: d.outcome,
        state: d.state,
        nextRung: d.nextRung,
        /** Filed for her under her authorisation: the day she signed it and its last day. */
        authorisation: a ? { signedOn: a.signedOn, validTo: a.validTo } : null,
      };
    });
  });
}

/**
 * The agenda's complaint clocks (one line in services/agenda.ts): unanswered complaints of the visible clients
 * whose answer is due within COMPLAINT_REMINDER_DAYS or overdue.
 */
export async function complaintAgenda(tx: Tx, actor: Actor, today: string) {
  const rows = await tx
    .select({
      complaintId: complaints.id,
      caseId: complaints.caseId,
      clientId: clients.id,
      clientName: clients.fullName,
      lenderName: lenders.name,
      channel: complaints.channel,
      filedOn: complaints.filedOn,
      dueDate: complaints.dueOn,
      dueEstimated: complaints.dueEstimated,
    })
    .from(complaints)
    .innerJoin(cases, and(eq(cases.orgId, actor.orgId), eq(cases.id, complaints.caseId)))
    .innerJoin(clients, and(eq(clients.orgId, actor.orgId), eq(clients.id, cases.clientId)))
    .innerJoin(debts, and(eq(debts.orgId, actor.orgId), eq(debts.id, cases.debtId)))
    .innerJoin(lenders, and(eq(lenders.orgId, actor.orgId), eq(lenders.id, debts.lenderId)))
    .where(
      and(
        eq(complaints.orgId, actor.orgId),
        eq(cases.orgId, actor.orgId),
        clientVisibility(actor),
        isNull(complaints.answeredOn),
        lte(complaints.dueOn, addDays(today, COMPLAINT_REMINDER_DAYS)),
      ),
    )
    .orderBy(asc(complaints.dueOn), asc(complaints.id))
    .limit(500);
  return rows.map((r) => ({ ...r, overdue: r.dueDate < today, href: `/cases/${r.caseId}?tab=complaints` }));
}
