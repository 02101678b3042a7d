import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  jsonb,
  numeric,
  pgSequence,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/** The tenant. Every tenant table carries `org_id` that points here. */
export const organizations = pgTable("organizations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  /** Safety buffer kept back from disposable income, in percent, exact. */
  bufferPct: numeric("buffer_pct", { precision: 5, scale: 2 }).notNull().default("10"),
  /** Smallest monthly amount offered to any one creditor in a pro-rata plan. */
  minPerCreditorFen: bigint("min_per_creditor_fen", { mode: "number" }).notNull().default(5000),
  requireProposalApproval: boolean("require_proposal_approval").notNull().default(false),
  require2fa: boolean("require_2fa").notNull().default(false),
  /** The seeded demo organization (db/seed.ts): its pages carry a banner saying the data is made up. */
  isDemo: boolean("is_demo").notNull().default(false),
  /** Default lender business hours, Beijing time: [{ start: "09:00", end: "12:00" }, ...]. */
  businessHours: jsonb("business_hours")
    .$type<Array<{ start: string; end: string }>>()
    .notNull()
    .default(sql`'[{"start":"09:00","end":"12:00"},{"start":"14:00","end":"17:30"}]'::jsonb`),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The organization's counters, one row per organization and audit chain (docs/decisions/013-audit-chains.md),
 * written by every audited write (services/audit.ts): a tenant table distributed by org_id on Citus, so a
 * write stays on the organization's shard (on `organizations`, a reference table there, every write would be
 * a transaction across all nodes). Each row is its chain's lock: writes of different subjects take
 * different rows and do not wait for each other.
 */
export const orgCounters = pgTable(
  "org_counters",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    /** Which of the organization's audit chains (services/audit.ts AUDIT_CHAINS); 0 holds the rows from before 0021. */
    chain: smallint("chain").notNull().default(0),
    /** Head of this audit hash chain: updated in the same transaction as each of its audit rows. */
    auditSeq: bigint("audit_seq", { mode: "number" }).notNull().default(0),
    auditHead: text("audit_head"),
    /**
     * Bumped with audit_seq by every write that can change an outcome figure (services/audit.ts names the
     * ones that cannot). The organization's outcome sequence is the sum over its chains: the outcome summary
     * stored under it is exact while it stands.
     */
    outcomeSeq: bigint("outcome_seq", { mode: "number" }).notNull().default(0),
    /**
     * Bumped with outcome_seq, except by the writes that change only payments, case states and balances
     * (services/audit.ts FACTS_KEPT): the proposal and agreement figures stored under its sum stay exact.
     */
    factsSeq: bigint("facts_seq", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.chain] })],
);

/** Global: one person, whatever organizations they belong to. */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Stored lower-cased; unique across the deployment. Null for a person who signs in by mobile number only. */
    email: text("email"),
    /**
     * HMAC blind index (server/crypto.ts) of the normalised mainland mobile number the person signs in
     * with; unique across the deployment (one number, one person, however many organizations).
     */
    phoneHash: text("phone_hash"),
    /** The number sealed with the data key (server/crypto.ts): the blind index is recomputed from it when the key rotates. */
    phoneEnc: text("phone_enc"),
    /** The number's last four digits, to show it masked ("尾号 5678"). */
    phoneLast4: text("phone_last4"),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    totpSecret: text("totp_secret"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    /** The 30-second step of the last TOTP code accepted: a code of that step or earlier is refused (no replay). */
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    locale: text("locale"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(t.email),
    uniqueIndex("users_phone_hash_key").on(t.phoneHash),
    check("users_email_or_phone", sql`${t.email} is not null or ${t.phoneHash} is not null`),
  ],
);

export { ROLES, type Role } from "@/server/domain/permissions";
import type { Role } from "@/server/domain/permissions";

export const memberships = pgTable(
  "memberships",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role").$type<Role>().notNull(),
    /** A deactivated member keeps their history but loses access at the next request. */
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    /** Where the invitation goes and what the new login signs in with: an e-mail, a mobile number, or both. */
    email: text("email"),
    /**
     * The normalised mobile number: sealed (server/crypto.ts) so acceptance can sign the person in with it,
     * its blind index (as users.phone_hash) to find an existing person, and its last four digits to show.
     */
    phoneEnc: text("phone_enc"),
    phoneHash: text("phone_hash"),
    phoneLast4: text("phone_last4"),
    role: text("role").$type<Role>().notNull(),
    /** sha256 of the one-time token; the lookup goes through it. */
    tokenHash: text("token_hash").notNull(),
    /**
     * The token sealed with the data key (server/crypto.ts), so the staff who may invite to the client
     * can copy the link again while it is pending. Null for invitations made before it was kept.
     */
    tokenEnc: text("token_enc"),
    invitedBy: uuid("invited_by").notNull(),
    /**
     * For a client invitation: the client file the new login is linked to. Every client invitation made
     * since 0014 has one (accepting never creates a client file); older accepted ones may not.
     */
    clientId: uuid("client_id"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique("invitations_org_token_key").on(t.orgId, t.tokenHash),
    index("invitations_org_client_idx").on(t.orgId, t.clientId, t.createdAt),
    check("invitations_email_or_phone", sql`${t.email} is not null or ${t.phoneHash} is not null`),
    foreignKey({
      name: "invitations_inviter_fkey",
      columns: [t.orgId, t.invitedBy],
      foreignColumns: [memberships.orgId, memberships.userId],
    }),
  ],
);

/** The audit trail's order across its chains (audit_log.n). */
export const auditLogOrder = pgSequence("audit_log_n_seq");

/**
 * Append-only audit trail, hash-chained per organization and chain: `hash` = sha256(prev_hash, content).
 * A subject's rows (one entity) are all in one chain, chosen from the subject (services/audit.ts); `seq`
 * orders the chain and comes from its org_counters row under that row's lock. `n` orders the whole trail
 * (a database sequence: increasing, not gap-free, taken without a lock).
 */
export const auditLog = pgTable(
  "audit_log",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    chain: smallint("chain").notNull().default(0),
    seq: bigint("seq", { mode: "number" }).notNull(),
    n: bigint("n", { mode: "number" })
      .notNull()
      .default(sql`nextval('audit_log_n_seq')`),
    actorUserId: uuid("actor_user_id"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    requestId: text("request_id"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    prevHash: text("prev_hash"),
    hash: text("hash").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.chain, t.seq] }),
    uniqueIndex("audit_log_org_n_idx").on(t.orgId, t.n),
    index("audit_log_org_entity_idx").on(t.orgId, t.entityType, t.entityId),
    index("audit_log_org_actor_idx").on(t.orgId, t.actorUserId, t.at),
  ],
);

/**
 * Global (per person): one-time recovery codes for two-factor sign-in, stored as sha256; a used code
 * keeps its row with used_at set.
 */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
);
