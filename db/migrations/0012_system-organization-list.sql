-- The one read across organizations: the periodic notifications run (server/services/notifications.ts) must
-- know which organizations exist. The app's login is not the tables' owner, and organizations has FORCE ROW
-- LEVEL SECURITY, so a plain select on its own connection sees none. This function, owned by the migration
-- role, returns the ids and nothing else; the app role may call it.
DO $$
BEGIN
  -- FORCE applies to the owner too: a non-superuser owner needs a policy to read the ids inside the function.
  EXECUTE format('CREATE POLICY system_organization_list ON organizations FOR SELECT TO %I USING (true)', current_user);
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION xs_system_organization_ids() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS
$$ SELECT id FROM public.organizations ORDER BY created_at, id $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION xs_system_organization_ids() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION xs_system_organization_ids() TO xieshang_app;
