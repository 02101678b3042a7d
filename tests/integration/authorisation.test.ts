import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { PDFDocument } from "pdf-lib";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, documents, notifications } from "@/db/schema";
import { addDays, todayInShanghai } from "@/server/domain/time";
import { renderLetterPdf } from "@/server/services/letters";
import { exportClientData } from "@/server/services/privacy";
import { fileStorage, LocalFolderStorage, setFileStorage } from "@/server/storage";
import type { Actor } from "@/server/services/access";
import { codeOf } from "../support/errors";
import { createTenant, type Tenant } from "../support/factories";
import { proposalTerms } from "../support/matrix";
import { createDebtRow, createLender } from "../support/workspace-fixture";

/**
 * The client's authorisation (授权委托书) and sign-off: a counselor cannot send a proposal or make a letter
 * for a lender without a signed authorisation in force that covers that lender and purpose; the client signs
 * on her portal, with the hash of the exact document she read recorded in the audit chain; she can revoke it;
 * and, when the agency asks for it, she confirms what is sent before it goes.
 */

const today = todayInShanghai();
const uploadDir = mkdtempSync(path.join(tmpdir(), "xs-authorisation-"));
beforeAll(() => setFileStorage(new LocalFolderStorage(uploadDir)));
afterAll(() => rmSync(uploadDir, { recursive: true, force: true }));
afterEach(() => vi.useRealTimers());

// A 1×1 PNG, as the portal's canvas would send (base64).
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

/** The message key and fields of a refusal. */
async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof TRPCError)) throw e;
    const cause = e.cause as { messageKey?: string; fields?: Record<string, string[]>; params?: Record<string, unknown> } | undefined;
    return { code: e.code, key: cause?.messageKey, fields: cause?.fields, params: cause?.params };
  }
  return { code: "OK" } as const;
}

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

async function storedBytes(orgId: string, documentId: string) {
  const db = await getDb();
  const [d] = await db
    .select({ storageKey: documents.storageKey, sha256: documents.sha256, kind: documents.kind, clientId: documents.clientId })
    .from(documents)
    .where(and(eq(documents.orgId, orgId), eq(documents.id, documentId)));
  const bytes = await fileStorage().get(d!.storageKey);
  return { ...d!, bytes: new Uint8Array(bytes!) };
}

async function auditOf(orgId: string, action: string, entityId: string) {
  const db = await getDb();
  return db
    .select({ after: auditLog.after, actorUserId: auditLog.actorUserId })
    .from(auditLog)
    .where(and(eq(auditLog.orgId, orgId), eq(auditLog.action, action), eq(auditLog.entityId, entityId)));
}

type World = { t: Tenant; lender1: string; lender2: string; case1: string; case2: string };

async function world(settings = { authorisationRequired: true, signOffRequired: false }): Promise<World> {
  const t = await createTenant("授权");
  await t.as.admin.consent.updateSettings(settings);
  const lender1 = await createLender(t.orgId, "甲平台");
  const lender2 = await createLender(t.orgId, "乙平台");
  const opts = { outstandingPrincipalFen: 1_200_000, penaltyFen: 30_000, feesFen: 10_000, interestFen: 80_000 };
  const d1 = await createDebtRow(t.orgId, t.clientA.id, lender1, opts);
  const d2 = await createDebtRow(t.orgId, t.clientA.id, lender2, opts);
  const case1 = (await t.as.counselorA.case.open({ debtId: d1 })).id;
  const case2 = (await t.as.counselorA.case.open({ debtId: d2 })).id;
  return { t, lender1, lender2, case1, case2 };
}

async function draft(w: World, caseId: string) {
  const p = await w.t.as.counselorA.case.createProposal({ caseId, terms: proposalTerms, channel: "app", validUntil: addDays(today, 14) });
  return { caseId, proposalId: p.id };
}

async function prepare(
  w: World,
  overrides: Partial<{ purposes: string[]; allLenders: boolean; lenderIds: string[]; validFrom: string; validTo: string }> = {},
) {
  return w.t.as.counselorA.consent.createAuthorisation({
    clientId: w.t.clientA.id,
    purposes: ["negotiate", "receive-information"],
    allLenders: false,
    lenderIds: [w.lender1],
    validFrom: today,
    validTo: addDays(today, 180),
    ...overrides,
  } as Parameters<Tenant["as"]["counselorA"]["consent"]["createAuthorisation"]>[0]);
}

