import { createHash, randomUUID } from "node:crypto";
import fontkit from "@pdf-lib/fontkit";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import subsetFont from "subset-font";
import { withTenant, type Tx } from "@/db/client";
import { authorisations, clients, consentSettings, documents, lenders, memberships, notifications, organizations } from "@/db/schema";
import {
  authorisationState,
  coverage,
  MAX_AUTHORISATION_DAYS,
  PURPOSE_ZH,
  type AuthorisationPurpose,
  type CoverageGap,
} from "@/server/domain/authorisation";
import { consentNotification, type ConsentEvent } from "@/server/domain/notification-rules";
import { addDays, todayInShanghai, type IsoDate } from "@/server/domain/time";
import { AppError, fieldError } from "@/server/errors";
import type { CreateAuthorisationInput, RevokeAuthorisationInput, SignAuthorisationInput } from "@/server/schemas/consent";
import { fileStorage } from "@/server/storage";
import { assertClientAccess, type Actor } from "./access";
import { writeAudit } from "./audit";
import { fontBytes, PAGE, wrap } from "./letters";

export type ConsentSettings = { authorisationRequired: boolean; signOffRequired: boolean };

/** The agency's rules; no row: neither enforced (agencies that predate authorisations, decision 014). */
export async function consentSettingsOf(tx: Tx, orgId: string): Promise<ConsentSettings> {
  const [row] = await tx
    .select({ authorisationRequired: consentSettings.authorisationRequired, signOffRequired: consentSettings.signOffRequired })
    .from(consentSettings)
    .where(eq(consentSettings.orgId, orgId))
    .limit(1);
  return row ?? { authorisationRequired: false, signOffRequired: false };
}

export async function getConsentSettings(actor: Actor) {
  return withTenant(actor, (tx) => consentSettingsOf(tx, actor.orgId));
}

export async function updateConsentSettings(actor: Actor, input: ConsentSettings) {
  return withTenant(actor, async (tx) => {
    const before = await consentSettingsOf(tx, actor.orgId);
    await tx
      .insert(consentSettings)
      .values({ orgId: actor.orgId, ...input })
      .onConflictDoUpdate({ target: consentSettings.orgId, set: { ...input, updatedAt: new Date() } });
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "settings.consent",
      entityType: "organization",
      entityId: actor.orgId,
      before,
      after: input,
      requestId: actor.requestId,
    });
    return input;
  });
}

/** What a new agency starts with (services/auth.ts signUp): the authorisation required, sign-off optional. */
export async function seedConsentSettings(tx: Tx, orgId: string) {
  await tx.insert(consentSettings).values({ orgId, authorisationRequired: true, signOffRequired: false }).onConflictDoNothing();
}

async function authorisationRows(tx: Tx, actor: Actor, clientId: string) {
  return tx
    .select()
    .from(authorisations)
    .where(and(eq(authorisations.orgId, actor.orgId), eq(authorisations.clientId, clientId)))
    .orderBy(desc(authorisations.createdAt), desc(authorisations.id));
}

/** The gap's words, for the error the counselor reads (with a link to the client's authorisation tab). */
const GAP_KEY: Record<CoverageGap, string> = {
  none: "authorisationNone",
  unsigned: "authorisationUnsigned",
  revoked: "authorisationRevoked",
  expired: "authorisationExpired",
  "not-yet-valid": "authorisationNotYetValid",
  lender: "authorisationLender",
  purpose: "authorisationPurpose",
};

/**
 * Refuses an act for the client (a letter, a proposal marked sent) unless the agency relaxed the rule or a
 * signed authorisation in force today covers this lender and purpose. The error names what is missing
 * (field "authorisation", params lender, purpose and the client, whose authorisation tab the page links to).
 */
