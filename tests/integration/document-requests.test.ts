import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, documentRequests, documents, notifications, proposalResponses, type DocumentKind } from "@/db/schema";
import { addDays, todayInShanghai } from "@/server/domain/time";
import { handleDownload, handleUpload } from "@/server/http/documents";
import { syncNotifications } from "@/server/services/notifications";
import { LocalFolderStorage, setFileStorage } from "@/server/storage";
import type { Actor } from "@/server/services/access";
import { codeOf, fieldsOf } from "../support/errors";
import { createTenant, type Tenant } from "../support/factories";
import { createDebtRow, createLender } from "../support/workspace-fixture";

/**
 * A lender's request for a document is one row, resolved once: by the upload that answers it (the portal's
 * upload names it; a staff upload of the kind, on the case or client-level, answers it too) or by a
 * counselor. The portal, the case checklist, the agenda and the notifications all read the same rows, so
 * after each step they agree on what is still needed.
 */

const today = todayInShanghai();
const uploadDir = mkdtempSync(path.join(tmpdir(), "xs-requests-"));
beforeAll(() => setFileStorage(new LocalFolderStorage(uploadDir)));
afterAll(() => rmSync(uploadDir, { recursive: true, force: true }));

const pdf = new Uint8Array(Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "latin1"));
// The smallest PNG: signature, IHDR (1×1), IDAT, IEND.
const png = new Uint8Array(
  Buffer.from(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
      "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
    "hex",
  ),
);

const actor = (t: Tenant, who: "admin" | "counselorA" | "counselorB" | "clientA" | "clientB"): Actor => {
  const userId = {
    admin: t.admin.id,
    counselorA: t.counselorA.id,
    counselorB: t.counselorB.id,
    clientA: t.clientUserA.id,
    clientB: t.clientUserB.id,
  }[who];
  const role = who === "admin" ? "admin" : who.startsWith("client") ? "client" : "counselor";
  return { orgId: t.orgId, userId, role, requestId: `t-${randomUUID()}` };
};

async function upload(as: Actor, fields: Record<string, string>, file = { bytes: pdf, name: "材料.pdf" }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("file", new File([file.bytes as Uint8Array<ArrayBuffer>], file.name));
  const res = await handleUpload(new Request("http://localhost/api/documents", { method: "POST", body: form }), as);
  return {
    status: res.status,
    body: (await res.json()) as {
      id: string;
      resolvedRequests?: string[];
      error?: { messageKey?: string; fields?: Record<string, string[]> };
    },
  };
}

async function openCase(t: Tenant, who: "A" | "B" = "A") {
  const lender = await createLender(t.orgId, `平台${randomUUID().slice(0, 4)}`);
  // Some penalty interest owed, so that the proposal's penalty waiver adds up with the debt (terms-check.ts).
  const debtId = await createDebtRow(t.orgId, who === "A" ? t.clientA.id : t.clientB.id, lender, {
    outstandingPrincipalFen: 200_000,
    penaltyFen: 5_000,
  });
  return (await (who === "A" ? t.as.counselorA : t.as.counselorB).case.open({ debtId })).id;
}

async function ask(t: Tenant, caseId: string, kinds: DocumentKind[], who: "A" | "B" = "A") {
  const caller = who === "A" ? t.as.counselorA : t.as.counselorB;
  const p = await caller.case.createProposal({
    caseId,
    channel: "app",
    validUntil: addDays(today, 14),
    terms: { waiver: { penaltyFen: 1_000 } },
  });
  await caller.case.sendProposal({ caseId, proposalId: p.id });
  return (await caller.case.recordResponse({ caseId, proposalId: p.id, kind: "documents-requested", receivedOn: today, documents: kinds }))
    .id;
}

