import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { CaseState } from "@/server/domain/case-state";
import type { Terms } from "@/server/domain/terms";
import type { ConductFlag } from "@/server/domain/collection-conduct";
import type { AgreementSource } from "@/server/domain/legal-vocabulary";

/** Entries appended before the rules were cited (issue 15) stored bare codes; newer ones store the rule too. */
export type StoredConductFlag = ConductFlag | string;
import { debts } from "./assessment";
import { clients } from "./clients";
import { organizations } from "./tenancy";

// ---- vocabularies (stored as text; the zod schemas in server/schemas/cases.ts check them) ----

export {
  PROPOSAL_CHANNELS,
  PROPOSAL_STATUSES,
  RESPONSE_KINDS,
  PAYMENT_METHODS,
  DOCUMENT_KINDS,
  CONTACT_CHANNELS,
  CONTACT_PARTIES,
  REFERRAL_KINDS,
  REFERRAL_STATUSES,
} from "@/server/domain/vocabulary";
export type {
  ProposalChannel,
  ProposalStatus,
  ResponseKind,
  PaymentMethod,
  DocumentKind,
  ContactChannel,
  ContactParty,
  ReferralKind,
  ReferralStatus,
} from "@/server/domain/vocabulary";
import type {
  ProposalChannel,
  ProposalStatus,
  ResponseKind,
  PaymentMethod,
  DocumentKind,
  ContactChannel,
  ContactParty,
  ReferralKind,
  ReferralStatus,
} from "@/server/domain/vocabulary";

/** Art. 70 of the credit-card rules: the six items of a personalised instalment agreement. */
export type Art70Terms = {
  balanceFen: number;
  balanceStructure: string;
  scheduleSummary: string;
  annualFeeCharged: boolean;
  interestCharged: boolean;
  otherFeesCharged: boolean;
  noNewCardsUntilSettled: boolean;
  breachTerms: string;
  other?: string;
};

export type BusinessHoursJson = Array<{ start: string; end: string }>;

/** One negotiation case: one debt of one client, worked with its lender. */
export const cases = pgTable(
  "cases",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    clientId: uuid("client_id").notNull(),
    debtId: uuid("debt_id").notNull(),
    /** server/domain/case-state.ts; changed only through a recorded case_events row. */
    status: text("status").$type<CaseState>().notNull().default("intake"),
    /** The lender's own hours when they differ from organizations.business_hours (null: the org's). */
    contactHours: jsonb("contact_hours").$type<BusinessHoursJson>(),
    openedBy: uuid("opened_by").notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** Head of the contact-log chain, under this row's lock: the last seq and hash. */
    contactSeq: integer("contact_seq").notNull().default(0),
    contactHead: text("contact_head"),
    /** Optimistic concurrency: every update checks and bumps it. */
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique("cases_org_client_id_key").on(t.orgId, t.clientId, t.id),
    foreignKey({ name: "cases_client_fkey", columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }),
    foreignKey({ name: "cases_debt_fkey", columns: [t.orgId, t.debtId], foreignColumns: [debts.orgId, debts.id] }),
    /** At most one open (not closed) case per debt. */
    uniqueIndex("cases_org_debt_open_key")
      .on(t.orgId, t.debtId)
      .where(sql`status <> 'closed'`),
    index("cases_org_client_idx").on(t.orgId, t.clientId, t.openedAt),
    index("cases_org_status_idx").on(t.orgId, t.status),
  ],
);

/** Append-only: every state change of a case, with who, when and why. */
export const caseEvents = pgTable(
  "case_events",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    caseId: uuid("case_id").notNull(),
    fromStatus: text("from_status").$type<CaseState>(),
    toStatus: text("to_status").$type<CaseState>().notNull(),
    actorUserId: uuid("actor_user_id").notNull(),
    reason: text("reason"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ name: "case_events_case_fkey", columns: [t.orgId, t.caseId], foreignColumns: [cases.orgId, cases.id] }),
    index("case_events_org_case_idx").on(t.orgId, t.caseId, t.at),
  ],
);

