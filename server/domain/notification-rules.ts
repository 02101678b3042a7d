/**
 * What is worth a notification, as a table: for each kind, whom it concerns (the client's staff or the
 * client), its dedupe key (one notification per person and key, ever) and the figures its sentence needs.
 * Pure: services/notifications.ts feeds it today's agenda and the lenders' recent answers and stores what
 * it returns; the words are in the `notifications` messages.
 */
import type { NotificationKind, NotificationParams } from "./vocabulary";
import { addDays, type IsoDate } from "./time";

/** A client hears about their next payment this many days before it is due. */
export const CLIENT_DUE_DAYS_AHEAD = 3;

/** The dedupe keys of a lender's request for documents, resolved together when the documents come. */
export const answerNotificationKeys = {
  staff: (responseId: string) => `documents:${responseId}`,
  client: (responseId: string) => `client-documents:${responseId}`,
};

type Named = { clientId: string; clientName: string; lenderName: string; href: string };
type Instalment = Named & { agreementId: string; seq: number; dueDate: string; remainingFen: number };

/** The parts of today's agenda that notifications are made from (services/agenda.ts agendaToday). */
export type AgendaFacts = {
  followUps: ReadonlyArray<Named & { taskId: string; dueDate: string; title: string | null }>;
  expiredProposals: ReadonlyArray<Named & { proposalId: string; dueDate: string }>;
  instalmentsDue: ReadonlyArray<Instalment>;
  missedInstalments: ReadonlyArray<Instalment>;
  documentRequests: ReadonlyArray<Named & { responseId: string; requestedOn: string }>;
  reportedPayments: ReadonlyArray<Named & { paymentId: string; dueDate: string; amountFen: number }>;
  courtDeadlines?: ReadonlyArray<CourtDeadlineFact>;
  /** Unanswered complaints due soon or overdue (services/complaints.ts complaintAgenda). */
  complaintClocks?: ReadonlyArray<Named & { complaintId: string; dueDate: string; overdue: boolean }>;
};

/** Court and mediation deadlines are announced this many days ahead (to staff and to the client). */
export const COURT_NOTICE_DAYS_AHEAD = 7;

/** A court or mediation deadline of today's agenda (services/agenda-legal.ts). */
export type CourtDeadlineFact = Named & { key: string; kind: string; dueDate: string };

/** A lender's answer recorded recently, for the client whose case it is. */
export type AnswerFact = { id: string; kind: string; receivedOn: string; clientId: string; lenderName: string };

/** A notification to make: for the client's staff (their counselor, or the admins) or for the client's own account. */
export type NotificationDraft = {
  to: "staff" | "client";
  clientId: string;
  kind: NotificationKind;
  dedupeKey: string;
  params: NotificationParams;
  href: string;
};

const PORTAL = "/portal";

