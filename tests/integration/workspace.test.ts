import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, clients, plans, proposals } from "@/db/schema";
import { addDays, shanghaiInstant, todayInShanghai } from "@/server/domain/time";
import { agendaToday } from "@/server/services/agenda";
import { uploadDocument } from "@/server/services/documents";
import { LocalFolderStorage, setFileStorage } from "@/server/storage";
import { codeOf, fieldsOf } from "../support/errors";
import { callerFor, createClientRecord, createTenant, createUser, type Tenant } from "../support/factories";
import { createDebtRow, createLender } from "../support/workspace-fixture";

const today = todayInShanghai();
const later = addDays(today, 30);

const uploadDir = mkdtempSync(path.join(tmpdir(), "xs-uploads-"));
beforeAll(() => setFileStorage(new LocalFolderStorage(uploadDir)));
afterAll(() => rmSync(uploadDir, { recursive: true, force: true }));

type Page = Awaited<ReturnType<Tenant["as"]["admin"]["caseload"]["list"]>>;
type ListInput = Parameters<Tenant["as"]["admin"]["caseload"]["list"]>[0];

async function allPages(caller: Tenant["as"]["admin"], input: ListInput, between?: (page: number) => Promise<void>) {
  const rows: Page["rows"] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const res: Page = await caller.caseload.list({ ...input, cursor });
    rows.push(...res.rows);
    if (!res.nextCursor) return rows;
    cursor = res.nextCursor;
    await between?.(page);
  }
  throw new Error(
    `pagination did not end: ${JSON.stringify(input)} ${rows.length} rows, ${new Set(rows.map((r) => r.clientId)).size} distinct, last ${JSON.stringify(rows.slice(-8).map((r) => [r.nextDueDate, r.maxOverdueDays, r.clientId]))} cursor ${Buffer.from(cursor ?? "", "base64url").toString()}`,
  );
}

