import { createHash } from "node:crypto";
import { flagCodeOf } from "@/server/domain/collection-conduct";
import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import JSZip from "jszip";
import { createTranslator } from "next-intl";
import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import fontkit from "@pdf-lib/fontkit";
import subsetFont from "subset-font";
import zhCases from "@/messages/zh-CN/cases.json";
import zhComplaints from "@/messages/zh-CN/complaints.json";
import { withTenant } from "@/db/client";
import { agreements, clients, complaints, contactEntries, documents, instalments, lenders, payments } from "@/db/schema";
import { GENESIS, verifyChain } from "@/server/domain/hash-chain";
import { formatFen } from "@/server/domain/money";
import { shanghaiDateTime, todayInShanghai } from "@/server/domain/time";
import { fileStorage } from "@/server/storage";
import type { Actor } from "./access";
import { writeAudit } from "./audit";
import { caseDebt, domain, loadCase } from "./cases";
import { complaintAuthorisations, describeComplaint } from "./complaints";
import { contactContent } from "./contacts";
import { fontBytes, termsLines, wrap } from "./letters";
import { caseProposals } from "./proposals";

/** How each contact entry's hash is made (server/domain/hash-chain.ts), written into the pack so anyone can check it. */
export const CHAIN_RULE = `sha256(utf8(prevHash ?? "${GENESIS}" + "\\n" + canonicalJson(content))); canonicalJson: keys sorted, no whitespace`;

export const PACK_FORMAT = "xieshang-evidence-pack/1";

const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

/** A file name safe inside a ZIP on every system: no path separators or control characters, at most 80 characters. */
function safeName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "_").slice(0, 80) || "file";
}

/**
 * Everything the pack holds, read in one transaction (which also writes the export's audit row): the contact
 * log with each entry's hashed content and the chain's verification, the proposals and the lender's answers,
 * the agreements with their schedules and payments, the documents with their hashes, and the complaints.
 */
