ALTER TABLE "clients" ADD COLUMN "sample" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- "Try with sample data" (decision 019): an admin removes the sample clients in one action, with every row
-- they touched. Several of those tables are append-only for the app role (no DELETE), so the removal is this
-- one function, owned by the migration role: it deletes only rows of the current organization's clients
-- marked `sample`, and returns how many clients went. The audit log stays (append-only, hash-chained).
-- FORCE ROW LEVEL SECURITY applies to a non-superuser owner too, so the owner gets a policy on each table
-- it deletes from, scoped like the app's (current_setting compared directly).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['notifications','debt_balances','payments','instalments','document_requests','agreements',
    'proposal_responses','tasks','proposals','contact_entries','case_events','referrals','documents','cases',
    'debt_cash_flows','plan_versions','plans','budgets','invitations','debts','clients','memberships'] LOOP
    EXECUTE format($p$CREATE POLICY sample_removal ON %I FOR ALL TO %I USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, t, current_user);
  END LOOP;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION xs_remove_sample_clients() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS
$fn$
DECLARE
  o uuid := nullif(current_setting('app.org_id', true), '')::uuid;
  s uuid[]; c uuid[]; d uuid[]; a uuid[]; p uuid[]; u uuid[];
BEGIN
  IF o IS NULL THEN RAISE EXCEPTION 'app.org_id is not set'; END IF;
  SELECT coalesce(array_agg(x.id), '{}'), coalesce(array_agg(x.user_id) FILTER (WHERE x.user_id IS NOT NULL), '{}')
    INTO s, u FROM public.clients x WHERE x.org_id = o AND x.sample;
  IF cardinality(s) = 0 THEN RETURN 0; END IF;
  SELECT coalesce(array_agg(x.id), '{}') INTO c FROM public.cases x WHERE x.org_id = o AND x.client_id = ANY (s);
  SELECT coalesce(array_agg(x.id), '{}') INTO d FROM public.debts x WHERE x.org_id = o AND x.client_id = ANY (s);
  SELECT coalesce(array_agg(x.id), '{}') INTO a FROM public.agreements x WHERE x.org_id = o AND x.case_id = ANY (c);
  SELECT coalesce(array_agg(x.id), '{}') INTO p FROM public.plans x WHERE x.org_id = o AND x.client_id = ANY (s);
  DELETE FROM public.notifications x WHERE x.org_id = o AND (x.client_id = ANY (s) OR x.user_id = ANY (u));
  DELETE FROM public.debt_balances x WHERE x.org_id = o AND x.client_id = ANY (s);
  DELETE FROM public.payments x WHERE x.org_id = o AND x.case_id = ANY (c);
  DELETE FROM public.instalments x WHERE x.org_id = o AND x.agreement_id = ANY (a);
  DELETE FROM public.document_requests x WHERE x.org_id = o AND (x.client_id = ANY (s) OR x.case_id = ANY (c));
  DELETE FROM public.agreements x WHERE x.org_id = o AND x.id = ANY (a);
  DELETE FROM public.proposal_responses x WHERE x.org_id = o AND x.case_id = ANY (c);
  DELETE FROM public.tasks x WHERE x.org_id = o AND x.case_id = ANY (c);
  DELETE FROM public.proposals x WHERE x.org_id = o AND x.case_id = ANY (c);
  DELETE FROM public.contact_entries x WHERE x.org_id = o AND x.case_id = ANY (c);
  DELETE FROM public.case_events x WHERE x.org_id = o AND x.case_id = ANY (c);
  DELETE FROM public.referrals x WHERE x.org_id = o AND x.case_id = ANY (c);
  DELETE FROM public.documents x WHERE x.org_id = o AND (x.client_id = ANY (s) OR x.case_id = ANY (c));
  DELETE FROM public.cases x WHERE x.org_id = o AND x.id = ANY (c);
  DELETE FROM public.debt_cash_flows x WHERE x.org_id = o AND x.debt_id = ANY (d);
  DELETE FROM public.debts x WHERE x.org_id = o AND x.id = ANY (d);
  DELETE FROM public.plan_versions x WHERE x.org_id = o AND x.plan_id = ANY (p);
  DELETE FROM public.plans x WHERE x.org_id = o AND x.id = ANY (p);
  DELETE FROM public.budgets x WHERE x.org_id = o AND x.client_id = ANY (s);
  DELETE FROM public.invitations x WHERE x.org_id = o AND x.client_id = ANY (s);
  DELETE FROM public.clients x WHERE x.org_id = o AND x.id = ANY (s);
  DELETE FROM public.memberships x WHERE x.org_id = o AND x.role = 'client' AND x.user_id = ANY (u);
  RETURN cardinality(s);
END
$fn$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION xs_remove_sample_clients() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION xs_remove_sample_clients() TO xieshang_app;
