import { foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import type { NotificationKind, NotificationParams } from "@/server/domain/vocabulary";
import { clients } from "./clients";
import { memberships, organizations } from "./tenancy";

export { NOTIFICATION_KINDS } from "@/server/domain/vocabulary";
export type { NotificationKind, NotificationParams } from "@/server/domain/vocabulary";

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
    /** The client it is about, so erasing the client can erase the words too (PIPL); null for none. */
    clientId: uuid("client_id"),
    kind: text("kind").$type<NotificationKind>().notNull(),
    /** The event's identity, e.g. "follow-up:<task id>"; one notification per key and person. */
    dedupeKey: text("dedupe_key").notNull(),
    params: jsonb("params").$type<NotificationParams>().notNull(),
    /** The page to open, inside the app (always a path starting with "/"). */
    href: text("href").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
    /** What it asked for is done (a lender's document request resolved): shown as done, counted as read. */
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique("notifications_org_user_dedupe_key").on(t.orgId, t.userId, t.dedupeKey),
    foreignKey({
      name: "notifications_member_fkey",
      columns: [t.orgId, t.userId],
      foreignColumns: [memberships.orgId, memberships.userId],
    }),
    foreignKey({ name: "notifications_client_fkey", columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }),
    index("notifications_org_user_created_idx").on(t.orgId, t.userId, t.createdAt),
    index("notifications_org_client_idx").on(t.orgId, t.clientId),
  ],
);