export async function evidencePackData(actor: Actor, caseId: string, now: Date = new Date()) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, caseId);
    const debt = await caseDebt(tx, actor, c);
    const [client] = await tx
      .select({ fullName: clients.fullName, nationalIdMasked: clients.nationalIdMasked })
      .from(clients)
      .where(and(eq(clients.orgId, actor.orgId), eq(clients.id, c.clientId)))
      .limit(1);
    const [lender] = await tx
      .select({ licenceType: lenders.licenceType })
      .from(lenders)
      .where(and(eq(lenders.orgId, actor.orgId), eq(lenders.id, debt.lenderId)))
      .limit(1);

    const entries = await tx
      .select()
      .from(contactEntries)
      .where(and(eq(contactEntries.orgId, actor.orgId), eq(contactEntries.caseId, c.id)))
      .orderBy(asc(contactEntries.seq));
    const chained = entries.map((e) => ({ id: e.id, seq: e.seq, prevHash: e.prevHash, hash: e.hash, content: contactContent(e) }));
    const chain = domain(() => verifyChain(chained));
    const headOk = (entries.at(-1)?.hash ?? null) === c.contactHead && entries.length === c.contactSeq;
    const verification = chain.ok
      ? headOk
        ? { ok: true as const, count: entries.length, head: c.contactHead }
        : { ok: false as const, count: entries.length, reason: "head-mismatch" as const, brokenSeq: entries.at(-1)?.seq ?? null }
      : {
          ok: false as const,
          count: entries.length,
          reason: chain.reason,
          brokenSeq: chained.find((e) => e.id === chain.brokenAt)?.seq ?? null,
        };

    // The case page's own list (services/proposals.ts), so the pack shows the same proposals and answers in the same order.
    const today = todayInShanghai(now);
    const proposalList = await caseProposals(tx, actor, c, today);

    const agreementRows = await tx
      .select({
        id: agreements.id,
        proposalId: agreements.proposalId,
        status: agreements.status,
        agreedOn: agreements.agreedOn,
        endedOn: agreements.endedOn,
        endReason: agreements.endReason,
        terms: agreements.terms,
        art70: agreements.art70,
        replacesAgreementId: agreements.replacesAgreementId,
      })
      .from(agreements)
      .where(and(eq(agreements.orgId, actor.orgId), eq(agreements.caseId, c.id)))
      .orderBy(asc(agreements.agreedOn), asc(agreements.createdAt));
    const agreementIds = agreementRows.map((a) => a.id);
    const scheduleRows = agreementIds.length
      ? await tx
          .select({
            agreementId: instalments.agreementId,
            seq: instalments.seq,
            dueDate: instalments.dueDate,
            amountFen: instalments.amountFen,
            principalFen: instalments.principalFen,
            interestFen: instalments.interestFen,
          })
          .from(instalments)
          .where(and(eq(instalments.orgId, actor.orgId), inArray(instalments.agreementId, agreementIds)))
          .orderBy(asc(instalments.agreementId), asc(instalments.seq))
      : [];
    const paymentRows = await tx
      .select({
        id: payments.id,
        agreementId: payments.agreementId,
        amountFen: payments.amountFen,
        paidOn: payments.paidOn,
        method: payments.method,
        status: payments.status,
        receiptDocumentId: payments.receiptDocumentId,
      })
      .from(payments)
      .where(and(eq(payments.orgId, actor.orgId), eq(payments.caseId, c.id)))
      .orderBy(asc(payments.paidOn), asc(payments.createdAt));

    const documentRows = await tx
      .select({
        id: documents.id,
        caseId: documents.caseId,
        kind: documents.kind,
        filename: documents.filename,
        mime: documents.mime,
        sizeBytes: documents.sizeBytes,
        sha256: documents.sha256,
        storageKey: documents.storageKey,
        createdAt: documents.createdAt,
      })
      .from(documents)
      .where(
        and(eq(documents.orgId, actor.orgId), eq(documents.clientId, c.clientId), or(eq(documents.caseId, c.id), isNull(documents.caseId))),
      )
      .orderBy(asc(documents.createdAt), asc(documents.id));

    const complaintRows = await tx
      .select()
      .from(complaints)
      .where(and(eq(complaints.orgId, actor.orgId), eq(complaints.caseId, c.id)))
      .orderBy(asc(complaints.filedOn), asc(complaints.createdAt));
    const authorised = await complaintAuthorisations(
      tx,
      actor,
      complaintRows.map((r) => r.authorisationId),
      today,
    );

    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "case.evidencePack",
      entityType: "case",
      entityId: c.id,
      after: { contacts: entries.length, chainOk: verification.ok, documents: documentRows.length, head: c.contactHead },
      requestId: actor.requestId,
    });

    const json = {
      format: PACK_FORMAT,
      generatedAt: now.toISOString(),
      case: { id: c.id, status: c.status, openedAt: c.openedAt.toISOString(), closedAt: c.closedAt?.toISOString() ?? null },
      client: { fullName: client?.fullName ?? "", nationalIdMasked: client?.nationalIdMasked ?? null },
      lender: { name: debt.lenderName, legalName: debt.lenderLegalName ?? null },
      debt: {
        contractNumber: debt.contractNumber ?? null,
        loanDate: debt.loanDate ?? null,
        originalPrincipalFen: debt.originalPrincipalFen,
        outstandingPrincipalFen: debt.outstandingPrincipalFen,
        interestFen: debt.interestFen,
        penaltyFen: debt.penaltyFen,
        feesFen: debt.feesFen,
        overdueSince: debt.overdueSince ?? null,
      },
      contactLog: {
        chainRule: CHAIN_RULE,
        head: c.contactHead,
        verification,
        entries: chained.map(({ id: _id, ...e }) => e),
      },
      proposals: proposalList.map((p) => ({
        id: p.id,
        seq: p.seq,
        status: p.status,
        channel: p.channel,
        terms: p.terms,
        validUntil: p.validUntil,
        sentAt: p.sentAt?.toISOString() ?? null,
        createdAt: p.createdAt.toISOString(),
        responses: p.responses.map((r) => ({
          id: r.id,
          kind: r.kind,
          reason: r.reason,
          terms: r.terms,
          documentsRequested: r.documentsRequested,
          note: r.note,
          receivedOn: r.receivedOn,
          recordedAt: r.recordedAt.toISOString(),
        })),
      })),
      agreements: agreementRows.map((a) => ({
        ...a,
        schedule: scheduleRows.filter((s) => s.agreementId === a.id).map(({ agreementId: _a, ...s }) => s),
        payments: paymentRows.filter((p) => p.agreementId === a.id).map(({ agreementId: _a, ...p }) => p),
      })),
      documents: documentRows.map((d, i) => ({
        id: d.id,
        kind: d.kind,
        filename: d.filename,
        mime: d.mime,
        sizeBytes: d.sizeBytes,
        sha256: d.sha256,
        uploadedAt: d.createdAt.toISOString(),
        path: `documents/${String(i + 1).padStart(3, "0")}-${safeName(d.filename)}`,
      })),
      complaints: complaintRows.map((r) => {
        const d = domain(() => describeComplaint(r, lender?.licenceType ?? "other", today));
        const a = r.authorisationId ? authorised.get(r.authorisationId) : undefined;
        return {
          ...d,
          linkedSeqs: r.contactEntryIds.map((id) => chained.find((e) => e.id === id)?.seq ?? null),
          /** The client's authorisation it was filed under: when she signed it, the days it runs and the signed document's hash. */
          authorisation: a
            ? { id: a.id, signedOn: a.signedOn, validFrom: a.validFrom, validTo: a.validTo, signedSha256: a.signedSha256 }
            : null,
        };
      }),
    };
    return { json, storageKeys: documentRows.map((d) => d.storageKey) };
  });
}

