import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { notifications, proposals, tasks } from "@/db/schema";
import { addDays, shanghaiDate, shanghaiInstant, todayInShanghai } from "@/server/domain/time";
import { env } from "@/server/env";
import { syncNotifications } from "@/server/services/notifications";
import { emailNotifications, notificationText } from "@/server/services/notification-delivery";
import { listOrganizationIdsAsSystem } from "@/server/services/notification-jobs";
import { selectRows } from "@/server/services/sql-rows";
import { ERASED_NAME } from "@/server/services/privacy";
import { codeOf } from "../support/errors";
import { createClientRecord, createTenant } from "../support/factories";
import { createDebtRow, createLender } from "../support/workspace-fixture";

const today = todayInShanghai();

/**
 * One organization with an event of every kind for client A (counselor A assigned):
 * case 1 accepted with instalments, the first due in 2 days, and a payment the client reported;
 * case 2 with a sent proposal past its valid-until date and its no-answer follow-up due today.
 */
async function eventfulTenant(name: string) {
  const t = await createTenant(name);
  const lender = await createLender(t.orgId, "消费金融");
  const d1 = await createDebtRow(t.orgId, t.clientA.id, lender, { outstandingPrincipalFen: 300_000, overdueSince: addDays(today, -60) });
  const d2 = await createDebtRow(t.orgId, t.clientA.id, lender, { outstandingPrincipalFen: 100_000, penaltyFen: 1_000 });
  const c1 = (await t.as.counselorA.case.open({ debtId: d1 })).id;
  const p1 = await t.as.counselorA.case.createProposal({
    caseId: c1,
    channel: "app",
    validUntil: addDays(today, 14),
    terms: { instalments: { amountFen: 300_000, method: "interest-free", months: 3, annualRatePct: "0", firstDueDate: addDays(today, 2) } },
  });
  await t.as.counselorA.case.sendProposal({ caseId: c1, proposalId: p1.id });
  await t.as.counselorA.case.recordResponse({ caseId: c1, proposalId: p1.id, kind: "accepted", receivedOn: today });
  const reported = (await t.as.clientA.payment.record({
    caseId: c1,
    amountFen: 50_000,
    paidOn: today,
    method: "alipay",
    idempotencyKey: `report-${randomUUID()}`,
  })) as { id: string };

  const c2 = (await t.as.counselorA.case.open({ debtId: d2 })).id;
  const p2 = await t.as.counselorA.case.createProposal({
    caseId: c2,
    channel: "app",
    validUntil: addDays(today, 14),
    terms: { waiver: { penaltyFen: 1_000 } },
  });
  await t.as.counselorA.case.sendProposal({ caseId: c2, proposalId: p2.id });
  const db = await getDb();
  // Time passes: the proposal's valid-until date is behind us and its follow-up is due.
  await db
    .update(proposals)
    .set({ validUntil: addDays(today, -1) })
    .where(and(eq(proposals.orgId, t.orgId), eq(proposals.id, p2.id)));
  await db
    .update(tasks)
    .set({ dueOn: today })
    .where(and(eq(tasks.orgId, t.orgId), eq(tasks.proposalId, p2.id)));
  return { t, c1, c2, p1: p1.id, p2: p2.id, reportedId: reported.id };
}

type World = Awaited<ReturnType<typeof eventfulTenant>>;
let a: World;
let b: World;

beforeAll(async () => {
  a = await eventfulTenant("Agency A");
  b = await eventfulTenant("Agency B");
}, 60_000);

async function rowsOf(orgId: string) {
  const db = await getDb();
  return db
    .select({ userId: notifications.userId, kind: notifications.kind, dedupeKey: notifications.dedupeKey, id: notifications.id })
    .from(notifications)
    .where(eq(notifications.orgId, orgId));
}

