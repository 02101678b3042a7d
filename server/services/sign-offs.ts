import { createHash, randomUUID } from "node:crypto";
import { and, desc, eq, inArray } from "drizzle-orm";
import { withTenant, type Tx } from "@/db/client";
import { cases, clients, documents, proposals, signOffs } from "@/db/schema";
import { AppError, fieldError } from "@/server/errors";
import type { RequestSignOffInput, RespondSignOffInput } from "@/server/schemas/consent";
import { fileStorage } from "@/server/storage";
import type { Actor } from "./access";
import { writeAudit } from "./audit";
import { consentSettingsOf, notify } from "./authorisations";
import { caseDebt, loadCase } from "./cases";
import { budgetStatementLines, renderLetterPdf, termsLines } from "./letters";

const sha256Hex = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

/**
 * The counselor asks the client to confirm what will go out in her name: the letter (rendered now, its PDF
 * kept in her documents, the hash of those bytes stored), a proposal's terms in the words the lender reads,
 * or her budget statement. A letter is made only under her authorisation (letters.ts), like any letter.
 */
export async function requestSignOff(actor: Actor, input: RequestSignOffInput) {
  if (input.kind !== "budget" && !input.proposalId) throw fieldError("proposalId", "required");
  // The letter is rendered (and authorisation-checked) in its own read; its bytes are stored below.
  const letter = input.kind === "letter" ? await renderLetterPdf(actor, { caseId: input.caseId, proposalId: input.proposalId }) : null;
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, input.caseId);
    const debt = await caseDebt(tx, actor, c);
    let lines: string[];
    let sha256: string;
    let documentId: string | null = null;
    if (input.kind === "budget") {
      lines = await budgetStatementLines(tx, actor, c.clientId);
      sha256 = sha256Hex(JSON.stringify(lines));
    } else {
      const [p] = await tx
        .select({ id: proposals.id, terms: proposals.terms, validUntil: proposals.validUntil, status: proposals.status })
        .from(proposals)
        .where(and(eq(proposals.orgId, actor.orgId), eq(proposals.caseId, c.id), eq(proposals.id, input.proposalId!)))
        .limit(1);
      if (!p) throw new AppError("NOT_FOUND");
      lines = [...termsLines(p.terms), `请于 ${p.validUntil} 前答复。`];
      if (letter) {
        documentId = randomUUID();
        const storageKey = `${actor.orgId}/${documentId}`;
        const bytes = new Uint8Array(letter.bytes);
        sha256 = sha256Hex(bytes);
        await fileStorage().put(storageKey, bytes);
        await tx.insert(documents).values({
          orgId: actor.orgId,
          id: documentId,
          clientId: c.clientId,
          caseId: c.id,
          kind: "letter",
          filename: letter.filename,
          mime: "application/pdf",
          sizeBytes: bytes.byteLength,
          sha256,
          storageKey,
          uploadedBy: actor.userId,
        });
      } else sha256 = sha256Hex(JSON.stringify(lines));
    }
    const [row] = await tx
      .insert(signOffs)
      .values({
        orgId: actor.orgId,
        clientId: c.clientId,
        caseId: c.id,
        kind: input.kind,
        proposalId: input.kind === "budget" ? null : input.proposalId!,
        documentId,
        lines,
        sha256,
        requestedBy: actor.userId,
      })
      .returning({ id: signOffs.id });
    if (!row) throw new Error("sign-off insert returned nothing");
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "signOff.request",
      entityType: "sign_off",
      entityId: row.id,
      after: { caseId: c.id, kind: input.kind, proposalId: input.proposalId ?? null, documentId, sha256 },
      requestId: actor.requestId,
    });
    await notify(tx, actor, c.clientId, { kind: "sign-off-requested", id: row.id, to: "client", lenderName: debt.lenderName });
    return { id: row.id, status: "pending" as const, documentId, sha256 };
  });
}

