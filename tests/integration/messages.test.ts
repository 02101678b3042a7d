import { and, eq } from "drizzle-orm";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { documents, messages, notifications } from "@/db/schema";
import { handleSend } from "@/server/http/messages";
import type { Actor } from "@/server/services/access";
import { ERASED_WORDS, exportClientData } from "@/server/services/privacy";
import { codeOf, fieldsOf } from "../support/errors";
import { createClientRecord, createTenant, type Tenant } from "../support/factories";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 9, 8, 7, 6]);

const actor = (t: Tenant, who: "admin" | "counselorA" | "counselorB" | "clientUserA" | "clientUserB"): Actor => ({
  orgId: t.orgId,
  userId: t[who].id,
  role: who === "admin" ? "admin" : who.startsWith("counselor") ? "counselor" : "client",
  requestId: "test",
});

function post(fields: Record<string, string | Blob>, filename = "receipt.png") {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (v instanceof Blob) form.set(k, v, filename);
    else form.set(k, v);
  }
  return new Request("http://localhost/api/messages", { method: "POST", body: form });
}

let t: Tenant;
beforeAll(async () => {
  t = await createTenant("Messages");
});

describe("a client's thread with her counselor", () => {
  it("the client sends a photo: it becomes her document, her counselor's bell counts it, and the thread shows it", async () => {
    const before = await t.as.counselorA.notification.unreadCount();
    const res = await handleSend(post({ body: "这是还款截图", file: new Blob([PNG], { type: "image/png" }) }), actor(t, "clientUserA"));
    expect(res.status).toBe(201);
    const sent = (await res.json()) as { id: string; documentId: string };
    expect(sent.documentId).toBeTruthy();

    const db = await getDb();
    const [doc] = await db
      .select({ clientId: documents.clientId, mime: documents.mime, filename: documents.filename, kind: documents.kind })
      .from(documents)
      .where(and(eq(documents.orgId, t.orgId), eq(documents.id, sent.documentId)));
    expect(doc).toEqual({ clientId: t.clientA.id, mime: "image/png", filename: "receipt.png", kind: "other" });

    expect(await t.as.counselorA.notification.unreadCount()).toBe(before + 1);
    const thread = await t.as.counselorA.message.thread({ clientId: t.clientA.id });
    expect(thread.unread).toBe(1);
    expect(thread.items.at(-1)).toMatchObject({ side: "client", body: "这是还款截图", own: false, readByOtherSide: false });
    expect(thread.items.at(-1)!.document).toMatchObject({ id: sent.documentId, mime: "image/png" });
    // The counselor's list of threads waiting for her.
    expect((await t.as.counselorA.message.unreadThreads()).map((r) => r.clientId)).toContain(t.clientA.id);
  });

  it("reading marks the thread and its notifications read; the reply reaches the client, who sees it read once she reads", async () => {
    const read = await t.as.counselorA.message.markRead({ clientId: t.clientA.id });
    expect(read.notificationsRead).toBe(1);
    expect((await t.as.counselorA.message.thread({ clientId: t.clientA.id })).unread).toBe(0);
    expect(await t.as.counselorA.message.unreadThreads()).toEqual([]);
    // The client sees her message read by her counselor.
    expect((await t.as.clientA.message.thread({})).items.at(-1)!.readByOtherSide).toBe(true);

    const clientBell = await t.as.clientA.notification.unreadCount();
    await t.as.counselorA.message.send({ clientId: t.clientA.id, body: "收到了，我今天联系平台" });
    expect(await t.as.clientA.notification.unreadCount()).toBe(clientBell + 1);
    const mine = await t.as.clientA.message.thread({});
    expect(mine.unread).toBe(1);
    expect(mine.items.at(-1)).toMatchObject({ side: "staff", body: "收到了，我今天联系平台", readByOtherSide: false });
    await t.as.clientA.message.markRead({});
    expect((await t.as.counselorA.message.thread({ clientId: t.clientA.id })).items.at(-1)!.readByOtherSide).toBe(true);
    expect(await t.as.clientA.notification.unreadCount()).toBe(clientBell);
  });

  it("search finds words in the thread (LIKE wildcards are literal)", async () => {
    await t.as.clientA.message.send({ body: "利率是 100% 吗" });
    expect((await t.as.clientA.message.thread({ q: "联系平台" })).items.map((m) => m.body)).toEqual(["收到了，我今天联系平台"]);
    expect((await t.as.counselorA.message.thread({ clientId: t.clientA.id, q: "100%" })).items).toHaveLength(1);
    expect((await t.as.counselorA.message.thread({ clientId: t.clientA.id, q: "%" })).items).toHaveLength(1);
    expect((await t.as.counselorA.message.thread({ clientId: t.clientA.id, q: "没有这句话" })).items).toEqual([]);
  });

  it("no one else's thread: another counselor, another client → NOT_FOUND; a client names only her own", async () => {
    expect(await codeOf(t.as.counselorB.message.thread({ clientId: t.clientA.id }))).toBe("NOT_FOUND");
    expect(await codeOf(t.as.counselorB.message.send({ clientId: t.clientA.id, body: "hi" }))).toBe("NOT_FOUND");
    expect(await codeOf(t.as.clientB.message.thread({ clientId: t.clientA.id }))).toBe("NOT_FOUND");
    const other = await createTenant("Other agency");
    expect(await codeOf(other.as.admin.message.thread({ clientId: t.clientA.id }))).toBe("NOT_FOUND");
  });

  it("bad input changes nothing: empty, too long, a file that is not a photo or document", async () => {
    const db = await getDb();
    const count = async () => (await db.select({ id: messages.id }).from(messages).where(eq(messages.orgId, t.orgId))).length;
    const docs = async () => (await db.select({ id: documents.id }).from(documents).where(eq(documents.orgId, t.orgId))).length;
    const [m0, d0] = [await count(), await docs()];
    expect(await fieldsOf(t.as.clientA.message.send({ body: "   " }))).toEqual({ body: ["messageEmpty"] });
    expect(await codeOf(t.as.clientA.message.send({ body: "字".repeat(2001) }))).toBe("BAD_REQUEST");
    const exe = await handleSend(
      post({ body: "", file: new Blob([new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0])]) }, "x.exe"),
      actor(t, "clientUserA"),
    );
    expect(exe.status).toBe(415);
    const empty = await handleSend(post({ body: "" }), actor(t, "clientUserA"));
    expect(empty.status).toBe(400);
    expect([await count(), await docs()]).toEqual([m0, d0]);
  });

  it("the client's data export carries her thread", async () => {
    const { zip } = await exportClientData(actor(t, "clientUserA"), null);
    const data = JSON.parse(await (await JSZip.loadAsync(zip)).file("data.json")!.async("string")) as {
      messages: Array<{ body: string; side: string; documentId: string | null }>;
    };
    expect(data.messages.map((m) => m.body)).toEqual(["这是还款截图", "收到了，我今天联系平台", "利率是 100% 吗"]);
    expect(data.messages[0]!.documentId).toBeTruthy();
  });

  it("a message notification names the client but never copies her words", async () => {
    const db = await getDb();
    const rows = await db
      .select({ params: notifications.params, href: notifications.href })
      .from(notifications)
      .where(and(eq(notifications.orgId, t.orgId), eq(notifications.kind, "message-received")));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.params).toEqual({ clientName: "客户甲" });
      expect(r.href).toBe(`/clients/${t.clientA.id}?tab=messages`);
    }
  });

  it("erasing a client replaces the words of her thread (the rows and the audit stay)", async () => {
    const file = await createClientRecord(t.orgId, { counselorId: t.counselorA.id, name: "要删除的客户" });
    await t.as.counselorA.message.send({ clientId: file.id, body: "请补充身份证照片" });
    await t.as.admin.client.close({ id: file.id, version: 1 });
    await t.as.admin.client.erase({ id: file.id });
    const db = await getDb();
    const rows = await db
      .select({ body: messages.body })
      .from(messages)
      .where(and(eq(messages.orgId, t.orgId), eq(messages.clientId, file.id)));
    expect(rows).toEqual([{ body: ERASED_WORDS }]);
  });
});