export async function assertAuthorised(
  tx: Tx,
  actor: Actor,
  act: { clientId: string; lenderId: string; lenderName: string; purpose: AuthorisationPurpose; on?: IsoDate },
) {
  if (actor.role === "client") return;
  const settings = await consentSettingsOf(tx, actor.orgId);
  if (!settings.authorisationRequired) return;
  // A sample client ("try with sample data", decision 019) is fictitious: nothing is sent in anyone's name.
  const [subject] = await tx
    .select({ sample: clients.sample })
    .from(clients)
    .where(and(eq(clients.orgId, actor.orgId), eq(clients.id, act.clientId)));
  if (subject?.sample) return;
  const on = act.on ?? todayInShanghai();
  const result = coverage(await authorisationRows(tx, actor, act.clientId), { lenderId: act.lenderId, purpose: act.purpose, on });
  if (result.ok) return;
  const key = GAP_KEY[result.gap];
  throw new AppError("INVALID_INPUT", {
    messageKey: key,
    fields: { authorisation: [key] },
    params: { lender: act.lenderName, purpose: act.purpose, clientId: act.clientId, fixHref: `/clients/${act.clientId}?tab=authorisation` },
  });
}

/** A client's authorisations with their state today and the lenders' names. */
export async function listAuthorisations(actor: Actor, clientId: string) {
  return withTenant(actor, async (tx) => {
    await assertClientAccess(tx, actor, clientId);
    return describe(tx, actor, await authorisationRows(tx, actor, clientId));
  });
}

async function describe(tx: Tx, actor: Actor, rows: Array<typeof authorisations.$inferSelect>) {
  const ids = [...new Set(rows.flatMap((r) => r.lenderIds))];
  const names = ids.length
    ? await tx
        .select({ id: lenders.id, name: lenders.name })
        .from(lenders)
        .where(and(eq(lenders.orgId, actor.orgId), inArray(lenders.id, ids)))
    : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const today = todayInShanghai();
  return rows.map((r) => ({
    id: r.id,
    clientId: r.clientId,
    purposes: r.purposes,
    allLenders: r.allLenders,
    lenders: r.lenderIds.map((id) => ({ id, name: nameOf.get(id) ?? "" })),
    validFrom: r.validFrom,
    validTo: r.validTo,
    status: r.status,
    state: authorisationState(r, today),
    documentId: r.documentId,
    documentSha256: r.documentSha256,
    signedDocumentId: r.signedDocumentId,
    signedSha256: r.signedSha256,
    signedAt: r.signedAt,
    signatureKind: r.signatureKind,
    revokedAt: r.revokedAt,
    revokeReason: r.revokeReason,
    createdAt: r.createdAt,
    version: r.version,
  }));
}

// ------------------------------------------------------------------------------------------- the PDF

type Block = { text: string; size?: number; bold?: boolean; align?: "center" | "right"; gap?: number };

async function fontsFor(doc: PDFDocument, text: string) {
  const all = text + "0123456789-:：（）";
  const [regularBytes, boldBytes] = await Promise.all([fontBytes("regular"), fontBytes("bold")]);
  const [r, b] = await Promise.all([
    subsetFont(regularBytes, all, { targetFormat: "truetype" }),
    subsetFont(boldBytes, all, { targetFormat: "truetype" }),
  ]);
  doc.registerFontkit(fontkit);
  return { regular: await doc.embedFont(r, { subset: false }), bold: await doc.embedFont(b, { subset: false }) };
}

/** Writes blocks top-down from `y` on `page`, adding pages as needed; returns where it stopped. */
function layout(doc: PDFDocument, start: { page: PDFPage; y: number }, blocks: Block[], fonts: { regular: PDFFont; bold: PDFFont }) {
  let { page, y } = start;
  const width = PAGE.width - PAGE.margin * 2;
  for (const b of blocks) {
    const size = b.size ?? 11.5;
    const font = b.bold ? fonts.bold : fonts.regular;
    y -= b.gap ?? 0;
    for (const line of wrap(b.text, font, size, width)) {
      if (y - size * 1.8 < PAGE.margin) {
        page = doc.addPage([PAGE.width, PAGE.height]);
        y = PAGE.height - PAGE.margin;
      }
      const w = font.widthOfTextAtSize(line, size);
      const x = b.align === "center" ? (PAGE.width - w) / 2 : b.align === "right" ? PAGE.width - PAGE.margin - w : PAGE.margin;
      page.drawText(line, { x, y: y - size, size, font, color: rgb(0.05, 0.05, 0.05) });
      y -= size * 1.75;
    }
  }
  return { page, y };
}

