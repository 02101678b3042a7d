-- Issue 16: a second outcome counter per chain, moved by every write that moves outcome_seq except payments
-- and case moves (services/audit.ts FACTS_KEPT), so the proposal and agreement figures are kept through
-- those writes. It starts equal to outcome_seq (any stored summary is then for a sequence that still holds).
ALTER TABLE "org_counters" ADD COLUMN "facts_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "org_counters" SET "facts_seq" = "outcome_seq";