export type EvidencePack = Awaited<ReturnType<typeof evidencePackData>>["json"];

const zhCase = createTranslator({ locale: "zh-CN", messages: zhCases, namespace: "cases" });
const zh = createTranslator({ locale: "zh-CN", messages: zhComplaints, namespace: "complaints" });

type Line = { text: string; size?: number; bold?: boolean; mono?: boolean };

/** The PDF index's lines, in Chinese (it goes to a Chinese institution, mediator or court). */
export function indexLines(pack: EvidencePack): Line[] {
  const p = "evidencePdf";
  const lines: Line[] = [
    { text: zh(`${p}.title`), size: 18, bold: true },
    { text: zh(`${p}.generated`, { at: shanghaiDateTime(new Date(pack.generatedAt)) }) },
    { text: zh(`${p}.parties`, { client: pack.client.fullName, lender: pack.lender.legalName ?? pack.lender.name }) },
    {
      text: zh(`${p}.debt`, {
        principal: formatFen(pack.debt.outstandingPrincipalFen),
        interest: formatFen(pack.debt.interestFen),
        penalty: formatFen(pack.debt.penaltyFen),
        fees: formatFen(pack.debt.feesFen),
      }),
    },
    { text: zh(`${p}.contactsHeading`, { count: pack.contactLog.entries.length }), size: 13, bold: true },
    {
      text: pack.contactLog.verification.ok
        ? zh(`${p}.chainOk`, { count: pack.contactLog.verification.count })
        : zh(`${p}.chainBroken`, { seq: pack.contactLog.verification.brokenSeq ?? "?" }),
      bold: true,
    },
    { text: zh(`${p}.chainRule`), size: 9 },
    // A line that starts with a Latin letter is laid out as Latin text, which spaces this subset font's digits oddly: each starts with Chinese.
    { text: zh(`${p}.ruleLine`, { rule: CHAIN_RULE }), size: 8, mono: true },
  ];
  for (const e of pack.contactLog.entries) {
    const flags = e.content.conductFlags.map((f) => zhCase(`flags.${flagCodeOf(f)}` as never)).join("、");
    lines.push({
      text:
        `#${e.seq} ${shanghaiDateTime(new Date(e.content.at))} ${zhCase(`contactChannels.${e.content.channel}` as never)} · ` +
        `${zhCase(`directions.${e.content.direction}` as never)} · ${zhCase(`parties.${e.content.party}` as never)}` +
        (flags ? ` · ${zh(`${p}.flags`, { flags })}` : ""),
      bold: true,
    });
    lines.push({ text: e.content.summary });
    lines.push({ text: zh(`${p}.hash`, { hash: e.hash }), size: 8, mono: true });
  }
  lines.push({ text: zh(`${p}.proposalsHeading`, { count: pack.proposals.length }), size: 13, bold: true });
  for (const pr of pack.proposals) {
    lines.push({
      text: zh(`${p}.proposal`, { seq: pr.seq, until: pr.validUntil, status: zhCase(`proposalStatus.${pr.status}` as never) }),
      bold: true,
    });
    for (const t of termsLines(pr.terms)) lines.push({ text: t });
    for (const r of pr.responses) {
      lines.push({
        text:
          zh(`${p}.response`, { on: r.receivedOn, kind: zhCase(`responseKinds.${r.kind}` as never) }) + (r.reason ? `：${r.reason}` : ""),
      });
    }
  }
  lines.push({ text: zh(`${p}.agreementsHeading`, { count: pack.agreements.length }), size: 13, bold: true });
  for (const a of pack.agreements) {
    lines.push({ text: zh(`${p}.agreement`, { on: a.agreedOn, status: zh(`${p}.agreementStatus.${a.status}`) }), bold: true });
    for (const t of termsLines(a.terms)) lines.push({ text: t });
    for (const s of a.schedule)
      lines.push({ text: zh(`${p}.instalment`, { seq: s.seq, due: s.dueDate, amount: formatFen(s.amountFen) }), size: 9 });
    for (const pay of a.payments) {
      lines.push({
        text: zh(`${p}.payment`, {
          on: pay.paidOn,
          amount: formatFen(pay.amountFen),
          status: zhCase(`paymentStatus.${pay.status}` as never),
        }),
        size: 9,
      });
    }
  }
  lines.push({ text: zh(`${p}.documentsHeading`, { count: pack.documents.length }), size: 13, bold: true });
  for (const d of pack.documents) {
    lines.push({ text: `${zhCase(`documentKinds.${d.kind}` as never)}：${d.path}` });
    lines.push({ text: zh(`${p}.hash`, { hash: d.sha256 }), size: 8, mono: true });
  }
  lines.push({ text: zh(`${p}.complaintsHeading`, { count: pack.complaints.length }), size: 13, bold: true });
  for (const k of pack.complaints) {
    lines.push({
      text: zh(`${p}.complaint`, {
        channel: zh(`channels.${k.channel}`),
        on: k.filedOn,
        due: k.dueOn,
        subject: zh(`subjects.${k.subject}`),
      }),
      bold: true,
    });
    lines.push({ text: k.details });
    if (k.authorisation) {
      lines.push({
        text: zh(`${p}.filedUnder`, {
          signedOn: k.authorisation.signedOn ?? "—",
          validFrom: k.authorisation.validFrom,
          validTo: k.authorisation.validTo,
          sha: k.authorisation.signedSha256 ?? "—",
        }),
        size: 9,
      });
    }
    if (k.answeredOn) lines.push({ text: zh(`${p}.answered`, { on: k.answeredOn, outcome: zh(`outcomes.${k.outcome ?? "rejected"}`) }) });
  }
  lines.push({ text: zh(`${p}.footer`), size: 9 });
  return lines;
}

