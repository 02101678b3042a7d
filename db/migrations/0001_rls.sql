-- Row-level security for tenant tables (DESIGN.md §2, issue 6).
-- The app runs every transaction as `xieshang_app` (not owner, not superuser, no BYPASSRLS) with
-- `app.org_id` (and `app.user_id`) set by set_config(..., true); policies compare org_id to it.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'xieshang_app') THEN
    CREATE ROLE xieshang_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO xieshang_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION xs_current_org() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.org_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION xs_current_user() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION xs_current_org() TO xieshang_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION xs_current_user() TO xieshang_app;
--> statement-breakpoint
-- Every later migration that adds a tenant table calls this once for it.
CREATE OR REPLACE FUNCTION xs_tenant_table(t regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
  EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', t);
  EXECUTE format('CREATE POLICY tenant_isolation ON %s FOR ALL TO xieshang_app USING (org_id = xs_current_org()) WITH CHECK (org_id = xs_current_org())', t);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO xieshang_app', t);
END
$$;
--> statement-breakpoint
SELECT xs_tenant_table('memberships');
--> statement-breakpoint
SELECT xs_tenant_table('invitations');
--> statement-breakpoint
SELECT xs_tenant_table('audit_log');
--> statement-breakpoint
-- A person sees their own memberships in every organization (to list and switch them).
CREATE POLICY own_memberships ON memberships FOR SELECT TO xieshang_app USING (user_id = xs_current_user());
--> statement-breakpoint
-- The audit log is append-only for the app: no update, no delete.
REVOKE UPDATE, DELETE ON audit_log FROM xieshang_app;
--> statement-breakpoint
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE organizations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON organizations FOR ALL TO xieshang_app USING (id = xs_current_org()) WITH CHECK (id = xs_current_org());
--> statement-breakpoint
CREATE POLICY member_orgs ON organizations FOR SELECT TO xieshang_app
  USING (id IN (SELECT org_id FROM memberships WHERE user_id = xs_current_user() AND deactivated_at IS NULL));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON organizations TO xieshang_app;
--> statement-breakpoint
-- Users are global (one person, several organizations); not tenant-scoped.
GRANT SELECT, INSERT, UPDATE ON users TO xieshang_app;
--> statement-breakpoint
SELECT xs_tenant_table('clients');
