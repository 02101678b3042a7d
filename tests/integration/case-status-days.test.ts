import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, withTenant } from "@/db/client";
import { caseEvents, cases, caseStatusDays } from "@/db/schema";
import { CASE_STATES, type CaseState } from "@/server/domain/case-state";
import { addDays, todayInShanghai } from "@/server/domain/time";
import { caseStatesByMonth, caseStatesByMonthFromEvents } from "@/server/services/outcomes";
import { createTenant, type Tenant } from "../support/factories";
import { createDebtRow, createLender } from "../support/workspace-fixture";

const today = todayInShanghai();

/** A seeded generator, so a failing sequence of writes can be replayed. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

async function openCases(t: Tenant, n: number) {
  const db = await getDb();
  const lender = await createLender(t.orgId, `状态贷 ${randomUUID().slice(0, 6)}`);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const debtId = await createDebtRow(t.orgId, i % 2 ? t.clientA.id : t.clientB.id, lender);
    const id = randomUUID();
    await db.insert(cases).values({ orgId: t.orgId, id, clientId: i % 2 ? t.clientA.id : t.clientB.id, debtId, openedBy: t.admin.id });
    ids.push(id);
  }
  return ids;
}

/** The table as a recomputation from every event would have it (the migration's own backfill). */
async function recomputedDays(orgId: string) {
  const db = await getDb();
  const rows = await db.execute(sql`select x.day::text as day, x.status, sum(x.delta)::int as delta from (
      select (e.at at time zone 'Asia/Shanghai')::date as day, e.to_status as status,
        lag(e.to_status) over (partition by e.case_id order by e.at, e.id) as prev
      from case_events e where e.org_id = ${orgId}
    ) y cross join lateral (values (y.day, y.status, 1), (y.day, y.prev, -1)) as x(day, status, delta)
    where x.status is not null
    group by 1, 2 having sum(x.delta) <> 0 order by 1, 2`);
  return (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as Array<{ day: string; status: string; delta: number }>;
}

async function storedDays(orgId: string) {
  const db = await getDb();
  const rows = await db
    .select({ day: caseStatusDays.day, status: caseStatusDays.status, delta: caseStatusDays.delta })
    .from(caseStatusDays)
    .where(eq(caseStatusDays.orgId, orgId));
  return rows.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.status < b.status ? -1 : a.status > b.status ? 1 : 0));
}

/** Both readings of cases by month over several ranges and "todays", as the app's role would read them. */
async function compareReadings(t: Tenant, ranges: Array<{ from: string; to: string; today: string }>) {
  for (const r of ranges) {
    const actor = { orgId: t.orgId, userId: t.admin.id };
    const [incremental, full] = await withTenant(actor, async (tx) => [
      await caseStatesByMonth(tx, t.orgId, { from: r.from, to: r.to }, r.today),
      await caseStatesByMonthFromEvents(tx, t.orgId, { from: r.from, to: r.to }, r.today),
    ]);
    expect(incremental, JSON.stringify(r)).toEqual(full);
  }
}

describe("cases by status at each month's end, maintained per day (decision 020)", () => {
  it("equals the recomputation from every event after random inserts and deletes, in any order", async () => {
    const t = await createTenant("Case states");
    const ids = await openCases(t, 6);
    const rng = generator(20261201);
    const db = await getDb();
    const states = CASE_STATES as readonly CaseState[];
    // Instants over the last ~14 months, some on the same second (ties are broken by id), some at the
    // Beijing midnight boundary.
    const base = new Date(`${addDays(today, -420)}T00:00:00+08:00`).getTime();
    const instant = () => {
      const day = rng.int(430);
      const kind = rng.int(4);
      const ms = kind === 0 ? 0 : kind === 1 ? 86_400_000 - 1 : kind === 2 ? 12 * 3_600_000 : rng.int(86_400_000);
      return new Date(base + day * 86_400_000 + ms);
    };
    const event = (caseId: string, at = instant()) => ({
      orgId: t.orgId,
      id: randomUUID(),
      caseId,
      toStatus: rng.pick(states),
      actorUserId: t.admin.id,
      at,
    });
    const ranges = () => {
      const out = [];
      for (let i = 0; i < 4; i++) {
        const from = addDays(today, -rng.int(430));
        const to = addDays(from, rng.int(400));
        out.push({ from, to, today: rng.next() < 0.5 ? today : addDays(today, -rng.int(300)) });
      }
      out.push({ from: `${today.slice(0, 4)}-01-01`, to: today, today });
      return out;
    };

    for (let round = 0; round < 12; round++) {
      const op = rng.int(5);
      if (op === 0) {
        // One statement of many rows, several for the same case (each is applied after the ones before it).
        const caseId = rng.pick(ids);
        const shared = instant();
        await db
          .insert(caseEvents)
          .values(Array.from({ length: 8 }, (_, i) => event(i % 3 ? caseId : rng.pick(ids), i < 3 ? shared : undefined)));
      } else if (op === 1) {
        // Through the app's role and its row-level security, one event at a time, backdated or not.
        for (let i = 0; i < 5; i++)
          await withTenant({ orgId: t.orgId, userId: t.admin.id }, (tx) => tx.insert(caseEvents).values(event(rng.pick(ids))));
      } else if (op === 2) {
        // Now, as the app records a move.
        await db.insert(caseEvents).values(event(rng.pick(ids), new Date()));
      } else {
        // Delete some events: one, or several of one case in one statement.
        const existing = await db
          .select({ id: caseEvents.id, caseId: caseEvents.caseId })
          .from(caseEvents)
          .where(eq(caseEvents.orgId, t.orgId));
        if (existing.length === 0) continue;
        const one = rng.pick(existing);
        const victims = op === 3 ? [one.id] : existing.filter((e) => e.caseId === one.caseId && rng.next() < 0.5).map((e) => e.id);
        if (victims.length) await db.delete(caseEvents).where(and(eq(caseEvents.orgId, t.orgId), inArray(caseEvents.id, victims)));
      }
      expect(await storedDays(t.orgId), `round ${round}`).toEqual(await recomputedDays(t.orgId));
      await compareReadings(t, ranges());
    }
    // Deleting every event leaves nothing behind.
    await db.delete(caseEvents).where(eq(caseEvents.orgId, t.orgId));
    expect(await storedDays(t.orgId)).toEqual([]);
  });

  it("refuses to rewrite a recorded move, and counts only the organization's own cases", async () => {
    const a = await createTenant("Case states A");
    const b = await createTenant("Case states B");
    const [caseA] = await openCases(a, 1);
    const [caseB] = await openCases(b, 1);
    const db = await getDb();
    const id = randomUUID();
    await db.insert(caseEvents).values({ orgId: a.orgId, id, caseId: caseA!, toStatus: "intake", actorUserId: a.admin.id });
    await db.insert(caseEvents).values({ orgId: b.orgId, caseId: caseB!, toStatus: "negotiating", actorUserId: b.admin.id });
    await expect(
      db
        .update(caseEvents)
        .set({ toStatus: "closed" })
        .where(and(eq(caseEvents.orgId, a.orgId), eq(caseEvents.id, id))),
    ).rejects.toThrow();
    const month = today.slice(0, 7);
    const read = (t: Tenant) =>
      withTenant({ orgId: t.orgId, userId: t.admin.id }, (tx) => caseStatesByMonth(tx, t.orgId, { from: `${month}-01`, to: today }, today));
    expect(await read(a)).toEqual([{ month, counts: { intake: 1 } }]);
    expect(await read(b)).toEqual([{ month, counts: { negotiating: 1 } }]);
  });
});
