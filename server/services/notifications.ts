import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { createTranslator } from "next-intl";
import enMessages from "@/app/_i18n/messages/en/notifications.json";
import zhMessages from "@/app/_i18n/messages/zh-CN/notifications.json";
import { dbKind, getDb, withTenant, type Tx } from "@/db/client";
import { holdLease } from "./job-lease";
import {
  cases,
  clients,
  memberships,
  notifications,
  organizations,
  proposalResponses,
  users,
  type Role,
  type NotificationKind,
  type NotificationParams,
} from "@/db/schema";
import { formatFen } from "@/server/domain/money";
import { instantInRange } from "@/server/domain/bounds";
import { addDays, shanghaiDate } from "@/server/domain/time";
import { isUuid } from "@/server/schemas/common";
import { env } from "@/server/env";
import { fieldError, notFound } from "@/server/errors";
import { log } from "@/server/log";
import type { Actor } from "./access";
import { agendaToday } from "./agenda";
import { answerNotificationKeys } from "./document-requests";
import { writeAudit } from "./audit";
import { deliver } from "./mail";
import { selectRows } from "./sql-rows";

/** A client hears about their next payment this many days before it is due. */
export const CLIENT_DUE_DAYS_AHEAD = 3;
/** Lenders' answers older than this are history, not news (a client invited late is not flooded). */
export const ANSWER_NEWS_DAYS = 14;
/** Only recent notifications are e-mailed: one made while e-mail was off is not sent days later. */
const EMAIL_WINDOW_MS = 2 * 86_400_000;

type Candidate = { userId: string; clientId: string; kind: NotificationKind; dedupeKey: string; params: NotificationParams; href: string };

/**
 * Works out the events of one organization now and stores each as one notification per person it
 * concerns. Idempotent: the unique (org_id, user_id, dedupe_key) makes a second run insert nothing.
 * Staff events go to the client's assigned counselor (to the organization's admins when no one is
 * assigned); client events to the client's own account. With `only`, only that person's rows are
 * written (the list page brings its reader up to date without waiting for the periodic run).
 * Returns how many notifications were new.
 */