/**
 * How many of the organization's cases entered (positive) or left (negative) each status on each Beijing day,
 * by their recorded case_events (decision 020). The number of cases in a status at the end of a day is the
 * sum of its rows up to that day, so the outcome dashboard's cases by month is one grouped sum over a few
 * hundred rows. Maintained only by the database: a trigger on case_events (migration 0030) applies each
 * inserted or deleted event in the order of its case's events (at, id), whatever order rows arrive in, and
 * removes a row whose sum comes back to zero, so the table is a function of the events alone.
 */
export const caseStatusDays = pgTable(
  "case_status_days",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    day: date("day", { mode: "string" }).notNull(),
    status: text("status").$type<CaseState>().notNull(),
    delta: integer("delta").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day, t.status] })],
);

/** Uploaded files; the bytes live in server/storage.ts under storage_key. */
export const documents = pgTable(
  "documents",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    clientId: uuid("client_id").notNull(),
    /** Null: a client-level document (ID, income proof) shared by all their cases. */
    caseId: uuid("case_id"),
    kind: text("kind").$type<DocumentKind>().notNull(),
    filename: text("filename").notNull(),
    /** Sniffed from the content, never taken from the upload's declared type. */
    mime: text("mime").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    storageKey: text("storage_key").notNull(),
    /** Uploaded because a lender asked for this kind on this case. */
    requested: boolean("requested").notNull().default(false),
    uploadedBy: uuid("uploaded_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ name: "documents_client_fkey", columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }),
    foreignKey({
      name: "documents_case_fkey",
      columns: [t.orgId, t.clientId, t.caseId],
      foreignColumns: [cases.orgId, cases.clientId, cases.id],
    }),
    index("documents_org_client_idx").on(t.orgId, t.clientId, t.createdAt),
    index("documents_org_case_idx").on(t.orgId, t.caseId),
  ],
);

/** A proposal to the lender. Terms are JSON of one shape (server/domain/terms.ts), validated by ZProposalTerms before they are stored. */
export const proposals = pgTable(
  "proposals",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    caseId: uuid("case_id").notNull(),
    /** 1, 2, 3… within the case. */
    seq: integer("seq").notNull(),
    terms: jsonb("terms").$type<Terms>().notNull(),
    channel: text("channel").$type<ProposalChannel>().notNull(),
    validUntil: date("valid_until", { mode: "string" }).notNull(),
    /** Stored: draft | awaiting-approval | sent | answered; "expired" is shown for sent past valid_until. */
    status: text("status").$type<ProposalStatus>().notNull().default("draft"),
    createdBy: uuid("created_by").notNull(),
    approvedBy: uuid("approved_by"),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    /** Lets responses and agreements point at (case, proposal) so a proposal of another case cannot be used. */
    unique("proposals_org_case_id_key").on(t.orgId, t.caseId, t.id),
    unique("proposals_org_case_seq_key").on(t.orgId, t.caseId, t.seq),
    foreignKey({ name: "proposals_case_fkey", columns: [t.orgId, t.caseId], foreignColumns: [cases.orgId, cases.id] }),
    index("proposals_org_status_idx").on(t.orgId, t.status, t.validUntil),
  ],
);

/** Append-only: the lender's answers to a proposal. */
export const proposalResponses = pgTable(
  "proposal_responses",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    caseId: uuid("case_id").notNull(),
    proposalId: uuid("proposal_id").notNull(),
    kind: text("kind").$type<ResponseKind>().notNull(),
    /** For rejected. */
    reason: text("reason"),
    /** For counter-offer: the lender's terms, same shape as a proposal's. */
    terms: jsonb("terms").$type<Terms>(),
    /** For documents-requested: the document kinds asked for. */
    documentsRequested: jsonb("documents_requested").$type<DocumentKind[]>(),
    note: text("note"),
    receivedOn: date("received_on", { mode: "string" }).notNull(),
    recordedBy: uuid("recorded_by").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique("proposal_responses_org_case_id_key").on(t.orgId, t.caseId, t.id),
    foreignKey({
      name: "proposal_responses_proposal_fkey",
      columns: [t.orgId, t.caseId, t.proposalId],
      foreignColumns: [proposals.orgId, proposals.caseId, proposals.id],
    }),
    index("proposal_responses_org_case_idx").on(t.orgId, t.caseId, t.recordedAt),
  ],
);

/**
 * active: in force; completed: all paid; broken: the client or the lender did not keep it (a breach);
 * replaced: a change agreed with the lender took its place (its paid instalments carried over).
 */