describe("caseload.list", () => {
  it("computes each row's figures in one place", async () => {
    const t = await createTenant();
    const L1 = await createLender(t.orgId, "银行");
    const L2 = await createLender(t.orgId, "平台");
    await createDebtRow(t.orgId, t.clientA.id, L1, {
      outstandingPrincipalFen: 100_000,
      interestFen: 1_000,
      penaltyFen: 200,
      feesFen: 30,
      overdueSince: addDays(today, -40),
    });
    const d2 = await createDebtRow(t.orgId, t.clientA.id, L2, { outstandingPrincipalFen: 50_000, overdueSince: addDays(today, -90) });
    await createDebtRow(t.orgId, t.clientB.id, L1, { outstandingPrincipalFen: 7_000 });
    // Case on D2: proposal with 3 × 10,000 interest-free instalments, first due 10 days ago; 15,000 paid.
    const c = (await t.as.counselorA.case.open({ debtId: d2 })).id;
    const p = await t.as.counselorA.case.createProposal({
      caseId: c,
      channel: "app",
      validUntil: later,
      terms: {
        instalments: { amountFen: 30_000, method: "interest-free", months: 3, annualRatePct: "0", firstDueDate: addDays(today, -10) },
      },
    });
    await t.as.counselorA.case.sendProposal({ caseId: c, proposalId: p.id });
    await t.as.counselorA.case.recordResponse({ caseId: c, proposalId: p.id, kind: "accepted", receivedOn: today });
    await t.as.counselorA.payment.record({
      caseId: c,
      amountFen: 15_000,
      paidOn: today,
      method: "alipay",
      idempotencyKey: "caseload-pay-1",
    });
    const schedule = (await t.as.counselorA.payment.schedule({ caseId: c }))!;
    const db = await getDb();
    await db.insert(plans).values({ orgId: t.orgId, clientId: t.clientA.id, scenarios: [], needsReview: true });

    const { rows } = await t.as.admin.caseload.list({});
    const a = rows.find((r) => r.clientId === t.clientA.id)!;
    expect(a).toEqual({
      clientId: t.clientA.id,
      fullName: "客户甲",
      counselorId: t.counselorA.id,
      counselorName: "CounselorA",
      debtCount: 2,
      // D1 as recorded today (101,230, no growth yet) + D2 under its agreement: 30,000 agreed − 15,000 paid.
      totalOwedFen: 116_230,
      maxOverdueDays: 90,
      worstCaseStatus: "repaying",
      // 15,000 covers the first 10,000 row and half the second: the second is the next one due.
      nextDueDate: schedule.rows[1]!.dueDate,
      planNeedsReview: true,
    });
    const b = rows.find((r) => r.clientId === t.clientB.id)!;
    expect(b).toMatchObject({
      debtCount: 1,
      totalOwedFen: 7_000,
      maxOverdueDays: 0,
      worstCaseStatus: null,
      nextDueDate: null,
      planNeedsReview: false,
    });

    // Filters.
    const ids = async (input: ListInput) => (await t.as.admin.caseload.list(input)).rows.map((r) => r.clientId);
    expect(await ids({ status: "repaying" })).toEqual([t.clientA.id]);
    expect(await ids({ status: "negotiating" })).toEqual([]);
    expect(await ids({ lenderId: L2 })).toEqual([t.clientA.id]);
    expect((await ids({ lenderId: L1 })).sort()).toEqual([t.clientA.id, t.clientB.id].sort());
    expect(await ids({ minOverdueDays: 60 })).toEqual([t.clientA.id]);
    expect(await ids({ minOverdueDays: 91 })).toEqual([]);
    expect(await ids({ needsReview: true })).toEqual([t.clientA.id]);
    expect(await ids({ needsReview: false })).toEqual([t.clientB.id]);
    // Search: name part, or the exact phone number (with or without +86 and spaces), never a partial one.
    expect(await ids({ search: "甲" })).toEqual([t.clientA.id]);
    expect(await ids({ search: `+86 ${t.clientB.phone}` })).toEqual([t.clientB.id]);
    expect(await ids({ search: t.clientB.phone.slice(0, 8) })).toEqual([]);
    expect(await ids({ search: "%" })).toEqual([]);
    // Sorts.
    expect(await ids({ sort: "overdue", dir: "desc" })).toEqual([t.clientA.id, t.clientB.id]);
    expect(await ids({ sort: "nextDue", dir: "asc" })).toEqual([t.clientA.id, t.clientB.id]);
    expect(await ids({ sort: "nextDue", dir: "desc" })).toEqual([t.clientA.id, t.clientB.id]);
    // What is owed: sort and range (server/domain/balance.ts, the same figure as the row's).
    expect(await ids({ sort: "owed", dir: "desc" })).toEqual([t.clientA.id, t.clientB.id]);
    expect(await ids({ sort: "owed", dir: "asc" })).toEqual([t.clientB.id, t.clientA.id]);
    expect(await ids({ minOwedFen: 116_230 })).toEqual([t.clientA.id]);
    expect(await ids({ minOwedFen: 116_231 })).toEqual([]);
    expect(await ids({ maxOwedFen: 7_000 })).toEqual([t.clientB.id]);
    expect(await ids({ minOwedFen: 7_001, maxOwedFen: 116_229 })).toEqual([]);
    expect(await fieldsOf(t.as.admin.caseload.list({ minOwedFen: 2, maxOwedFen: 1 }))).toEqual({ maxOwedFen: ["owedRangeReversed"] });
  });

  it("a counselor sees only their caseload; an admin sees everyone's", async () => {
    const t = await createTenant();
    const extra = await createClientRecord(t.orgId, { counselorId: t.counselorA.id, name: "客户丙" });
    const unassigned = await createClientRecord(t.orgId, { name: "客户丁" });
    const mine = (await t.as.counselorA.caseload.list({})).rows.map((r) => r.clientId).sort();
    expect(mine).toEqual([t.clientA.id, extra.id].sort());
    expect((await t.as.counselorB.caseload.list({})).rows.map((r) => r.clientId)).toEqual([t.clientB.id]);
    const all = (await t.as.admin.caseload.list({})).rows.map((r) => r.clientId).sort();
    expect(all).toEqual([t.clientA.id, t.clientB.id, extra.id, unassigned.id].sort());
    // Searching does not widen it: counselor A cannot find B's client by exact phone.
    expect((await t.as.counselorA.caseload.list({ search: t.clientB.phone })).rows).toEqual([]);
  });

  it("pages return every row exactly once, even when rows are inserted between requests", async () => {
    const t = await createTenant();
    const L = await createLender(t.orgId, "银行");
    const original = new Set<string>([t.clientA.id]);
    for (let i = 0; i < 40; i++) {
      // Many equal sort keys (names repeat, overdue days repeat) so the id tie-break is exercised.
      const c = await createClientRecord(t.orgId, { counselorId: t.counselorA.id, name: `客户${String(i % 7).padStart(2, "0")}` });
      if (i % 3 === 0)
        await createDebtRow(t.orgId, c.id, L, {
          overdueSince: addDays(today, -(i % 4) * 10),
          outstandingPrincipalFen: 100_000 * (1 + (i % 5)),
        });
      original.add(c.id);
    }
    for (const sort of ["name", "overdue", "nextDue", "owed"] as const) {
      for (const dir of ["asc", "desc"] as const) {
        let inserted = 0;
        const rows = await allPages(t.as.counselorA, { sort, dir, limit: 10 }, async (page) => {
          // New clients at both ends and in the middle of the order.
          for (const name of page % 2 ? ["客户00", "阿"] : ["客户03", "客户99"]) {
            await createClientRecord(t.orgId, { counselorId: t.counselorA.id, name });
            inserted++;
          }
        });
        const seen = rows.map((r) => r.clientId);
        expect(new Set(seen).size, `${sort} ${dir}: no duplicates`).toBe(seen.length);
        for (const id of original) expect(seen.includes(id), `${sort} ${dir}: ${id} present`).toBe(true);
        expect(inserted).toBeGreaterThan(0);
        // The order is the requested one.
        const keys = rows.map((r) =>
          sort === "name" ? r.fullName : sort === "overdue" ? r.maxOverdueDays : sort === "owed" ? r.totalOwedFen : (r.nextDueDate ?? ""),
        );
        const sorted = [...keys].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
        if (sort !== "name") expect(keys).toEqual(dir === "asc" ? sorted : sorted.reverse());
      }
    }
  });

  it("limits the page size, defaults to 25 and refuses a forged or mismatched cursor", async () => {
    const t = await createTenant();
    for (let i = 0; i < 30; i++) await createClientRecord(t.orgId, { counselorId: t.counselorA.id });
    const first = await t.as.admin.caseload.list({});
    expect(first.rows).toHaveLength(25);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(await codeOf(t.as.admin.caseload.list({ limit: 101 }))).toBe("BAD_REQUEST");
    expect(await fieldsOf(t.as.admin.caseload.list({ cursor: "bm9wZQ" }))).toEqual({ cursor: ["invalidCursor"] });
    expect(await fieldsOf(t.as.admin.caseload.list({ cursor: first.nextCursor!, sort: "overdue" }))).toEqual({ cursor: ["invalidCursor"] });
    const forged = Buffer.from(JSON.stringify(["name", "asc", "x' or 1=1 --", "not-a-uuid"])).toString("base64url");
    expect(await fieldsOf(t.as.admin.caseload.list({ cursor: forged }))).toEqual({ cursor: ["invalidCursor"] });
  });
});

