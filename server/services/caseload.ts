import { sql, type SQL } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { CASE_SEVERITY, type CaseState } from "@/server/domain/case-state";
import { dayProblem, textProblem } from "@/server/domain/bounds";
import { todayInShanghai } from "@/server/domain/time";
import { blindIndex } from "@/server/crypto";
import { fieldError } from "@/server/errors";
import type { CaseloadSort } from "@/server/schemas/workspace";
import type { Actor } from "./access";
import { owedSql } from "./balances";
import { normalizePhone } from "./clients";
import { selectRows } from "./sql-rows";

export type CaseloadRow = {
  clientId: string;
  fullName: string;
  counselorId: string | null;
  counselorName: string | null;
  debtCount: number;
  totalOwedFen: number;
  maxOverdueDays: number;
  worstCaseStatus: CaseState | null;
  nextDueDate: string | null;
  planNeedsReview: boolean;
};

export type CaseloadInput = {
  search?: string;
  status?: CaseState;
  lenderId?: string;
  minOverdueDays?: number;
  needsReview?: boolean;
  minOwedFen?: number;
  maxOwedFen?: number;
  sort: CaseloadSort;
  dir: "asc" | "desc";
  limit: number;
  cursor?: string | null;
};

type Cursor = { s: CaseloadSort; d: "asc" | "desc"; k: string | number; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT4_MAX = 2_147_483_647;

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.s, c.d, c.k, c.id]), "utf8").toString("base64url");
}

/** The cursor back, checked against the request's sort: a cursor of another sort or a forged one is refused. */
export function decodeCursor(raw: string, sort: CaseloadSort, dir: "asc" | "desc"): Cursor {
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (Array.isArray(v) && v.length === 4) {
      const [s, d, k, id] = v as unknown[];
      const keyOk =
        // Each key must be one PostgreSQL takes as its type: a forged one failed there with a 500.
        (sort === "name" &&
          typeof k === "string" &&
          k.length <= 200 &&
          !k.includes("\u0000") &&
          textProblem(k, true) !== "brokenCharacter") ||
        (sort === "overdue" && Number.isInteger(k) && Math.abs(k as number) <= INT4_MAX) ||
        (sort === "owed" && Number.isSafeInteger(k)) ||
        // A real day; the stand-ins for "no due date" (0001-01-01, 9999-12-31) lie outside the input range.
        (sort === "nextDue" && typeof k === "string" && (dayProblem(k) === null || dayProblem(k) === "outOfRange"));
      if (s === sort && d === dir && keyOk && typeof id === "string" && UUID.test(id)) {
        return { s: sort, d: dir, k: k as string | number, id };
      }
    }
  } catch {
    // fall through
  }
  throw fieldError("cursor", "invalidCursor");
}

/** Dates that stand in for "no next due date" so such clients sort last in either direction. */
const NO_DUE_ASC = "9999-12-31";
const NO_DUE_DESC = "0001-01-01";

function sortKey(sort: CaseloadSort, dir: "asc" | "desc"): SQL {
  if (sort === "name") return sql`r.full_name`;
  if (sort === "overdue") return sql`r.max_overdue`;
  if (sort === "owed") return sql`r.owed`;
  return sql`coalesce(r.next_due, ${dir === "asc" ? NO_DUE_ASC : NO_DUE_DESC}::date)`;
}

function cursorValue(sort: CaseloadSort, k: string | number): SQL {
  if (sort === "name") return sql`${k}::text`;
  if (sort === "overdue") return sql`${k}::int`;
  if (sort === "owed") return sql`${String(k)}::numeric`;
  return sql`${k}::date`;
}

type RawRow = {
  id: string;
  full_name: string;
  counselor_id: string | null;
  counselor_name: string | null;
  debt_count: number;
  owed: string;
  max_overdue: number;
  worst_rank: number | null;
  next_due: string | null;
  needs_review: boolean;
  sort_key: string | number;
};

/**
 * The caseload table: the actor's visible clients (counselor: assigned; admin: all) with their debt and case
 * figures, in ONE statement (LATERAL subqueries per client on indexed paths; no query per row). Keyset pagination on
 * (sort key, client id): a page starts strictly after the previous page's last row, so rows inserted or
 * removed between requests never make a row appear twice or be skipped.
 *
 * - total owed = the sum of the balances of the client's non-archived debts on today's Beijing day, from their
 *   stored basis (server/domain/balance.ts; `owedSql` is the same expression as `owedOn`), so it can be sorted
 *   and filtered over every visible client in SQL;
 * - overdue days = today (Beijing) − the earliest overdue_since among them (0 when none is overdue), read from
 *   the same stored rows, which carry each debt's overdue day;
 * - next due date = the earliest next instalment of the client's debts under an agreement in force (the stored
 *   basis's next_due_on: the first instalment not fully paid by confirmed payments, as nextPayment in
 *   server/domain/balance.ts reads it) — in the past when one was missed.
 */
