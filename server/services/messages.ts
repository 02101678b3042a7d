import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, gt, ilike, inArray, isNull, ne, sql } from "drizzle-orm";
import { withTenant, type Tx } from "@/db/client";
import { clients, documents, memberships, messageReads, messages, notifications, users } from "@/db/schema";
import { messageNotificationDraft } from "@/server/domain/notification-rules";
import { shanghaiDate } from "@/server/domain/time";
import { AppError, fieldError, notFound } from "@/server/errors";
import { assertClientAccess, clientVisibility, type Actor } from "./access";
import { writeAudit } from "./audit";
import { checkUpload, storeDocument } from "./documents";
import { queueSms } from "./sms";

/**
 * The thread between a client and her file's staff (decision 015): one per client. The client writes to
 * her counselor (to the admins while none is assigned); staff write to the client. A file sent becomes a
 * document of the client in the same transaction, checked like every upload.
 */

export const MAX_MESSAGE_CHARS = 2000;
export const MAX_SEARCH_CHARS = 100;
/** The newest messages shown at once (a thread longer than this shows its latest part; search reaches the rest). */
export const THREAD_PAGE = 200;

export type SendMessageInput = {
  /** Staff name the thread; a client writes in her own (the id is ignored for her). */
  clientId?: string;
  body: string;
  file?: { filename: string; bytes: Uint8Array };
};

/** The client whose thread it is: her own record for a client, a visible file for staff; NOT_FOUND otherwise. */
async function threadClient(tx: Tx, actor: Actor, clientId: string | undefined) {
  if (actor.role === "client") {
    const [own] = await tx
      .select({ id: clients.id, userId: clients.userId, assignedCounselorId: clients.assignedCounselorId, status: clients.status })
      .from(clients)
      .where(and(eq(clients.orgId, actor.orgId), eq(clients.userId, actor.userId)))
      .limit(1);
    if (!own || (clientId && clientId !== own.id)) throw notFound();
    return own;
  }
  if (!clientId) throw fieldError("clientId", "required");
  return assertClientAccess(tx, actor, clientId);
}

/** Trimmed text within bounds (field error otherwise). */
export function cleanBody(body: string): string {
  const text = body.replace(/\r\n/g, "\n").trim();
  if (Array.from(text).length > MAX_MESSAGE_CHARS) throw fieldError("body", "messageTooLong", { max: MAX_MESSAGE_CHARS });
  return text;
}

/** Sends a message (text, a file, or both) into a client's thread and tells the other side. */
export async function sendMessage(actor: Actor, input: SendMessageInput) {
  const body = cleanBody(input.body);
  if (!body && !input.file) throw fieldError("body", "messageEmpty");
  const type = input.file ? checkUpload(input.file) : null;
  return withTenant(actor, async (tx) => {
    const client = await threadClient(tx, actor, input.clientId);
    if (client.status !== "active") throw fieldError("clientId", "clientNotActive");
    const side = actor.role === "client" ? "client" : "staff";
    const doc =
      input.file && type
        ? await storeDocument(
            tx,
            actor,
            { clientId: client.id, kind: "other", filename: input.file.filename, bytes: input.file.bytes },
            type,
          )
        : null;
    const id = randomUUID();
    const [row] = await tx
      .insert(messages)
      // The time in milliseconds, as JavaScript holds it: read pointers are compared with it after a round trip,
      // and PostgreSQL's own now() keeps microseconds a Date would drop (the writer's message then looked unread).
      .values({
        orgId: actor.orgId,
        id,
        clientId: client.id,
        authorUserId: actor.userId,
        side,
        body,
        documentId: doc?.id ?? null,
        createdAt: new Date(),
      })
      .returning({ id: messages.id, createdAt: messages.createdAt });
    // The writer has read her own thread up to her message.
    await advanceRead(tx, actor, client.id, row!.createdAt);
    await notifyOtherSide(tx, actor, client, side, id);
    if (side === "staff") {
      // "A message is waiting" by SMS, at most once a day per client; the dispatcher drops it if she read it first.
      await queueSms(tx, actor.orgId, {
        clientId: client.id,
        purpose: "message",
        dedupeKey: `message:${client.id}:${shanghaiDate(row!.createdAt)}`,
        params: {},
      });
    }
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "message.send",
      entityType: "message",
      entityId: id,
      after: { clientId: client.id, side, chars: Array.from(body).length, documentId: doc?.id ?? null },
      requestId: actor.requestId,
    });
    return { id, createdAt: row!.createdAt, documentId: doc?.id ?? null };
  });
}