describe("the periodic run's list of organizations", () => {
  it("finds every organization, although the app role sees none without an organization set", async () => {
    expect(await listOrganizationIdsAsSystem()).toEqual(expect.arrayContaining([a.t.orgId, b.t.orgId]));
    const db = await getDb();
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local role xieshang_app`);
      const [plain] = await selectRows<{ n: number }>(tx, sql`select count(*)::int as n from organizations`);
      expect(plain?.n).toBe(0);
      const [listed] = await selectRows<{ n: number }>(tx, sql`select count(*)::int as n from xs_system_organization_ids()`);
      expect(listed?.n).toBeGreaterThanOrEqual(2);
    });
  });
});

describe("notifications from the agenda's events", () => {
  it("makes exactly one notification per event and person, however often it runs", async () => {
    const first = await syncNotifications(a.t.orgId);
    const second = await syncNotifications(a.t.orgId);
    // Concurrent runs (two servers) add nothing either.
    const concurrent = await Promise.all([syncNotifications(a.t.orgId), syncNotifications(a.t.orgId)]);
    expect(second).toBe(0);
    expect(concurrent).toEqual([0, 0]);

    const rows = await rowsOf(a.t.orgId);
    expect(rows.length).toBe(first);
    const counselor = rows
      .filter((r) => r.userId === a.t.counselorA.id)
      .map((r) => r.dedupeKey)
      .sort();
    // Case 1's agreement: only the first instalment (in 2 days) is within the 7-day horizon.
    const instalmentKey = counselor.find((k) => k.startsWith("instalment-due:"));
    expect(instalmentKey).toMatch(/^instalment-due:[0-9a-f-]{36}:1$/);
    const followUp = (await getDb())
      .select({ id: tasks.id })
      .from(tasks)
      .where(and(eq(tasks.orgId, a.t.orgId), eq(tasks.proposalId, a.p2)));
    const [task] = await followUp;
    expect(counselor).toEqual(
      [`follow-up:${task!.id}`, instalmentKey!, `payment-reported:${a.reportedId}`, `proposal-expired:${a.p2}`].sort(),
    );
    const client = rows
      .filter((r) => r.userId === a.t.clientUserA.id)
      .map((r) => r.kind)
      .sort();
    expect(client).toEqual(["client-answer", "client-payment-due"]);
    // No one else in the organization hears of client A's events.
    expect(rows.filter((r) => !([a.t.counselorA.id, a.t.clientUserA.id] as string[]).includes(r.userId))).toEqual([]);
    // The unique key holds in the table itself.
    const db = await getDb();
    const dupes = await db.execute(
      sql`select user_id, dedupe_key, count(*)::int as n from notifications where org_id = ${a.t.orgId} group by 1, 2 having count(*) > 1`,
    );
    expect((Array.isArray(dupes) ? dupes : (dupes as unknown as { rows: unknown[] }).rows).length).toBe(0);
  });

  it("an event that leaves the agenda makes no new notification; a new one does", async () => {
    await syncNotifications(a.t.orgId);
    const before = (await rowsOf(a.t.orgId)).length;
    await a.t.as.counselorA.payment.confirm({ caseId: a.c1, paymentId: a.reportedId });
    expect(await syncNotifications(a.t.orgId)).toBe(0);
    const again = (await a.t.as.clientA.payment.record({
      caseId: a.c1,
      amountFen: 10_000,
      paidOn: today,
      method: "alipay",
      idempotencyKey: "second-report",
    })) as { id: string };
    expect(await syncNotifications(a.t.orgId)).toBe(1);
    const rows = await rowsOf(a.t.orgId);
    expect(rows.length).toBe(before + 1);
    expect(rows.filter((r) => r.dedupeKey === `payment-reported:${again.id}`).map((r) => r.userId)).toEqual([a.t.counselorA.id]);
  });

  it("each person lists only their own notifications, never another person's or organization's", async () => {
    await syncNotifications(b.t.orgId);
    const mine = await a.t.as.counselorA.notification.list({});
    const own = new Set((await rowsOf(a.t.orgId)).filter((r) => r.userId === a.t.counselorA.id).map((r) => r.id));
    expect(mine.items.length).toBe(own.size);
    expect(mine.items.every((i) => own.has(i.id))).toBe(true);
    expect(mine.unread).toBe(own.size);

    for (const caller of [a.t.as.counselorB, a.t.as.clientB, a.t.as.admin]) {
      const other = await caller.notification.list({});
      expect(other.items.filter((i) => own.has(i.id))).toEqual([]);
    }
    // Organization B's counselor sees B's events only.
    const bRows = new Set((await rowsOf(b.t.orgId)).filter((r) => r.userId === b.t.counselorA.id).map((r) => r.id));
    const bList = await b.t.as.counselorA.notification.list({});
    expect(bList.items.length).toBeGreaterThan(0);
    expect(bList.items.every((i) => bRows.has(i.id))).toBe(true);
    // The client sees their own events in plain words, with links to the portal only.
    const client = await a.t.as.clientA.notification.list({});
    expect(client.items.map((i) => i.href)).toEqual(client.items.map(() => "/portal"));
    expect(notificationText("client-answer", client.items.find((i) => i.kind === "client-answer")!.params, "zh-CN")).toContain("同意");
  });

  it("marks read only one's own notifications", async () => {
    const mine = await a.t.as.counselorA.notification.list({});
    const target = mine.items[0]!.id;
    for (const caller of [a.t.as.counselorB, a.t.as.clientA, a.t.as.admin, b.t.as.counselorA, b.t.as.admin]) {
      expect(await codeOf(caller.notification.markRead({ ids: [target] }))).toBe("NOT_FOUND");
    }
    expect(await a.t.as.counselorA.notification.unreadCount()).toBe(mine.unread);
    const res = await a.t.as.counselorA.notification.markRead({ ids: [target] });
    expect(res).toEqual({ marked: 1, unread: mine.unread - 1 });
    // Others' mark-all touches nothing of counselor A's.
    await a.t.as.counselorB.notification.markAllRead();
    await b.t.as.counselorA.notification.markAllRead();
    expect(await a.t.as.counselorA.notification.unreadCount()).toBe(mine.unread - 1);
    expect((await a.t.as.counselorA.notification.list({ unreadOnly: true })).items.map((i) => i.id)).not.toContain(target);
    await a.t.as.counselorA.notification.markAllRead();
    expect(await a.t.as.counselorA.notification.unreadCount()).toBe(0);
    expect(await codeOf(a.t.as.counselorA.notification.list({ cursor: "bm90LWEtY3Vyc29y" }))).toBe("BAD_REQUEST");
  });
});

describe("bringing one person up to date", () => {
  it("the list page makes that person's notifications only, the same ones the organization-wide run makes", async () => {
    const c = await eventfulTenant("Agency C");
    const listed = await c.t.as.counselorA.notification.list({});
    const rows = await rowsOf(c.t.orgId);
    expect(rows.every((r) => r.userId === c.t.counselorA.id)).toBe(true);
    expect(rows.length).toBe(listed.items.length);
    // The organization-wide run adds the client's own, nothing more for the counselor.
    await syncNotifications(c.t.orgId);
    const after = await rowsOf(c.t.orgId);
    expect(after.filter((r) => r.userId === c.t.counselorA.id).length).toBe(rows.length);
    expect(
      after
        .filter((r) => r.userId === c.t.clientUserA.id)
        .map((r) => r.kind)
        .sort(),
    ).toEqual(["client-answer", "client-payment-due"]);
    // And the client's list page, first, makes exactly their own.
    const d = await eventfulTenant("Agency D");
    const mine = await d.t.as.clientA.notification.list({});
    expect(mine.items.map((i) => i.kind).sort()).toEqual(["client-answer", "client-payment-due"]);
    expect((await rowsOf(d.t.orgId)).every((r) => r.userId === d.t.clientUserA.id)).toBe(true);
  });
});

describe("erasing a client", () => {
  it("erases the client's name from the notifications about them", async () => {
    const t = await createTenant("Erasure");
    const c = await createClientRecord(t.orgId, { counselorId: t.counselorA.id, name: "要删除的客户" });
    const db = await getDb();
    await db.insert(notifications).values({
      orgId: t.orgId,
      userId: t.counselorA.id,
      clientId: c.id,
      kind: "follow-up-due",
      dedupeKey: "follow-up:erasure",
      params: { clientName: "要删除的客户", lenderName: "某银行", date: today },
      href: "/agenda",
    });
    await t.as.admin.client.close({ id: c.id, version: 1 });
    await t.as.admin.client.erase({ id: c.id });
    const [row] = (await t.as.counselorA.notification.list({})).items;
    expect(row!.params).toEqual({ clientName: ERASED_NAME });
    expect(JSON.stringify(await t.as.counselorA.notification.list({}))).not.toContain("要删除的客户");
  });
});

describe("notifications by e-mail", () => {
  let dir: string;
  const saved = { smtp: env().SMTP_URL, outbox: env().OUTBOX_FILE };
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "xs-outbox-"));
  });
  afterAll(async () => {
    env().SMTP_URL = saved.smtp;
    env().OUTBOX_FILE = saved.outbox;
    await rm(dir, { recursive: true, force: true });
  });

  // The next 10:00 in Beijing: outside the default quiet hours (22:00–08:00), within a day of now.
  const daytime = (() => {
    const now = new Date();
    const at = shanghaiInstant(shanghaiDate(now), 600);
    return at.getTime() > now.getTime() ? at : shanghaiInstant(addDays(shanghaiDate(now), 1), 600);
  })();

  it("sends nothing without SMTP, and each notification once when SMTP is configured", async () => {
    env().OUTBOX_FILE = path.join(dir, "outbox.log");
    env().SMTP_URL = undefined;
    await syncNotifications(b.t.orgId);
    expect(await emailNotifications(b.t.orgId, daytime)).toBe(0);

    // A mail server that refuses connections: the send fails (logged) but the outbox records each message.
    env().SMTP_URL = "smtp://127.0.0.1:1";
    const rows = await rowsOf(b.t.orgId);
    // Nothing leaves during the quiet hours (23:00 Beijing the evening before).
    expect(await emailNotifications(b.t.orgId, new Date(daytime.getTime() - 11 * 3_600_000))).toBe(0);
    const counts = await Promise.all([emailNotifications(b.t.orgId, daytime), emailNotifications(b.t.orgId, daytime)]);
    expect(counts[0] + counts[1]).toBe(rows.length);
    expect(await emailNotifications(b.t.orgId, daytime)).toBe(0);

    const lines = (await readFile(env().OUTBOX_FILE, "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { to: string; text: string });
    expect(lines.length).toBe(rows.length);
    const db = await getDb();
    const emailed = await db.select({ at: notifications.emailedAt }).from(notifications).where(eq(notifications.orgId, b.t.orgId));
    expect(emailed.every((r) => r.at !== null)).toBe(true);
    // Each message goes to the person it concerns, with a link into the app.
    const counselorMails = lines.filter((l) => l.to === b.t.counselorA.email);
    expect(counselorMails.length).toBe(rows.filter((r) => r.userId === b.t.counselorA.id).length);
    expect(counselorMails.every((l) => l.text.includes("/cases/"))).toBe(true);
  }, 60_000);
});