describe("gating a proposal marked sent and a letter", () => {
  it("refuses without an authorisation, names the gap, and allows it for the covered lender once signed", async () => {
    const w = await world();
    const p1 = await draft(w, w.case1);
    const p2 = await draft(w, w.case2);
    const none = await refusal(w.t.as.counselorA.case.sendProposal(p1));
    expect(none).toMatchObject({ code: "BAD_REQUEST", key: "authorisationNone", fields: { authorisation: ["authorisationNone"] } });
    expect(none.params).toMatchObject({ purpose: "negotiate", fixHref: `/clients/${w.t.clientA.id}?tab=authorisation` });

    const a = await prepare(w);
    // A draft is not an authorisation: it waits for her signature.
    expect((await refusal(w.t.as.counselorA.case.sendProposal(p1))).key).toBe("authorisationUnsigned");
    await w.t.as.clientA.consent.signAuthorisation({
      authorisationId: a.id,
      documentSha256: a.documentSha256,
      signature: { kind: "typed", name: "客户甲" },
    });

    const uncovered = await refusal(w.t.as.counselorA.case.sendProposal(p2));
    expect(uncovered).toMatchObject({ code: "BAD_REQUEST", key: "authorisationLender" });
    expect(String(uncovered.params?.lender)).toContain("乙平台");
    // The letter for the uncovered lender is refused the same way (a service: an AppError with the key).
    await expect(renderLetterPdf({ orgId: w.t.orgId, userId: w.t.counselorA.id, role: "counselor" }, p2)).rejects.toMatchObject({
      messageKey: "authorisationLender",
    });
    const letter = await renderLetterPdf({ orgId: w.t.orgId, userId: w.t.counselorA.id, role: "counselor" }, p1);
    expect(letter.bytes.byteLength).toBeGreaterThan(1000);

    const sent = await w.t.as.counselorA.case.sendProposal(p1);
    expect(sent.status).toBe("sent");
    // The other case's proposal was not touched by its refusal.
    const proposals = await w.t.as.counselorA.case.proposals({ caseId: w.case2 });
    expect(proposals.map((p: { status: string }) => p.status)).toEqual(["draft"]);
  });

  it("an authorisation in force for the lender but not to negotiate is a purpose gap; all lenders covers every lender", async () => {
    const w = await world();
    const a = await prepare(w, { purposes: ["receive-information"], allLenders: true, lenderIds: [] });
    await w.t.as.clientA.consent.signAuthorisation({
      authorisationId: a.id,
      documentSha256: a.documentSha256,
      signature: { kind: "typed", name: "客户甲" },
    });
    const p2 = await draft(w, w.case2);
    expect((await refusal(w.t.as.counselorA.case.sendProposal(p2))).key).toBe("authorisationPurpose");
    const b = await prepare(w, { purposes: ["negotiate"], allLenders: true, lenderIds: [] });
    await w.t.as.clientA.consent.signAuthorisation({
      authorisationId: b.id,
      documentSha256: b.documentSha256,
      signature: { kind: "typed", name: "客户甲" },
    });
    expect((await w.t.as.counselorA.case.sendProposal(p2)).status).toBe("sent");
  });

  it("expires after its last day (Beijing) and is refused then; not yet valid before its first", async () => {
    const w = await world();
    const a = await prepare(w, { validFrom: today, validTo: addDays(today, 2) });
    await w.t.as.clientA.consent.signAuthorisation({
      authorisationId: a.id,
      documentSha256: a.documentSha256,
      signature: { kind: "typed", name: "客户甲" },
    });
    const p1 = await draft(w, w.case1);
    // Three days on, the authorisation has lapsed.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 3 * 86_400_000 });
    const expired = await refusal(w.t.as.counselorA.case.sendProposal(p1));
    expect(expired.key).toBe("authorisationExpired");
    const list = await w.t.as.counselorA.consent.authorisations({ clientId: w.t.clientA.id });
    expect(list[0]!.state).toBe("expired");
    const status = await w.t.as.counselorA.consent.caseStatus({ caseId: w.case1 });
    expect(status.purposes.find((p) => p.purpose === "negotiate")).toMatchObject({ ok: false, gap: "expired" });
    vi.useRealTimers();

    const later = await prepare(w, { validFrom: addDays(today, 5), validTo: addDays(today, 30) });
    await w.t.as.clientA.consent.signAuthorisation({
      authorisationId: later.id,
      documentSha256: later.documentSha256,
      signature: { kind: "typed", name: "客户甲" },
    });
    // Today the first one still holds: the later one changes nothing yet.
    expect((await w.t.as.counselorA.case.sendProposal(p1)).status).toBe("sent");
  });

  it("an agency that relaxed the rule sends without one", async () => {
    const w = await world({ authorisationRequired: false, signOffRequired: false });
    expect((await w.t.as.counselorA.case.sendProposal(await draft(w, w.case1))).status).toBe("sent");
  });
});