/** What each place says is still needed for client A: the same rows, seen four ways. */
async function stillNeeded(t: Tenant, caseId: string) {
  const portal = (await t.as.clientA.portal.overview())!.documentsRequested.map((r) => `${r.caseId}:${r.kind}`).sort();
  const checklist = (await t.as.counselorA.document.checklist({ caseId })).items
    .filter((i) => i.requested)
    .map((i) => `${caseId}:${i.kind}`)
    .sort();
  const agenda = (await t.as.counselorA.agenda.today()).documentRequests
    .flatMap((d) => d.missingKinds.map((k) => `${d.caseId}:${k}`))
    .sort();
  return { portal, checklist, agenda };
}

async function notificationsOf(t: Tenant, userId: string) {
  const db = await getDb();
  return db
    .select({ key: notifications.dedupeKey, kind: notifications.kind, readAt: notifications.readAt, resolvedAt: notifications.resolvedAt })
    .from(notifications)
    .where(and(eq(notifications.orgId, t.orgId), eq(notifications.userId, userId)));
}

describe("document requests", () => {
  it("an answer makes one request per kind; uploads resolve them; portal, checklist, agenda and notifications agree", async () => {
    const t = await createTenant();
    const caseId = await openCase(t);
    const responseId = await ask(t, caseId, ["income-proof", "bank-statement", "income-proof"]);

    // One row per kind, in the answer's transaction, dated the day the lender asked.
    const db = await getDb();
    const rows = await db.select().from(documentRequests).where(eq(documentRequests.orgId, t.orgId));
    expect(rows.map((r) => [r.kind, r.requestedOn, r.responseId, r.resolvedAt]).sort()).toEqual([
      ["bank-statement", today, responseId, null],
      ["income-proof", today, responseId, null],
    ]);
    const both = [`${caseId}:bank-statement`, `${caseId}:income-proof`];
    expect(await stillNeeded(t, caseId)).toEqual({ portal: both, checklist: both, agenda: both });
    const agendaItem = (await t.as.counselorA.agenda.today()).documentRequests[0]!;
    expect(agendaItem).toMatchObject({ responseId, requestedOn: today, caseId, clientName: "客户甲" });
    // Another counselor's agenda and the other client's portal never show it.
    expect((await t.as.counselorB.agenda.today()).documentRequests).toEqual([]);
    expect((await t.as.clientB.portal.overview())!.documentsRequested).toEqual([]);

    await syncNotifications(t.orgId);
    expect(await notificationsOf(t, t.counselorA.id)).toEqual([
      expect.objectContaining({ key: `documents:${responseId}`, resolvedAt: null, readAt: null }),
    ]);
    expect(await notificationsOf(t, t.clientUserA.id)).toEqual([
      expect.objectContaining({ key: `client-documents:${responseId}`, kind: "client-documents-requested", resolvedAt: null }),
    ]);

    // The lender asks again for the income proof while it is still needed: nothing new is asked.
    await ask(t, caseId, ["income-proof"]);
    expect((await db.select().from(documentRequests).where(eq(documentRequests.orgId, t.orgId))).length).toBe(2);

    // The client uploads the income proof from the portal: the upload names the request.
    const incomeRequest = (await t.as.clientA.portal.overview())!.documentsRequested.find((r) => r.kind === "income-proof")!;
    const up = await upload(actor(t, "clientA"), { kind: "income-proof", caseId, documentRequestId: incomeRequest.id });
    expect(up.status).toBe(201);
    expect(up.body.resolvedRequests).toEqual([incomeRequest.id]);
    const one = [`${caseId}:bank-statement`];
    expect(await stillNeeded(t, caseId)).toEqual({ portal: one, checklist: one, agenda: one });
    const income = (await t.as.counselorA.document.checklist({ caseId })).items.find((i) => i.kind === "income-proof")!;
    expect(income).toMatchObject({
      present: true,
      requested: false,
      request: { id: incomeRequest.id, resolution: "uploaded", resolvedByDocumentId: up.body.id },
    });
    // Half of the answer is still open: its notifications stay.
    expect((await notificationsOf(t, t.counselorA.id))[0]!.resolvedAt).toBeNull();

    // A second upload naming the resolved request is refused and stores nothing.
    const again = await upload(actor(t, "clientA"), { kind: "income-proof", caseId, documentRequestId: incomeRequest.id });
    expect(again.status).toBe(400);
    expect(again.body.error?.fields).toEqual({ documentRequestId: ["requestAlreadyResolved"] });

    // The counselor uploads a client-level bank statement (no case): it answers the request too.
    const staff = await upload(actor(t, "counselorA"), { kind: "bank-statement", clientId: t.clientA.id });
    expect(staff.status).toBe(201);
    expect(staff.body.resolvedRequests).toHaveLength(1);
    expect(await stillNeeded(t, caseId)).toEqual({ portal: [], checklist: [], agenda: [] });
    const checklist = await t.as.counselorA.document.checklist({ caseId });
    expect(checklist.missing).not.toContain("income-proof");
    expect(checklist.missing).not.toContain("bank-statement");
    expect(checklist.items.find((i) => i.kind === "bank-statement")!.request).toMatchObject({
      resolution: "uploaded",
      resolvedByDocumentId: staff.body.id,
    });
    const portal = (await t.as.clientA.portal.overview())!;
    expect(portal.lenders.find((l) => l.caseId === caseId)!.documentsStillNeeded).toBe(0);

    // The notifications of the answer are resolved (and read) for counselor and client, and not made again.
    for (const userId of [t.counselorA.id, t.clientUserA.id]) {
      const [n] = await notificationsOf(t, userId);
      expect(n!.resolvedAt).toBeInstanceOf(Date);
      expect(n!.readAt).toBeInstanceOf(Date);
    }
    expect(await syncNotifications(t.orgId)).toBe(0);
    expect(await t.as.counselorA.notification.unreadCount()).toBe(0);
    const listed = await t.as.clientA.notification.list({});
    expect(listed.items.map((n) => [n.kind, n.resolvedAt !== null])).toEqual([["client-documents-requested", true]]);

    // Each resolution is audited.
    const audits = await db
      .select({ entityId: auditLog.entityId, after: auditLog.after, actor: auditLog.actorUserId })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, t.orgId), eq(auditLog.action, "document_request.resolve")));
    expect(audits.map((a) => a.entityId).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(audits.find((a) => a.entityId === incomeRequest.id)).toMatchObject({
      actor: t.clientUserA.id,
      after: { resolution: "uploaded", documentId: up.body.id },
    });
  });

  it("a counselor marks one not needed, or answered by a document on file, always with a reason", async () => {
    const t = await createTenant();
    const caseId = await openCase(t);
    await ask(t, caseId, ["income-proof", "id", "bank-statement"]);
    const requestOf = async (kind: string) =>
      (await t.as.counselorA.document.checklist({ caseId })).items.find((i) => i.kind === kind)!.request!;
    const db = await getDb();
    const snapshot = async () => db.select().from(documentRequests).where(eq(documentRequests.orgId, t.orgId));

    // No reason, a blank one, or the client herself: refused, nothing changes.
    const before = await snapshot();
    const id = (await requestOf("id")).id;
    expect(
      await fieldsOf(t.as.counselorA.document.resolveRequest({ documentRequestId: id, resolution: "not-needed", reason: "  " })),
    ).toHaveProperty("reason");
    expect(await codeOf(t.as.clientA.document.resolveRequest({ documentRequestId: id, resolution: "not-needed", reason: "不要了" }))).toBe(
      "FORBIDDEN",
    );
    expect(
      await codeOf(t.as.counselorB.document.resolveRequest({ documentRequestId: id, resolution: "not-needed", reason: "不要了" })),
    ).toBe("NOT_FOUND");
    expect(await snapshot()).toEqual(before);

    await t.as.counselorA.document.resolveRequest({ documentRequestId: id, resolution: "not-needed", reason: "平台说身份证件已经核验过" });
    expect(await requestOf("id")).toMatchObject({ resolution: "not-needed", note: "平台说身份证件已经核验过" });
    expect((await t.as.clientA.portal.overview())!.documentsRequested.map((r) => r.kind).sort()).toEqual([
      "bank-statement",
      "income-proof",
    ]);
    // Once resolved, it stays resolved.
    expect(
      await fieldsOf(t.as.counselorA.document.resolveRequest({ documentRequestId: id, resolution: "not-needed", reason: "再来一次" })),
    ).toEqual({
      documentRequestId: ["requestAlreadyResolved"],
    });

    // An income proof already on file (uploaded before the lender asked) answers the request when the counselor says so.
    const onFile = await upload(actor(t, "counselorA"), { kind: "income-proof", clientId: t.clientA.id });
    // (That upload came after the request, so it resolved it already: ask again on a second case to test the choice.)
    expect(onFile.body.resolvedRequests).toHaveLength(1);
    const case2 = await openCase(t);
    await ask(t, case2, ["income-proof"]);
    const r2 = (await t.as.counselorA.document.checklist({ caseId: case2 })).items.find((i) => i.kind === "income-proof")!;
    expect(r2).toMatchObject({ present: true, requested: true });
    await t.as.counselorA.document.resolveRequest({
      documentRequestId: r2.request!.id,
      resolution: "on-file",
      documentId: onFile.body.id,
      reason: "上月的收入证明仍有效",
    });
    expect(
      (await t.as.counselorA.document.checklist({ caseId: case2 })).items.find((i) => i.kind === "income-proof")!.request,
    ).toMatchObject({
      resolution: "on-file",
      resolvedByDocumentId: onFile.body.id,
      resolvedByFilename: "材料.pdf",
      note: "上月的收入证明仍有效",
    });
    const [audit] = await db
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, t.orgId), eq(auditLog.action, "document_request.resolve"), eq(auditLog.entityId, r2.request!.id)));
    expect(audit!.after).toMatchObject({ resolution: "on-file", documentId: onFile.body.id, note: "上月的收入证明仍有效" });
  });

  it("another organization's or another client's document never resolves it", async () => {
    const t = await createTenant();
    const caseId = await openCase(t);
    await ask(t, caseId, ["income-proof"]);
    const request = (await t.as.counselorA.document.checklist({ caseId })).items.find((i) => i.kind === "income-proof")!.request!;
    const open = async () => (await t.as.clientA.portal.overview())!.documentsRequested.map((r) => r.id);
    expect(await open()).toEqual([request.id]);

    // Client B's own income proof, on her case and client-level: A's request stays open.
    const caseB = await openCase(t, "B");
    expect((await upload(actor(t, "clientB"), { kind: "income-proof", caseId: caseB })).body.resolvedRequests).toEqual([]);
    const bDoc = await upload(actor(t, "counselorB"), { kind: "income-proof", clientId: t.clientB.id });
    expect(bDoc.body.resolvedRequests).toEqual([]);
    // Client B (or her counselor) naming A's request: not found, nothing stored.
    const count = async () =>
      (
        await (
          await getDb()
        )
          .select({ n: sql<number>`count(*)::int` })
          .from(documents)
          .where(eq(documents.orgId, t.orgId))
      )[0]!.n;
    const n = await count();
    expect((await upload(actor(t, "clientB"), { kind: "income-proof", documentRequestId: request.id })).status).toBe(404);
    expect((await upload(actor(t, "counselorB"), { kind: "income-proof", documentRequestId: request.id })).status).toBe(404);
    // A's own upload naming the request but of another kind: refused.
    const wrongKind = await upload(actor(t, "clientA"), { kind: "id", caseId, documentRequestId: request.id });
    expect(wrongKind.body.error?.fields).toEqual({ kind: ["kindNotRequested"] });
    expect(await count()).toBe(n);
    // An income proof on another of A's cases belongs to that case: it does not answer this one.
    const otherCase = await openCase(t);
    expect((await upload(actor(t, "counselorA"), { kind: "income-proof", caseId: otherCase })).body.resolvedRequests).toEqual([]);

    // Another organization: its admin cannot name the request, and its documents cannot answer it.
    const other = await createTenant("Other");
    const foreignDoc = await upload(actor(other, "admin"), { kind: "income-proof", clientId: other.clientA.id });
    expect(foreignDoc.status).toBe(201);
    expect((await upload(actor(other, "admin"), { kind: "income-proof", documentRequestId: request.id })).status).toBe(404);
    expect(
      await codeOf(
        other.as.admin.document.resolveRequest({
          documentRequestId: request.id,
          resolution: "on-file",
          documentId: foreignDoc.body.id,
          reason: "x",
        }),
      ),
    ).toBe("NOT_FOUND");
    // As A's counselor, another organization's document or another client's: "not found", and nothing changes.
    for (const documentId of [foreignDoc.body.id, bDoc.body.id]) {
      expect(
        await fieldsOf(
          t.as.counselorA.document.resolveRequest({ documentRequestId: request.id, resolution: "on-file", documentId, reason: "用这份" }),
        ),
      ).toEqual({
        documentId: ["documentNotFound"],
      });
    }
    expect(await open()).toEqual([request.id]);
    expect((await t.as.counselorA.agenda.today()).documentRequests.map((d) => d.missingKinds)).toEqual([["income-proof"]]);
  });

  it("the agenda's and the schedule's reported payment carry the receipt and who reported it", async () => {
    const t = await createTenant();
    const caseId = await openCase(t);
    const p = await t.as.counselorA.case.createProposal({
      caseId,
      channel: "app",
      validUntil: addDays(today, 14),
      terms: { lumpSum: { amountFen: 50_000, dueDate: addDays(today, 5) } },
    });
    await t.as.counselorA.case.sendProposal({ caseId, proposalId: p.id });
    await t.as.counselorA.case.recordResponse({ caseId, proposalId: p.id, kind: "accepted", receivedOn: today });

    const receipt = await upload(actor(t, "clientA"), { kind: "receipt", caseId }, { bytes: png, name: "转账截图.png" });
    expect(receipt.status).toBe(201);
    const reported = (await t.as.clientA.payment.record({
      caseId,
      amountFen: 20_000,
      paidOn: today,
      method: "alipay",
      receiptDocumentId: receipt.body.id,
      idempotencyKey: randomUUID(),
    })) as { id: string };
    const staffEntry = (await t.as.counselorA.payment.record({
      caseId,
      amountFen: 10_000,
      paidOn: today,
      method: "cash",
      idempotencyKey: randomUUID(),
    })) as { id: string };

    const [item] = (await t.as.counselorA.agenda.today()).reportedPayments;
    expect(item).toMatchObject({
      paymentId: reported.id,
      amountFen: 20_000,
      receipt: { id: receipt.body.id, filename: "转账截图.png", mime: "image/png" },
      reportedBy: { role: "client", name: "客户甲" },
    });
    expect(item!.reportedAt).toBeInstanceOf(Date);
    expect((await t.as.counselorB.agenda.today()).reportedPayments).toEqual([]);

    const schedule = (await t.as.counselorA.payment.schedule({ caseId }))!;
    const byId = new Map(schedule.payments.map((x) => [x.id, x]));
    expect(byId.get(reported.id)).toMatchObject({
      status: "reported",
      receipt: { id: receipt.body.id, mime: "image/png" },
      reportedBy: { role: "client", name: "客户甲" },
    });
    expect(byId.get(staffEntry.id)).toMatchObject({
      status: "confirmed",
      receipt: null,
      reportedBy: { role: "counselor", name: "CounselorA" },
    });

    // The receipt comes through the checked download route: the counselor gets the image, counselor B does not.
    const got = await handleDownload(receipt.body.id, actor(t, "counselorA"));
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toBe("image/png");
    expect((await handleDownload(receipt.body.id, actor(t, "counselorB"))).status).toBe(404);
  });

  it("migration 0016 backfills the answers recorded before it, by the rule the agenda used", async () => {
    const t = await createTenant();
    const c1 = await openCase(t);
    const c2 = await openCase(t);
    const a1 = await ask(t, c1, ["income-proof", "bank-statement"]);
    const a2 = await ask(t, c1, ["bank-statement"]);
    const a3 = await ask(t, c2, ["id"]);
    const db = await getDb();
    // As before the migration: the answers without their requests, and notifications under the old keys.
    await db.delete(documentRequests).where(eq(documentRequests.orgId, t.orgId));
    const [r1] = await db
      .select({ at: proposalResponses.recordedAt })
      .from(proposalResponses)
      .where(and(eq(proposalResponses.orgId, t.orgId), eq(proposalResponses.id, a1)));
    const doc = async (kind: "income-proof" | "id", caseId: string | null, at: Date) => {
      const id = randomUUID();
      await db.insert(documents).values({
        orgId: t.orgId,
        id,
        clientId: t.clientA.id,
        caseId,
        kind,
        filename: `${kind}.pdf`,
        mime: "application/pdf",
        sizeBytes: 1,
        sha256: "0".repeat(64),
        storageKey: `k-${id}`,
        uploadedBy: t.clientUserA.id,
        createdAt: at,
      });
      return id;
    };
    // An income proof uploaded after a1 answers it; a client-level ID from before a3 does not.
    const income = await doc("income-proof", c1, new Date(r1!.at.getTime() + 60_000));
    await doc("id", null, new Date(r1!.at.getTime() - 86_400_000));
    for (const [key, kind] of [
      [`documents:${a1}`, "documents-requested"],
      [`documents:${a2}`, "documents-requested"],
      [`client-documents:${a3}`, "client-documents-requested"],
    ] as const) {
      await db.insert(notifications).values({
        orgId: t.orgId,
        userId: key.startsWith("client") ? t.clientUserA.id : t.counselorA.id,
        kind,
        dedupeKey: key,
        params: {},
        href: "/agenda",
      });
    }

    const migration = readFileSync(path.join(process.cwd(), "db/migrations/0016_document-requests.sql"), "utf8");
    const backfill = migration.slice(migration.indexOf("-- Backfill")).split("--> statement-breakpoint");
    await db.transaction(async (tx) => {
      for (const statement of backfill) await tx.execute(sql.raw(statement));
    });

    const rows = await db
      .select({
        response: documentRequests.responseId,
        kind: documentRequests.kind,
        resolution: documentRequests.resolution,
        doc: documentRequests.resolvedByDocumentId,
      })
      .from(documentRequests)
      .where(eq(documentRequests.orgId, t.orgId));
    const label = (r: (typeof rows)[number]) =>
      `${r.response === a1 ? "a1" : r.response === a2 ? "a2" : "a3"}:${r.kind}:${r.resolution ?? "open"}`;
    expect(rows.map(label).sort()).toEqual(["a1:bank-statement:open", "a1:income-proof:uploaded", "a3:id:open"]);
    expect(rows.find((r) => r.kind === "income-proof")!.doc).toBe(income);
    // a2 asked only for what a1 still asks: its notification is done; a1's and a3's are not.
    const ns = await db
      .select({ key: notifications.dedupeKey, resolvedAt: notifications.resolvedAt })
      .from(notifications)
      .where(eq(notifications.orgId, t.orgId));
    expect(Object.fromEntries(ns.map((n) => [n.key, n.resolvedAt !== null]))).toEqual({
      [`documents:${a1}`]: false,
      [`documents:${a2}`]: true,
      [`client-documents:${a3}`]: false,
    });
    // Running it again changes nothing; the portal reads the backfilled rows.
    await db.transaction(async (tx) => {
      for (const statement of backfill) await tx.execute(sql.raw(statement));
    });
    expect((await db.select().from(documentRequests).where(eq(documentRequests.orgId, t.orgId))).length).toBe(3);
    expect((await t.as.clientA.portal.overview())!.documentsRequested.map((r) => r.kind).sort()).toEqual(["bank-statement", "id"]);
  });
});