/** The authorisation's text, in Chinese (what the lender reads), one block per paragraph. */
export function authorisationText(a: {
  orgName: string;
  clientName: string;
  nationalIdMasked: string | null;
  purposes: readonly AuthorisationPurpose[];
  allLenders: boolean;
  lenderNames: readonly string[];
  validFrom: string;
  validTo: string;
  id: string;
}): Block[] {
  const lendersLine = a.allLenders ? "委托人名下全部借款所涉及的出借机构" : a.lenderNames.join("、");
  return [
    { text: "授权委托书", size: 20, bold: true, align: "center" },
    { text: `委托人：${a.clientName}` + (a.nationalIdMasked ? `（身份证号 ${a.nationalIdMasked}）` : ""), gap: 10 },
    { text: `受托机构：${a.orgName}` },
    { text: "一、委托事项", bold: true, size: 13, gap: 8 },
    ...a.purposes.map((p, i) => ({ text: `${i + 1}. ${PURPOSE_ZH[p]}。` })),
    { text: "二、涉及的出借机构", bold: true, size: 13, gap: 8 },
    { text: `${lendersLine}。` },
    { text: "三、委托期限", bold: true, size: 13, gap: 8 },
    { text: `自 ${a.validFrom} 起至 ${a.validTo} 止（北京时间，含首尾两日）。` },
    { text: "四、其他说明", bold: true, size: 13, gap: 8 },
    {
      text: "受托机构仅在上述事项和期限内代委托人办理，不代委托人收付任何款项，不代委托人作出还款承诺以外的意思表示；以委托人名义发出的方案和信函，均先经委托人确认。",
    },
    { text: "委托人可随时撤销本委托，撤销自委托人作出撤销之时起生效，撤销前已依本委托办理的事项不受影响。" },
    { text: `编号：${a.id}`, size: 9, gap: 8 },
  ];
}

async function authorisationPdf(blocks: Block[], title: string) {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setLanguage("zh-CN");
  doc.setCreator("Xieshang");
  const fonts = await fontsFor(doc, blocks.map((b) => b.text).join("") + "委托人签名：日期");
  const page = doc.addPage([PAGE.width, PAGE.height]);
  layout(doc, { page, y: PAGE.height - PAGE.margin }, [...blocks, { text: "委托人签名：________________", gap: 24 }], fonts);
  return doc.save();
}

const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function storeDocument(tx: Tx, actor: Actor, clientId: string, filename: string, bytes: Uint8Array) {
  const id = randomUUID();
  const storageKey = `${actor.orgId}/${id}`;
  const sha256 = sha256Hex(bytes);
  await fileStorage().put(storageKey, bytes);
  await tx.insert(documents).values({
    orgId: actor.orgId,
    id,
    clientId,
    caseId: null,
    kind: "authorisation",
    filename,
    mime: "application/pdf",
    sizeBytes: bytes.byteLength,
    sha256,
    storageKey,
    uploadedBy: actor.userId,
  });
  return { id, sha256, storageKey };
}

// ------------------------------------------------------------------------------------------- the verbs

