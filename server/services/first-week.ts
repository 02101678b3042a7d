import { sql } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { firstWeekSteps, type FirstWeekFacts } from "@/server/domain/first-week";
import type { Actor } from "./access";
import { selectRows } from "./sql-rows";

/** The facts behind the first-week checklist, in one query, every table scoped to the organization. */
export async function firstWeek(actor: Actor) {
  return withTenant(actor, async (tx) => {
    const [row] = await selectRows<{ counselors: number; clients: number; settings_saved: boolean; own_lenders: number }>(
      tx,
      sql`select
        (select count(*)::int from memberships m where m.org_id = ${actor.orgId} and m.role = 'counselor')
          + (select count(*)::int from invitations i where i.org_id = ${actor.orgId} and i.role = 'counselor') as counselors,
        (select count(*)::int from clients c where c.org_id = ${actor.orgId}) as clients,
        exists (select 1 from audit_log a where a.org_id = ${actor.orgId} and a.action = 'org.settings.update') as settings_saved,
        (select count(*)::int from lenders l where l.org_id = ${actor.orgId} and l.builtin_key is null) as own_lenders`,
    );
    const facts: FirstWeekFacts = {
      counselors: row?.counselors ?? 0,
      clients: row?.clients ?? 0,
      settingsSaved: row?.settings_saved === true || (row?.settings_saved as unknown) === "t",
      ownLenders: row?.own_lenders ?? 0,
    };
    return firstWeekSteps(facts);
  });
}