describe("caseload.assign", () => {
  it("reassigns in bulk with an audit row per client, all or nothing", async () => {
    const t = await createTenant();
    const c1 = await createClientRecord(t.orgId, { counselorId: t.counselorA.id });
    const c2 = await createClientRecord(t.orgId, {});
    const res = await t.as.admin.caseload.assign({ clientIds: [c1.id, c2.id, t.clientB.id], counselorId: t.counselorB.id });
    expect(res).toEqual({ assigned: 2, unchanged: 1 });
    expect((await t.as.counselorB.caseload.list({})).rows.map((r) => r.clientId).sort()).toEqual([c1.id, c2.id, t.clientB.id].sort());
    const db = await getDb();
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, t.orgId), eq(auditLog.action, "client.assign")));
    expect(audits.map((a) => a.entityId).sort()).toEqual([c1.id, c2.id].sort());
    expect(audits.find((a) => a.entityId === c1.id)).toMatchObject({
      before: { assignedCounselorId: t.counselorA.id },
      after: { assignedCounselorId: t.counselorB.id },
    });

    // One unknown client (another organization's): nothing changes.
    const other = await createTenant("Other");
    expect(await codeOf(t.as.admin.caseload.assign({ clientIds: [c1.id, other.clientA.id], counselorId: t.counselorA.id }))).toBe(
      "NOT_FOUND",
    );
    const [row] = await db
      .select({ c: clients.assignedCounselorId })
      .from(clients)
      .where(and(eq(clients.orgId, t.orgId), eq(clients.id, c1.id)));
    expect(row!.c).toBe(t.counselorB.id);
    // The counselor must be an active counselor here: not an admin, a client, a stranger or a deactivated one.
    for (const who of [t.admin.id, t.clientUserA.id, other.counselorA.id, randomUUID()]) {
      expect(await fieldsOf(t.as.admin.caseload.assign({ clientIds: [c1.id], counselorId: who }))).toEqual({
        counselorId: ["unknownCounselor"],
      });
    }
    await t.as.admin.org.setMemberActive({ userId: t.counselorA.id, active: false });
    expect(await fieldsOf(t.as.admin.caseload.assign({ clientIds: [c1.id], counselorId: t.counselorA.id }))).toEqual({
      counselorId: ["unknownCounselor"],
    });
    // Only an admin assigns.
    expect(await codeOf(t.as.counselorB.caseload.assign({ clientIds: [c1.id], counselorId: t.counselorB.id }))).toBe("FORBIDDEN");
  });
});