/** The counselor prepares an authorisation: checked, rendered as a PDF, kept in the client's documents. */
export async function createAuthorisation(actor: Actor, input: CreateAuthorisationInput) {
  const today = todayInShanghai();
  if (input.validFrom < today) throw fieldError("validFrom", "dateInPast");
  if (input.validTo < input.validFrom) throw fieldError("validTo", "authorisationToBeforeFrom");
  if (input.validTo > addDays(input.validFrom, MAX_AUTHORISATION_DAYS)) {
    throw fieldError("validTo", "authorisationTooLong", { maxDays: MAX_AUTHORISATION_DAYS });
  }
  const lenderIds = input.allLenders ? [] : [...new Set(input.lenderIds)];
  if (!input.allLenders && lenderIds.length === 0) throw fieldError("lenderIds", "authorisationNoLender");
  return withTenant(actor, async (tx) => {
    await assertClientAccess(tx, actor, input.clientId);
    const [client] = await tx
      .select({ fullName: clients.fullName, nationalIdMasked: clients.nationalIdMasked, status: clients.status })
      .from(clients)
      .where(and(eq(clients.orgId, actor.orgId), eq(clients.id, input.clientId)))
      .limit(1);
    if (!client || client.status !== "active") throw new AppError("CONFLICT", { messageKey: "clientNotActive" });
    const named = lenderIds.length
      ? await tx
          .select({ id: lenders.id, name: lenders.name })
          .from(lenders)
          .where(and(eq(lenders.orgId, actor.orgId), inArray(lenders.id, lenderIds)))
      : [];
    if (named.length !== lenderIds.length) throw fieldError("lenderIds", "authorisationUnknownLender");
    const orgName = await orgNameOf(tx, actor.orgId);
    const id = randomUUID();
    const nameOf = new Map(named.map((n) => [n.id, n.name]));
    const blocks = authorisationText({
      id,
      orgName,
      clientName: client.fullName,
      nationalIdMasked: client.nationalIdMasked,
      purposes: input.purposes,
      allLenders: input.allLenders,
      lenderNames: lenderIds.map((l) => nameOf.get(l)!),
      validFrom: input.validFrom,
      validTo: input.validTo,
    });
    const bytes = await authorisationPdf(blocks, `授权委托书 — ${client.fullName}`);
    const doc = await storeDocument(tx, actor, input.clientId, `授权委托书-${client.fullName}-${today}.pdf`, bytes);
    await tx.insert(authorisations).values({
      orgId: actor.orgId,
      id,
      clientId: input.clientId,
      purposes: input.purposes,
      allLenders: input.allLenders,
      lenderIds,
      validFrom: input.validFrom,
      validTo: input.validTo,
      documentId: doc.id,
      documentSha256: doc.sha256,
      createdBy: actor.userId,
    });
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "authorisation.create",
      entityType: "authorisation",
      entityId: id,
      after: {
        clientId: input.clientId,
        purposes: input.purposes,
        allLenders: input.allLenders,
        lenderIds,
        validFrom: input.validFrom,
        validTo: input.validTo,
        documentId: doc.id,
        documentSha256: doc.sha256,
      },
      requestId: actor.requestId,
    });
    await notify(tx, actor, input.clientId, { kind: "authorisation-to-sign", id, to: "client" });
    return { id, documentId: doc.id, documentSha256: doc.sha256, status: "draft" as const };
  });
}

async function orgNameOf(tx: Tx, orgId: string) {
  const [org] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId)).limit(1);
  return org?.name ?? "";
}

/** Her own authorisation (the client's login is bound to its client file), locked for the change. */
async function ownAuthorisation(tx: Tx, actor: Actor, authorisationId: string) {
  const [row] = await tx
    .select({ a: authorisations, clientUser: clients.userId, clientName: clients.fullName })
    .from(authorisations)
    .innerJoin(clients, and(eq(clients.orgId, actor.orgId), eq(clients.id, authorisations.clientId)))
    .where(and(eq(authorisations.orgId, actor.orgId), eq(authorisations.id, authorisationId)))
    .limit(1)
    .for("update", { of: authorisations });
  if (!row || row.clientUser !== actor.userId) throw new AppError("NOT_FOUND");
  return row;
}

/**
 * The client signs, on her portal: with a drawn signature (a PNG from the canvas) or her typed name. She
 * signs the document she was shown: its hash must be the one she read, and the stored bytes must still hash
 * to it. The signed PDF (the same pages, plus her signature, the time and that hash) is kept as a second
 * document; the audit row carries both hashes, the time and a digest of her session.
 */
