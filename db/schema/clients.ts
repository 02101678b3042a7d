import { boolean, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { memberships, organizations } from "./tenancy";
import type { HardshipReason } from "@/server/domain/vocabulary";

export { HARDSHIP_REASONS, EMPLOYMENT_KINDS } from "@/server/domain/vocabulary";
export type { HardshipReason } from "@/server/domain/vocabulary";

/** A person in debt whom the organization counsels. `user_id` links their portal login, once invited. */
export const clients = pgTable(
  "clients",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().defaultRandom(),
    userId: uuid("user_id"),
    fullName: text("full_name").notNull(),
    /** AES-256-GCM ciphertext (server/crypto.ts); never selected into lists. */
    phoneEnc: text("phone_enc"),
    /** HMAC of the normalised phone number, so staff can search by the exact number without decrypting. */
    phoneHash: text("phone_hash"),
    phoneLast4: text("phone_last4"),
    nationalIdEnc: text("national_id_enc"),
    /** e.g. 110101********1234 — what every list and most roles see. */
    nationalIdMasked: text("national_id_masked"),
    city: text("city"),
    householdSize: integer("household_size"),
    dependents: integer("dependents"),
    employment: text("employment"),
    hardshipReason: text("hardship_reason").$type<HardshipReason>(),
    hardshipNarrative: text("hardship_narrative"),
    /** PIPL: when the client consented to processing, and to which text version. */
    consentAt: timestamp("consent_at", { withTimezone: true }),
    consentVersion: text("consent_version"),
    assignedCounselorId: uuid("assigned_counselor_id"),
    status: text("status").$type<"active" | "closed" | "erased">().notNull().default("active"),
    /** A sample client an admin loaded to try the product ("try with sample data"); removed with all it touched (decision 019). */
    sample: boolean("sample").notNull().default(false),
    /** Optimistic concurrency: every update checks and bumps it. */
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique("clients_org_user_key").on(t.orgId, t.userId),
    foreignKey({
      name: "clients_counselor_fkey",
      columns: [t.orgId, t.assignedCounselorId],
      foreignColumns: [memberships.orgId, memberships.userId],
    }),
    foreignKey({
      name: "clients_user_fkey",
      columns: [t.orgId, t.userId],
      foreignColumns: [memberships.orgId, memberships.userId],
    }),
    index("clients_org_counselor_idx").on(t.orgId, t.assignedCounselorId, t.createdAt),
    index("clients_org_phone_idx").on(t.orgId, t.phoneHash),
    index("clients_org_name_idx").on(t.orgId, t.fullName),
  ],
);