export const AGREEMENT_STATUSES = ["active", "completed", "broken", "replaced"] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** What was agreed: from an accepted proposal or an accepted counter-offer, or a change to an agreement. */
export const agreements = pgTable(
  "agreements",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    caseId: uuid("case_id").notNull(),
    /**
     * The proposal whose negotiation it came from (for a change: the one of the agreement it replaces). Null
     * for an agreement reached in mediation (source "mediation", db/schema/legal.ts mediations).
     */
    proposalId: uuid("proposal_id"),
    /** negotiation: with the lender directly; mediation: through a mediation body (counted apart in outcomes). */
    source: text("source").$type<AgreementSource>().notNull().default("negotiation"),
    /**
     * The response that made it: "accepted", or the counter-offer that the client accepted. Null for a change
     * agreed with the lender under an agreement (replacesAgreementId).
     */
    responseId: uuid("response_id"),
    /** A change agreed with the lender: the agreement this one replaced from agreedOn. */
    replacesAgreementId: uuid("replaces_agreement_id"),
    /**
     * A change: what the replaced agreement still left to repay on the change day (the change's terms cover
     * only that; its relief is measured against it, server/domain/balance.ts). Null for a first agreement.
     */
    remainingBeforeFen: bigint("remaining_before_fen", { mode: "number" }),
    terms: jsonb("terms").$type<Terms>().notNull(),
    /** Credit-card personalised instalments (Art. 70): the six items; null for other debts. */
    art70: jsonb("art70").$type<Art70Terms>(),
    /** Recording, written confirmation…: documents ids. */
    evidenceDocumentIds: jsonb("evidence_document_ids")
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    agreedOn: date("agreed_on", { mode: "string" }).notNull(),
    status: text("status").$type<AgreementStatus>().notNull().default("active"),
    /** When it stopped being the one in force (broken, or replaced by a change), and why. */
    endedOn: date("ended_on", { mode: "string" }),
    endReason: text("end_reason"),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique("agreements_org_case_id_key").on(t.orgId, t.caseId, t.id),
    foreignKey({
      name: "agreements_proposal_fkey",
      columns: [t.orgId, t.caseId, t.proposalId],
      foreignColumns: [proposals.orgId, proposals.caseId, proposals.id],
    }),
    foreignKey({
      name: "agreements_response_fkey",
      columns: [t.orgId, t.caseId, t.responseId],
      foreignColumns: [proposalResponses.orgId, proposalResponses.caseId, proposalResponses.id],
    }),
    foreignKey({
      name: "agreements_replaces_fkey",
      columns: [t.orgId, t.caseId, t.replacesAgreementId],
      foreignColumns: [t.orgId, t.caseId, t.id],
    }),
    check("agreements_source_check", sql`(source = 'negotiation') = (proposal_id is not null)`),
    /** A response makes at most one agreement. */
    unique("agreements_org_response_key").on(t.orgId, t.responseId),
    index("agreements_org_case_idx").on(t.orgId, t.caseId, t.status),
  ],
);

/** The agreement's schedule rows, from buildSchedule; never changed after creation. */
export const instalments = pgTable(
  "instalments",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    agreementId: uuid("agreement_id").notNull(),
    seq: integer("seq").notNull(),
    dueDate: date("due_date", { mode: "string" }).notNull(),
    /** amount = principal + interest. */
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    principalFen: bigint("principal_fen", { mode: "number" }).notNull(),
    interestFen: bigint("interest_fen", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.agreementId, t.seq] }),
    foreignKey({
      name: "instalments_agreement_fkey",
      columns: [t.orgId, t.agreementId],
      foreignColumns: [agreements.orgId, agreements.id],
    }),
    index("instalments_org_due_idx").on(t.orgId, t.dueDate),
  ],
);

