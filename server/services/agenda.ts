import { and, asc, eq, inArray, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { withTenant, type Tx } from "@/db/client";
import { cases, clients, debts, lenders, organizations, payments, proposals, tasks } from "@/db/schema";
import { nextContactWindow, type ContactWindowOptions } from "@/server/domain/calendar";
import { DomainError } from "@/server/domain/errors";
import { addDays, shanghaiDate } from "@/server/domain/time";
import { clientVisibility, type Actor } from "./access";
import { loadCalendar } from "./calendar";
import { loadBalances } from "./balances";
import { courtAgenda } from "./agenda-legal";
import { complaintAgenda } from "./complaints";
import { documentRequestsFor } from "./document-requests";
import { paymentReports } from "./payments";
import { groupBy, selectRows } from "./sql-rows";
import { LENDER_CONTACT_STATES } from "@/server/domain/case-state";
import { AGENDA_MAX_PAGE, AGENDA_PAGE, AGENDA_SECTIONS, type AgendaSection } from "@/server/domain/agenda-sections";

/** How far ahead upcoming instalments show on the agenda. */
export const AGENDA_DAYS_AHEAD = 7;

export { AGENDA_MAX_PAGE, AGENDA_PAGE, AGENDA_SECTIONS, type AgendaSection };

/**
 * How many items of each section to answer with (the rest are only counted). Without it every item is
 * answered: the notifications run (services/notifications.ts) reads the whole agenda.
 */
export type AgendaLimits = Partial<Record<string, number>>;

const caseHref = (caseId: string) => `/cases/${caseId}`;

/** No limit: the largest row count a statement can be asked for. */
const ALL = 2_147_483_647;

/** `count(*) over ()` beside each row: the section's whole count, read with its first page. */
const totalOver = sql<number>`(count(*) over ())::int`;
const stripTotal = <T extends { total: number }>(rows: T[]): Omit<T, "total">[] => rows.map(({ total: _t, ...r }) => r);

/**
 * The instalments still owed (wholly or in part) on the active agreements the actor may see, due before
 * the horizon, worked out in one statement. Payments fill instalments in schedule order
 * (server/domain/repayment.ts), so what is left on a row is its amount less what the confirmed payments of
 * its agreement cover beyond the rows before it: amount − clamp(paid − (running total − amount), 0, amount).
 * Missed (due before today) and due (today to the horizon) are each ordered by due date and limited
 * separately, with their whole counts.
 */
async function owedInstalments(tx: Tx, actor: Actor, today: string, horizon: string, limits: { missed: number; due: number }) {
  const org = actor.orgId;
  const visible = clientVisibility(actor) ?? sql`true`;
  return selectRows<{
    agreementId: string;
    seq: number;
    dueDate: string;
    amountFen: number;
    remainingFen: number;
    missed: boolean;
    total: number;
    caseId: string;
    debtId: string;
    clientId: string;
    clientName: string;
    lenderName: string;
  }>(
    tx,
    sql`with act as (
      select a.id as agreement_id, k.id as case_id, k.debt_id, clients.id as client_id, clients.full_name, l.name as lender_name
      from agreements a
      join cases k on k.org_id = ${org} and k.id = a.case_id
      join clients on clients.org_id = ${org} and clients.id = k.client_id
      join debts d on d.org_id = ${org} and d.id = k.debt_id
      join lenders l on l.org_id = ${org} and l.id = d.lender_id
      where a.org_id = ${org} and a.status = 'active' and ${visible}
    ), paid as (
      select p.agreement_id, sum(p.amount_fen) as paid_fen
      from payments p
      where p.org_id = ${org} and p.status = 'confirmed' and p.agreement_id in (select x.agreement_id from act x)
      group by p.agreement_id
    ), sched as (
      select i.agreement_id, i.seq, i.due_date, i.amount_fen,
        sum(i.amount_fen) over (partition by i.agreement_id order by i.seq) as through_fen
      from instalments i
      where i.org_id = ${org} and i.agreement_id in (select x.agreement_id from act x)
    ), owing as (
      select s.agreement_id, s.seq, s.due_date, s.amount_fen,
        s.amount_fen - least(s.amount_fen, greatest(0, coalesce(pd.paid_fen, 0) - (s.through_fen - s.amount_fen))) as remaining_fen
      from sched s left join paid pd on pd.agreement_id = s.agreement_id
      where s.due_date <= ${horizon}
    ), ranked as (
      select o.*, o.due_date < ${today} as missed,
        row_number() over (partition by o.due_date < ${today} order by o.due_date, o.agreement_id, o.seq) as rn,
        count(*) over (partition by o.due_date < ${today}) as total
      from owing o
      where o.remaining_fen > 0
    )
    select r.agreement_id::text as "agreementId", r.seq::int as seq, r.due_date::text as "dueDate", r.amount_fen::int as "amountFen",
      r.remaining_fen::int as "remainingFen", r.missed as missed, r.total::int as total,
      x.case_id::text as "caseId", x.debt_id::text as "debtId", x.client_id::text as "clientId", x.full_name as "clientName",
      x.lender_name as "lenderName"
    from ranked r join act x on x.agreement_id = r.agreement_id
    where r.rn <= case when r.missed then ${limits.missed}::int else ${limits.due}::int end
    order by r.due_date, r.agreement_id, r.seq`,
  );
}

/**
 * Today's agenda for a counselor (their clients) or an admin (everyone's), Beijing time:
 * follow-ups due today or overdue; sent proposals past their valid-until date with no answer; instalments due
 * in the next 7 days and missed ones (from the repayment rules, confirmed payments only); documents a lender
 * asked for that are still needed (services/document-requests.ts); payments a client reported that wait for
 * confirmation, with their receipt and who reported them; cases whose lender can be called right now.
 * Each item carries its client, case, date and the page to open. `now` is for tests.
 * Instalments and reported payments also carry what is owed on their debt today (`owedFen`,
 * server/domain/balance.ts), the figure every other screen shows.
 *
 * What is due is worked out in SQL over indexed columns (no schedule is loaded into the app), and each
 * section answers at most `limits[section]` items, oldest first, with `counts[section]` saying how many
 * there are in all (the page shows the first ones and a "more" button).
 */
export async function agendaToday(actor: Actor, now: Date = new Date(), limits?: AgendaLimits) {
  const today = shanghaiDate(now);
  const horizon = addDays(today, AGENDA_DAYS_AHEAD);
  const limitOf = (s: AgendaSection) => Math.max(1, Math.min(limits ? (limits[s] ?? AGENDA_PAGE) : ALL, ALL));
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
        total: totalOver,
      })
      .from(tasks)
      .innerJoin(cases, and(eq(cases.orgId, actor.orgId), eq(cases.id, tasks.caseId)))
      .innerJoin(clients, caseJoin[0])
      .innerJoin(debts, caseJoin[1])
      .innerJoin(lenders, caseJoin[2])
      .where(and(eq(tasks.orgId, actor.orgId), visible, isNull(tasks.doneAt), lte(tasks.dueOn, today)))
      .orderBy(asc(tasks.dueOn), asc(tasks.id))
      .limit(limitOf("followUps"));

    const expired = await tx
      .select({ ...base, proposalId: proposals.id, seq: proposals.seq, dueDate: proposals.validUntil, total: totalOver })
      .from(proposals)
      .innerJoin(cases, and(eq(cases.orgId, actor.orgId), eq(cases.id, proposals.caseId)))
      .innerJoin(clients, caseJoin[0])
      .innerJoin(debts, caseJoin[1])
      .innerJoin(lenders, caseJoin[2])
      .where(and(eq(proposals.orgId, actor.orgId), visible, eq(proposals.status, "sent"), lt(proposals.validUntil, today)))
      .orderBy(asc(proposals.validUntil), asc(proposals.id))
      .limit(limitOf("expiredProposals"));

    // Instalments still owed on active agreements: one statement, the schedules never leave the database.
    const owed = await owedInstalments(tx, actor, today, horizon, { missed: limitOf("missedInstalments"), due: limitOf("instalmentsDue") });
    const instalmentItem = ({ missed: _m, total: _t, ...r }: (typeof owed)[number]) => ({ ...r, href: caseHref(r.caseId) });
    const missed = owed.filter((r) => r.missed);
    const upcoming = owed.filter((r) => !r.missed);

    // Documents asked for and still needed (the one query the portal and the case checklist read too), one
    // item per lender's answer, dated the day the lender asked.
    const stillNeeded = await documentRequestsFor(tx, actor, { open: true });
    const allDocumentRequests = [...groupBy(stillNeeded, (r) => r.responseId).values()].map((rs) => {
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
        total: totalOver,
      })
      .from(payments)
      .innerJoin(cases, and(eq(cases.orgId, actor.orgId), eq(cases.id, payments.caseId)))
      .innerJoin(clients, caseJoin[0])
      .innerJoin(debts, caseJoin[1])
      .innerJoin(lenders, caseJoin[2])
      .where(and(eq(payments.orgId, actor.orgId), visible, eq(payments.status, "reported")))
      .orderBy(asc(payments.paidOn), asc(payments.id))
      .limit(limitOf("reportedPayments"));
    const reports = await paymentReports(
      tx,
      actor,
      reported.map((p) => p.paymentId),
    );

    const contact = await contactWindowsNow(tx, actor, now, today, limitOf("contactWindows"));

    // What is owed on each debt these items are about: one read of the stored balances.
    const owedDebts = [...new Set([...owed, ...reported].map((i) => i.debtId))];
    const balances = await loadBalances(tx, actor.orgId, { debtIds: owedDebts }, today);
    const withOwed = <T extends { debtId: string }>(item: T) => ({ ...item, owedFen: balances.get(item.debtId)?.owedFen ?? 0 });

    const counts: Record<AgendaSection, number> & Record<string, number> = {
      missedInstalments: missed[0]?.total ?? 0,
      reportedPayments: reported[0]?.total ?? 0,
      followUps: followUps[0]?.total ?? 0,
      expiredProposals: expired[0]?.total ?? 0,
      documentRequests: allDocumentRequests.length,
      instalmentsDue: upcoming[0]?.total ?? 0,
      contactWindows: contact.total,
    };
    return {
      today,
      counts,
      followUps: stripTotal(followUps).map((f) => ({ ...f, href: caseHref(f.caseId) })),
      expiredProposals: stripTotal(expired).map((p) => ({ ...p, href: caseHref(p.caseId) })),
      instalmentsDue: upcoming.map(instalmentItem).map(withOwed),
      missedInstalments: missed.map(instalmentItem).map(withOwed),
      documentRequests: allDocumentRequests.slice(0, limitOf("documentRequests")),
      reportedPayments: stripTotal(reported).map((p) => withOwed({ ...p, ...reports.get(p.paymentId)!, href: caseHref(p.caseId) })),
      contactWindows: contact.items,
      courtDeadlines: await courtAgenda(tx, actor, today),
      complaintClocks: await complaintAgenda(tx, actor, today),
    };
  });
}

