-- Issue 16 (docs/decisions/013-audit-chains.md): the audit trail of an organization becomes several hash
-- chains, one per bucket of subjects, so writes about different subjects no longer wait on one row lock.
-- The rows and counters from before stay as chain 0 (their hashes are unchanged); `n` orders the trail
-- across chains and comes from a sequence (no lock).
CREATE SEQUENCE "public"."audit_log_n_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
ALTER TABLE "org_counters" ADD COLUMN "chain" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "org_counters" DROP CONSTRAINT "org_counters_pkey";--> statement-breakpoint
ALTER TABLE "org_counters" ADD CONSTRAINT "org_counters_org_id_chain_pk" PRIMARY KEY("org_id","chain");--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "chain" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "n" bigint;--> statement-breakpoint
-- The existing rows in their chain's order (each organization's rows keep the order of their seq).
UPDATE "audit_log" AS a SET "n" = o.rn
  FROM (SELECT x."org_id", x."seq", row_number() OVER (ORDER BY x."at", x."org_id", x."seq") AS rn FROM "audit_log" x) AS o
  WHERE a."org_id" = o."org_id" AND a."seq" = o."seq";--> statement-breakpoint
SELECT setval('audit_log_n_seq', coalesce((SELECT max("n") FROM "audit_log"), 0) + 1, false);--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "n" SET DEFAULT nextval('audit_log_n_seq');--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "n" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_org_id_seq_pk";--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_org_id_chain_seq_pk" PRIMARY KEY("org_id","chain","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_org_n_idx" ON "audit_log" USING btree ("org_id","n");--> statement-breakpoint
GRANT USAGE ON SEQUENCE "audit_log_n_seq" TO xieshang_app;
