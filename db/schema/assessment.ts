import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { clients } from "./clients";
import { organizations } from "./tenancy";
import type {
  LicenceType,
  DebtRateUnit,
  CreditReported,
  CollectionStatus,
  CashFlowDirection,
  PlanStatus,
  FeeKind,
  DebtKind,
} from "@/server/domain/vocabulary";

export {
  LICENCE_TYPES,
  RATE_UNITS,
  CREDIT_REPORTED,
  COLLECTION_STATUSES,
  CASH_FLOW_DIRECTIONS,
  PLAN_STATUSES,
} from "@/server/domain/vocabulary";
export type {
  LicenceType,
  DebtRateUnit,
  CreditReported,
  CollectionStatus,
  CashFlowDirection,
  PlanStatus,
} from "@/server/domain/vocabulary";

/** Per organization: the banks and platforms its clients owe. Seeded from db/lenders-builtin.ts. */
export const lenders = pgTable(
  "lenders",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    /** The operating company when the brand differs (花呗 → 重庆蚂蚁消费金融有限公司). */
    legalName: text("legal_name"),
    licenceType: text("licence_type").$type<LicenceType>().notNull(),
    /** Only numbers the organization itself has checked; the built-in list carries none. */
    hotline: text("hotline"),
    notes: text("notes"),
    /** Stable key of the built-in entry it was seeded from (null: added by the organization). */
    builtinKey: text("builtin_key"),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique("lenders_org_name_key").on(t.orgId, t.name),
    unique("lenders_org_builtin_key").on(t.orgId, t.builtinKey),
  ],
);

/** One debt of a client. Amounts in integer fen; the contract rate kept exactly as quoted. */
export const debts = pgTable(
  "debts",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    clientId: uuid("client_id").notNull(),
    lenderId: uuid("lender_id").notNull(),
    contractNumber: text("contract_number"),
    loanDate: date("loan_date", { mode: "string" }),
    /** What actually reached the client (after fees withheld at the start): the IRR base. */
    receivedFen: bigint("received_fen", { mode: "number" }),
    originalPrincipalFen: bigint("original_principal_fen", { mode: "number" }).notNull(),
    outstandingPrincipalFen: bigint("outstanding_principal_fen", { mode: "number" }).notNull(),
    interestFen: bigint("interest_fen", { mode: "number" }).notNull().default(0),
    /** 罚息 */
    penaltyFen: bigint("penalty_fen", { mode: "number" }).notNull().default(0),
    /** Fees and 违约金 */
    feesFen: bigint("fees_fen", { mode: "number" }).notNull().default(0),
    /** As written in the contract, with its unit; never rounded. */
    rateValue: numeric("rate_value").notNull(),
    rateUnit: text("rate_unit").$type<DebtRateUnit>().notNull(),
    /** rate_value converted exactly (×12 monthly, ×360 daily). */
    annualRatePct: numeric("annual_rate_pct").notNull(),
    /** Penalty rate (罚息利率) if the contract states one; same conventions. */
    penaltyRateValue: numeric("penalty_rate_value"),
    penaltyRateUnit: text("penalty_rate_unit").$type<DebtRateUnit>(),
    penaltyAnnualRatePct: numeric("penalty_annual_rate_pct"),
    termMonths: integer("term_months"),
    /**
     * When the amounts (principal, interest, penalty, fees) were last recorded: created, or edited with other
     * amounts. The balance's growth estimate runs from its Beijing day (server/domain/balance.ts).
     */
    figuresRecordedAt: timestamp("figures_recorded_at", { withTimezone: true }).notNull().defaultNow(),
    /** The first day a payment was missed; null = not overdue. Never in the future. */
    overdueSince: date("overdue_since", { mode: "string" }),
    creditReported: text("credit_reported").$type<CreditReported>().notNull().default("unknown"),
    collectionStatus: text("collection_status").$type<CollectionStatus>().notNull().default("none"),
    notes: text("notes"),
    /** Loan or credit card: the card rules (Art. 70, 恶意透支) look at it. */
    debtKind: text("debt_kind").$type<DebtKind>().notNull().default("loan"),
    /** Secured on property (a mortgage, a car): a priority debt. */
    secured: boolean("secured").notNull().default(false),
    /** A court has ordered enforcement (强制执行): a priority debt. */
    underEnforcement: boolean("under_enforcement").notNull().default(false),
    /** The two collection notices a card's 恶意透支 line counts from (法释〔2018〕19号), as received. */
    firstNoticeOn: date("first_notice_on", { mode: "string" }),
    secondNoticeOn: date("second_notice_on", { mode: "string" }),
    /** The counselor's place for this debt in the priority order (1 = first), overriding its class, and why. */
    priorityRank: integer("priority_rank"),
    priorityReason: text("priority_reason"),
    /** When a negative record was reported to the credit bureau, and when the debt was settled. */
    creditReportedOn: date("credit_reported_on", { mode: "string" }),
    settledOn: date("settled_on", { mode: "string" }),
    /** A credit-record dispute (征信异议) filed on this day; answered within the rule's days. */
    creditDisputeFiledOn: date("credit_dispute_filed_on", { mode: "string" }),
    /** A removed debt keeps its row (cases may reference it) but leaves every total and plan. */
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdBy: uuid("created_by"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ name: "debts_client_fkey", columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }),
    foreignKey({ name: "debts_lender_fkey", columns: [t.orgId, t.lenderId], foreignColumns: [lenders.orgId, lenders.id] }),
    index("debts_org_client_idx").on(t.orgId, t.clientId, t.createdAt),
    index("debts_org_lender_idx").on(t.orgId, t.lenderId),
  ],
);

