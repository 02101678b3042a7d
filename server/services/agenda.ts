import { and, asc, eq, inArray, isNull, lt, lte } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { agreements, cases, clients, debts, instalments, lenders, organizations, payments, proposals, tasks } from "@/db/schema";
import { nextContactWindow, type ContactWindowOptions } from "@/server/domain/calendar";
import { DomainError } from "@/server/domain/errors";
import { applyPayments } from "@/server/domain/repayment";
import { addDays, shanghaiDate } from "@/server/domain/time";
import { clientVisibility, type Actor } from "./access";
import { loadCalendar } from "./calendar";
import { loadBalances } from "./balances";
import { domain } from "./cases";
import { complaintAgenda } from "./complaints";
import { documentRequestsFor } from "./document-requests";
import { paymentReports } from "./payments";
import { groupBy } from "./sql-rows";
import { LENDER_CONTACT_STATES } from "@/server/domain/case-state";

/** How far ahead upcoming instalments show on the agenda. */
export const AGENDA_DAYS_AHEAD = 7;

type Base = { clientId: string; clientName: string; caseId: string; debtId: string; lenderName: string; dueDate: string; href: string };

const caseHref = (caseId: string) => `/cases/${caseId}`;

/**
 * Today's agenda for a counselor (their clients) or an admin (everyone's), Beijing time:
 * follow-ups due today or overdue; sent proposals past their valid-until date with no answer; instalments due
 * in the next 7 days and missed ones (from the repayment rules, confirmed payments only); documents a lender
 * asked for that are still needed (services/document-requests.ts); payments a client reported that wait for
 * confirmation, with their receipt and who reported them; cases whose lender can be called right now.
 * Each item carries its client, case, date and the page to open. `now` is for tests.
 * Instalments and reported payments also carry what is owed on their debt today (`owedFen`,
 * server/domain/balance.ts), the figure every other screen shows.
 */
export async function agendaToday(actor: Actor, now: Date = new Date()) {
  const today = shanghaiDate(now);
  const horizon = addDays(today, AGENDA_DAYS_AHEAD);
  return withTenant(actor, async (tx) => {
    const visible = and(eq(cases.orgId, actor.orgId), clientVisibility(actor));
    const caseJoin = [
      and(eq(clients.orgId, actor.orgId), eq(clients.id, cases.clientId)),
      and(eq(debts.orgId, actor.orgId), eq(debts.id, cases.debtId)),
      and(eq(lenders.orgId, actor.orgId), eq(lenders.id, debts.lenderId)),
    ] as const;
    const base = { clientId: clients.id, clientName: clients.fullName, caseId: cases.id, debtId: cases.debtId, lenderName: lenders.name };

    const followUps = await tx
      .select({
        ...base,
        taskId: tasks.id,
        taskKind: tasks.kind,
        title: tasks.title,
        dueDate: tasks.dueOn,
        dueEstimated: tasks.dueEstimated,
        proposalId: tasks.proposalId,
      })
      .from(tasks)
      .innerJoin(cases, and(eq(cases.orgId, actor.orgId), eq(cases.id, tasks.caseId)))
      .innerJoin(clients, caseJoin[0])
      .innerJoin(debts, caseJoin[1])
      .innerJoin(lenders, caseJoin[2])
      .where(and(eq(tasks.orgId, actor.orgId), visible, isNull(tasks.doneAt), lte(tasks.dueOn, today)))
      .orderBy(asc(tasks.dueOn), asc(tasks.id))
      .limit(500);

    const expired = await tx
      .select({ ...base, proposalId: proposals.id, seq: proposals.seq, dueDate: proposals.validUntil })
      .from(proposals)
      .innerJoin(cases, and(eq(cases.orgId, actor.orgId), eq(cases.id, proposals.caseId)))
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
      .innerJoin(cases, and(eq(cases.orgId, actor.orgId), eq(cases.id, agreements.caseId)))
      .innerJoin(clients, caseJoin[0])
      .innerJoin(debts, caseJoin[1])
      .innerJoin(lenders, caseJoin[2])
      .where(and(eq(agreements.orgId, actor.orgId), visible, eq(agreements.status, "active")));
    const agreementIds = active.map((a) => a.agreementId);
    const rows = agreementIds.length
      ? await tx
          .select({
            agreementId: instalments.agreementId,
            seq: instalments.seq,
            dueDate: instalments.dueDate,
            amountFen: instalments.amountFen,
          })
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
        const item = {
          ...a,
          href: caseHref(a.caseId),
          seq: r.seq,
          dueDate: r.dueDate,
          amountFen: r.amountFen,
          remainingFen: r.remainingFen,
        };
        if (r.dueDate < today) missed.push(item);
        else if (r.dueDate <= horizon) instalmentsDue.push(item);
      }
    }

    // Documents asked for and still needed (the one query the portal and the case checklist read too), one
    // item per lender's answer, dated the day the lender asked.
    const stillNeeded = await documentRequestsFor(tx, actor, { open: true });
    const documentRequests = [...groupBy(stillNeeded, (r) => r.responseId).values()].map((rs) => {
      const r = rs[0]!;
      return {
        clientId: r.clientId,
        clientName: r.clientName,
        caseId: r.caseId,
        lenderName: r.lenderName,
        responseId: r.responseId,
        requestedOn: r.requestedOn,
        requests: rs.map((x) => ({ id: x.id, kind: x.kind })),
        missingKinds: rs.map((x) => x.kind),
        href: caseHref(r.caseId),
      };
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
      .innerJoin(cases, and(eq(cases.orgId, actor.orgId), eq(cases.id, payments.caseId)))
      .innerJoin(clients, caseJoin[0])
      .innerJoin(debts, caseJoin[1])
      .innerJoin(lenders, caseJoin[2])
      .where(and(eq(payments.orgId, actor.orgId), visible, eq(payments.status, "reported")))
      .orderBy(asc(payments.paidOn), asc(payments.id))
      .limit(500);
    const reports = await paymentReports(
      tx,
      actor,
      reported.map((p) => p.paymentId),
    );

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
      .where(and(visible, inArray(cases.status, LENDER_CONTACT_STATES)))
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

    // What is owed on each debt these items are about: one read of the stored balances.
    const owedDebts = [...new Set([...instalmentsDue, ...missed, ...reported].map((i) => i.debtId))];
    const balances = await loadBalances(tx, actor.orgId, { debtIds: owedDebts }, today);
    const withOwed = <T extends { debtId: string }>(item: T) => ({ ...item, owedFen: balances.get(item.debtId)?.owedFen ?? 0 });

    return {
      today,
      followUps: followUps.map((f) => ({ ...f, href: caseHref(f.caseId) })),
      expiredProposals: expired.map((p) => ({ ...p, href: caseHref(p.caseId) })),
      instalmentsDue: instalmentsDue.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0)).map(withOwed),
      missedInstalments: missed.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0)).map(withOwed),
      documentRequests,
      reportedPayments: reported.map((p) => withOwed({ ...p, ...reports.get(p.paymentId)!, href: caseHref(p.caseId) })),
      contactWindows,
      complaintClocks: await complaintAgenda(tx, actor, today),
    };
  });
}
