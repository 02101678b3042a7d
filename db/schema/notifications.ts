import { foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { memberships, organizations } from "./tenancy";

/** What a notification is about (server/services/notifications.ts makes each from the agenda's events). */
export const NOTIFICATION_KINDS = [
  "follow-up-due",
  "proposal-expired",
  "instalment-due",
  "instalment-missed",
  "documents-requested",
  "payment-reported",
  "client-payment-due",
  "client-answer",
  "client-documents-requested",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The words a notification shows: names, dates and amounts, filled into the kind's message. */
export type NotificationParams = {
  clientName?: string;
  lenderName?: string;
  date?: string;
  amountFen?: number;
  answer?: string;
  title?: string;
};

/**
 * One event told to one member. (org_id, user_id, dedupe_key) is unique, so generating the same event
 * again is a no-op: each event reaches each person once. emailed_at is claimed before sending, so each
 * notification is e-mailed at most once.
 */
export const notifications = pgTable(
  "notifications",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    /** The member it is for. */
    userId: uuid("user_id").notNull(),
    kind: text("kind").$type<NotificationKind>().notNull(),
    /** The event's identity, e.g. "follow-up:<task id>"; one notification per key and person. */
    dedupeKey: text("dedupe_key").notNull(),
    params: jsonb("params").$type<NotificationParams>().notNull(),
    /** The page to open, inside the app (always a path starting with "/"). */
    href: text("href").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique("notifications_org_user_dedupe_key").on(t.orgId, t.userId, t.dedupeKey),
    foreignKey({ name: "notifications_member_fkey", columns: [t.orgId, t.userId], foreignColumns: [memberships.orgId, memberships.userId] }),
    index("notifications_org_user_created_idx").on(t.orgId, t.userId, t.createdAt),
  ],
);
