/**
 * The optional read replica (DATABASE_REPLICA_URL, docs/SCALING.md): the outcome reports run in
 * read-only transactions on the replica under the same row-level security as every other transaction
 * (the app role, app.org_id for this transaction only); writes stay on the primary; without a replica
 * nothing changes. Here the "replica" is a second handle on the test database that counts its
 * transactions (a real streaming replica is exercised by bench/replica.sh).
 */
import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { APP_ROLE, getDb, setReplica, withTenantRead, type Db } from "@/db/client";
import { clients } from "@/db/schema";
import { createTenant, type Tenant } from "../support/factories";
import { withoutOrgFilterRule } from "../support/sql-rules";

let t: Tenant;
let other: Tenant;
let replicaTransactions = 0;
let replica: Db;

type Setting = {
  readOnly: string;
  role: string;
  orgId: string;
  visibleClients: number;
};

async function settings(orgId: string): Promise<Setting> {
  // Held to no org-filter rule (tests/support/sql-rules.ts): the unfiltered read below is the point.
  return withoutOrgFilterRule(() =>
    withTenantRead({ orgId }, async (tx) => {
      const rows = await tx.execute<{
        read_only: string;
        role: string;
        org_id: string;
      }>(sql`select current_setting('transaction_read_only') as read_only, current_user as role, current_setting('app.org_id') as org_id`);
      const row = (Array.isArray(rows) ? rows[0] : (rows as unknown as { rows: unknown[] }).rows[0]) as {
        read_only: string;
        role: string;
        org_id: string;
      };
      // No org_id filter on purpose: row-level security alone must hide the other organization's clients.
      const visible = await tx.select({ id: clients.id }).from(clients);
      return {
        readOnly: row.read_only,
        role: row.role,
        orgId: row.org_id,
        visibleClients: visible.length,
      };
    }),
  );
}

beforeAll(async () => {
  t = await createTenant();
  other = await createTenant("Other agency");
  const primary = await getDb();
  replica = new Proxy(primary, {
    get(target, prop, receiver) {
      if (prop === "transaction") {
        return (...args: Parameters<Db["transaction"]>) => {
          replicaTransactions += 1;
          return target.transaction(...args);
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
});

afterEach(async () => {
  await setReplica(undefined);
});

describe("reports and the read replica", () => {
  it("without a replica, a report is an ordinary tenant transaction on the primary", async () => {
    const before = replicaTransactions;
    expect(await settings(t.orgId)).toEqual({
      readOnly: "off",
      role: APP_ROLE,
      orgId: t.orgId,
      visibleClients: 2,
    });
    expect(replicaTransactions).toBe(before);
  });

  it("with a replica, a report runs there read-only, as the app role with the tenant set", async () => {
    await setReplica(replica);
    const before = replicaTransactions;
    expect(await settings(other.orgId)).toEqual({
      readOnly: "on",
      role: APP_ROLE,
      orgId: other.orgId,
      visibleClients: 2,
    });
    expect(replicaTransactions).toBe(before + 1);
    const refused = await withTenantRead({ orgId: t.orgId }, (tx) =>
      tx.execute(sql`update clients set full_name = full_name where org_id = ${t.orgId}`),
    ).then(
      () => null,
      (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
    );
    expect(refused).toMatch(/read-only transaction/);
  });

  it("the outcome dashboard reads from the replica and gives the same figures; writes stay on the primary", async () => {
    const onPrimary = await t.as.admin.outcomes.summary({});
    await setReplica(replica);
    let before = replicaTransactions;
    const onReplica = await t.as.admin.outcomes.summary({});
    expect(replicaTransactions).toBe(before + 1);
    expect(onReplica).toEqual(onPrimary);

    before = replicaTransactions;
    const created = await t.as.admin.lender.create({
      name: "复制测试银行",
      licenceType: "bank",
    });
    expect(created).toBeTruthy();
    expect(replicaTransactions).toBe(before);
  });
});
