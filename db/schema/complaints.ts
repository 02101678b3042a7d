import { sql } from "drizzle-orm";
import { boolean, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { ComplaintChannel, ComplaintFiler, ComplaintOutcome, ComplaintSubject } from "@/server/domain/complaints";
import { cases, proposals } from "./cases";
import { authorisations } from "./consent";
import { organizations } from "./tenancy";

export type ComplaintExtensionJson = Array<{ on: string; note: string | null }>;

/**
 * A complaint about a case, up one rung of the ladder (server/domain/complaints.ts): to whom, what about,
 * filed on, the clock of its answer (a dated rule; due_on recomputed when an extension is recorded), and the
 * answer. Filing for the client is under her signed authorisation (授权委托书): `filed_by = 'agency'`, with the
 * authorisation it was filed under (one of hers that covered complaints to this lender on the day it was filed).
 */
export const complaints = pgTable(
  "complaints",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    caseId: uuid("case_id").notNull(),
    clientId: uuid("client_id").notNull(),
    channel: text("channel").$type<ComplaintChannel>().notNull(),
    subject: text("subject").$type<ComplaintSubject>().notNull(),
    details: text("details").notNull(),
    /** The channel's own reference (工单号), when it gave one. */
    reference: text("reference"),
    filedBy: text("filed_by").$type<ComplaintFiler>().notNull(),
    filedOn: date("filed_on", { mode: "string" }).notNull(),
    /** Contact-log entries of this case the complaint is about (checked to belong to it when filed). */
    contactEntryIds: jsonb("contact_entry_ids")
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** A refused proposal of this case the complaint is about. */
    proposalId: uuid("proposal_id"),
    /** The client's authorisation the agency filed under (filed_by = 'agency'); checked to cover it when filed. */
    authorisationId: uuid("authorisation_id"),
    /** server/domain/complaints.ts COMPLAINT_RULES id, chosen when filed. */
    ruleId: text("rule_id").notNull(),
    extensions: jsonb("extensions")
      .$type<ComplaintExtensionJson>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    /** Counted across a year with no holiday arrangement loaded. */
    dueEstimated: boolean("due_estimated").notNull().default(false),
    answeredOn: date("answered_on", { mode: "string" }),
    outcome: text("outcome").$type<ComplaintOutcome>(),
    answer: text("answer"),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      name: "complaints_case_fkey",
      columns: [t.orgId, t.clientId, t.caseId],
      foreignColumns: [cases.orgId, cases.clientId, cases.id],
    }),
    foreignKey({
      name: "complaints_proposal_fkey",
      columns: [t.orgId, t.caseId, t.proposalId],
      foreignColumns: [proposals.orgId, proposals.caseId, proposals.id],
    }),
    foreignKey({
      name: "complaints_authorisation_fkey",
      columns: [t.orgId, t.clientId, t.authorisationId],
      foreignColumns: [authorisations.orgId, authorisations.clientId, authorisations.id],
    }),
    check("complaints_authorisation_filer_check", sql`authorisation_id is null or filed_by = 'agency'`),
    index("complaints_org_case_idx").on(t.orgId, t.caseId, t.filedOn),
    index("complaints_org_due_idx")
      .on(t.orgId, t.dueOn)
      .where(sql`answered_on is null`),
    index("complaints_org_client_idx").on(t.orgId, t.clientId),
  ],
);