describe("settings", () => {
  it("reads and updates, validating business hours with the calendar's parser", async () => {
    const t = await createTenant();
    expect(await t.as.admin.settings.get()).toMatchObject({
      bufferPct: "10.00",
      minPerCreditorFen: 5000,
      requireProposalApproval: false,
      require2fa: false,
    });
    const next = {
      bufferPct: "12.5",
      minPerCreditorFen: 8000,
      requireProposalApproval: true,
      require2fa: false,
      businessHours: [
        { start: "08:30", end: "12:00" },
        { start: "13:00", end: "18:00" },
      ],
    };
    expect(await t.as.admin.settings.update(next)).toMatchObject({ ...next, bufferPct: "12.50" });
    expect(await t.as.admin.settings.get()).toMatchObject({ ...next, bufferPct: "12.50" });
    const overlapping = {
      ...next,
      businessHours: [
        { start: "09:00", end: "12:00" },
        { start: "11:00", end: "13:00" },
      ],
    };
    expect(await fieldsOf(t.as.admin.settings.update(overlapping))).toEqual({ "businessHours.1": ["invalid_business_hours"] });
    const reversed = { ...next, businessHours: [{ start: "12:00", end: "09:00" }] };
    expect(await fieldsOf(t.as.admin.settings.update(reversed))).toEqual({ "businessHours.0": ["invalid_business_hours"] });
    expect(await codeOf(t.as.admin.settings.update({ ...next, bufferPct: "80" }))).toBe("BAD_REQUEST");
    const db = await getDb();
    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, t.orgId), eq(auditLog.action, "org.settings.update")));
    expect(audits).toHaveLength(1);
    // Approval before sending now applies to proposals.
    const L = await createLender(t.orgId, "银行");
    const d = await createDebtRow(t.orgId, t.clientA.id, L);
    const c = (await t.as.counselorA.case.open({ debtId: d })).id;
    const p = await t.as.counselorA.case.createProposal({
      caseId: c,
      channel: "app",
      validUntil: later,
      terms: { deferral: { months: 2 } },
    });
    expect((await t.as.counselorA.case.sendProposal({ caseId: c, proposalId: p.id })).status).toBe("awaiting-approval");
    // Requiring two-factor sign-in applies at the next request of anyone without it.
    await t.as.admin.settings.update({ ...next, require2fa: true });
    expect(await fieldsOf(t.as.admin.settings.get())).toEqual({ _: ["FORBIDDEN"] });
  });
});

