import { bigint, date, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { BalanceKind } from "@/server/domain/balance";
import { debts } from "./assessment";
import { agreements } from "./cases";
import { clients } from "./clients";
import { organizations } from "./tenancy";

/**
 * The basis of each debt's balance (server/domain/balance.ts): written by `balanceBasis` in the same
 * transaction as every write that changes it (server/services/balances.ts `refreshBalances`), so that what is
 * owed on a day is one expression in SQL and TypeScript alike: base_fen + daily_growth_fen × days since as_of.
 * Derived data: it can always be rebuilt from the debts, agreements, instalments and payments.
 */
export const debtBalances = pgTable(
  "debt_balances",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    debtId: uuid("debt_id").notNull(),
    /** The debt's client, so a client's balances are read without the debts. */
    clientId: uuid("client_id").notNull(),
    kind: text("kind").$type<BalanceKind>().notNull(),
    /** Owed on as_of. */
    baseFen: bigint("base_fen", { mode: "number" }).notNull(),
    asOf: date("as_of", { mode: "string" }).notNull(),
    /** Added per day after as_of; 0 unless the balance is an estimate (no agreement). */
    dailyGrowthFen: bigint("daily_growth_fen", { mode: "number" }).notNull(),
    /** Principal + interest + penalty + fees as recorded. */
    figuresFen: bigint("figures_fen", { mode: "number" }).notNull(),
    /** The debt's overdue_since, kept here so the caseload reads one row per debt; null when archived. */
    overdueSince: date("overdue_since", { mode: "string" }),
    agreementId: uuid("agreement_id"),
    agreedTotalFen: bigint("agreed_total_fen", { mode: "number" }),
    paidFen: bigint("paid_fen", { mode: "number" }).notNull(),
    /** Reported by the client, not yet confirmed: shown beside the balance, never subtracted. */
    pendingFen: bigint("pending_fen", { mode: "number" }).notNull(),
    waivedFen: bigint("waived_fen", { mode: "number" }).notNull(),
    reliefFen: bigint("relief_fen", { mode: "number" }).notNull(),
    beforeAgreementFen: bigint("before_agreement_fen", { mode: "number" }),
    nextInstalmentFen: bigint("next_instalment_fen", { mode: "number" }),
    nextDueOn: date("next_due_on", { mode: "string" }),
    instalmentsLeft: integer("instalments_left"),
    monthlyFen: bigint("monthly_fen", { mode: "number" }),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.debtId] }),
    foreignKey({ name: "debt_balances_debt_fkey", columns: [t.orgId, t.debtId], foreignColumns: [debts.orgId, debts.id] }),
    foreignKey({ name: "debt_balances_client_fkey", columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }),
    foreignKey({
      name: "debt_balances_agreement_fkey",
      columns: [t.orgId, t.agreementId],
      foreignColumns: [agreements.orgId, agreements.id],
    }),
    index("debt_balances_org_client_idx").on(t.orgId, t.clientId),
  ],
);
