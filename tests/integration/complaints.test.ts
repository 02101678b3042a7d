import { createHash, randomUUID } from "node:crypto";
import { flagCodeOf } from "@/server/domain/collection-conduct";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, contactEntries, debts, lenders } from "@/db/schema";
import { chainHash, verifyChain } from "@/server/domain/hash-chain";
import { notificationDrafts } from "@/server/domain/notification-rules";
import { addDays, shanghaiInstant, todayInShanghai } from "@/server/domain/time";
import { agendaToday } from "@/server/services/agenda";
import { uploadDocument } from "@/server/services/documents";
import { buildEvidencePack, type EvidencePack } from "@/server/services/evidence-pack";
import { LocalFolderStorage, setFileStorage } from "@/server/storage";
import { codeOf, fieldsOf } from "../support/errors";
import { createTenant, type Tenant } from "../support/factories";

const today = todayInShanghai();
const uploadDir = mkdtempSync(path.join(tmpdir(), "xs-complaints-"));
beforeAll(() => setFileStorage(new LocalFolderStorage(uploadDir)));
afterAll(() => rmSync(uploadDir, { recursive: true, force: true }));

async function openCase(t: Tenant) {
  const db = await getDb();
  const lenderId = randomUUID();
  await db
    .insert(lenders)
    .values({ orgId: t.orgId, id: lenderId, name: `测试消费金融 ${lenderId.slice(0, 6)}`, licenceType: "consumer-finance" });
  const debtId = randomUUID();
  await db.insert(debts).values({
    orgId: t.orgId,
    id: debtId,
    clientId: t.clientA.id,
    lenderId,
    originalPrincipalFen: 2_000_000,
    outstandingPrincipalFen: 1_200_000,
    interestFen: 80_000,
    penaltyFen: 30_000,
    feesFen: 10_000,
    rateValue: "18",
    rateUnit: "annual",
    annualRatePct: "18",
    overdueSince: "2026-05-10",
  });
  const c = await t.as.counselorA.case.open({ debtId });
  return c.id;
}

/** A collector's call at 23:10 Beijing time yesterday: flagged as night contact. */
async function nightCall(t: Tenant, caseId: string) {
  return t.as.counselorA.contact.append({
    caseId,
    at: shanghaiInstant(addDays(today, -1), 23 * 60 + 10),
    channel: "phone",
    direction: "inbound",
    party: "collector",
    connected: true,
    summary: "催收员深夜来电，语气威胁",
  });
}

const actorOf = (t: Tenant) => ({ orgId: t.orgId, userId: t.counselorA.id, role: "counselor" as const });