export async function listCaseload(actor: Actor, input: CaseloadInput) {
  const today = todayInShanghai();
  const org = actor.orgId;
  if (input.minOwedFen !== undefined && input.maxOwedFen !== undefined && input.minOwedFen > input.maxOwedFen) {
    throw fieldError("maxOwedFen", "owedRangeReversed");
  }
  const cursor = input.cursor ? decodeCursor(input.cursor, input.sort, input.dir) : null;
  const search = input.search?.trim();
  const key = sortKey(input.sort, input.dir);
  const desc = input.dir === "desc";
  const severity = sql.join(
    CASE_SEVERITY.map((s, i) => sql`when ${s} then ${sql.raw(String(i))}`),
    sql` `,
  );

  const filters: SQL[] = [sql`true`];
  let searchCondition = sql`true`;
  if (search) {
    const like = `%${search.replace(/[%_\\]/g, "\\$&")}%`;
    const digits = normalizePhone(search);
    searchCondition =
      digits.length >= 5 ? sql`(c.full_name ilike ${like} or c.phone_hash = ${blindIndex(digits)})` : sql`c.full_name ilike ${like}`;
  }
  if (input.status) {
    filters.push(sql`exists (select 1 from cases k where k.org_id = ${org} and k.client_id = r.id and k.status = ${input.status})`);
  }
  if (input.lenderId) {
    filters.push(
      sql`exists (select 1 from debts x where x.org_id = ${org} and x.client_id = r.id and x.lender_id = ${input.lenderId} and x.archived_at is null)`,
    );
  }
  if (input.minOverdueDays !== undefined) filters.push(sql`r.max_overdue >= ${input.minOverdueDays}`);
  if (input.needsReview !== undefined) filters.push(sql`r.needs_review = ${input.needsReview}`);
  if (input.minOwedFen !== undefined) filters.push(sql`r.owed >= ${input.minOwedFen}`);
  if (input.maxOwedFen !== undefined) filters.push(sql`r.owed <= ${input.maxOwedFen}`);
  if (cursor) {
    const v = cursorValue(input.sort, cursor.k);
    filters.push(desc ? sql`(${key}, r.id) < (${v}, ${cursor.id}::uuid)` : sql`(${key}, r.id) > (${v}, ${cursor.id}::uuid)`);
  }
  const visibility =
    actor.role === "admin" ? sql`true` : actor.role === "counselor" ? sql`c.assigned_counselor_id = ${actor.userId}` : sql`false`;
  const order = desc ? sql`desc` : sql`asc`;

  // The next due date of the client whose id is `clientId`: the earliest next instalment of her debts under an
  // agreement in force, from their stored balances (server/domain/balance.ts nextPayment: a missed instalment
  // first), the day the client file and the portal show.
  const nextDue = (clientId: SQL) => sql`(select min(nb.next_due_on) from debt_balances nb
      where nb.org_id = ${org} and nb.client_id = ${clientId} and nb.kind = 'agreed')`;
  const byNextDue = input.sort === "nextDue";

  // Two steps, so the costly figures are worked out for one page only: `r` holds the visible clients with the
  // cheap figures (their debts' stored balances, which carry each debt's overdue day, by LATERAL on the
  // (org_id, client_id) index of debt_balances: a nested loop by design, linear in the
  // visible clients whatever the statistics say); `page` filters, sorts and cuts the page (MATERIALIZED, so it
  // is cut before the rest runs); the worst case status and the next due date are then computed for the page's
  // rows only — unless the page is sorted by the next due date, which then has to be known for every client.
  const query = sql`
    with r as (
      select c.id, c.full_name, c.assigned_counselor_id as counselor_id, u.name as counselor_name,
        coalesce(d.n, 0) as debt_count, coalesce(d.owed, 0) as owed, coalesce(d.max_overdue, 0) as max_overdue,
        coalesce(pl.needs_review, false) as needs_review${byNextDue ? sql`, ${nextDue(sql`c.id`)} as next_due` : sql``}
      from clients c
      left join users u on u.id = c.assigned_counselor_id
      left join plans pl on pl.org_id = ${org} and pl.client_id = c.id
      left join lateral (
        select (count(*) filter (where b.kind <> 'archived'))::int as n,
          sum(${owedSql("b", today)}) as owed,
          (max(${today}::date - b.overdue_since) filter (where b.kind <> 'archived'))::int as max_overdue
        from debt_balances b where b.org_id = ${org} and b.client_id = c.id
      ) d on true
      where c.org_id = ${org} and c.status <> 'erased' and ${visibility} and ${searchCondition}
    ),
    page as materialized (
      select * from r
      where ${sql.join(filters, sql` and `)}
      order by ${key} ${order}, r.id ${order}
      limit ${input.limit + 1}
    )
    select r.id::text as id, r.full_name, r.counselor_id::text as counselor_id, r.counselor_name,
      r.debt_count::int as debt_count, r.owed::text as owed, r.max_overdue::int as max_overdue,
      (select min(case k.status ${severity} end)::int from cases k where k.org_id = ${org} and k.client_id = r.id) as worst_rank,
      ${byNextDue ? sql`r.next_due` : nextDue(sql`r.id`)}::text as next_due, r.needs_review::boolean as needs_review,
      ${byNextDue ? sql`${key}::text` : key} as sort_key
    from page r
    order by ${key} ${order}, r.id ${order}`;

  return withTenant(actor, async (tx) => {
    const raw = await selectRows<RawRow>(tx, query);
    const page = raw.slice(0, input.limit);
    const last = page[page.length - 1];
    const rows: CaseloadRow[] = page.map((r) => ({
      clientId: r.id,
      fullName: r.full_name,
      counselorId: r.counselor_id,
      counselorName: r.counselor_name,
      debtCount: Number(r.debt_count),
      totalOwedFen: Number(r.owed),
      maxOverdueDays: Number(r.max_overdue),
      worstCaseStatus: r.worst_rank === null ? null : (CASE_SEVERITY[Number(r.worst_rank)] ?? null),
      nextDueDate: r.next_due,
      planNeedsReview: r.needs_review === true || (r.needs_review as unknown) === "t",
    }));
    const nextCursor =
      raw.length > input.limit && last
        ? encodeCursor({
            s: input.sort,
            d: input.dir,
            k: input.sort === "overdue" || input.sort === "owed" ? Number(last.sort_key) : String(last.sort_key),
            id: last.id,
          })
        : null;
    return { rows, nextCursor };
  });
}
