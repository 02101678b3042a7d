import { and, asc, eq, inArray, isNull, lt, lte } from "drizzle-orm";
import { withTenant } from "@/db/client";
import {
  agreements,
  cases,
  clients,
  debts,
  documents,
  instalments,
  lenders,
  organizations,
  payments,
  proposalResponses,
  proposals,
  tasks,
} from "@/db/schema";
import { nextContactWindow, type ContactWindowOptions } from "@/server/domain/calendar";
import { DomainError } from "@/server/domain/errors";
import { applyPayments } from "@/server/domain/repayment";
import { addDays, shanghaiDate } from "@/server/domain/time";
import { clientVisibility, type Actor } from "./access";
import { loadCalendar } from "./calendar";
import { domain } from "./cases";
import { groupBy } from "./sql-rows";

/** How far ahead upcoming instalments show on the agenda. */
export const AGENDA_DAYS_AHEAD = 7;

/** Cases still being negotiated: the ones a counselor may want to call the lender about. */
const WORKING_STATES = ["intake", "preparing", "proposed", "negotiating", "rejected"] as const;

type Base = { clientId: string; clientName: string; caseId: string; lenderName: string; dueDate: string; href: string };

const caseHref = (caseId: string) => `/cases/${caseId}`;

/**
 * Today's agenda for a counselor (their clients) or an admin (everyone's), Beijing time:
 * follow-ups due today or overdue; sent proposals past their valid-until date with no answer; instalments due
 * in the next 7 days and missed ones (from the repayment rules, confirmed payments only); documents a lender
 * asked for that have not been uploaded to the case since; payments a client reported that wait for confirmation; cases whose lender can be called right now.
 * Each item carries its client, case, date and the page to open. `now` is for tests.
 */