describe("signing and revoking on the portal", () => {
  it("records the signer, the time and the hash of the exact document in the audit chain; the signed PDF carries the signature", async () => {
    const w = await world();
    const a = await prepare(w);
    const draftDoc = await storedBytes(w.t.orgId, a.documentId);
    expect(draftDoc.kind).toBe("authorisation");
    expect(sha256(draftDoc.bytes)).toBe(a.documentSha256);
    expect(draftDoc.sha256).toBe(a.documentSha256);

    // She signs the document she was shown: another hash is refused and changes nothing.
    expect(
      (
        await refusal(
          w.t.as.clientA.consent.signAuthorisation({
            authorisationId: a.id,
            documentSha256: "0".repeat(64),
            signature: { kind: "drawn", pngBase64: PNG },
          }),
        )
      ).fields,
    ).toEqual({ documentSha256: ["authorisationDocumentChanged"] });
    const signed = await w.t.as.clientA.consent.signAuthorisation({
      authorisationId: a.id,
      documentSha256: a.documentSha256,
      signature: { kind: "drawn", pngBase64: PNG },
    });
    const signedDoc = await storedBytes(w.t.orgId, signed.signedDocumentId);
    expect(sha256(signedDoc.bytes)).toBe(signed.signedSha256);
    const original = await PDFDocument.load(draftDoc.bytes);
    const withSignature = await PDFDocument.load(signedDoc.bytes);
    expect(withSignature.getPageCount()).toBe(original.getPageCount() + 1);
    expect(Buffer.from(signedDoc.bytes).toString("latin1")).toMatch(/\/Subtype\s*\/Image/);

    const [row] = await auditOf(w.t.orgId, "authorisation.sign", a.id);
    expect(row!.actorUserId).toBe(w.t.clientUserA.id);
    expect(row!.after).toMatchObject({
      status: "signed",
      signedBy: w.t.clientUserA.id,
      signatureKind: "drawn",
      documentSha256: sha256(draftDoc.bytes),
      signedSha256: sha256(signedDoc.bytes),
    });
    expect((row!.after as { signerSession: string }).signerSession).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse((row!.after as { signedAt: string }).signedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await w.t.as.admin.audit.verify()).ok).toBe(true);

    // Signed once: a second signature is refused.
    expect(
      (
        await refusal(
          w.t.as.clientA.consent.signAuthorisation({
            authorisationId: a.id,
            documentSha256: a.documentSha256,
            signature: { kind: "typed", name: "客户甲" },
          }),
        )
      ).key,
    ).toBe("authorisationNotDraft");
    // Her counselor hears of it.
    const db = await getDb();
    const told = await db
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(and(eq(notifications.orgId, w.t.orgId), eq(notifications.userId, w.t.counselorA.id)));
    expect(told.map((n) => n.kind)).toContain("authorisation-signed");
  });

  it("a typed name must be hers; revocation stops the next send at once and is said wherever it is read", async () => {
    const w = await world();
    const a = await prepare(w);
    expect(
      (
        await refusal(
          w.t.as.clientA.consent.signAuthorisation({
            authorisationId: a.id,
            documentSha256: a.documentSha256,
            signature: { kind: "typed", name: "别人" },
          }),
        )
      ).fields,
    ).toEqual({ name: ["signatureNameMismatch"] });
    await w.t.as.clientA.consent.signAuthorisation({
      authorisationId: a.id,
      documentSha256: a.documentSha256,
      signature: { kind: "typed", name: "客户 甲" },
    });
    expect((await w.t.as.counselorA.case.sendProposal(await draft(w, w.case1))).status).toBe("sent");

    // Staff cannot revoke in her name; she can, from the portal.
    expect(await codeOf(w.t.as.counselorA.consent.revokeAuthorisation({ authorisationId: a.id }))).toBe("FORBIDDEN");
    await w.t.as.clientA.consent.revokeAuthorisation({ authorisationId: a.id, reason: "想自己处理" });
    // A further case with the same lender: its proposal is refused now.
    const d3 = await createDebtRow(w.t.orgId, w.t.clientA.id, w.lender1, {
      outstandingPrincipalFen: 1_200_000,
      penaltyFen: 30_000,
      feesFen: 10_000,
      interestFen: 80_000,
    });
    const c3 = (await w.t.as.counselorA.case.open({ debtId: d3 })).id;
    const p3 = await draft(w, c3);
    expect((await refusal(w.t.as.counselorA.case.sendProposal(p3))).key).toBe("authorisationRevoked");
    const mine = await w.t.as.clientA.consent.mine();
    expect(mine!.authorisations[0]).toMatchObject({ id: a.id, state: "revoked", revokeReason: "想自己处理" });
    const status = await w.t.as.counselorA.consent.caseStatus({ caseId: w.case1 });
    expect(status.purposes[0]).toMatchObject({ purpose: "negotiate", ok: false, gap: "revoked" });
    expect((await refusal(w.t.as.clientA.consent.revokeAuthorisation({ authorisationId: a.id }))).key).toBe("authorisationAlreadyRevoked");
    expect((await auditOf(w.t.orgId, "authorisation.revoke", a.id)).length).toBe(1);
  });

  it("another client, another counselor and another agency are refused", async () => {
    const w = await world();
    const other = await createTenant("别家");
    const a = await prepare(w);
    expect(
      await codeOf(
        w.t.as.clientB.consent.signAuthorisation({
          authorisationId: a.id,
          documentSha256: a.documentSha256,
          signature: { kind: "typed", name: "客户乙" },
        }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await codeOf(
        other.as.clientA.consent.signAuthorisation({
          authorisationId: a.id,
          documentSha256: a.documentSha256,
          signature: { kind: "typed", name: "客户甲" },
        }),
      ),
    ).toBe("NOT_FOUND");
    expect(await codeOf(other.as.clientA.consent.revokeAuthorisation({ authorisationId: a.id }))).toBe("NOT_FOUND");
    expect(await codeOf(other.as.admin.consent.authorisations({ clientId: w.t.clientA.id }))).toBe("NOT_FOUND");
    expect(await codeOf(w.t.as.counselorB.consent.authorisations({ clientId: w.t.clientA.id }))).toBe("NOT_FOUND");
    expect(await codeOf(other.as.admin.consent.caseStatus({ caseId: w.case1 }))).toBe("NOT_FOUND");
    expect(
      await codeOf(
        other.as.counselorA.consent.createAuthorisation({
          clientId: w.t.clientA.id,
          purposes: ["negotiate"],
          allLenders: true,
          lenderIds: [],
          validFrom: today,
          validTo: addDays(today, 30),
        }),
      ),
    ).toBe("NOT_FOUND");
    // Another agency's lender cannot be named in ours.
    const foreignLender = await createLender(other.orgId, "别家平台");
    expect((await refusal(prepare(w, { lenderIds: [foreignLender] }))).fields).toEqual({ lenderIds: ["authorisationUnknownLender"] });
  });

  it("bad dates and scopes are field errors and store nothing", async () => {
    const w = await world();
    expect((await refusal(prepare(w, { validTo: addDays(today, -1) }))).fields).toEqual({ validTo: ["authorisationToBeforeFrom"] });
    expect((await refusal(prepare(w, { validFrom: addDays(today, -10) }))).fields).toEqual({ validFrom: ["dateInPast"] });
    expect((await refusal(prepare(w, { validTo: addDays(today, 3000) }))).fields).toEqual({ validTo: ["authorisationTooLong"] });
    expect((await refusal(prepare(w, { lenderIds: [] }))).fields).toEqual({ lenderIds: ["authorisationNoLender"] });
    expect((await refusal(prepare(w, { purposes: [] }))).code).toBe("BAD_REQUEST");
    expect(await w.t.as.counselorA.consent.authorisations({ clientId: w.t.clientA.id })).toEqual([]);
  });
});

describe("client sign-off", () => {
  it("pending → change asked with a comment → a new request confirmed; sending waits for it when the agency requires it", async () => {
    const w = await world({ authorisationRequired: true, signOffRequired: true });
    const a = await prepare(w);
    await w.t.as.clientA.consent.signAuthorisation({
      authorisationId: a.id,
      documentSha256: a.documentSha256,
      signature: { kind: "typed", name: "客户甲" },
    });
    const p1 = await draft(w, w.case1);
    expect((await refusal(w.t.as.counselorA.case.sendProposal(p1))).key).toBe("signOffMissing");

    const first = await w.t.as.counselorA.consent.requestSignOff({ caseId: w.case1, kind: "proposal", proposalId: p1.proposalId });
    expect((await refusal(w.t.as.counselorA.case.sendProposal(p1))).key).toBe("signOffPending");
    // She sees the terms in words, the same the letter uses.
    const mine = await w.t.as.clientA.consent.mine();
    const shown = mine!.signOffs.find((s) => s.id === first.id)!;
    expect(shown.lines.join("")).toContain("减免");
    expect(shown.lenderName).toContain("甲平台");
    expect(shown.sha256).toBe(createHash("sha256").update(JSON.stringify(shown.lines)).digest("hex"));
    expect(await codeOf(w.t.as.clientA.consent.respondSignOff({ signOffId: first.id, decision: "change", comment: "" }))).toBe(
      "BAD_REQUEST",
    );
    await w.t.as.clientA.consent.respondSignOff({ signOffId: first.id, decision: "change", comment: "每月还款额太高，能否降到 400 元" });
    expect((await refusal(w.t.as.counselorA.case.sendProposal(p1))).key).toBe("signOffChangeRequested");
    const seen = await w.t.as.counselorA.consent.signOffs({ caseId: w.case1 });
    expect(seen[0]).toMatchObject({ status: "change-requested", comment: "每月还款额太高，能否降到 400 元" });
    expect((await refusal(w.t.as.clientA.consent.respondSignOff({ signOffId: first.id, decision: "confirm" }))).key).toBe(
      "signOffAnswered",
    );

    // The letter: its PDF kept in her documents, the hash of those bytes stored with the request.
    const second = await w.t.as.counselorA.consent.requestSignOff({ caseId: w.case1, kind: "letter", proposalId: p1.proposalId });
    const letter = await storedBytes(w.t.orgId, second.documentId!);
    expect(letter.kind).toBe("letter");
    expect(sha256(letter.bytes)).toBe(second.sha256);
    // She can open it (the documents route checks the same visibility).
    expect(await codeOf(w.t.as.clientB.consent.respondSignOff({ signOffId: second.id, decision: "confirm" }))).toBe("NOT_FOUND");
    await w.t.as.clientA.consent.respondSignOff({ signOffId: second.id, decision: "confirm" });
    expect((await w.t.as.counselorA.case.sendProposal(p1)).status).toBe("sent");
    const [answered] = await auditOf(w.t.orgId, "signOff.respond", second.id);
    expect(answered!.after).toMatchObject({ status: "confirmed", sha256: second.sha256 });

    // Her budget statement, in words.
    const budget = await w.t.as.counselorA.consent.requestSignOff({ caseId: w.case1, kind: "budget" });
    expect(budget.documentId).toBeNull();
    const db = await getDb();
    const told = await db
      .select({ kind: notifications.kind, userId: notifications.userId })
      .from(notifications)
      .where(eq(notifications.orgId, w.t.orgId));
    expect(told.filter((n) => n.userId === w.t.clientUserA.id && n.kind === "sign-off-requested").length).toBe(3);
    expect(told.filter((n) => n.userId === w.t.counselorA.id && n.kind === "sign-off-answered").length).toBe(2);
  });

  it("staff cannot answer for her, and another agency cannot ask", async () => {
    const w = await world({ authorisationRequired: false, signOffRequired: false });
    const p1 = await draft(w, w.case1);
    const s = await w.t.as.counselorA.consent.requestSignOff({ caseId: w.case1, kind: "proposal", proposalId: p1.proposalId });
    expect(await codeOf(w.t.as.counselorA.consent.respondSignOff({ signOffId: s.id, decision: "confirm" }))).toBe("FORBIDDEN");
    const other = await createTenant("别家");
    expect(await codeOf(other.as.admin.consent.requestSignOff({ caseId: w.case1, kind: "budget" }))).toBe("NOT_FOUND");
    expect(await codeOf(other.as.admin.consent.signOffs({ caseId: w.case1 }))).toBe("NOT_FOUND");
  });
});

describe("data export", () => {
  it("holds her authorisations and sign-offs", async () => {
    const w = await world();
    const a = await prepare(w);
    await w.t.as.clientA.consent.signAuthorisation({
      authorisationId: a.id,
      documentSha256: a.documentSha256,
      signature: { kind: "typed", name: "客户甲" },
    });
    const p1 = await draft(w, w.case1);
    await w.t.as.counselorA.consent.requestSignOff({ caseId: w.case1, kind: "proposal", proposalId: p1.proposalId });
    const client: Actor = { orgId: w.t.orgId, userId: w.t.clientUserA.id, role: "client", requestId: randomUUID() };
    const { zip } = await exportClientData(client, null);
    const JSZip = (await import("jszip")).default;
    const data = JSON.parse(await (await JSZip.loadAsync(zip)).file("data.json")!.async("string"));
    expect(data.authorisations.map((x: { id: string; status: string }) => [x.id, x.status])).toEqual([[a.id, "signed"]]);
    expect(data.signOffs).toHaveLength(1);
    expect(data.signOffs[0]).toMatchObject({ kind: "proposal", status: "pending" });
  });
});
