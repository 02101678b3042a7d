import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import JSZip from "jszip";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, complaints } from "@/db/schema";
import { addDays, todayInShanghai } from "@/server/domain/time";
import { buildEvidencePack, indexLines, type EvidencePack } from "@/server/services/evidence-pack";
import { LocalFolderStorage, setFileStorage } from "@/server/storage";
import { fieldsOf } from "../support/errors";
import { createTenant, type Tenant } from "../support/factories";
import { createDebtRow, createLender } from "../support/workspace-fixture";

/**
 * A complaint the agency files for the client is filed under her authorisation (授权委托书): the one chosen,
 * or the one the system finds in force for complaints to this lender on the filing day; stored as a reference,
 * shown on the case, in the evidence pack and on her portal; refused on its field when it does not cover it.
 */

const today = todayInShanghai();
const uploadDir = mkdtempSync(path.join(tmpdir(), "xs-complaint-authorisation-"));
beforeAll(() => setFileStorage(new LocalFolderStorage(uploadDir)));
afterAll(() => rmSync(uploadDir, { recursive: true, force: true }));
afterEach(() => vi.useRealTimers());

type World = { t: Tenant; lender1: string; lender2: string; case1: string; case2: string };

async function world(authorisationRequired = true): Promise<World> {
  const t = await createTenant("投诉授权");
  await t.as.admin.consent.updateSettings({ authorisationRequired, signOffRequired: false });
  const lender1 = await createLender(t.orgId, "甲平台");
  const lender2 = await createLender(t.orgId, "乙平台");
  const case1 = (await t.as.counselorA.case.open({ debtId: await createDebtRow(t.orgId, t.clientA.id, lender1) })).id;
  const case2 = (await t.as.counselorA.case.open({ debtId: await createDebtRow(t.orgId, t.clientA.id, lender2) })).id;
  return { t, lender1, lender2, case1, case2 };
}

async function signed(
  w: World,
  o: Partial<{ purposes: Array<"negotiate" | "file-complaint">; lenderIds: string[]; validTo: string }> = {},
  sign = true,
) {
  const a = await w.t.as.counselorA.consent.createAuthorisation({
    clientId: w.t.clientA.id,
    purposes: o.purposes ?? ["negotiate", "file-complaint"],
    allLenders: false,
    lenderIds: o.lenderIds ?? [w.lender1],
    validFrom: today,
    validTo: o.validTo ?? addDays(today, 180),
  });
  if (sign)
    await w.t.as.clientA.consent.signAuthorisation({
      authorisationId: a.id,
      documentSha256: a.documentSha256,
      signature: { kind: "typed", name: "客户甲" },
    });
  return a;
}

const complaint = (caseId: string, extra: Record<string, unknown> = {}) => ({
  caseId,
  channel: "lender" as const,
  subject: "other" as const,
  details: "代客户投诉：催收人员态度恶劣",
  filedBy: "agency" as const,
  filedOn: today,
  ...extra,
});

async function stored(w: World, caseId: string) {
  return (await getDb())
    .select({ id: complaints.id, authorisationId: complaints.authorisationId })
    .from(complaints)
    .where(and(eq(complaints.orgId, w.t.orgId), eq(complaints.caseId, caseId)));
}