export async function syncNotifications(orgId: string, opts: { now?: Date; only?: { userId: string; role: Role } } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  const today = shanghaiDate(now);
  // The organization-wide agenda (admin view), computed once, each item then routed to its people; for one
  // person, only what they may see (a counselor's own clients, a client's own record) is computed.
  const agenda = await agendaToday(opts.only ? { orgId, ...opts.only } : { orgId, userId: "", role: "admin" }, now);
  return withTenant({ orgId }, async (tx) => {
    const members = await tx
      .select({ userId: memberships.userId, role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.orgId, orgId), isNull(memberships.deactivatedAt)));
    const active = new Set(members.map((m) => m.userId));
    const admins = members.filter((m) => m.role === "admin").map((m) => m.userId);
    const people = await tx
      .select({ id: clients.id, userId: clients.userId, counselorId: clients.assignedCounselorId })
      .from(clients)
      .where(and(eq(clients.orgId, orgId), eq(clients.status, "active")));
    const byClient = new Map(people.map((p) => [p.id, p]));
    const staffFor = (clientId: string): string[] => {
      const counselor = byClient.get(clientId)?.counselorId;
      return counselor && active.has(counselor) ? [counselor] : admins;
    };
    const clientUser = (clientId: string): string | null => {
      const u = byClient.get(clientId)?.userId;
      return u && active.has(u) ? u : null;
    };

    const out: Candidate[] = [];
    const staff = (clientId: string, c: Omit<Candidate, "userId" | "clientId">) => {
      for (const userId of staffFor(clientId)) out.push({ ...c, userId, clientId });
    };
    for (const f of agenda.followUps)
      staff(f.clientId, {
        kind: "follow-up-due",
        dedupeKey: `follow-up:${f.taskId}`,
        params: { clientName: f.clientName, lenderName: f.lenderName, date: f.dueDate, title: f.title ?? undefined },
        href: f.href,
      });
    for (const p of agenda.expiredProposals)
      staff(p.clientId, {
        kind: "proposal-expired",
        dedupeKey: `proposal-expired:${p.proposalId}`,
        params: { clientName: p.clientName, lenderName: p.lenderName, date: p.dueDate },
        href: p.href,
      });
    for (const i of agenda.instalmentsDue) {
      staff(i.clientId, {
        kind: "instalment-due",
        dedupeKey: `instalment-due:${i.agreementId}:${i.seq}`,
        params: { clientName: i.clientName, lenderName: i.lenderName, date: i.dueDate, amountFen: i.remainingFen },
        href: i.href,
      });
      const u = clientUser(i.clientId);
      if (u && i.dueDate <= addDays(today, CLIENT_DUE_DAYS_AHEAD))
        out.push({
          userId: u,
          clientId: i.clientId,
          kind: "client-payment-due",
          dedupeKey: `client-payment-due:${i.agreementId}:${i.seq}`,
          params: { lenderName: i.lenderName, date: i.dueDate, amountFen: i.remainingFen },
          href: "/portal",
        });
    }
    for (const i of agenda.missedInstalments)
      staff(i.clientId, {
        kind: "instalment-missed",
        dedupeKey: `instalment-missed:${i.agreementId}:${i.seq}`,
        params: { clientName: i.clientName, lenderName: i.lenderName, date: i.dueDate, amountFen: i.remainingFen },
        href: i.href,
      });
    // Only documents still needed: once resolved, an answer's notifications are marked done (in the
    // resolving transaction, services/document-requests.ts) and never made again.
    for (const d of agenda.documentRequests)
      staff(d.clientId, {
        kind: "documents-requested",
        dedupeKey: answerNotificationKeys.staff(d.responseId),
        params: { clientName: d.clientName, lenderName: d.lenderName, date: d.requestedOn },
        href: d.href,
      });
    const stillAsking = new Set(agenda.documentRequests.map((d) => d.responseId));
    for (const p of agenda.reportedPayments)
      staff(p.clientId, {
        kind: "payment-reported",
        dedupeKey: `payment-reported:${p.paymentId}`,
        params: { clientName: p.clientName, lenderName: p.lenderName, date: p.dueDate, amountFen: p.amountFen },
        href: p.href,
      });

    // Lenders' recent answers, told to the client whose case it is (answers exist only for sent proposals).
    const answers = await tx
      .select({
        id: proposalResponses.id,
        kind: proposalResponses.kind,
        receivedOn: proposalResponses.receivedOn,
        clientId: cases.clientId,
        lenderName: sql<string>`(select l.name from debts d join lenders l on l.org_id = ${orgId} and l.id = d.lender_id
          where d.org_id = ${orgId} and d.id = ${cases.debtId})`,
      })
      .from(proposalResponses)
      .innerJoin(cases, and(eq(cases.orgId, orgId), eq(cases.id, proposalResponses.caseId)))
      .where(and(eq(proposalResponses.orgId, orgId), gte(proposalResponses.recordedAt, new Date(now.getTime() - ANSWER_NEWS_DAYS * 86_400_000))));
    for (const a of answers) {
      const u = clientUser(a.clientId);
      if (!u) continue;
      const asked = a.kind === "documents-requested";
      if (asked && !stillAsking.has(a.id)) continue;
      out.push({
        userId: u,
        clientId: a.clientId,
        kind: asked ? "client-documents-requested" : "client-answer",
        dedupeKey: asked ? answerNotificationKeys.client(a.id) : `client-answer:${a.id}`,
        params: { lenderName: a.lenderName, date: a.receivedOn, answer: a.kind },
        href: "/portal",
      });
    }

    const rows = out.filter((c) => !opts.only || c.userId === opts.only.userId).map((c) => ({ ...c, orgId }));
    let created = 0;
    // Chunks keep each statement's parameter count well under PostgreSQL's limit.
    for (let i = 0; i < rows.length; i += 500) {
      const inserted = await tx
        .insert(notifications)
        .values(rows.slice(i, i + 500))
        .onConflictDoNothing({ target: [notifications.orgId, notifications.userId, notifications.dedupeKey] })
        .returning({ id: notifications.id });
      created += inserted.length;
    }
    return created;
  });
}

/**
 * E-mails the organization's recent notifications that were not e-mailed yet, when SMTP is configured.
 * Each row is claimed (emailed_at set where it was null) in its own transaction before the message goes
 * out, so two servers running this at once never send the same notification twice: at most once, and a
 * failed send is logged, not retried (the notification is still in the app).
 */