/**
 * Contact windows: cases being negotiated whose lender's hours (the case's own, else the organization's)
 * are open now. The distinct sets of hours are read first (most cases share the organization's) and each
 * window worked out once; the cases are then selected in SQL by the sets that are open, paged and counted.
 */
async function contactWindowsNow(tx: Tx, actor: Actor, now: Date, today: string, limit: number) {
  const [org] = await tx
    .select({ businessHours: organizations.businessHours })
    .from(organizations)
    .where(eq(organizations.id, actor.orgId))
    .limit(1);
  const visible = and(eq(cases.orgId, actor.orgId), clientVisibility(actor));
  const caseScope = and(visible, inStates());
  const hoursSets = await tx
    .selectDistinct({ contactHours: cases.contactHours })
    .from(cases)
    .innerJoin(clients, and(eq(clients.orgId, actor.orgId), eq(clients.id, cases.clientId)))
    .where(caseScope);
  if (hoursSets.length === 0) return { items: [], total: 0 };
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
  const isOpen = (hours: ContactWindowOptions["businessHours"]) => {
    const w = windowFor(hours);
    return !!w && w.start.getTime() <= now.getTime();
  };
  const open: SQL[] = [];
  for (const { contactHours } of hoursSets) {
    if (contactHours === null) {
      if (isOpen(org?.businessHours)) open.push(isNull(cases.contactHours));
    } else if (isOpen(contactHours)) {
      open.push(sql`${cases.contactHours} = ${JSON.stringify(contactHours)}::jsonb`);
    }
  }
  if (open.length === 0) return { items: [], total: 0 };
  const rows = await tx
    .select({
      clientId: clients.id,
      clientName: clients.fullName,
      caseId: cases.id,
      debtId: cases.debtId,
      lenderName: lenders.name,
      contactHours: cases.contactHours,
      status: cases.status,
      total: totalOver,
    })
    .from(cases)
    .innerJoin(clients, and(eq(clients.orgId, actor.orgId), eq(clients.id, cases.clientId)))
    .innerJoin(debts, and(eq(debts.orgId, actor.orgId), eq(debts.id, cases.debtId)))
    .innerJoin(lenders, and(eq(lenders.orgId, actor.orgId), eq(lenders.id, debts.lenderId)))
    .where(and(caseScope, or(...open)))
    .orderBy(asc(clients.fullName), asc(cases.id))
    .limit(limit);
  const items = rows.map(({ contactHours, total: _t, ...c }) => {
    const w = windowFor(contactHours ?? org?.businessHours)!;
    // A Date of its own per item (superjson would otherwise mark the shared instance).
    // `estimated`: today's year has no holiday arrangement loaded, so "open now" assumes Monday–Friday.
    return { ...c, href: caseHref(c.caseId), dueDate: today, windowEnd: new Date(w.end.getTime()), estimated: w.estimated };
  });
  return { items, total: rows[0]?.total ?? 0 };
}

const inStates = () => inArray(cases.status, LENDER_CONTACT_STATES);

export type Agenda = Awaited<ReturnType<typeof agendaToday>>;
