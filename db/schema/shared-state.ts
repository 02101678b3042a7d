import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * State the app servers share instead of keeping it per process (docs/SCALING.md §1). Neither table
 * holds an organization's data and neither is joined with one: on Citus they stay plain tables on the
 * coordinator (tests/integration/citus-rules.test.ts lists them as such).
 */

/**
 * Login throttling (server/services/rate-limit.ts): one row per counted attempt, keyed by the sha256 of
 * the throttle key (an account-and-address pair, or an address), so no login name is stored here.
 */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    keyHash: text("key_hash").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("login_attempts_key_at_idx").on(t.keyHash, t.at)],
);

/**
 * Leases of the periodic jobs (server/services/job-lease.ts): the process named by `holder` runs the job
 * until `until`; another takes it over only after the lease has expired, so exactly one process runs it.
 */
export const jobLeases = pgTable("job_leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  until: timestamp("until", { withTimezone: true }).notNull(),
});