export async function emailNotifications(orgId: string, now: Date = new Date()): Promise<number> {
  if (!env().SMTP_URL) return 0;
  const pending = await withTenant({ orgId }, (tx) =>
    tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(
        and(
          eq(notifications.orgId, orgId),
          isNull(notifications.emailedAt),
          isNull(notifications.resolvedAt),
          gte(notifications.createdAt, new Date(now.getTime() - EMAIL_WINDOW_MS)),
        ),
      )
      .orderBy(asc(notifications.createdAt))
      .limit(1000),
  );
  let sent = 0;
  for (const { id } of pending) {
    const claimed = await withTenant({ orgId }, async (tx) => {
      const [row] = await tx
        .update(notifications)
        .set({ emailedAt: now })
        .where(and(eq(notifications.orgId, orgId), eq(notifications.id, id), isNull(notifications.emailedAt), isNull(notifications.resolvedAt)))
        .returning({ kind: notifications.kind, params: notifications.params, href: notifications.href, userId: notifications.userId });
      if (!row) return null;
      const [person] = await tx.select({ email: users.email, locale: users.locale }).from(users).where(eq(users.id, row.userId)).limit(1);
      const [org] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId)).limit(1);
      // A person who signs in by mobile number only has no address to mail (SMS comes later).
      return person?.email ? { ...row, ...person, email: person.email, orgName: org?.name ?? "" } : null;
    });
    if (!claimed) continue;
    const text = notificationText(claimed.kind, claimed.params, claimed.locale === "en" ? "en" : "zh-CN");
    await deliver({
      to: claimed.email,
      subject: `${claimed.orgName} · ${text}`,
      text: `${text}\n\n${env().APP_URL}${claimed.href}\n`,
    });
    sent++;
  }
  return sent;
}

/** The sentence a notification shows, in the person's language (the same messages as the app). */
export function notificationText(kind: NotificationKind, params: NotificationParams, locale: "zh-CN" | "en"): string {
  const messages = locale === "en" ? enMessages : zhMessages;
  const t = createTranslator({ locale, messages, namespace: "notifications" });
  const answer = params.answer ? t(`answers.${params.answer as "accepted"}`) : "";
  return t(`kinds.${kind}`, {
    clientName: params.clientName ?? "",
    lenderName: params.lenderName ?? "",
    date: params.date ?? "",
    amount: params.amountFen === undefined ? "" : formatFen(params.amountFen),
    answer,
  });
}

/** Every organization's notifications, made and e-mailed: the periodic run started with the server. */
export async function syncAllOrganizations(now: Date = new Date()): Promise<void> {
  for (const orgId of await listOrganizationIdsAsSystem()) {
    try {
      await syncNotifications(orgId, { now });
      await emailNotifications(orgId, now);
    } catch (error) {
      log("error", "notifications run failed", { orgId, error });
    }
  }
}

/**
 * The one read across organizations: the periodic run needs to know which organizations exist. The app's
 * login is not the tables' owner and row-level security hides every organization from it, so this goes
 * through a function that returns the ids and nothing else (db/migrations/0012_system-organization-list.sql).
 */
export async function listOrganizationIdsAsSystem(): Promise<string[]> {
  const db = await getDb();
  const rows = await selectRows<{ id: string }>(db as unknown as Tx, sql`select id::text as id from xs_system_organization_ids() as id`);
  return rows.map((r) => r.id);
}

/**
 * The embedded database has no autovacuum, so without this its planner never learns the tables' sizes and
 * picks nested loops that grow with the square of the rows (the agenda over 100 cases: 2 s before, 56 ms
 * after). The periodic run refreshes the statistics at most hourly; PostgreSQL servers do it themselves.
 */
const ANALYZE_EVERY_MS = 3_600_000;
let analyzedAt = 0;
async function refreshEmbeddedStatistics(): Promise<void> {
  if ((await dbKind()) !== "pglite" || Date.now() - analyzedAt < ANALYZE_EVERY_MS) return;
  analyzedAt = Date.now();
  await (await getDb()).execute(sql`analyze`);
}

let timer: ReturnType<typeof setInterval> | undefined;

/** The lease of the periodic run (server/services/job-lease.ts): with several app servers, one runs it. */
export const NOTIFICATION_JOB = "notifications";

