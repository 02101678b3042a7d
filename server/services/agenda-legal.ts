import { and, eq, gte, inArray, isNull, lte } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { cases, clients, debts, lawsuitHearings, lawsuits, lenders, mediations } from "@/db/schema";
import { shanghaiDate, addDays, type IsoDate } from "@/server/domain/time";
import { clientVisibility, type Actor } from "./access";
import { loadCalendar } from "./calendar";
import { domain } from "./cases";
import { lawsuitDeadlines } from "./legal";

/** Court deadlines show on the agenda this many days ahead (and stay while overdue by up to a week). */
export const COURT_AGENDA_DAYS_AHEAD = 21;
export const COURT_AGENDA_DAYS_PAST = 7;

export type CourtAgendaKind = "civil-answer" | "appeal-judgment" | "enforcement-application" | "judicial-confirmation" | "hearing";

export type CourtAgendaItem = {
  key: string;
  kind: CourtAgendaKind;
  clientId: string;
  clientName: string;
  caseId: string;
  debtId: string;
  lenderName: string;
  dueDate: IsoDate;
  estimated: boolean;
  /** The court (or mediation body) it is before. */
  where: string;
  href: string;
};

/**
 * The court and mediation deadlines of the actor's visible cases: a lawsuit's answer, appeal and
 * enforcement-application deadlines, its hearings, and a mediation agreement's last day to ask for
 * judicial confirmation, from a week back to three weeks ahead. Called by services/agenda.ts.
 */
export async function courtAgenda(tx: Tx, actor: Actor, today: IsoDate): Promise<CourtAgendaItem[]> {
  const from = addDays(today, -COURT_AGENDA_DAYS_PAST);
  const to = addDays(today, COURT_AGENDA_DAYS_AHEAD);
  const base = { clientId: clients.id, clientName: clients.fullName, caseId: cases.id, debtId: cases.debtId, lenderName: lenders.name };
  const visible = and(eq(cases.orgId, actor.orgId), clientVisibility(actor));
  const caseJoins = [
    and(eq(clients.orgId, actor.orgId), eq(clients.id, cases.clientId)),
    and(eq(debts.orgId, actor.orgId), eq(debts.id, cases.debtId)),
    and(eq(lenders.orgId, actor.orgId), eq(lenders.id, debts.lenderId)),
  ] as const;
  const suits = await tx
    .select({ ...base, l: lawsuits })
    .from(lawsuits)
    .innerJoin(cases, and(eq(cases.orgId, actor.orgId), eq(cases.id, lawsuits.caseId)))
    .innerJoin(clients, caseJoins[0])
    .innerJoin(debts, caseJoins[1])
    .innerJoin(lenders, caseJoins[2])
    .where(and(eq(lawsuits.orgId, actor.orgId), visible))
    .limit(1000);
  const calendar = await loadCalendar(tx);
  const items: CourtAgendaItem[] = [];
  for (const { l, ...b } of suits) {
    for (const d of domain(() => lawsuitDeadlines(calendar, l))) {
      if (d.dueOn < from || d.dueOn > to) continue;
      items.push({
        ...b,
        key: `${d.key}:${l.id}`,
        kind: d.key,
        dueDate: d.dueOn,
        estimated: d.estimated,
        where: l.courtName,
        href: `/cases/${b.caseId}?tab=legal`,
      });
    }
  }
  const suitIds = suits.map((s) => s.l.id);
  if (suitIds.length > 0) {
    const hearings = await tx
      .select({ id: lawsuitHearings.id, lawsuitId: lawsuitHearings.lawsuitId, at: lawsuitHearings.at })
      .from(lawsuitHearings)
      .where(
        and(
          eq(lawsuitHearings.orgId, actor.orgId),
          inArray(lawsuitHearings.lawsuitId, suitIds),
          gte(lawsuitHearings.at, new Date(`${today}T00:00:00+08:00`)),
          lte(lawsuitHearings.at, new Date(`${to}T23:59:59.999+08:00`)),
        ),
      );
    const bySuit = new Map(suits.map((s) => [s.l.id, s]));
    for (const h of hearings) {
      const s = bySuit.get(h.lawsuitId)!;
      const { l, ...b } = s;
      items.push({
        ...b,
        key: `hearing:${h.id}`,
        kind: "hearing",
        dueDate: shanghaiDate(h.at),
        estimated: false,
        where: l.courtName,
        href: `/cases/${b.caseId}?tab=legal`,
      });
    }
  }
  const confirmations = await tx
    .select({ ...base, id: mediations.id, dueDate: mediations.confirmationDueOn })
    .from(mediations)
    .innerJoin(cases, and(eq(cases.orgId, actor.orgId), eq(cases.id, mediations.caseId)))
    .innerJoin(clients, caseJoins[0])
    .innerJoin(debts, caseJoins[1])
    .innerJoin(lenders, caseJoins[2])
    .where(
      and(
        eq(mediations.orgId, actor.orgId),
        visible,
        eq(mediations.status, "agreed"),
        eq(mediations.judiciallyConfirmed, false),
        isNull(mediations.confirmedOn),
        gte(mediations.confirmationDueOn, from),
        lte(mediations.confirmationDueOn, to),
      ),
    )
    .limit(1000);
  for (const { id, dueDate, ...b } of confirmations) {
    items.push({
      ...b,
      key: `judicial-confirmation:${id}`,
      kind: "judicial-confirmation",
      dueDate: dueDate!,
      estimated: false,
      where: "",
      href: `/cases/${b.caseId}?tab=legal`,
    });
  }
  return items.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.key < b.key ? -1 : 1));
}