export async function signAuthorisation(actor: Actor, input: SignAuthorisationInput, session: { ip: string | null }) {
  return withTenant(actor, async (tx) => {
    const { a, clientName } = await ownAuthorisation(tx, actor, input.authorisationId);
    if (a.status !== "draft") throw fieldError("authorisationId", "authorisationNotDraft");
    if (a.validTo < todayInShanghai()) throw fieldError("authorisationId", "authorisationExpired");
    if (input.documentSha256 !== a.documentSha256) throw fieldError("documentSha256", "authorisationDocumentChanged");
    const [doc] = await tx
      .select({ storageKey: documents.storageKey, sha256: documents.sha256 })
      .from(documents)
      .where(and(eq(documents.orgId, actor.orgId), eq(documents.id, a.documentId)))
      .limit(1);
    const original = doc ? await fileStorage().get(doc.storageKey) : null;
    if (!original || sha256Hex(original) !== a.documentSha256)
      throw new AppError("CONFLICT", { messageKey: "authorisationDocumentChanged" });
    if (input.signature.kind === "typed" && input.signature.name.replace(/\s/g, "") !== clientName.replace(/\s/g, "")) {
      throw fieldError("name", "signatureNameMismatch");
    }
    const signedAt = new Date();
    const signedBytes = await signedPdf(original, {
      signature: input.signature,
      clientName,
      signedAt,
      documentSha256: a.documentSha256,
    });
    const signed = await storeDocument(tx, actor, a.clientId, `授权委托书-已签署-${clientName}-${todayInShanghai()}.pdf`, signedBytes);
    const signerSession = createHash("sha256")
      .update(`${actor.userId}|${actor.requestId ?? ""}|${session.ip ?? ""}`)
      .digest("hex");
    const [updated] = await tx
      .update(authorisations)
      .set({
        status: "signed",
        signedAt,
        signedBy: actor.userId,
        signedDocumentId: signed.id,
        signedSha256: signed.sha256,
        signerSession,
        signatureKind: input.signature.kind,
        typedName: input.signature.kind === "typed" ? input.signature.name : null,
        version: a.version + 1,
      })
      .where(and(eq(authorisations.orgId, actor.orgId), eq(authorisations.id, a.id), eq(authorisations.version, a.version)))
      .returning({ id: authorisations.id });
    if (!updated) throw new AppError("CONFLICT");
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "authorisation.sign",
      entityType: "authorisation",
      entityId: a.id,
      before: { status: "draft" },
      after: {
        status: "signed",
        signedAt: signedAt.toISOString(),
        signedBy: actor.userId,
        signerSession,
        requestId: actor.requestId ?? null,
        signatureKind: input.signature.kind,
        documentId: a.documentId,
        documentSha256: a.documentSha256,
        signedDocumentId: signed.id,
        signedSha256: signed.sha256,
      },
      requestId: actor.requestId,
    });
    await notify(tx, actor, a.clientId, { kind: "authorisation-signed", id: a.id, to: "staff", clientName });
    return { id: a.id, status: "signed" as const, signedDocumentId: signed.id, signedSha256: signed.sha256 };
  });
}

/** The draft's pages with a last block: her signature (drawn image or typed name), the time and the draft's hash. */
async function signedPdf(
  original: Uint8Array,
  s: { signature: SignAuthorisationInput["signature"]; clientName: string; signedAt: Date; documentSha256: string },
) {
  const doc = await PDFDocument.load(original);
  const when = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).format(s.signedAt);
  const lines: Block[] = [
    { text: "委托人签署", bold: true, size: 13 },
    { text: `签署人：${s.clientName}` },
    {
      text: `签署方式：${s.signature.kind === "drawn" ? "手写签名" : `输入姓名「${s.signature.kind === "typed" ? s.signature.name : ""}」`}`,
    },
    { text: `签署时间：${when}（北京时间）` },
    { text: `所签文件 SHA-256：${s.documentSha256}`, size: 8 },
  ];
  const fonts = await fontsFor(doc, lines.map((l) => l.text).join(""));
  const page = doc.addPage([PAGE.width, PAGE.height]);
  const end = layout(doc, { page, y: PAGE.height - PAGE.margin }, lines, fonts);
  if (s.signature.kind === "drawn") {
    const png = await doc.embedPng(Buffer.from(s.signature.pngBase64, "base64"));
    const w = Math.min(260, png.width);
    const h = (png.height * w) / png.width;
    end.page.drawImage(png, { x: PAGE.margin, y: end.y - h - 8, width: w, height: h });
  }
  return doc.save();
}

