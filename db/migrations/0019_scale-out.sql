CREATE TABLE "org_counters" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"audit_seq" bigint DEFAULT 0 NOT NULL,
	"audit_head" text,
	"outcome_seq" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_leases" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key_hash" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "org_counters" ADD CONSTRAINT "org_counters_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "login_attempts_key_at_idx" ON "login_attempts" USING btree ("key_hash","at");--> statement-breakpoint
-- Hand-written (issue 17, docs/decisions/009-citus-tenant-setup.md): the counters move to org_counters,
-- a tenant table (distributed by org_id on Citus), copied before row-level security applies to it.
INSERT INTO "org_counters" ("org_id", "audit_seq", "audit_head", "outcome_seq")
  SELECT "id", "audit_seq", "audit_head", "outcome_seq" FROM "organizations";--> statement-breakpoint
ALTER TABLE "organizations" DROP COLUMN "audit_seq";--> statement-breakpoint
ALTER TABLE "organizations" DROP COLUMN "audit_head";--> statement-breakpoint
ALTER TABLE "organizations" DROP COLUMN "outcome_seq";--> statement-breakpoint
-- Policies without a subquery and without a function of our own (Citus refuses a subquery in a policy on
-- a distributed or reference table, and a function reading a distributed table needs nested execution):
-- each compares a column with the transaction's setting directly. The settings are made with SET LOCAL
-- (db/client.ts), which Citus propagates to the workers.
CREATE OR REPLACE FUNCTION xs_tenant_table(t regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
  EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', t);
  EXECUTE format($p$CREATE POLICY tenant_isolation ON %s FOR ALL TO xieshang_app USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO xieshang_app', t);
END
$$;
--> statement-breakpoint
-- Only the policy is replaced on the existing tenant tables: their grants stay as the earlier migrations
-- left them (append-only tables had UPDATE or DELETE revoked).
DO $$
DECLARE t regclass;
BEGIN
  FOR t IN SELECT p.polrelid::regclass FROM pg_policy p WHERE p.polname = 'tenant_isolation' AND p.polrelid <> 'organizations'::regclass LOOP
    EXECUTE format('DROP POLICY tenant_isolation ON %s', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %s FOR ALL TO xieshang_app USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t);
  END LOOP;
END
$$;
--> statement-breakpoint
SELECT xs_tenant_table('org_counters');
--> statement-breakpoint
-- The counters are bumped, never deleted.
REVOKE DELETE ON org_counters FROM xieshang_app;
--> statement-breakpoint
DROP POLICY own_memberships ON memberships;
--> statement-breakpoint
CREATE POLICY own_memberships ON memberships FOR SELECT TO xieshang_app USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid);
--> statement-breakpoint
DROP POLICY own_codes ON recovery_codes;
--> statement-breakpoint
CREATE POLICY own_codes ON recovery_codes FOR ALL TO xieshang_app
  USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid)
  WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);
--> statement-breakpoint
DROP POLICY tenant_isolation ON organizations;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON organizations FOR ALL TO xieshang_app
  USING (id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (id = nullif(current_setting('app.org_id', true), '')::uuid);
--> statement-breakpoint
-- Was a subquery on memberships. The app reads the person's own memberships first (own_memberships) and
-- sets app.member_orgs to those organizations in the same transaction (server/services/membership.ts).
DROP POLICY member_orgs ON organizations;
--> statement-breakpoint
CREATE POLICY member_orgs ON organizations FOR SELECT TO xieshang_app
  USING (id = ANY (string_to_array(current_setting('app.member_orgs', true), ',')::uuid[]));
--> statement-breakpoint
-- Was one statement setting the role and the person itself (set_config, which Citus does not propagate);
-- the membership read is now plain queries in a withUser transaction (server/services/membership.ts).
DROP FUNCTION IF EXISTS xs_active_memberships(uuid);
--> statement-breakpoint
DROP FUNCTION IF EXISTS xs_current_org();
--> statement-breakpoint
DROP FUNCTION IF EXISTS xs_current_user();
--> statement-breakpoint
-- Shared state of the app servers (not tenant data, no row-level security; db/schema/shared-state.ts).
GRANT SELECT, INSERT, UPDATE, DELETE ON login_attempts, job_leases TO xieshang_app;