/** Who hears of a message: the client's login for staff's words; her counselor (else the admins) for hers. */
async function notifyOtherSide(
  tx: Tx,
  actor: Actor,
  client: { id: string; userId: string | null; assignedCounselorId: string | null },
  side: "client" | "staff",
  messageId: string,
) {
  const active = await tx
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.orgId, actor.orgId), isNull(memberships.deactivatedAt)));
  const ids = new Set(active.map((m) => m.userId));
  let to: string[];
  if (side === "staff") to = client.userId && ids.has(client.userId) ? [client.userId] : [];
  else if (client.assignedCounselorId && ids.has(client.assignedCounselorId)) to = [client.assignedCounselorId];
  else to = active.filter((m) => m.role === "admin").map((m) => m.userId);
  to = to.filter((u) => u !== actor.userId);
  if (!to.length) return;
  const [named] = await tx
    .select({ name: clients.fullName })
    .from(clients)
    .where(and(eq(clients.orgId, actor.orgId), eq(clients.id, client.id)))
    .limit(1);
  const draft = messageNotificationDraft({ side, clientId: client.id, clientName: named?.name ?? "", messageId });
  await tx
    .insert(notifications)
    .values(to.map((userId) => ({ orgId: actor.orgId, userId, clientId: client.id, ...draft })))
    .onConflictDoNothing({ target: [notifications.orgId, notifications.userId, notifications.dedupeKey] });
}

async function advanceRead(tx: Tx, actor: Actor, clientId: string, at: Date) {
  await tx
    .insert(messageReads)
    .values({ orgId: actor.orgId, clientId, userId: actor.userId, readAt: at })
    .onConflictDoUpdate({
      target: [messageReads.orgId, messageReads.clientId, messageReads.userId],
      set: { readAt: sql`greatest(${messageReads.readAt}, excluded.read_at)` },
    });
}

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * A client's thread, oldest first (its latest THREAD_PAGE messages, or those matching `q`), with each
 * message's author, file, and whether the other side has read it; and how many are unread for the caller.
 * Reading does not mark read: the page calls markThreadRead (a search is not a reading).
 */
export async function threadOf(actor: Actor, input: { clientId?: string; q?: string }) {
  const q = input.q?.trim() ?? "";
  if (Array.from(q).length > MAX_SEARCH_CHARS) throw fieldError("q", "searchTooLong", { max: MAX_SEARCH_CHARS });
  return withTenant(actor, async (tx) => {
    const client = await threadClient(tx, actor, input.clientId);
    const m = messages;
    const rows = await tx
      .select({
        id: m.id,
        side: m.side,
        body: m.body,
        createdAt: m.createdAt,
        authorUserId: m.authorUserId,
        authorName: users.name,
        documentId: m.documentId,
        filename: documents.filename,
        mime: documents.mime,
        sizeBytes: documents.sizeBytes,
      })
      .from(m)
      .leftJoin(users, eq(users.id, m.authorUserId))
      .leftJoin(documents, and(eq(documents.orgId, actor.orgId), eq(documents.id, m.documentId)))
      .where(and(eq(m.orgId, actor.orgId), eq(m.clientId, client.id), q ? ilike(m.body, likePattern(q)) : undefined))
      .orderBy(desc(m.createdAt), desc(m.id))
      .limit(THREAD_PAGE);
    const reads = await tx
      .select({ userId: messageReads.userId, readAt: messageReads.readAt })
      .from(messageReads)
      .where(and(eq(messageReads.orgId, actor.orgId), eq(messageReads.clientId, client.id)));
    const clientRead = reads.find((r) => r.userId === client.userId)?.readAt ?? null;
    const staffRead = reads
      .filter((r) => r.userId !== client.userId)
      .reduce<Date | null>((a, r) => (!a || r.readAt > a ? r.readAt : a), null);
    const mine = reads.find((r) => r.userId === actor.userId)?.readAt ?? null;
    const items = rows.reverse().map((r) => ({
      id: r.id,
      side: r.side,
      body: r.body,
      createdAt: r.createdAt,
      authorName: r.authorName ?? "",
      own: r.authorUserId === actor.userId,
      document: r.documentId ? { id: r.documentId, filename: r.filename ?? "", mime: r.mime ?? "", sizeBytes: r.sizeBytes ?? 0 } : null,
      /** Staff's words read by the client; the client's read by any of her staff. */
      readByOtherSide:
        r.side === "staff" ? Boolean(clientRead && clientRead >= r.createdAt) : Boolean(staffRead && staffRead >= r.createdAt),
    }));
    return {
      clientId: client.id,
      query: q,
      items,
      unread: await unreadIn(tx, actor, client.id, mine),
      truncated: rows.length === THREAD_PAGE,
    };
  });
}

