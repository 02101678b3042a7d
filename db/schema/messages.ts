import { sql } from "drizzle-orm";
import { check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import type { SmsConsentVia, SmsPurpose, SmsState } from "@/server/domain/sms-rules";
import { documents } from "./cases";
import { clients } from "./clients";
import { memberships, organizations } from "./tenancy";

/**
 * The thread between a client and her file's staff: one per client (keyed by client_id, no thread row).
 * A message is text, a document of the client (a photo or a file sent, stored and checked like every
 * upload), or both. Messages are never edited or deleted by the app (erasure replaces the words).
 */
export const messages = pgTable(
  "messages",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    clientId: uuid("client_id").notNull(),
    authorUserId: uuid("author_user_id").notNull(),
    /** Which side wrote it: the client herself, or a member of staff (counselor or admin). */
    side: text("side").$type<"client" | "staff">().notNull(),
    /** At most 2,000 characters; empty when the message is only a file. */
    body: text("body").notNull(),
    documentId: uuid("document_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ name: "messages_client_fkey", columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }),
    foreignKey({
      name: "messages_author_fkey",
      columns: [t.orgId, t.authorUserId],
      foreignColumns: [memberships.orgId, memberships.userId],
    }),
    foreignKey({ name: "messages_document_fkey", columns: [t.orgId, t.documentId], foreignColumns: [documents.orgId, documents.id] }),
    index("messages_org_client_created_idx").on(t.orgId, t.clientId, t.createdAt),
    check("messages_side_check", sql`side in ('client', 'staff')`),
    check("messages_body_check", sql`char_length(body) <= 2000 and (body <> '' or document_id is not null)`),
  ],
);

/** How far each reader has read each thread: a message is unread for them when it is newer and not their own. */
export const messageReads = pgTable(
  "message_reads",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    clientId: uuid("client_id").notNull(),
    userId: uuid("user_id").notNull(),
    readAt: timestamp("read_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.clientId, t.userId] }),
    foreignKey({ name: "message_reads_client_fkey", columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }),
    foreignKey({
      name: "message_reads_member_fkey",
      columns: [t.orgId, t.userId],
      foreignColumns: [memberships.orgId, memberships.userId],
    }),
  ],
);

/**
 * An agency's settings for what goes out of the app: quiet hours (Beijing wall-clock, no notification
 * e-mail or SMS leaves inside them) and the daily SMS cap per client. No row: the defaults.
 */
export const messageSettings = pgTable(
  "message_settings",
  {
    orgId: uuid("org_id")
      .primaryKey()
      .references(() => organizations.id),
    /** "HH:MM", Beijing time; quiet from start until end (across midnight when start > end). */
    quietStart: text("quiet_start").notNull().default("22:00"),
    quietEnd: text("quiet_end").notNull().default("08:00"),
    smsDailyCap: integer("sms_daily_cap").notNull().default(3),
    updatedBy: uuid("updated_by"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  () => [
    check(
      "message_settings_quiet_check",
      sql`quiet_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and quiet_end ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`,
    ),
    check("message_settings_cap_check", sql`sms_daily_cap between 0 and 20`),
  ],
);

/**
 * A client's consent to SMS and its withdrawals, as a history: each row is one act (given or withdrawn),
 * with its time, the exact words she agreed to, and how it was recorded. The latest row decides.
 */
export const smsConsents = pgTable(
  "sms_consents",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    clientId: uuid("client_id").notNull(),
    given: text("given").$type<"given" | "withdrawn">().notNull(),
    /** The exact sentence shown (consent) or received (a reply such as 退订). */
    wording: text("wording").notNull(),
    /** The version of the consent text (server/domain/sms-rules.ts SMS_CONSENT_TEXTS). */
    wordingVersion: text("wording_version"),
    via: text("via").$type<SmsConsentVia>().notNull(),
    /** The member who recorded it (the client herself on the portal, a counselor); null for a reply by SMS. */
    recordedBy: uuid("recorded_by"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ name: "sms_consents_client_fkey", columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }),
    index("sms_consents_org_client_at_idx").on(t.orgId, t.clientId, t.at),
    check("sms_consents_given_check", sql`given in ('given', 'withdrawn')`),
  ],
);

/**
 * One SMS to one client: made once per event (dedupe_key), sent by the dispatcher when consent, quiet hours
 * and the daily cap allow, then its delivery state from the provider's callback.
 */
export const smsMessages = pgTable(
  "sms_messages",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    clientId: uuid("client_id").notNull(),
    purpose: text("purpose").$type<SmsPurpose>().notNull(),
    /** The event's identity ("notification:<id>", "invitation:<id>"): one SMS per event, ever. */
    dedupeKey: text("dedupe_key").notNull(),
    /** The template's variables (no phone number: it is read from the file when sending). */
    params: jsonb("params").$type<Record<string, string>>().notNull(),
    state: text("state").$type<SmsState>().notNull().default("queued"),
    /** Not sent before this instant (the end of quiet hours, the next Beijing day after the cap). */
    notBefore: timestamp("not_before", { withTimezone: true }).notNull().defaultNow(),
    provider: text("provider"),
    providerMessageId: text("provider_message_id"),
    phoneLast4: text("phone_last4"),
    /** The Beijing day it was sent: the daily cap counts these. */
    sentOn: date("sent_on", { mode: "string" }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    /** Why it was not sent or not delivered (a provider's code, "no-consent", "daily-cap"…). */
    detail: text("detail"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique("sms_messages_org_dedupe_key").on(t.orgId, t.dedupeKey),
    foreignKey({ name: "sms_messages_client_fkey", columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }),
    index("sms_messages_org_state_idx").on(t.orgId, t.state, t.notBefore),
    index("sms_messages_org_client_sent_idx").on(t.orgId, t.clientId, t.sentOn),
    index("sms_messages_org_provider_id_idx").on(t.orgId, t.providerMessageId),
  ],
);
