import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import type { EnforcementStatus, LawsuitOutcome, MediationBodyKind, MediationStatus } from "@/server/domain/legal-vocabulary";
import { agreements, cases } from "./cases";
import { organizations } from "./tenancy";

export { LAWSUIT_OUTCOMES, ENFORCEMENT_STATUSES, MEDIATION_BODY_KINDS, MEDIATION_STATUSES } from "@/server/domain/legal-vocabulary";

/**
 * A lender's lawsuit against the client on one case, from service to judgment and enforcement. The
 * deadlines (answer, appeal, enforcement application) are stored when their start day is recorded,
 * counted by server/domain/court-clocks.ts, with `*_estimated` when a year's holidays were not loaded.
 */
export const lawsuits = pgTable(
  "lawsuits",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    caseId: uuid("case_id").notNull(),
    /** The case's client, kept here for the portal's query (and the foreign key through the case). */
    clientId: uuid("client_id").notNull(),
    courtName: text("court_name").notNull(),
    /** Normalised 案号 (server/domain/court-notice.ts parseCaseNumber); null until the court gives one. */
    caseNumber: text("case_number"),
    plaintiff: text("plaintiff").notNull(),
    /** The day the summons and complaint were served on the client (送达). */
    servedOn: date("served_on", { mode: "string" }),
    answerDueOn: date("answer_due_on", { mode: "string" }),
    answerDueEstimated: boolean("answer_due_estimated").notNull().default(false),
    answerFiledOn: date("answer_filed_on", { mode: "string" }),
    outcome: text("outcome").$type<LawsuitOutcome>(),
    /** The day the judgment or 调解书 was served (the appeal period runs from it). */
    outcomeOn: date("outcome_on", { mode: "string" }),
    appealDueOn: date("appeal_due_on", { mode: "string" }),
    /** The amounts the judgment or 调解书 orders (fen); they become the debt's figures. */
    principalFen: bigint("principal_fen", { mode: "number" }),
    interestFen: bigint("interest_fen", { mode: "number" }),
    penaltyFen: bigint("penalty_fen", { mode: "number" }),
    feesFen: bigint("fees_fen", { mode: "number" }),
    /** Court costs (诉讼费) the client is ordered to bear. */
    costsFen: bigint("costs_fen", { mode: "number" }),
    /** The last day the document gives to pay (履行期限); the enforcement application period runs from it. */
    performByOn: date("perform_by_on", { mode: "string" }),
    enforcementCaseNumber: text("enforcement_case_number"),
    enforcementStatus: text("enforcement_status").$type<EnforcementStatus>(),
    enforcementOn: date("enforcement_on", { mode: "string" }),
    note: text("note"),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique("lawsuits_org_case_id_key").on(t.orgId, t.caseId, t.id),
    foreignKey({
      name: "lawsuits_case_fkey",
      columns: [t.orgId, t.clientId, t.caseId],
      foreignColumns: [cases.orgId, cases.clientId, cases.id],
    }),
    check("lawsuits_answer_check", sql`answer_due_on is null or served_on is not null`),
    check("lawsuits_outcome_check", sql`(outcome is null) = (outcome_on is null)`),
    index("lawsuits_org_case_idx").on(t.orgId, t.caseId),
    index("lawsuits_org_client_idx").on(t.orgId, t.clientId),
    index("lawsuits_org_answer_due_idx").on(t.orgId, t.answerDueOn),
  ],
);

/** Hearing dates of a lawsuit (开庭), with the place. */
export const lawsuitHearings = pgTable(
  "lawsuit_hearings",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    caseId: uuid("case_id").notNull(),
    lawsuitId: uuid("lawsuit_id").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    place: text("place"),
    note: text("note"),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      name: "lawsuit_hearings_lawsuit_fkey",
      columns: [t.orgId, t.caseId, t.lawsuitId],
      foreignColumns: [lawsuits.orgId, lawsuits.caseId, lawsuits.id],
    }),
    index("lawsuit_hearings_org_lawsuit_idx").on(t.orgId, t.lawsuitId, t.at),
    index("lawsuit_hearings_org_at_idx").on(t.orgId, t.at),
  ],
);

/** The organization's directory of mediation bodies, kept like its lenders. */
export const mediationBodies = pgTable(
  "mediation_bodies",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    kind: text("kind").$type<MediationBodyKind>().notNull(),
    name: text("name").notNull(),
    region: text("region"),
    phone: text("phone"),
    notes: text("notes"),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), unique("mediation_bodies_org_name_key").on(t.orgId, t.name)],
);

/**
 * A mediation of one case by a body of the directory (pre-suit or not). When it ends in an agreement, the
 * agreement is an ordinary agreement (source "mediation"): its terms make the schedule and payments count
 * against it. `judicially_confirmed`: a court confirmed it (司法确认), which makes it enforceable.
 */
export const mediations = pgTable(
  "mediations",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    caseId: uuid("case_id").notNull(),
    clientId: uuid("client_id").notNull(),
    bodyId: uuid("body_id").notNull(),
    /** Pre-suit mediation a court referred (诉前调解). */
    preSuit: boolean("pre_suit").notNull().default(false),
    caseNumber: text("case_number"),
    startedOn: date("started_on", { mode: "string" }).notNull(),
    status: text("status").$type<MediationStatus>().notNull().default("open"),
    endedOn: date("ended_on", { mode: "string" }),
    agreementId: uuid("agreement_id"),
    /** The last day to ask a court to confirm the agreement (30 days, court-clocks.ts). */
    confirmationDueOn: date("confirmation_due_on", { mode: "string" }),
    judiciallyConfirmed: boolean("judicially_confirmed").notNull().default(false),
    confirmedOn: date("confirmed_on", { mode: "string" }),
    confirmationCaseNumber: text("confirmation_case_number"),
    note: text("note"),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique("mediations_org_case_id_key").on(t.orgId, t.caseId, t.id),
    foreignKey({
      name: "mediations_case_fkey",
      columns: [t.orgId, t.clientId, t.caseId],
      foreignColumns: [cases.orgId, cases.clientId, cases.id],
    }),
    foreignKey({ name: "mediations_body_fkey", columns: [t.orgId, t.bodyId], foreignColumns: [mediationBodies.orgId, mediationBodies.id] }),
    foreignKey({
      name: "mediations_agreement_fkey",
      columns: [t.orgId, t.caseId, t.agreementId],
      foreignColumns: [agreements.orgId, agreements.caseId, agreements.id],
    }),
    check("mediations_agreed_check", sql`(status = 'agreed') = (agreement_id is not null)`),
    check("mediations_confirmed_check", sql`judicially_confirmed = (confirmed_on is not null)`),
    index("mediations_org_case_idx").on(t.orgId, t.caseId),
    index("mediations_org_client_idx").on(t.orgId, t.clientId),
    index("mediations_org_body_idx").on(t.orgId, t.bodyId),
  ],
);

/** The sessions of a mediation: when, who took part, what came of it. */
export const mediationSessions = pgTable(
  "mediation_sessions",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    caseId: uuid("case_id").notNull(),
    mediationId: uuid("mediation_id").notNull(),
    heldOn: date("held_on", { mode: "string" }).notNull(),
    participants: text("participants").notNull(),
    note: text("note"),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      name: "mediation_sessions_mediation_fkey",
      columns: [t.orgId, t.caseId, t.mediationId],
      foreignColumns: [mediations.orgId, mediations.caseId, mediations.id],
    }),
    index("mediation_sessions_org_mediation_idx").on(t.orgId, t.mediationId, t.heldOn),
  ],
);