describe("a complaint filed under the client's authorisation", () => {
  it("is refused on its field until a signed authorisation covers complaints to this lender, then linked and shown everywhere", async () => {
    const w = await world();
    const file = (extra: Record<string, unknown> = {}) => w.t.as.counselorA.complaint.file(complaint(w.case1, extra));
    expect(await fieldsOf(file())).toEqual({ authorisationId: ["complaintAuthorisationNone"] });
    const draft = await signed(w, {}, false);
    expect(await fieldsOf(file())).toEqual({ authorisationId: ["complaintAuthorisationUnsigned"] });
    expect(await fieldsOf(file({ authorisationId: draft.id }))).toEqual({ authorisationId: ["complaintAuthorisationUnsigned"] });
    const negotiateOnly = await signed(w, { purposes: ["negotiate"] });
    expect(await fieldsOf(file({ authorisationId: negotiateOnly.id }))).toEqual({ authorisationId: ["complaintAuthorisationPurpose"] });
    const otherLender = await signed(w, { lenderIds: [w.lender2] });
    expect(await fieldsOf(file({ authorisationId: otherLender.id }))).toEqual({ authorisationId: ["complaintAuthorisationLender"] });
    // Nothing was stored by the refusals.
    expect(await stored(w, w.case1)).toEqual([]);

    // The one for the other lender covers the other case: the system proposes it when none is chosen.
    const k2 = await w.t.as.counselorA.complaint.file(complaint(w.case2));
    expect(k2.authorisationId).toBe(otherLender.id);

    const good = await signed(w);
    const k = await file({ authorisationId: good.id });
    expect(k.authorisationId).toBe(good.id);
    expect(await stored(w, w.case1)).toEqual([{ id: k.id, authorisationId: good.id }]);
    const [audit] = await (
      await getDb()
    )
      .select({ after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, w.t.orgId), eq(auditLog.action, "complaint.file"), eq(auditLog.entityId, k.id)));
    expect(audit!.after).toMatchObject({ filedBy: "agency", authorisationId: good.id });

    // The case tab: the authorisation it was filed under, with the day she signed it and its last day.
    const [listed] = await w.t.as.counselorA.complaint.list({ caseId: w.case1 });
    expect(listed!.authorisation).toMatchObject({
      id: good.id,
      signedOn: today,
      validFrom: today,
      validTo: addDays(today, 180),
      state: "signed",
    });
    // Her portal, in plain facts.
    const mine = await w.t.as.clientA.complaint.mine();
    expect(mine.find((m) => m.id === k.id)!.authorisation).toEqual({ signedOn: today, validTo: addDays(today, 180) });
    // The evidence pack's JSON and its index.
    const zip = await JSZip.loadAsync(
      (await buildEvidencePack({ orgId: w.t.orgId, userId: w.t.counselorA.id, role: "counselor" }, w.case1)).bytes,
    );
    const pack = JSON.parse(await zip.file("evidence.json")!.async("string")) as EvidencePack;
    expect(pack.complaints[0]!.authorisation).toMatchObject({ id: good.id, signedOn: today, validTo: addDays(today, 180) });
    expect(pack.complaints[0]!.authorisation!.signedSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(indexLines(pack).map((l) => l.text)).toContainEqual(expect.stringContaining(`依据客户授权委托书提交：${today} 签署`));
  });

  it("a revoked or expired authorisation is refused; another client's is not hers; a client's own complaint names none", async () => {
    const w = await world();
    const a = await signed(w, { validTo: addDays(today, 2) });
    const file = (extra: Record<string, unknown> = {}) => w.t.as.counselorA.complaint.file(complaint(w.case1, extra));
    // Three days on, it has lapsed for a complaint filed that day.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 3 * 86_400_000 });
    const later = addDays(today, 3);
    expect(await fieldsOf(file({ authorisationId: a.id, filedOn: later }))).toEqual({ authorisationId: ["complaintAuthorisationExpired"] });
    expect(await fieldsOf(file({ filedOn: later }))).toEqual({ authorisationId: ["complaintAuthorisationExpired"] });
    vi.useRealTimers();

    await w.t.as.clientA.consent.revokeAuthorisation({ authorisationId: a.id });
    expect(await fieldsOf(file({ authorisationId: a.id }))).toEqual({ authorisationId: ["complaintAuthorisationRevoked"] });

    const other = await world();
    const hers = await signed(other);
    expect(await fieldsOf(file({ authorisationId: hers.id }))).toEqual({ authorisationId: ["complaintAuthorisationNotFound"] });
    const b = await signed(w);
    expect(await fieldsOf(file({ filedBy: "client", authorisationId: b.id }))).toEqual({
      authorisationId: ["complaintAuthorisationClientFiled"],
    });
    expect(Object.keys(await fieldsOf(file({ authorisationId: "not-an-id" })))).toEqual(["authorisationId"]);
    expect(await stored(w, w.case1)).toEqual([]);
    // The client filing herself needs none.
    expect((await file({ filedBy: "client" })).authorisationId).toBeNull();
  });

  it("an agency that does not require authorisations files without one, and still links one that covers it", async () => {
    const w = await world(false);
    expect((await w.t.as.counselorA.complaint.file(complaint(w.case1))).authorisationId).toBeNull();
    const a = await signed(w);
    expect((await w.t.as.counselorA.complaint.file(complaint(w.case1))).authorisationId).toBe(a.id);
    const [first] = await w.t.as.counselorA.complaint.list({ caseId: w.case1 });
    expect(first!.authorisation?.id ?? null).toBe(a.id);
  });
});