export async function agendaToday(actor: Actor, now: Date = new Date()) {
  const today = shanghaiDate(now);
  const horizon = addDays(today, AGENDA_DAYS_AHEAD);
  return withTenant(actor, async (tx) => {
    const visible = and(eq(cases.orgId, actor.orgId), clientVisibility(actor));
    const caseJoin = [
      and(eq(clients.orgId, cases.orgId), eq(clients.id, cases.clientId)),
      and(eq(debts.orgId, cases.orgId), eq(debts.id, cases.debtId)),
      and(eq(lenders.orgId, debts.orgId), eq(lenders.id, debts.lenderId)),
    ] as const;
    const base = { clientId: clients.id, clientName: clients.fullName, caseId: cases.id, lenderName: lenders.name };

    const followUps = await tx
      .select({ ...base, taskId: tasks.id, taskKind: tasks.kind, title: tasks.title, dueDate: tasks.dueOn, dueEstimated: tasks.dueEstimated, proposalId: tasks.proposalId })
      .from(tasks)
      .innerJoin(cases, and(eq(cases.orgId, tasks.orgId), eq(cases.id, tasks.caseId)))
      .innerJoin(clients, caseJoin[0])
      .innerJoin(debts, caseJoin[1])
      .innerJoin(lenders, caseJoin[2])
      .where(and(eq(tasks.orgId, actor.orgId), visible, isNull(tasks.doneAt), lte(tasks.dueOn, today)))
      .orderBy(asc(tasks.dueOn), asc(tasks.id))
      .limit(500);

    const expired = await tx
      .select({ ...base, proposalId: proposals.id, seq: proposals.seq, dueDate: proposals.validUntil })
      .from(proposals)
      .innerJoin(cases, and(eq(cases.orgId, proposals.orgId), eq(cases.id, proposals.caseId)))
      .innerJoin(clients, caseJoin[0])
      .innerJoin(debts, caseJoin[1])
      .innerJoin(lenders, caseJoin[2])
      .where(and(eq(proposals.orgId, actor.orgId), visible, eq(proposals.status, "sent"), lt(proposals.validUntil, today)))
      .orderBy(asc(proposals.validUntil), asc(proposals.id))
      .limit(500);

    // Instalments: the active agreements of visible cases, their rows and confirmed payments (three queries).
    const active = await tx
      .select({ ...base, agreementId: agreements.id })
      .from(agreements)
      .innerJoin(cases, and(eq(cases.orgId, agreements.orgId), eq(cases.id, agreements.caseId)))
      .innerJoin(clients, caseJoin[0])
      .innerJoin(debts, caseJoin[1])
      .innerJoin(lenders, caseJoin[2])
      .where(and(eq(agreements.orgId, actor.orgId), visible, eq(agreements.status, "active")));
    const agreementIds = active.map((a) => a.agreementId);
    const rows = agreementIds.length
      ? await tx
          .select({ agreementId: instalments.agreementId, seq: instalments.seq, dueDate: instalments.dueDate, amountFen: instalments.amountFen })
          .from(instalments)
          .where(and(eq(instalments.orgId, actor.orgId), inArray(instalments.agreementId, agreementIds)))
      : [];
    const paid = agreementIds.length
      ? await tx
          .select({ id: payments.id, agreementId: payments.agreementId, amountFen: payments.amountFen, paidOn: payments.paidOn })
          .from(payments)
          .where(and(eq(payments.orgId, actor.orgId), inArray(payments.agreementId, agreementIds), eq(payments.status, "confirmed")))
          .orderBy(asc(payments.paidOn), asc(payments.createdAt), asc(payments.id))
      : [];
    const instalmentsDue: Array<Base & { agreementId: string; seq: number; amountFen: number; remainingFen: number }> = [];
    const missed: Array<Base & { agreementId: string; seq: number; amountFen: number; remainingFen: number }> = [];
    const rowsBy = groupBy(rows, (r) => r.agreementId);
    const paidBy = groupBy(paid, (p) => p.agreementId);
    for (const a of active) {
      const state = domain(() => applyPayments(rowsBy.get(a.agreementId) ?? [], paidBy.get(a.agreementId) ?? [], today));
      for (const r of state.rows) {
        if (r.remainingFen === 0) continue;
        const item = { ...a, href: caseHref(a.caseId), seq: r.seq, dueDate: r.dueDate, amountFen: r.amountFen, remainingFen: r.remainingFen };
        if (r.dueDate < today) missed.push(item);
        else if (r.dueDate <= horizon) instalmentsDue.push(item);
      }
    }

    // Documents asked for: each documents-requested answer whose kinds are not all uploaded since.
    const asked = await tx
      .select({
        ...base,
        responseId: proposalResponses.id,
        kinds: proposalResponses.documentsRequested,
        dueDate: proposalResponses.receivedOn,
        recordedAt: proposalResponses.recordedAt,
      })
      .from(proposalResponses)
      .innerJoin(cases, and(eq(cases.orgId, proposalResponses.orgId), eq(cases.id, proposalResponses.caseId)))
      .innerJoin(clients, caseJoin[0])
      .innerJoin(debts, caseJoin[1])
      .innerJoin(lenders, caseJoin[2])
      .where(and(eq(proposalResponses.orgId, actor.orgId), visible, eq(proposalResponses.kind, "documents-requested")))
      .orderBy(asc(proposalResponses.receivedOn));
    const askedClients = [...new Set(asked.map((a) => a.clientId))];
    const docs = askedClients.length
      ? await tx
          .select({ clientId: documents.clientId, caseId: documents.caseId, kind: documents.kind, createdAt: documents.createdAt })
          .from(documents)
          .where(and(eq(documents.orgId, actor.orgId), inArray(documents.clientId, askedClients)))
      : [];
    const docsBy = groupBy(docs, (d) => d.clientId);
    const documentRequests = asked.flatMap(({ kinds, recordedAt, ...a }) => {
      const missing = (kinds ?? []).filter(
        (kind) =>
          !(docsBy.get(a.clientId) ?? []).some(
            (d) => d.clientId === a.clientId && (d.caseId === a.caseId || d.caseId === null) && d.kind === kind && d.createdAt >= recordedAt,
          ),
      );
      return missing.length ? [{ ...a, href: caseHref(a.caseId), missingKinds: missing }] : [];
    });

    // Payments a client reported, waiting for a counselor to check and confirm them.
    const reported = await tx
      .select({
        ...base,
        paymentId: payments.id,
        amountFen: payments.amountFen,
        dueDate: payments.paidOn,
        receiptDocumentId: payments.receiptDocumentId,
      })
      .from(payments)
      .innerJoin(cases, and(eq(cases.orgId, payments.orgId), eq(cases.id, payments.caseId)))
      .innerJoin(clients, caseJoin[0])
      .innerJoin(debts, caseJoin[1])
      .innerJoin(lenders, caseJoin[2])
      .where(and(eq(payments.orgId, actor.orgId), visible, eq(payments.status, "reported")))
      .orderBy(asc(payments.paidOn), asc(payments.id))
      .limit(500);

    // Contact windows: cases being negotiated whose lender's hours (the case's own, else the org's) are open now.
    const [org] = await tx
      .select({ businessHours: organizations.businessHours })
      .from(organizations)
      .where(eq(organizations.id, actor.orgId))
      .limit(1);
    const working = await tx
      .select({ ...base, contactHours: cases.contactHours, status: cases.status })
      .from(cases)
      .innerJoin(clients, caseJoin[0])
      .innerJoin(debts, caseJoin[1])
      .innerJoin(lenders, caseJoin[2])
      .where(and(visible, inArray(cases.status, [...WORKING_STATES])))
      .orderBy(asc(clients.fullName), asc(cases.id))
      .limit(1000);
    // Most cases share the organization's hours: the window is worked out once per distinct set of hours.
    const calendar = await loadCalendar(tx);
    const windows = new Map<string, { start: Date; end: Date; estimated: boolean } | null>();
    const windowFor = (hours: ContactWindowOptions["businessHours"]) => {
      const key = JSON.stringify(hours ?? null);
      if (!windows.has(key)) {
        try {
          windows.set(key, nextContactWindow(calendar, now, { businessHours: hours }));
        } catch (err) {
          // Hours saved before they were validated: no window shown.
          if (!(err instanceof DomainError)) throw err;
          windows.set(key, null);
        }
      }
      return windows.get(key)!;
    };
    const contactWindows = working.flatMap(({ contactHours, ...c }) => {
      const w = windowFor(contactHours ?? org?.businessHours);
      if (!w || w.start.getTime() > now.getTime()) return [];
      // A Date of its own per item, as before (superjson would otherwise mark the shared instance).
      // `estimated`: today's year has no holiday arrangement loaded, so "open now" assumes Monday–Friday.
      return [{ ...c, href: caseHref(c.caseId), dueDate: today, windowEnd: new Date(w.end.getTime()), estimated: w.estimated }];
    });

    return {
      today,
      followUps: followUps.map((f) => ({ ...f, href: caseHref(f.caseId) })),
      expiredProposals: expired.map((p) => ({ ...p, href: caseHref(p.caseId) })),
      instalmentsDue: instalmentsDue.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0)),
      missedInstalments: missed.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0)),
      documentRequests,
      reportedPayments: reported.map((p) => ({ ...p, href: caseHref(p.caseId) })),
      contactWindows,
    };
  });
}