const PAGE = { width: 595.28, height: 841.89, margin: 48 };

async function indexPdf(pack: EvidencePack): Promise<Uint8Array> {
  const lines = indexLines(pack);
  const allText = lines.map((l) => l.text).join("") + "0123456789";
  const [regularBytes, boldBytes] = await Promise.all([fontBytes("regular"), fontBytes("bold")]);
  const [regularSubset, boldSubset] = await Promise.all([
    subsetFont(regularBytes, allText, { targetFormat: "truetype" }),
    subsetFont(boldBytes, allText, { targetFormat: "truetype" }),
  ]);
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(`${zh("evidencePdf.title")} — ${pack.client.fullName}`);
  doc.setLanguage("zh-CN");
  doc.setCreator("Xieshang");
  const regular = await doc.embedFont(regularSubset, { subset: false });
  const bold = await doc.embedFont(boldSubset, { subset: false });
  const width = PAGE.width - PAGE.margin * 2;
  let page: PDFPage = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  for (const line of lines) {
    const size = line.size ?? 10;
    const font: PDFFont = line.bold ? bold : regular;
    if (size >= 13) y -= 8;
    for (const text of wrap(line.text, font, size, width)) {
      if (y - size * 1.6 < PAGE.margin) {
        page = doc.addPage([PAGE.width, PAGE.height]);
        y = PAGE.height - PAGE.margin;
      }
      page.drawText(text, { x: PAGE.margin, y: y - size, size, font, color: line.mono ? rgb(0.25, 0.25, 0.3) : rgb(0.05, 0.05, 0.05) });
      y -= size * 1.6;
    }
  }
  return doc.save();
}

/** The evidence pack as a ZIP: evidence.json, index.pdf, the documents' bytes, and SHA256SUMS of every file in it. */
export async function buildEvidencePack(actor: Actor, caseId: string, now: Date = new Date()) {
  const { json, storageKeys } = await evidencePackData(actor, caseId, now);
  const zip = new JSZip();
  const files: Array<[string, Uint8Array]> = [];
  files.push(["evidence.json", new TextEncoder().encode(JSON.stringify(json, null, 2))]);
  files.push(["index.pdf", await indexPdf(json)]);
  const storage = fileStorage();
  for (const [i, d] of json.documents.entries()) {
    const bytes = await storage.get(storageKeys[i]!);
    // A missing file stays listed in evidence.json with its hash; SHA256SUMS lists only what the ZIP holds.
    if (bytes) files.push([d.path, new Uint8Array(bytes)]);
  }
  for (const [name, bytes] of files) zip.file(name, bytes, { date: now });
  zip.file("SHA256SUMS", files.map(([name, bytes]) => `${sha256(bytes)}  ${name}`).join("\n") + "\n", { date: now });
  const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  return { bytes, filename: `证据材料-${json.client.fullName}-${todayInShanghai(now)}.zip` };
}
