import { and, asc, desc, eq, inArray, isNotNull } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { caseEvents, cases, contactEntries, debts, documents, lenders, payments, proposalResponses, proposals } from "@/db/schema";
import { assertClientAccess, type Actor } from "./access";
import { conductFlagsOfCases } from "./contacts";
import { currentAgreement, repaymentState } from "./payments";

/** How many rows of each list the client page shows (the case page has the full history of one case). */
const LIMIT = 200;

/**
 * A client's file across all their cases, for the staff client page's tabs: the cases (with each agreement's
 * repayment state), documents, the contact log, payments and one timeline. One transaction; the client must be
 * visible to the actor (a counselor's own, any for an admin), else NOT_FOUND.
 */
export async function clientActivity(actor: Actor, clientId: string) {
  return withTenant(actor, async (tx) => {
    await assertClientAccess(tx, actor, clientId);
    const caseRows = await tx
      .select({ id: cases.id, status: cases.status, openedAt: cases.openedAt, closedAt: cases.closedAt, lenderName: lenders.name })
      .from(cases)
      .innerJoin(debts, and(eq(debts.orgId, actor.orgId), eq(debts.id, cases.debtId)))
      .innerJoin(lenders, and(eq(lenders.orgId, actor.orgId), eq(lenders.id, debts.lenderId)))
      .where(and(eq(cases.orgId, actor.orgId), eq(cases.clientId, clientId)))
      .orderBy(desc(cases.openedAt), asc(cases.id));
    const caseIds = caseRows.map((c) => c.id);
    const lenderOf = new Map(caseRows.map((c) => [c.id, c.lenderName]));
    const some = caseIds.length > 0;

    const withRepayment = [];
    for (const c of caseRows) {
      const agreement = await currentAgreement(tx, actor, c.id);
      const state = agreement ? await repaymentState(tx, actor, agreement.id) : null;
      withRepayment.push({
        ...c,
        repayment: state
          ? {
              totalDueFen: state.totalDueFen,
              totalPaidFen: state.totalPaidFen,
              outstandingFen: state.outstandingFen,
              missedCount: state.missedCount,
              arrearsFen: state.arrearsFen,
              nextDue: state.nextDue,
              complete: state.complete,
            }
          : null,
      });
    }

    const docs = await tx
      .select({
        id: documents.id,
        caseId: documents.caseId,
        kind: documents.kind,
        filename: documents.filename,
        sizeBytes: documents.sizeBytes,
        requested: documents.requested,
        createdAt: documents.createdAt,
      })
      .from(documents)
      .where(and(eq(documents.orgId, actor.orgId), eq(documents.clientId, clientId)))
      .orderBy(desc(documents.createdAt), asc(documents.id))
      .limit(LIMIT);

    const contacts = some
      ? await tx
          .select({
            id: contactEntries.id,
            caseId: contactEntries.caseId,
            at: contactEntries.at,
            channel: contactEntries.channel,
            direction: contactEntries.direction,
            party: contactEntries.party,
            summary: contactEntries.summary,
          })
          .from(contactEntries)
          .where(and(eq(contactEntries.orgId, actor.orgId), inArray(contactEntries.caseId, caseIds)))
          .orderBy(desc(contactEntries.at), asc(contactEntries.id))
          .limit(LIMIT)
      : [];

    const flags = await conductFlagsOfCases(tx, actor.orgId, caseIds);

    const paid = some
      ? await tx
          .select({
            id: payments.id,
            caseId: payments.caseId,
            amountFen: payments.amountFen,
            paidOn: payments.paidOn,
            method: payments.method,
            status: payments.status,
            reportedByRole: payments.reportedByRole,
            receiptDocumentId: payments.receiptDocumentId,
          })
          .from(payments)
          .where(and(eq(payments.orgId, actor.orgId), inArray(payments.caseId, caseIds)))
          .orderBy(desc(payments.paidOn), desc(payments.createdAt), asc(payments.id))
          .limit(LIMIT)
      : [];

    const events = some
      ? await tx
          .select({ caseId: caseEvents.caseId, at: caseEvents.at, toStatus: caseEvents.toStatus })
          .from(caseEvents)
          .where(and(eq(caseEvents.orgId, actor.orgId), inArray(caseEvents.caseId, caseIds)))
      : [];
    const sent = some
      ? await tx
          .select({ caseId: proposals.caseId, at: proposals.sentAt })
          .from(proposals)
          .where(and(eq(proposals.orgId, actor.orgId), inArray(proposals.caseId, caseIds), isNotNull(proposals.sentAt)))
      : [];
    const answers = some
      ? await tx
          .select({ caseId: proposalResponses.caseId, at: proposalResponses.recordedAt, kind: proposalResponses.kind })
          .from(proposalResponses)
          .where(and(eq(proposalResponses.orgId, actor.orgId), inArray(proposalResponses.caseId, caseIds)))
      : [];

    type Entry = {
      at: Date;
      caseId: string;
      lenderName: string;
      kind: "status" | "proposal-sent" | "answer" | "payment" | "contact";
      detail: string;
    };
    const entry = (caseId: string, at: Date, kind: Entry["kind"], detail: string): Entry => ({
      at,
      caseId,
      lenderName: lenderOf.get(caseId) ?? "",
      kind,
      detail,
    });
    const timeline: Entry[] = [
      ...events.map((e) => entry(e.caseId, e.at, "status", e.toStatus)),
      ...sent.map((s) => entry(s.caseId, s.at!, "proposal-sent", "")),
      ...answers.map((a) => entry(a.caseId, a.at, "answer", a.kind)),
      ...contacts.map((c) => entry(c.caseId, c.at, "contact", c.channel)),
    ]
      .sort((a, b) => b.at.getTime() - a.at.getTime())
      .slice(0, LIMIT);

    return {
      cases: withRepayment,
      documents: docs,
      // Flags recomputed over each case's whole log, as the case page shows them (not as stored when logged).
      contacts: contacts.map((c) => ({ ...c, lenderName: lenderOf.get(c.caseId) ?? "", conductFlags: flags.get(c.id) ?? [] })),
      payments: paid.map((p) => ({ ...p, lenderName: lenderOf.get(p.caseId) ?? "" })),
      timeline,
    };
  });
}