describe("agenda.today", () => {
  it("lists follow-ups, expired proposals, instalments, document requests — for the right people", async () => {
    const t = await createTenant();
    const L = await createLender(t.orgId, "银行");
    const db = await getDb();
    const open = async (clientId: string, caller = t.as.counselorA) =>
      (await caller.case.open({ debtId: await createDebtRow(t.orgId, clientId, L) })).id;
    const send = async (caseId: string, terms: Parameters<typeof t.as.admin.case.createProposal>[0]["terms"], caller = t.as.counselorA) => {
      const p = await caller.case.createProposal({ caseId, channel: "app", validUntil: today, terms });
      await caller.case.sendProposal({ caseId, proposalId: p.id });
      return p.id;
    };

    // Follow-up overdue (custom task yesterday) and one in the future (not shown).
    const c1 = await open(t.clientA.id);
    const overdueTask = await t.as.counselorA.case.createTask({ caseId: c1, title: "回电", dueOn: addDays(today, -1) });
    await t.as.counselorA.case.createTask({ caseId: c1, title: "以后", dueOn: addDays(today, 3) });
    // An expired proposal: sent, valid until yesterday, no answer. (The automatic follow-up is 5 working days out.)
    const c2 = await open(t.clientA.id);
    const expiredId = await send(c2, { deferral: { months: 1 } });
    await db
      .update(proposals)
      .set({ validUntil: addDays(today, -1) })
      .where(and(eq(proposals.orgId, t.orgId), eq(proposals.id, expiredId)));
    // Instalments: one lump sum due in 3 days, one 5 days late; one due in 10 days (not shown).
    const lump = async (due: string) => {
      const c = await open(t.clientA.id);
      const p = await send(c, { lumpSum: { amountFen: 10_000, dueDate: due } });
      await t.as.counselorA.case.recordResponse({ caseId: c, proposalId: p, kind: "accepted", receivedOn: today });
      return c;
    };
    const soon = await lump(addDays(today, 3));
    const late = await lump(addDays(today, -5));
    await lump(addDays(today, 10));
    // Documents requested: income proof and bank statement; the income proof is uploaded afterwards.
    const c5 = await open(t.clientA.id);
    const p5 = await send(c5, { deferral: { months: 1 } });
    await t.as.counselorA.case.recordResponse({
      caseId: c5,
      proposalId: p5,
      kind: "documents-requested",
      receivedOn: today,
      documents: ["income-proof", "bank-statement"],
    });
    await uploadDocument(
      { orgId: t.orgId, userId: t.counselorA.id, role: "counselor" },
      { caseId: c5, kind: "income-proof", filename: "a.pdf", bytes: new Uint8Array(Buffer.from("%PDF-1.4\n%%EOF\n", "latin1")) },
    );
    // Counselor B's client: never on A's agenda.
    const cb = await open(t.clientB.id, t.as.counselorB);
    await t.as.counselorB.case.createTask({ caseId: cb, title: "B", dueOn: today });

    const a = await t.as.counselorA.agenda.today();
    expect(a.today).toBe(today);
    expect(a.followUps.map((f) => f.taskId)).toEqual([overdueTask.id]);
    expect(a.followUps[0]).toMatchObject({
      clientId: t.clientA.id,
      clientName: "客户甲",
      caseId: c1,
      dueDate: addDays(today, -1),
      href: `/cases/${c1}`,
    });
    expect(a.expiredProposals.map((p) => p.proposalId)).toEqual([expiredId]);
    expect(a.instalmentsDue.map((i) => [i.caseId, i.dueDate, i.remainingFen])).toEqual([[soon, addDays(today, 3), 10_000]]);
    expect(a.missedInstalments.map((i) => [i.caseId, i.dueDate])).toEqual([[late, addDays(today, -5)]]);
    expect(a.documentRequests.map((d) => [d.caseId, d.missingKinds])).toEqual([[c5, ["bank-statement"]]]);
    const everything = JSON.stringify(a);
    expect(everything).not.toContain(cb);

    const admin = await t.as.admin.agenda.today();
    expect(admin.followUps.map((f) => f.caseId).sort()).toEqual([c1, cb].sort());

    // Paying the late instalment takes it off.
    await t.as.counselorA.payment.record({
      caseId: late,
      amountFen: 10_000,
      paidOn: today,
      method: "cash",
      idempotencyKey: "agenda-late-pay",
    });
    expect((await t.as.counselorA.agenda.today()).missedInstalments).toEqual([]);
    // Done follow-ups leave too.
    await t.as.counselorA.case.completeTask({ taskId: overdueTask.id });
    expect((await t.as.counselorA.agenda.today()).followUps).toEqual([]);
  });

  it("shows cases whose lender can be called now (org hours, or the case's own)", async () => {
    const t = await createTenant();
    const L = await createLender(t.orgId, "银行");
    const c1 = (await t.as.counselorA.case.open({ debtId: await createDebtRow(t.orgId, t.clientA.id, L) })).id;
    const c2 = (
      await t.as.counselorA.case.open({
        debtId: await createDebtRow(t.orgId, t.clientA.id, L),
        contactHours: [{ start: "12:00", end: "14:00" }],
      })
    ).id;
    const actor = { orgId: t.orgId, userId: t.counselorA.id, role: "counselor" as const };
    // 2026-11-24 is a Tuesday and a working day. 10:00: the org's default 09:00–12:00 window is open.
    const at10 = await agendaToday(actor, shanghaiInstant("2026-11-24", 600));
    expect(at10.contactWindows.map((w) => w.caseId)).toEqual([c1]);
    expect(at10.contactWindows[0]!.windowEnd).toEqual(shanghaiInstant("2026-11-24", 720));
    // 13:00: lunch for the org's hours, but the second lender's own hours are open.
    const at13 = await agendaToday(actor, shanghaiInstant("2026-11-24", 780));
    expect(at13.contactWindows.map((w) => w.caseId)).toEqual([c2]);
    // Sunday: nobody.
    expect((await agendaToday(actor, shanghaiInstant("2026-11-22", 600))).contactWindows).toEqual([]);
    // National Day holiday (2026-10-01, a Thursday): nobody.
    expect((await agendaToday(actor, shanghaiInstant("2026-10-01", 600))).contactWindows).toEqual([]);
  });
});