/** Money that moved on a debt: the disbursement and each repayment (for the IRR). */
export const debtCashFlows = pgTable(
  "debt_cash_flows",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    debtId: uuid("debt_id").notNull(),
    flowDate: date("flow_date", { mode: "string" }).notNull(),
    /** Always positive; the direction says which way it went. */
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    direction: text("direction").$type<CashFlowDirection>().notNull(),
    /** A repayment that was a fee (guarantee, insurance, membership…): still in the IRR, shown apart. */
    feeKind: text("fee_kind").$type<FeeKind>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ name: "debt_cash_flows_debt_fkey", columns: [t.orgId, t.debtId], foreignColumns: [debts.orgId, debts.id] }),
    index("debt_cash_flows_org_debt_idx").on(t.orgId, t.debtId, t.flowDate),
  ],
);

export type BudgetLineIncome = { kind: string; monthlyFen: number; note?: string };
export type BudgetLineExpense = { category: string; monthlyFen: number; note?: string };

/** A dated budget snapshot; append-only — a change is a new row, so the history stays. */
export const budgets = pgTable(
  "budgets",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    clientId: uuid("client_id").notNull(),
    effectiveDate: date("effective_date", { mode: "string" }).notNull(),
    incomes: jsonb("incomes").$type<BudgetLineIncome[]>().notNull(),
    expenses: jsonb("expenses").$type<BudgetLineExpense[]>().notNull(),
    dependents: integer("dependents").notNull().default(0),
    notes: text("notes"),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ name: "budgets_client_fkey", columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }),
    index("budgets_org_client_idx").on(t.orgId, t.clientId, t.effectiveDate, t.createdAt),
  ],
);

/**
 * The client's current plan (one row per client). `version` is bumped on every save (optimistic
 * concurrency); each saved version is also kept in plan_versions.
 */
export const plans = pgTable(
  "plans",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    clientId: uuid("client_id").notNull(),
    version: integer("version").notNull().default(1),
    /** Up to three scenarios: { name, startDate, arrangements: { [debtId]: Arrangement } }. */
    scenarios: jsonb("scenarios").$type<unknown[]>().notNull(),
    /** Index into scenarios of the one chosen as the plan. */
    chosenScenario: integer("chosen_scenario").notNull().default(0),
    /** The evaluation of the chosen scenario at save time (totals, lines), for display and letters. */
    evaluation: jsonb("evaluation"),
    budgetId: uuid("budget_id"),
    status: text("status").$type<PlanStatus>().notNull().default("active"),
    /** Set when the budget or a debt changed after the save; cleared by the next save. */
    needsReview: boolean("needs_review").notNull().default(false),
    needsReviewReason: text("needs_review_reason"),
    createdBy: uuid("created_by"),
    savedBy: uuid("saved_by"),
    savedAt: timestamp("saved_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique("plans_org_client_key").on(t.orgId, t.clientId),
    foreignKey({ name: "plans_client_fkey", columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }),
    foreignKey({ name: "plans_budget_fkey", columns: [t.orgId, t.budgetId], foreignColumns: [budgets.orgId, budgets.id] }),
  ],
);

/** Append-only copy of each saved plan version. */
export const planVersions = pgTable(
  "plan_versions",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    planId: uuid("plan_id").notNull(),
    version: integer("version").notNull(),
    scenarios: jsonb("scenarios").$type<unknown[]>().notNull(),
    chosenScenario: integer("chosen_scenario").notNull(),
    evaluation: jsonb("evaluation"),
    budgetId: uuid("budget_id"),
    savedBy: uuid("saved_by"),
    savedAt: timestamp("saved_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.planId, t.version] }),
    foreignKey({ name: "plan_versions_plan_fkey", columns: [t.orgId, t.planId], foreignColumns: [plans.orgId, plans.id] }),
  ],
);