describe("complaints ladder", () => {
  let t: Tenant;
  let other: Tenant;
  let caseId: string;
  let entryId: string;
  beforeAll(async () => {
    t = await createTenant("Complaints A");
    other = await createTenant("Complaints B");
    caseId = await openCase(t);
    const e = await nightCall(t, caseId);
    expect(e.conductFlags.map(flagCodeOf)).toContain("night-contact");
    entryId = e.id;
  });

  it("files a complaint linking a flagged entry, shows its clock on the agenda, and suggests the next rung when overdue", async () => {
    const filedOn = addDays(today, -30);
    const filed = await t.as.counselorA.complaint.file({
      caseId,
      channel: "lender",
      subject: "collection-conduct",
      details: "催收员在晚上十一点后来电",
      filedBy: "agency",
      filedOn,
      contactEntryIds: [entryId],
    });
    // The banking rule: 15 natural days.
    expect(filed.dueOn).toBe(addDays(filedOn, 15));
    const [k] = await t.as.counselorA.complaint.list({ caseId });
    expect(k).toMatchObject({ state: "overdue", nextRung: "nfra-12378", rule: { id: "nfra-complaints-2020", counting: "natural" } });
    expect(k!.linkedEntries).toEqual([
      expect.objectContaining({
        id: entryId,
        seq: 1,
        conductFlags: expect.arrayContaining([expect.objectContaining({ flag: "night-contact" })]),
      }),
    ]);

    const agenda = await agendaToday(actorOf(t));
    expect(agenda.complaintClocks).toEqual([expect.objectContaining({ complaintId: filed.id, overdue: true, dueDate: filed.dueOn })]);
    const drafts = notificationDrafts(agenda, [], today);
    expect(drafts).toContainEqual(expect.objectContaining({ kind: "complaint-overdue", dedupeKey: `complaint-overdue:${filed.id}` }));
    // Counselor B does not see client A: no clock on their agenda.
    const theirs = await agendaToday({ orgId: t.orgId, userId: t.counselorB.id, role: "counselor" });
    expect(theirs.complaintClocks).toEqual([]);

    // An extension moves the clock (to 30 days), the answer ends it; the answer came on day 25: in time.
    const ext = await t.as.counselorA.complaint.extend({
      caseId,
      complaintId: filed.id,
      extendedOn: addDays(filedOn, 10),
      version: filed.version,
    });
    expect(ext.dueOn).toBe(addDays(filedOn, 30));
    const answered = await t.as.counselorA.complaint.answer({
      caseId,
      complaintId: filed.id,
      answeredOn: addDays(filedOn, 25),
      outcome: "rejected",
      answer: "平台称催收合规",
      version: ext.version,
    });
    const [after] = await t.as.counselorA.complaint.list({ caseId });
    expect(after).toMatchObject({ id: answered.id, state: "answered-in-time", outcome: "rejected", nextRung: "nfra-12378" });
    expect((await agendaToday(actorOf(t))).complaintClocks).toEqual([]);
    // Answered once only; the version check refuses a stale screen.
    expect(
      await fieldsOf(
        t.as.counselorA.complaint.answer({
          caseId,
          complaintId: filed.id,
          answeredOn: today,
          outcome: "resolved",
          answer: "x",
          version: answered.version,
        }),
      ),
    ).toEqual({
      complaintId: ["complaintAnswered"],
    });

    const figures = await t.as.admin.complaint.outcomes({});
    expect(figures).toMatchObject({ filed: 1, answeredInTime: 1, answeredLate: 0, overdue: 0 });

    // The client sees it on her portal, in plain facts; the other client sees nothing.
    const mine = await t.as.clientA.complaint.mine();
    expect(mine).toEqual([expect.objectContaining({ id: filed.id, state: "answered-in-time", channel: "lender", outcome: "rejected" })]);
    expect(mine[0]).not.toHaveProperty("details");
    expect(await t.as.clientB.complaint.mine()).toEqual([]);

    const audit = await (
      await getDb()
    )
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, t.orgId), eq(auditLog.entityId, filed.id)));
    expect(audit.map((a) => a.action).sort()).toEqual(["complaint.answer", "complaint.extend", "complaint.file"]);
  });

  it("refuses bad input with field errors and changes nothing", async () => {
    const before = (await t.as.counselorA.complaint.list({ caseId })).length;
    const base = { caseId, channel: "lender" as const, details: "内容", filedBy: "client" as const, filedOn: today };
    expect(await fieldsOf(t.as.counselorA.complaint.file({ ...base, subject: "collection-conduct" }))).toEqual({
      contactEntryIds: ["complaintNeedsEntries"],
    });
    const otherCase = await openCase(t);
    const foreignEntry = await nightCall(t, otherCase);
    expect(
      await fieldsOf(t.as.counselorA.complaint.file({ ...base, subject: "collection-conduct", contactEntryIds: [foreignEntry.id] })),
    ).toEqual({ contactEntryIds: ["entryNotFound"] });
    expect(await fieldsOf(t.as.counselorA.complaint.file({ ...base, subject: "refused-proposal" }))).toEqual({
      proposalId: ["complaintNeedsProposal"],
    });
    const p = await t.as.counselorA.case.createProposal({
      caseId,
      terms: { waiver: { penaltyFen: 30_000 } },
      channel: "app",
      validUntil: addDays(today, 14),
    });
    expect(await fieldsOf(t.as.counselorA.complaint.file({ ...base, subject: "refused-proposal", proposalId: p.id }))).toEqual({
      proposalId: ["proposalNotRefused"],
    });
    expect(Object.keys(await fieldsOf(t.as.counselorA.complaint.file({ ...base, subject: "other", filedOn: addDays(today, 2) })))).toEqual([
      "filedOn",
    ]);
    expect(Object.keys(await fieldsOf(t.as.counselorA.complaint.file({ ...base, subject: "other", details: "x".repeat(4001) })))).toEqual([
      "details",
    ]);
    const k = await t.as.counselorA.complaint.file({ ...base, subject: "other", filedOn: addDays(today, -3) });
    expect(
      await fieldsOf(
        t.as.counselorA.complaint.answer({
          caseId,
          complaintId: k.id,
          answeredOn: addDays(today, -4),
          outcome: "resolved",
          answer: "好",
          version: k.version,
        }),
      ),
    ).toEqual({
      answeredOn: ["beforeFiled"],
    });
    // The banking rule allows two extensions, no third.
    let v = k.version;
    for (let i = 0; i < 2; i++)
      v = (await t.as.counselorA.complaint.extend({ caseId, complaintId: k.id, extendedOn: today, version: v })).version;
    expect(await fieldsOf(t.as.counselorA.complaint.extend({ caseId, complaintId: k.id, extendedOn: today, version: v }))).toEqual({
      extendedOn: ["noExtensionLeft"],
    });
    expect((await t.as.counselorA.complaint.list({ caseId })).length).toBe(before + 1);
  });

  it("another agency, another counselor and clients cannot reach the complaints", async () => {
    const [k] = await t.as.counselorA.complaint.list({ caseId });
    const file = {
      caseId,
      channel: "lender" as const,
      subject: "other" as const,
      details: "x",
      filedBy: "client" as const,
      filedOn: today,
    };
    expect(await codeOf(other.as.admin.complaint.list({ caseId }))).toBe("NOT_FOUND");
    expect(await codeOf(other.as.admin.complaint.file(file))).toBe("NOT_FOUND");
    expect(await codeOf(other.as.admin.complaint.extend({ caseId, complaintId: k!.id, extendedOn: today, version: k!.version }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(t.as.counselorB.complaint.list({ caseId }))).toBe("NOT_FOUND");
    expect(await codeOf(t.as.clientA.complaint.list({ caseId }))).toBe("FORBIDDEN");
    expect(await codeOf(t.as.clientA.complaint.file(file))).toBe("FORBIDDEN");
    expect(await other.as.clientA.complaint.mine()).toEqual([]);
    expect((await other.as.admin.complaint.outcomes({})).filed).toBe(0);
  });
});