/** The client confirms, or asks for a change with a comment; once. */
export async function respondSignOff(actor: Actor, input: RespondSignOffInput) {
  return withTenant(actor, async (tx) => {
    const [row] = await tx
      .select({ s: signOffs, clientUser: clients.userId, clientName: clients.fullName })
      .from(signOffs)
      .innerJoin(clients, and(eq(clients.orgId, actor.orgId), eq(clients.id, signOffs.clientId)))
      .where(and(eq(signOffs.orgId, actor.orgId), eq(signOffs.id, input.signOffId)))
      .limit(1)
      .for("update", { of: signOffs });
    if (!row || row.clientUser !== actor.userId) throw new AppError("NOT_FOUND");
    if (row.s.status !== "pending") throw fieldError("signOffId", "signOffAnswered");
    const status = input.decision === "confirm" ? ("confirmed" as const) : ("change-requested" as const);
    const respondedAt = new Date();
    await tx
      .update(signOffs)
      .set({ status, comment: input.comment ?? null, respondedAt, respondedBy: actor.userId })
      .where(and(eq(signOffs.orgId, actor.orgId), eq(signOffs.id, row.s.id)));
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "signOff.respond",
      entityType: "sign_off",
      entityId: row.s.id,
      before: { status: "pending" },
      after: { status, comment: input.comment ?? null, sha256: row.s.sha256, respondedAt: respondedAt.toISOString() },
      requestId: actor.requestId,
    });
    const c = await loadCase(tx, actor, row.s.caseId);
    const debt = await caseDebt(tx, actor, c);
    await notify(tx, actor, row.s.clientId, {
      kind: "sign-off-answered",
      id: row.s.id,
      to: "staff",
      lenderName: debt.lenderName,
      answer: status,
      caseId: row.s.caseId,
      clientName: row.clientName,
    });
    return { id: row.s.id, status };
  });
}

const signOffColumns = {
  id: signOffs.id,
  caseId: signOffs.caseId,
  kind: signOffs.kind,
  proposalId: signOffs.proposalId,
  documentId: signOffs.documentId,
  lines: signOffs.lines,
  sha256: signOffs.sha256,
  status: signOffs.status,
  comment: signOffs.comment,
  createdAt: signOffs.createdAt,
  respondedAt: signOffs.respondedAt,
};

/** A case's sign-offs, newest first (staff and the client whose case it is). */
export async function caseSignOffs(actor: Actor, caseId: string) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, caseId);
    return tx
      .select(signOffColumns)
      .from(signOffs)
      .where(and(eq(signOffs.orgId, actor.orgId), eq(signOffs.caseId, c.id)))
      .orderBy(desc(signOffs.createdAt), desc(signOffs.id));
  });
}

/** The client's own sign-offs with their lender, for the portal. */
export async function clientSignOffs(tx: Tx, actor: Actor, clientId: string) {
  const rows = await tx
    .select({ ...signOffColumns, debtId: cases.debtId })
    .from(signOffs)
    .innerJoin(cases, and(eq(cases.orgId, actor.orgId), eq(cases.id, signOffs.caseId)))
    .where(and(eq(signOffs.orgId, actor.orgId), eq(signOffs.clientId, clientId)))
    .orderBy(desc(signOffs.createdAt), desc(signOffs.id));
  const lenderByCase = new Map<string, string>();
  for (const r of rows) {
    if (lenderByCase.has(r.caseId)) continue;
    const c = await loadCase(tx, actor, r.caseId);
    lenderByCase.set(r.caseId, (await caseDebt(tx, actor, c)).lenderName);
  }
  return rows.map(({ debtId: _d, ...r }) => ({ ...r, lenderName: lenderByCase.get(r.caseId) ?? "" }));
}

/**
 * When the agency requires sign-off, a proposal is marked sent only after the client confirmed it: the
 * latest sign-off of that proposal (its terms or its letter) is confirmed.
 */
export async function assertSignedOff(tx: Tx, actor: Actor, proposalId: string) {
  const settings = await consentSettingsOf(tx, actor.orgId);
  if (!settings.signOffRequired) return;
  const rows = await tx
    .select({ status: signOffs.status })
    .from(signOffs)
    .where(and(eq(signOffs.orgId, actor.orgId), eq(signOffs.proposalId, proposalId), inArray(signOffs.kind, ["letter", "proposal"])))
    .orderBy(desc(signOffs.createdAt), desc(signOffs.id))
    .limit(1);
  const latest = rows[0]?.status;
  if (latest === "confirmed") return;
  const key = latest === "pending" ? "signOffPending" : latest === "change-requested" ? "signOffChangeRequested" : "signOffMissing";
  throw new AppError("INVALID_INPUT", { messageKey: key, fields: { signOff: [key] } });
}