async function unreadIn(tx: Tx, actor: Actor, clientId: string, readAt: Date | null): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(messages)
    .where(
      and(
        eq(messages.orgId, actor.orgId),
        eq(messages.clientId, clientId),
        ne(messages.authorUserId, actor.userId),
        readAt ? gt(messages.createdAt, readAt) : undefined,
      ),
    );
  return Number(row?.n ?? 0);
}

/** Marks the caller's thread read up to its newest message, and its message notifications with it. */
export async function markThreadRead(actor: Actor, input: { clientId?: string }) {
  return withTenant(actor, async (tx) => {
    const client = await threadClient(tx, actor, input.clientId);
    const [latest] = await tx
      .select({ at: messages.createdAt })
      .from(messages)
      .where(and(eq(messages.orgId, actor.orgId), eq(messages.clientId, client.id)))
      .orderBy(desc(messages.createdAt))
      .limit(1);
    if (!latest) return { unread: 0, notificationsRead: 0 };
    await advanceRead(tx, actor, client.id, latest.at);
    const read = await tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(
        and(
          eq(notifications.orgId, actor.orgId),
          eq(notifications.userId, actor.userId),
          eq(notifications.clientId, client.id),
          inArray(notifications.kind, ["message-received", "client-message-received"]),
          isNull(notifications.readAt),
        ),
      )
      .returning({ id: notifications.id });
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "message.read",
      entityType: "message",
      entityId: client.id,
      after: { readTo: latest.at.toISOString(), notifications: read.length },
      requestId: actor.requestId,
    });
    return { unread: 0, notificationsRead: read.length };
  });
}

/** The staff member's threads with unread messages from clients, newest first (their own clients; all for an admin). */
export async function unreadThreads(actor: Actor) {
  if (actor.role === "client") throw new AppError("FORBIDDEN");
  return withTenant(actor, async (tx) => {
    const rows = await tx
      .select({
        clientId: messages.clientId,
        clientName: clients.fullName,
        unread: sql<number>`count(*)::int`,
        latestAt: sql<Date>`max(${messages.createdAt})`,
      })
      .from(messages)
      .innerJoin(clients, and(eq(clients.orgId, actor.orgId), eq(clients.id, messages.clientId)))
      .leftJoin(
        messageReads,
        and(eq(messageReads.orgId, actor.orgId), eq(messageReads.clientId, messages.clientId), eq(messageReads.userId, actor.userId)),
      )
      .where(
        and(
          eq(messages.orgId, actor.orgId),
          eq(messages.side, "client"),
          clientVisibility(actor),
          sql`(${messageReads.readAt} is null or ${messages.createdAt} > ${messageReads.readAt})`,
        ),
      )
      .groupBy(messages.clientId, clients.fullName)
      .orderBy(sql`max(${messages.createdAt}) desc`)
      .limit(50);
    return rows.map((r) => ({ ...r, unread: Number(r.unread), latestAt: new Date(r.latestAt) }));
  });
}

/** A client's messages for her data export (PIPL Art. 45), oldest first. */
export async function messagesForExport(tx: Tx, orgId: string, clientId: string) {
  return tx
    .select({ id: messages.id, side: messages.side, body: messages.body, documentId: messages.documentId, createdAt: messages.createdAt })
    .from(messages)
    .where(and(eq(messages.orgId, orgId), eq(messages.clientId, clientId)))
    .orderBy(asc(messages.createdAt), asc(messages.id));
}