/** The client revokes her authorisation, from the portal, at any time (a draft too: she will not sign it). */
export async function revokeAuthorisation(actor: Actor, input: RevokeAuthorisationInput) {
  return withTenant(actor, async (tx) => {
    const { a, clientName } = await ownAuthorisation(tx, actor, input.authorisationId);
    if (a.status === "revoked") throw fieldError("authorisationId", "authorisationAlreadyRevoked");
    const revokedAt = new Date();
    const [updated] = await tx
      .update(authorisations)
      .set({ status: "revoked", revokedAt, revokedBy: actor.userId, revokeReason: input.reason ?? null, version: a.version + 1 })
      .where(and(eq(authorisations.orgId, actor.orgId), eq(authorisations.id, a.id), eq(authorisations.version, a.version)))
      .returning({ id: authorisations.id });
    if (!updated) throw new AppError("CONFLICT");
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "authorisation.revoke",
      entityType: "authorisation",
      entityId: a.id,
      before: { status: a.status },
      after: { status: "revoked", revokedAt: revokedAt.toISOString(), reason: input.reason ?? null },
      requestId: actor.requestId,
    });
    await notify(tx, actor, a.clientId, { kind: "authorisation-revoked", id: a.id, to: "staff", clientName });
    return { id: a.id, status: "revoked" as const };
  });
}

/**
 * Stores one notification of the consent rules (notification-rules.ts consentNotification) for the people
 * it concerns: the client's own login, or her counselor (the admins when none is assigned).
 */
export async function notify(tx: Tx, actor: Actor, clientId: string, event: ConsentEvent) {
  const [client] = await tx
    .select({ userId: clients.userId, counselorId: clients.assignedCounselorId, fullName: clients.fullName })
    .from(clients)
    .where(and(eq(clients.orgId, actor.orgId), eq(clients.id, clientId)))
    .limit(1);
  if (!client) return;
  const draft = consentNotification({ ...event, clientName: event.clientName ?? client.fullName }, clientId);
  const members = await tx
    .select({ userId: memberships.userId, role: memberships.role, deactivatedAt: memberships.deactivatedAt })
    .from(memberships)
    .where(eq(memberships.orgId, actor.orgId))
    .orderBy(asc(memberships.userId));
  const active = new Set(members.filter((m) => !m.deactivatedAt).map((m) => m.userId));
  let userIds: string[];
  if (draft.to === "client") userIds = client.userId && active.has(client.userId) ? [client.userId] : [];
  else if (client.counselorId && active.has(client.counselorId)) userIds = [client.counselorId];
  else userIds = members.filter((m) => m.role === "admin" && active.has(m.userId)).map((m) => m.userId);
  for (const userId of userIds.filter((u) => u !== actor.userId)) {
    await tx
      .insert(notifications)
      .values({
        orgId: actor.orgId,
        userId,
        clientId,
        kind: draft.kind,
        dedupeKey: draft.dedupeKey,
        params: draft.params,
        href: draft.href,
      })
      .onConflictDoNothing();
  }
}

/**
 * What the case page shows: whether the agency requires an authorisation, and for the case's lender, per
 * purpose, whether one covers it today (or what is missing), with the client's authorisations.
 */
export async function caseConsent(actor: Actor, caseId: string) {
  const { loadCase, caseDebt } = await import("./cases");
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, caseId);
    const debt = await caseDebt(tx, actor, c);
    const settings = await consentSettingsOf(tx, actor.orgId);
    const rows = await authorisationRows(tx, actor, c.clientId);
    const on = todayInShanghai();
    const purposes = (["negotiate", "receive-information", "file-complaint", "credit-dispute"] as const).map((purpose) => {
      const r = coverage(rows, { lenderId: debt.lenderId, purpose, on });
      return { purpose, ok: r.ok, gap: r.ok ? null : r.gap };
    });
    return {
      settings,
      clientId: c.clientId,
      lenderId: debt.lenderId,
      lenderName: debt.lenderName,
      purposes,
      authorisations: await describe(tx, actor, rows),
    };
  });
}

/** The client's own authorisations and sign-offs, for her portal. */
export async function portalConsent(actor: Actor) {
  const { clientSignOffs } = await import("./sign-offs");
  return withTenant(actor, async (tx) => {
    const [client] = await tx
      .select({ id: clients.id, fullName: clients.fullName })
      .from(clients)
      .where(and(eq(clients.orgId, actor.orgId), eq(clients.userId, actor.userId)))
      .limit(1);
    if (!client) return null;
    return {
      client,
      orgName: await orgNameOf(tx, actor.orgId),
      authorisations: await describe(tx, actor, await authorisationRows(tx, actor, client.id)),
      signOffs: await clientSignOffs(tx, actor, client.id),
    };
  });
}