/**
 * Starts the periodic run (every `seconds`; 0 turns it off). Runs never overlap in one process, and only
 * the process holding the job's lease runs it (for three periods; renewed at every run), so with several
 * servers exactly one makes and e-mails the notifications, and another takes over when it dies.
 */
export function startNotificationJob(seconds: number): void {
  if (seconds <= 0 || timer) return;
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    holdLease(NOTIFICATION_JOB, seconds * 3000)
      .then(async (held) => {
        if (!held) return;
        await refreshEmbeddedStatistics();
        await syncAllOrganizations();
      })
      .catch((error) => log("error", "notifications run failed", { error }))
      .finally(() => (running = false));
  };
  timer = setInterval(tick, seconds * 1000);
  timer.unref?.();
  setTimeout(tick, 5_000).unref?.();
}

export function stopNotificationJob(): void {
  if (timer) clearInterval(timer);
  timer = undefined;
}

// ------------------------------------------------------------------------- the reader's own notifications

const PAGE = 30;

/** The caller's own notifications, newest first (keyset pages on created_at, id), and the unread count. */
export async function listNotifications(actor: Actor, input: { cursor?: string | null; unreadOnly?: boolean }) {
  await syncNotifications(actor.orgId, { only: { userId: actor.userId, role: actor.role } });
  return withTenant(actor, async (tx) => {
    const mine = and(eq(notifications.orgId, actor.orgId), eq(notifications.userId, actor.userId));
    const after = input.cursor ? decodeCursor(input.cursor) : null;
    const rows = await tx
      .select({
        id: notifications.id,
        kind: notifications.kind,
        params: notifications.params,
        href: notifications.href,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
        resolvedAt: notifications.resolvedAt,
      })
      .from(notifications)
      .where(
        and(
          mine,
          input.unreadOnly ? isNull(notifications.readAt) : undefined,
          after
            ? or(lt(notifications.createdAt, after.at), and(eq(notifications.createdAt, after.at), lt(notifications.id, after.id)))
            : undefined,
        ),
      )
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(PAGE + 1);
    const page = rows.slice(0, PAGE);
    const last = page[page.length - 1];
    return {
      items: page,
      nextCursor: rows.length > PAGE && last ? encodeCursor(last.createdAt, last.id) : null,
      unread: await unreadIn(tx, actor),
    };
  });
}

async function unreadIn(tx: Tx, actor: Actor): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.orgId, actor.orgId), eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

/** The caller's unread count (the bell). Reads only: the periodic run and the list page make the rows. */
export async function unreadCount(actor: Actor): Promise<number> {
  return withTenant(actor, (tx) => unreadIn(tx, actor));
}

/**
 * Sets read_at on the caller's own unread notifications (those named, or all of them) and audits the change;
 * returns how many it changed.
 */
async function setRead(tx: Tx, actor: Actor, ids: string[] | null): Promise<number> {
  const changed = await tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.orgId, actor.orgId),
        eq(notifications.userId, actor.userId),
        ids ? inArray(notifications.id, ids) : undefined,
        isNull(notifications.readAt),
      ),
    )
    .returning({ id: notifications.id });
  if (changed.length)
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: ids ? "notification.read" : "notification.readAll",
      entityType: "notification",
      after: ids ? { ids: changed.map((c) => c.id) } : { count: changed.length },
      requestId: actor.requestId,
    });
  return changed.length;
}

/** Marks some of the caller's own notifications read; an id that is not the caller's → NOT_FOUND, nothing changed. */
export async function markRead(actor: Actor, input: { ids: string[] }) {
  return withTenant(actor, async (tx) => {
    const ids = [...new Set(input.ids)];
    const own = await tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.orgId, actor.orgId), eq(notifications.userId, actor.userId), inArray(notifications.id, ids)));
    if (own.length !== ids.length) throw notFound();
    const marked = await setRead(tx, actor, ids);
    return { marked, unread: await unreadIn(tx, actor) };
  });
}

/** Marks every one of the caller's notifications read. */
export async function markAllRead(actor: Actor) {
  return withTenant(actor, async (tx) => ({ marked: await setRead(tx, actor, null), unread: 0 }));
}

function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const at = new Date(iso ?? "");
  if (!isUuid(id) || !instantInRange(at)) throw fieldError("cursor", "invalidCursor");
  return { at, id };
}