async function unzip(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const files = new Map<string, Uint8Array>();
  for (const name of Object.keys(zip.files)) if (!zip.files[name]!.dir) files.set(name, await zip.files[name]!.async("uint8array"));
  return files;
}

const PDF_BYTES = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const sha = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");

/** Recomputes every entry's hash from the pack alone, as a mediator or court would. */
function recheck(pack: EvidencePack) {
  return verifyChain(pack.contactLog.entries.map((e) => ({ id: String(e.seq), prevHash: e.prevHash, hash: e.hash, content: e.content })));
}

describe("evidence pack", () => {
  it("holds the log with hashes that recompute, the documents with matching hashes, and detects tampering", async () => {
    const t = await createTenant("Evidence");
    const caseId = await openCase(t);
    const actor = actorOf(t);
    const e1 = await nightCall(t, caseId);
    await t.as.counselorA.contact.append({
      caseId,
      at: new Date(),
      channel: "phone",
      direction: "outbound",
      party: "lender-staff",
      summary: "提交方案",
    });
    const doc = await uploadDocument(actor, {
      caseId,
      kind: "communication-record",
      filename: "通话记录截图.pdf",
      bytes: PDF_BYTES,
    });
    const p = await t.as.counselorA.case.createProposal({
      caseId,
      terms: { waiver: { penaltyFen: 30_000 } },
      channel: "app",
      validUntil: addDays(today, 14),
    });
    await t.as.counselorA.case.sendProposal({ caseId, proposalId: p.id });
    // Two answers, the later one recorded with an earlier day: the pack lists them as the case page does.
    await t.as.counselorA.case.recordResponse({
      caseId,
      proposalId: p.id,
      kind: "documents-requested",
      documents: ["income-proof"],
      receivedOn: today,
    });
    await t.as.counselorA.case.recordResponse({
      caseId,
      proposalId: p.id,
      kind: "rejected",
      reason: "不符合政策",
      receivedOn: addDays(today, -1),
    });
    await t.as.counselorA.complaint.file({
      caseId,
      channel: "lender",
      subject: "refused-proposal",
      details: "合理方案被拒",
      filedBy: "client",
      filedOn: today,
      proposalId: p.id,
      contactEntryIds: [e1.id],
    });

    const { bytes, filename } = await buildEvidencePack(actor, caseId);
    expect(filename).toMatch(/\.zip$/);
    // EVIDENCE_OUT=pack.zip keeps the ZIP, to look at its index.pdf.
    if (process.env.EVIDENCE_OUT) writeFileSync(process.env.EVIDENCE_OUT, bytes);
    const files = await unzip(bytes);
    const pack = JSON.parse(new TextDecoder().decode(files.get("evidence.json")!)) as EvidencePack;
    expect(pack.contactLog.verification).toMatchObject({ ok: true, count: 2 });
    expect(recheck(pack)).toEqual({ ok: true, count: 2 });
    for (const e of pack.contactLog.entries) expect(chainHash(e.prevHash, e.content)).toBe(e.hash);
    expect(pack.contactLog.head).toBe(pack.contactLog.entries.at(-1)!.hash);
    expect([...new Set(pack.contactLog.entries[0]!.content.conductFlags.map(flagCodeOf))]).toEqual(["night-contact"]);
    expect(pack.proposals).toEqual([
      expect.objectContaining({
        seq: 1,
        responses: [
          expect.objectContaining({ kind: "documents-requested" }),
          expect.objectContaining({ kind: "rejected", reason: "不符合政策" }),
        ],
      }),
    ]);
    // The same proposals and answers, in the same order and with the same status, as the case page lists them.
    const page = await t.as.counselorA.case.proposals({ caseId });
    const ids = (list: ReadonlyArray<{ id: string; status: string; responses: ReadonlyArray<{ id: string; kind: string }> }>) =>
      list.map((x) => ({ id: x.id, status: x.status, responses: x.responses.map((r) => [r.id, r.kind]) }));
    expect(ids(pack.proposals)).toEqual(ids(page));
    expect(pack.complaints).toEqual([expect.objectContaining({ subject: "refused-proposal", proposalId: p.id, linkedSeqs: [1] })]);
    // Each document is in the ZIP and its bytes hash to the listed value; SHA256SUMS covers every file.
    expect(pack.documents).toEqual([expect.objectContaining({ id: doc.id, sha256: sha(PDF_BYTES) })]);
    for (const d of pack.documents) expect(sha(files.get(d.path)!)).toBe(d.sha256);
    const sums = new TextDecoder().decode(files.get("SHA256SUMS")!).trim().split("\n");
    expect(sums.length).toBe(files.size - 1);
    for (const line of sums) {
      const [hash, name] = line.split(/ {2}/);
      expect(sha(files.get(name!)!), name).toBe(hash);
    }
    expect(new TextDecoder().decode(files.get("index.pdf")!.slice(0, 5))).toBe("%PDF-");

    // Tampering with one entry in the pack: the recomputation fails at that entry.
    const tampered = structuredClone(pack);
    tampered.contactLog.entries[0]!.content.summary = "平台客服正常来电";
    expect(recheck(tampered)).toEqual({ ok: false, brokenAt: "1", reason: "hash-mismatch" });
    // Tampering with the stored log (the database owner, past the app role's rights): the next pack says so.
    await (
      await getDb()
    )
      .update(contactEntries)
      .set({ summary: "平台客服正常来电" })
      .where(and(eq(contactEntries.orgId, t.orgId), eq(contactEntries.id, e1.id)));
    const again = JSON.parse(
      new TextDecoder().decode((await unzip((await buildEvidencePack(actor, caseId)).bytes)).get("evidence.json")!),
    ) as EvidencePack;
    expect(again.contactLog.verification).toMatchObject({ ok: false, reason: "hash-mismatch", brokenSeq: 1 });
    expect(recheck(again).ok).toBe(false);

    const exports = await (
      await getDb()
    )
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, t.orgId), eq(auditLog.action, "case.evidencePack")));
    expect(exports.length).toBe(2);
  });

  it("the route refuses another agency and a client", async () => {
    const t = await createTenant("Evidence route");
    const other = await createTenant("Evidence other");
    const caseId = await openCase(t);
    const { serve } = await import("@/server/http/serve");
    const { buildEvidencePack: build } = await import("@/server/services/evidence-pack");
    const handler = async ({ actor, params }: { actor: Parameters<typeof build>[0]; params: { id: string } }) =>
      new Response(new Uint8Array((await build(actor, params.id)).bytes));
    const req = new Request(`http://x/api/cases/${caseId}/evidence`);
    const as = (orgId: string, userId: string, role: "admin" | "counselor" | "client") =>
      serve<"id">("case.evidencePack", handler, { req, actor: { orgId, userId, role }, params: { id: caseId } });
    expect((await as(t.orgId, t.counselorA.id, "counselor")).status).toBe(200);
    expect((await as(other.orgId, other.admin.id, "admin")).status).toBe(404);
    expect((await as(t.orgId, t.counselorB.id, "counselor")).status).toBe(404);
    expect((await as(t.orgId, t.clientUserA.id, "client")).status).toBe(403);
  });
});
