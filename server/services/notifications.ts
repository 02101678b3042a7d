import { and, desc, eq, gte, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { withTenant, type Tx } from "@/db/client";
import { cases, clients, memberships, notifications, proposalResponses, type Role } from "@/db/schema";
import { instantInRange } from "@/server/domain/bounds";
import { notificationDrafts } from "@/server/domain/notification-rules";
import { shanghaiDate } from "@/server/domain/time";
import { isUuid } from "@/server/schemas/common";
import { fieldError, notFound } from "@/server/errors";
import type { Actor } from "./access";
import { agendaToday } from "./agenda";
import { writeAudit } from "./audit";

/**
 * Notifications in the app: made from the rule table (server/domain/notification-rules.ts) and stored one per
 * person and key; read and marked read by their reader. E-mail is notification-delivery.ts, the periodic run
 * notification-jobs.ts.
 */

/** Lenders' answers older than this are history, not news (a client invited late is not flooded). */
export const ANSWER_NEWS_DAYS = 14;

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
      .where(
        and(eq(proposalResponses.orgId, orgId), gte(proposalResponses.recordedAt, new Date(now.getTime() - ANSWER_NEWS_DAYS * 86_400_000))),
      );

    const out = notificationDrafts(agenda, answers, today).flatMap(({ to, ...d }) => {
      const userIds = to === "staff" ? staffFor(d.clientId) : [clientUser(d.clientId)].filter((u): u is string => u !== null);
      return userIds.map((userId) => ({ ...d, userId }));
    });
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