describe("who may call what", () => {
  it("clients are refused everything; counselors the admin parts; other organizations see none of it", async () => {
    const t = await createTenant();
    const L = await createLender(t.orgId, "银行");
    await createDebtRow(t.orgId, t.clientA.id, L);
    const settings = {
      bufferPct: "10",
      minPerCreditorFen: 1,
      requireProposalApproval: false,
      require2fa: false,
      businessHours: [{ start: "09:00", end: "17:00" }],
    };
    const calls = (c: Tenant["as"]["admin"]) => ({
      "caseload.list": () => c.caseload.list({}),
      "caseload.assign": () => c.caseload.assign({ clientIds: [t.clientA.id], counselorId: t.counselorB.id }),
      "agenda.today": () => c.agenda.today(),
      "outcomes.summary": () => c.outcomes.summary({}),
      "outcomes.lenderHistory": () => c.outcomes.lenderHistory({ lenderId: L }),
      "settings.get": () => c.settings.get(),
      "settings.update": () => c.settings.update(settings),
    });
    const codes = async (c: Tenant["as"]["admin"]) => {
      const out: Record<string, string> = {};
      for (const [name, call] of Object.entries(calls(c))) out[name] = await codeOf(call());
      return out;
    };
    const all = (code: string) => Object.fromEntries(Object.keys(calls(t.as.admin)).map((k) => [k, code]));
    expect(await codes(t.as.clientA)).toEqual(all("FORBIDDEN"));
    expect(await codes(t.as.counselorA)).toMatchObject({
      "caseload.assign": "FORBIDDEN",
      "outcomes.summary": "FORBIDDEN",
      "settings.get": "FORBIDDEN",
      "settings.update": "FORBIDDEN",
    });
    expect(await codes(t.as.anonymous)).toEqual(all("UNAUTHORIZED"));
    const stranger = await createUser("Stranger");
    expect(await codes(callerFor(stranger.id, t.orgId))).toEqual(all("NOT_FOUND"));

    // Another organization's people, even naming this organization as their active one: the procedures that
    // name this organization's records answer NOT_FOUND or FORBIDDEN; the lists run in their own organization
    // and contain nothing of this one; settings are their own.
    const other = await createTenant("Other");
    const ours = [t.clientA.id, t.clientB.id, L, t.orgId];
    for (const [role, id] of [
      ["admin", other.admin.id],
      ["counselor", other.counselorA.id],
      ["client", other.clientUserA.id],
    ] as const) {
      const c = callerFor(id, t.orgId);
      const got = await codes(c);
      expect(["NOT_FOUND", "FORBIDDEN"], `${role} assign`).toContain(got["caseload.assign"]);
      expect(["NOT_FOUND", "FORBIDDEN"], `${role} lenderHistory`).toContain(got["outcomes.lenderHistory"]);
      for (const name of ["caseload.list", "agenda.today", "outcomes.summary", "settings.get"] as const) {
        if (got[name] !== "OK") {
          expect(["NOT_FOUND", "FORBIDDEN"], `${role} ${name}`).toContain(got[name]);
          continue;
        }
        const text = JSON.stringify(await calls(c)[name]());
        for (const x of ours) expect(text, `${role} ${name}`).not.toContain(x);
      }
    }
    // Nothing of ours changed hands.
    expect((await t.as.admin.caseload.list({})).rows.find((r) => r.clientId === t.clientA.id)!.counselorId).toBe(t.counselorA.id);
    expect((await t.as.admin.settings.get()).businessHours).toHaveLength(2);
  });
});
