import { sql } from "drizzle-orm";
import { check, date, foreignKey, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { DocumentKind, RequestResolution } from "@/server/domain/vocabulary";
import { cases, documents, proposalResponses } from "./cases";
import { organizations } from "./tenancy";

export { REQUEST_RESOLUTIONS } from "@/server/domain/vocabulary";
export type { RequestResolution } from "@/server/domain/vocabulary";

/**
 * One document a lender asked for on one case: made from its documents-requested answer in the answer's
 * transaction, one row per kind, and resolved once (by the upload that satisfies it, in the upload's
 * transaction, or by a counselor). "Still needed" everywhere (portal, case checklist, agenda, notifications)
 * is the rows with resolved_at null: server/services/document-requests.ts.
 */
export const documentRequests = pgTable(
  "document_requests",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    caseId: uuid("case_id").notNull(),
    /** The case's client, kept here so a client-level upload finds its requests without the case. */
    clientId: uuid("client_id").notNull(),
    /** The answer that asked for it. */
    responseId: uuid("response_id").notNull(),
    kind: text("kind").$type<DocumentKind>().notNull(),
    /** The day the lender asked (the answer's received_on), a Beijing day. */
    requestedOn: date("requested_on", { mode: "string" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Null while still needed; set once, with resolution and resolved_by. */
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    /** uploaded: a new upload satisfied it; on-file: a counselor chose a document already on file; not-needed. */
    resolution: text("resolution").$type<RequestResolution>(),
    /** The document that satisfied it (uploaded, on-file); null for not-needed. */
    resolvedByDocumentId: uuid("resolved_by_document_id"),
    resolvedBy: uuid("resolved_by"),
    /** The counselor's reason (on-file, not-needed). */
    note: text("note"),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      name: "document_requests_case_fkey",
      columns: [t.orgId, t.clientId, t.caseId],
      foreignColumns: [cases.orgId, cases.clientId, cases.id],
    }),
    foreignKey({
      name: "document_requests_response_fkey",
      columns: [t.orgId, t.caseId, t.responseId],
      foreignColumns: [proposalResponses.orgId, proposalResponses.caseId, proposalResponses.id],
    }),
    foreignKey({
      name: "document_requests_document_fkey",
      columns: [t.orgId, t.resolvedByDocumentId],
      foreignColumns: [documents.orgId, documents.id],
    }),
    /** A kind is asked of a case once at a time: a lender repeating an open request adds nothing. */
    uniqueIndex("document_requests_org_case_kind_open_key")
      .on(t.orgId, t.caseId, t.kind)
      .where(sql`resolved_at is null`),
    /** What is still needed for a client (portal, agenda, an upload's matching): the open rows only. */
    index("document_requests_org_client_open_idx")
      .on(t.orgId, t.clientId)
      .where(sql`resolved_at is null`),
    /** A case's requests, open and resolved (the checklist). */
    index("document_requests_org_case_idx").on(t.orgId, t.caseId),
    index("document_requests_org_response_idx").on(t.orgId, t.responseId),
    check(
      "document_requests_resolution_check",
      sql`(resolved_at is null and resolution is null and resolved_by is null and resolved_by_document_id is null)
        or (resolved_at is not null and resolved_by is not null and (
          (resolution in ('uploaded', 'on-file') and resolved_by_document_id is not null)
          or (resolution = 'not-needed' and resolved_by_document_id is null and note is not null)))`,
    ),
  ],
);
