-- "Try with sample data" (decision 019) removes every row a sample client touched: the tables added after
-- 0023 are covered too, with the same owner policy as there (FORCE ROW LEVEL SECURITY applies to the owner).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['lawsuit_hearings','lawsuits','mediation_sessions','mediations','complaints','sign_offs',
    'authorisations','message_reads','messages','sms_messages','sms_consents'] LOOP
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
  -- Rows of the tracks added since 0023 (courts and mediation, complaints, authorisation and sign-off,
  -- messages and SMS), before the cases, agreements, proposals, documents and clients they point at.
  DELETE FROM public.lawsuit_hearings x WHERE x.org_id = o AND x.case_id = ANY (c);
  DELETE FROM public.lawsuits x WHERE x.org_id = o AND x.case_id = ANY (c);
  DELETE FROM public.mediation_sessions x WHERE x.org_id = o AND x.case_id = ANY (c);
  DELETE FROM public.mediations x WHERE x.org_id = o AND x.case_id = ANY (c);
  DELETE FROM public.complaints x WHERE x.org_id = o AND x.case_id = ANY (c);
  DELETE FROM public.sign_offs x WHERE x.org_id = o AND (x.case_id = ANY (c) OR x.client_id = ANY (s));
  DELETE FROM public.authorisations x WHERE x.org_id = o AND x.client_id = ANY (s);
  DELETE FROM public.message_reads x WHERE x.org_id = o AND x.client_id = ANY (s);
  DELETE FROM public.messages x WHERE x.org_id = o AND x.client_id = ANY (s);
  DELETE FROM public.sms_messages x WHERE x.org_id = o AND x.client_id = ANY (s);
  DELETE FROM public.sms_consents x WHERE x.org_id = o AND x.client_id = ANY (s);
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
