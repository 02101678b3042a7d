import { sql } from "drizzle-orm";
import {
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
  uuid,
} from "drizzle-orm/pg-core";
import type { AuthorisationPurpose, SignatureKind, SignOffKind, SignOffStatus } from "@/server/domain/authorisation";
import { cases, documents, proposals } from "./cases";
import { clients } from "./clients";
import { organizations } from "./tenancy";

/**
 * The client's authorisation (授权委托书): what the agency may do for her (purposes), with which lenders
 * (all, or a list), from when to when. Made as a draft by her counselor, with its PDF kept in her documents;
 * signed once by the client on her portal (a second PDF, with the signature, also kept); revoked by her at
 * any time. "Expired" is not stored: it is a signed one whose last day has passed (server/domain/authorisation.ts).
 */
export const authorisations = pgTable(
  "authorisations",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    clientId: uuid("client_id").notNull(),
    purposes: jsonb("purposes").$type<AuthorisationPurpose[]>().notNull(),
    allLenders: boolean("all_lenders").notNull(),
    /** The lenders covered when not all (ids of the organization's lenders). */
    lenderIds: jsonb("lender_ids")
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** Beijing days, both included. */
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validTo: date("valid_to", { mode: "string" }).notNull(),
    status: text("status").$type<"draft" | "signed" | "revoked">().notNull().default("draft"),
    /** The document the client reads and signs, and the SHA-256 of its exact bytes. */
    documentId: uuid("document_id").notNull(),
    documentSha256: text("document_sha256").notNull(),
    /** The signed PDF (the same text with her signature, time and the draft's hash). */
    signedDocumentId: uuid("signed_document_id"),
    signedSha256: text("signed_sha256"),
    signedAt: timestamp("signed_at", { withTimezone: true }),
    signedBy: uuid("signed_by"),
    /** A digest of the signer's session (never the session itself) and the request it came in. */
    signerSession: text("signer_session"),
    signatureKind: text("signature_kind").$type<SignatureKind>(),
    typedName: text("typed_name"),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by"),
    revokeReason: text("revoke_reason"),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ name: "authorisations_client_fkey", columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }),
    foreignKey({ name: "authorisations_document_fkey", columns: [t.orgId, t.documentId], foreignColumns: [documents.orgId, documents.id] }),
    foreignKey({
      name: "authorisations_signed_document_fkey",
      columns: [t.orgId, t.signedDocumentId],
      foreignColumns: [documents.orgId, documents.id],
    }),
    index("authorisations_org_client_idx").on(t.orgId, t.clientId, t.createdAt),
    /** What a complaint's reference to the authorisation it was filed under points at: the same client's. */
    unique("authorisations_org_client_id_key").on(t.orgId, t.clientId, t.id),
    check("authorisations_dates_check", sql`valid_from <= valid_to`),
    check(
      "authorisations_state_check",
      sql`(status = 'draft' and signed_at is null and revoked_at is null)
        or (status = 'signed' and signed_at is not null and signed_document_id is not null and revoked_at is null)
        or (status = 'revoked' and revoked_at is not null)`,
    ),
  ],
);

/**
 * What the client is asked to confirm before it goes out in her name: a letter (its PDF, kept in her
 * documents), a proposal's terms in words, or her budget statement in words. She confirms it or asks for a
 * change with a comment; the exact content's SHA-256 is kept with it.
 */
export const signOffs = pgTable(
  "sign_offs",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    clientId: uuid("client_id").notNull(),
    caseId: uuid("case_id").notNull(),
    kind: text("kind").$type<SignOffKind>().notNull(),
    proposalId: uuid("proposal_id"),
    /** The letter's PDF (kind letter); null for the others, whose content is the lines below. */
    documentId: uuid("document_id"),
    /** The words she reads (proposal terms, budget statement); for a letter, its sections' lines. */
    lines: jsonb("lines").$type<string[]>().notNull(),
    sha256: text("sha256").notNull(),
    status: text("status").$type<SignOffStatus>().notNull().default("pending"),
    comment: text("comment"),
    requestedBy: uuid("requested_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
    respondedBy: uuid("responded_by"),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({
      name: "sign_offs_case_fkey",
      columns: [t.orgId, t.clientId, t.caseId],
      foreignColumns: [cases.orgId, cases.clientId, cases.id],
    }),
    foreignKey({ name: "sign_offs_proposal_fkey", columns: [t.orgId, t.proposalId], foreignColumns: [proposals.orgId, proposals.id] }),
    foreignKey({ name: "sign_offs_document_fkey", columns: [t.orgId, t.documentId], foreignColumns: [documents.orgId, documents.id] }),
    index("sign_offs_org_client_idx").on(t.orgId, t.clientId, t.createdAt),
    index("sign_offs_org_case_idx").on(t.orgId, t.caseId),
    check(
      "sign_offs_state_check",
      sql`(status = 'pending' and responded_at is null) or (status in ('confirmed', 'change-requested') and responded_at is not null)`,
    ),
  ],
);

/**
 * The agency's rules for the client in the loop, one row per organization. No row: neither is enforced
 * (agencies that predate authorisations); a new agency's sign-up writes one with the authorisation required.
 */
export const consentSettings = pgTable("consent_settings", {
  orgId: uuid("org_id")
    .primaryKey()
    .references(() => organizations.id),
  /** A proposal is marked sent, and a letter made, only under a valid authorisation covering it. */
  authorisationRequired: boolean("authorisation_required").notNull().default(true),
  /** A proposal is marked sent only after the client confirmed it (its terms or its letter). */
  signOffRequired: boolean("sign_off_required").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