/** A payment against an agreement; allocated to instalments in due order when read (confirmed ones only). */
export const payments = pgTable(
  "payments",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    caseId: uuid("case_id").notNull(),
    agreementId: uuid("agreement_id").notNull(),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    paidOn: date("paid_on", { mode: "string" }).notNull(),
    method: text("method").$type<PaymentMethod>().notNull(),
    receiptDocumentId: uuid("receipt_document_id"),
    note: text("note"),
    reportedBy: uuid("reported_by").notNull(),
    reportedByRole: text("reported_by_role").$type<"admin" | "counselor" | "client">().notNull(),
    /** A client's report is "reported" until a counselor confirms it; staff entries are confirmed. */
    status: text("status").$type<"reported" | "confirmed">().notNull(),
    confirmedBy: uuid("confirmed_by"),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    /** Generated by the browser per submission: the same key twice records one payment. */
    idempotencyKey: text("idempotency_key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique("payments_org_idempotency_key").on(t.orgId, t.idempotencyKey),
    foreignKey({
      name: "payments_agreement_fkey",
      columns: [t.orgId, t.caseId, t.agreementId],
      foreignColumns: [agreements.orgId, agreements.caseId, agreements.id],
    }),
    foreignKey({ name: "payments_receipt_fkey", columns: [t.orgId, t.receiptDocumentId], foreignColumns: [documents.orgId, documents.id] }),
    index("payments_org_agreement_idx").on(t.orgId, t.agreementId, t.paidOn),
    index("payments_org_status_idx").on(t.orgId, t.status),
  ],
);

/**
 * Append-only contact log, hash-chained per case: hash = chainHash(prev_hash, canonical content). seq comes
 * from cases.contact_seq under the case row's lock. A correction is a new entry with corrects_entry_id.
 */
export const contactEntries = pgTable(
  "contact_entries",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    caseId: uuid("case_id").notNull(),
    seq: integer("seq").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    channel: text("channel").$type<ContactChannel>().notNull(),
    direction: text("direction").$type<"inbound" | "outbound">().notNull(),
    party: text("party").$type<ContactParty>().notNull(),
    connected: boolean("connected"),
    thirdPartyContacted: boolean("third_party_contacted"),
    summary: text("summary").notNull(),
    correctsEntryId: uuid("corrects_entry_id"),
    attachmentDocumentIds: jsonb("attachment_document_ids")
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** Conduct flags computed when the entry was appended, each with its rule (part of the hashed content). */
    conductFlags: jsonb("conduct_flags")
      .$type<StoredConductFlag[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    recordedBy: uuid("recorded_by").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
    prevHash: text("prev_hash"),
    hash: text("hash").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique("contact_entries_org_case_seq_key").on(t.orgId, t.caseId, t.seq),
    foreignKey({ name: "contact_entries_case_fkey", columns: [t.orgId, t.caseId], foreignColumns: [cases.orgId, cases.id] }),
    foreignKey({ name: "contact_entries_corrects_fkey", columns: [t.orgId, t.correctsEntryId], foreignColumns: [t.orgId, t.id] }),
  ],
);

/** Referral to a lawyer, legal aid or a financial adviser, tracked to an outcome. */
export const referrals = pgTable(
  "referrals",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    caseId: uuid("case_id").notNull(),
    kind: text("kind").$type<ReferralKind>().notNull(),
    toName: text("to_name").notNull(),
    /** A referral to a mediation body of the directory (kind "mediation"). */
    mediationBodyId: uuid("mediation_body_id"),
    status: text("status").$type<ReferralStatus>().notNull().default("open"),
    outcome: text("outcome"),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ name: "referrals_case_fkey", columns: [t.orgId, t.caseId], foreignColumns: [cases.orgId, cases.id] }),
    index("referrals_org_case_idx").on(t.orgId, t.caseId),
  ],
);

/** Follow-ups on a counselor's agenda. */
export const tasks = pgTable(
  "tasks",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    caseId: uuid("case_id").notNull(),
    /** "proposal-no-answer" (auto, when a proposal is sent) or "custom". */
    kind: text("kind").$type<"proposal-no-answer" | "custom">().notNull(),
    title: text("title"),
    proposalId: uuid("proposal_id"),
    assignedTo: uuid("assigned_to"),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    /** The due date was counted across a year with no holiday arrangement loaded (Monday–Friday): shown as estimated. */
    dueEstimated: boolean("due_estimated").notNull().default(false),
    doneAt: timestamp("done_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ name: "tasks_case_fkey", columns: [t.orgId, t.caseId], foreignColumns: [cases.orgId, cases.id] }),
    index("tasks_org_assignee_idx").on(t.orgId, t.assignedTo, t.doneAt, t.dueOn),
    index("tasks_org_case_idx").on(t.orgId, t.caseId),
  ],
);