/** Every notification today's facts call for (before recipients are resolved and duplicates dropped by key). */
export function notificationDrafts(agenda: AgendaFacts, answers: readonly AnswerFact[], today: IsoDate): NotificationDraft[] {
  const out: NotificationDraft[] = [];
  const staff = (d: Omit<NotificationDraft, "to">) => out.push({ to: "staff", ...d });
  const client = (d: Omit<NotificationDraft, "to" | "href">) => out.push({ to: "client", href: PORTAL, ...d });
  for (const f of agenda.followUps)
    staff({
      clientId: f.clientId,
      kind: "follow-up-due",
      dedupeKey: `follow-up:${f.taskId}`,
      params: { clientName: f.clientName, lenderName: f.lenderName, date: f.dueDate, title: f.title ?? undefined },
      href: f.href,
    });
  for (const p of agenda.expiredProposals)
    staff({
      clientId: p.clientId,
      kind: "proposal-expired",
      dedupeKey: `proposal-expired:${p.proposalId}`,
      params: { clientName: p.clientName, lenderName: p.lenderName, date: p.dueDate },
      href: p.href,
    });
  for (const i of agenda.instalmentsDue) {
    const params = { clientName: i.clientName, lenderName: i.lenderName, date: i.dueDate, amountFen: i.remainingFen };
    staff({ clientId: i.clientId, kind: "instalment-due", dedupeKey: `instalment-due:${i.agreementId}:${i.seq}`, params, href: i.href });
    if (i.dueDate <= addDays(today, CLIENT_DUE_DAYS_AHEAD)) {
      client({
        clientId: i.clientId,
        kind: "client-payment-due",
        dedupeKey: `client-payment-due:${i.agreementId}:${i.seq}`,
        params: { lenderName: i.lenderName, date: i.dueDate, amountFen: i.remainingFen },
      });
    }
  }
  for (const i of agenda.missedInstalments)
    staff({
      clientId: i.clientId,
      kind: "instalment-missed",
      dedupeKey: `instalment-missed:${i.agreementId}:${i.seq}`,
      params: { clientName: i.clientName, lenderName: i.lenderName, date: i.dueDate, amountFen: i.remainingFen },
      href: i.href,
    });
  // Only documents still needed: once resolved, an answer's notifications are marked done (in the resolving
  // transaction, services/document-requests.ts) and never made again.
  for (const d of agenda.documentRequests)
    staff({
      clientId: d.clientId,
      kind: "documents-requested",
      dedupeKey: answerNotificationKeys.staff(d.responseId),
      params: { clientName: d.clientName, lenderName: d.lenderName, date: d.requestedOn },
      href: d.href,
    });
  for (const p of agenda.reportedPayments)
    staff({
      clientId: p.clientId,
      kind: "payment-reported",
      dedupeKey: `payment-reported:${p.paymentId}`,
      params: { clientName: p.clientName, lenderName: p.lenderName, date: p.dueDate, amountFen: p.amountFen },
      href: p.href,
    });
  // Court deadlines from a week ahead, not once passed: the client in plain words on her portal, staff on the case.
  for (const d of agenda.courtDeadlines ?? []) {
    if (d.dueDate < today || d.dueDate > addDays(today, COURT_NOTICE_DAYS_AHEAD)) continue;
    const params = { clientName: d.clientName, lenderName: d.lenderName, date: d.dueDate, answer: d.kind };
    staff({ clientId: d.clientId, kind: "court-deadline", dedupeKey: `court-deadline:${d.key}`, params, href: d.href });
    client({
      clientId: d.clientId,
      kind: "client-court-deadline",
      dedupeKey: `client-court-deadline:${d.key}`,
      params: { lenderName: d.lenderName, date: d.dueDate, answer: d.kind },
    });
  }
  // A complaint's clock: once when it comes due soon, once more when it has passed unanswered.
  for (const k of agenda.complaintClocks ?? [])
    staff({
      clientId: k.clientId,
      kind: k.overdue ? "complaint-overdue" : "complaint-due",
      dedupeKey: `${k.overdue ? "complaint-overdue" : "complaint-due"}:${k.complaintId}`,
      params: { clientName: k.clientName, lenderName: k.lenderName, date: k.dueDate },
      href: k.href,
    });
  const stillAsking = new Set(agenda.documentRequests.map((d) => d.responseId));
  for (const a of answers) {
    const asked = a.kind === "documents-requested";
    if (asked && !stillAsking.has(a.id)) continue;
    client({
      clientId: a.clientId,
      kind: asked ? "client-documents-requested" : "client-answer",
      dedupeKey: asked ? answerNotificationKeys.client(a.id) : `client-answer:${a.id}`,
      params: { lenderName: a.lenderName, date: a.receivedOn, answer: a.kind },
    });
  }
  return out;
}

/**
 * The client in the loop (授权委托书 and sign-off, services/authorisations.ts and sign-offs.ts): each event
 * is one notification, made in the transaction of the step, for the client (something to sign or confirm)
 * or for her staff (she signed, revoked, confirmed or asked for a change).
 */
export type ConsentEvent =
  | { kind: "authorisation-to-sign"; id: string; to: "client"; clientName?: string }
  | { kind: "authorisation-signed" | "authorisation-revoked"; id: string; to: "staff"; clientName?: string }
  | { kind: "sign-off-requested"; id: string; to: "client"; clientName?: string; lenderName: string }
  | { kind: "sign-off-answered"; id: string; to: "staff"; clientName?: string; lenderName: string; answer: string; caseId: string };

export function consentNotification(e: ConsentEvent, clientId: string): NotificationDraft {
  const lenderName = "lenderName" in e ? e.lenderName : undefined;
  const answer = "answer" in e ? e.answer : undefined;
  return {
    to: e.to,
    clientId,
    kind: e.kind,
    dedupeKey: `${e.kind}:${e.id}`,
    params: { clientName: e.clientName, lenderName, answer },
    href:
      e.to === "client"
        ? "/portal/consent"
        : e.kind === "sign-off-answered"
          ? `/cases/${e.caseId}`
          : `/clients/${clientId}?tab=authorisation`,
  };
}

/**
 * A new message in a client's thread, told to the other side when it is written (not from the agenda):
 * staff hear "<client> wrote" with a link to the file's messages tab, the client "your counselor wrote".
 * The words of the message are never copied into the notification (nor into its e-mail).
 */
export function messageNotificationDraft(m: { side: "client" | "staff"; clientId: string; clientName: string; messageId: string }) {
  return m.side === "client"
    ? {
        kind: "message-received" as const,
        dedupeKey: `message:${m.messageId}`,
        params: { clientName: m.clientName },
        href: `/clients/${m.clientId}?tab=messages`,
      }
    : { kind: "client-message-received" as const, dedupeKey: `message:${m.messageId}`, params: {}, href: `${PORTAL}/messages` };
}
