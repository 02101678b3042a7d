CREATE TABLE "case_status_days" (
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"status" text NOT NULL,
	"delta" integer NOT NULL,
	CONSTRAINT "case_status_days_org_id_day_status_pk" PRIMARY KEY("org_id","day","status")
);
--> statement-breakpoint
ALTER TABLE "case_status_days" ADD CONSTRAINT "case_status_days_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Decision 020: the cases in each status at the end of each Beijing day, maintained by the database from
-- case_events. A case is in the status of its last event (by at, then id); inserting an event X between its
-- case's events P (before it) and N (after it) moves the case from P's status to X's on X's day, and from X's
-- back to P's on N's day (N's own move then starts from X); deleting it undoes exactly that. The trigger runs
-- BEFORE each row, so the statements it issues see the rows its statement has already handled and not the
-- current one: a COPY or a multi-row insert or delete is applied one event at a time, in any order.
CREATE OR REPLACE FUNCTION xs_case_status_days() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public AS
$fn$
DECLARE
  ev record;
  sign integer;
  p text;
  n_at timestamptz;
  d date;
  nd date;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF (NEW.org_id, NEW.case_id, NEW.id, NEW.at, NEW.to_status) IS DISTINCT FROM (OLD.org_id, OLD.case_id, OLD.id, OLD.at, OLD.to_status) THEN
      RAISE EXCEPTION 'case_events: a recorded move is not changed (insert a new event instead)';
    END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'INSERT' THEN ev := NEW; sign := 1; ELSE ev := OLD; sign := -1; END IF;
  SELECT e.to_status INTO p FROM public.case_events e
    WHERE e.org_id = ev.org_id AND e.case_id = ev.case_id AND (e.at, e.id) < (ev.at, ev.id)
    ORDER BY e.at DESC, e.id DESC LIMIT 1;
  SELECT e.at INTO n_at FROM public.case_events e
    WHERE e.org_id = ev.org_id AND e.case_id = ev.case_id AND (e.at, e.id) > (ev.at, ev.id)
    ORDER BY e.at, e.id LIMIT 1;
  d := (ev.at AT TIME ZONE 'Asia/Shanghai')::date;
  nd := (n_at AT TIME ZONE 'Asia/Shanghai')::date;
  -- One statement, rows in (day, status) order: two transactions lock the rows they share in the same order.
  INSERT INTO public.case_status_days AS t (org_id, day, status, delta)
    SELECT ev.org_id, x.day, x.status, sum(x.delta)::integer
    FROM (VALUES (d, ev.to_status, sign), (d, p, -sign), (nd, ev.to_status, -sign), (nd, p, sign)) AS x(day, status, delta)
    WHERE x.day IS NOT NULL AND x.status IS NOT NULL
    GROUP BY x.day, x.status
    HAVING sum(x.delta) <> 0
    ORDER BY x.day, x.status
  ON CONFLICT (org_id, day, status) DO UPDATE SET delta = t.delta + excluded.delta;
  DELETE FROM public.case_status_days t WHERE t.org_id = ev.org_id AND t.day IN (d, nd) AND t.delta = 0;
  IF TG_OP = 'INSERT' THEN RETURN NEW; END IF;
  RETURN OLD;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER case_status_days BEFORE INSERT OR UPDATE OR DELETE ON "case_events" FOR EACH ROW EXECUTE FUNCTION xs_case_status_days();
--> statement-breakpoint
-- The existing events, all at once (each case's moves in order).
INSERT INTO "case_status_days" (org_id, day, status, delta)
SELECT x.org_id, x.day, x.status, sum(x.delta)::integer FROM (
  SELECT e.org_id, (e.at AT TIME ZONE 'Asia/Shanghai')::date AS day, e.to_status AS status, 1 AS delta,
    lag(e.to_status) OVER (PARTITION BY e.org_id, e.case_id ORDER BY e.at, e.id) AS prev
  FROM "case_events" e
) y CROSS JOIN LATERAL (VALUES (y.org_id, y.day, y.status, 1), (y.org_id, y.day, y.prev, -1)) AS x(org_id, day, status, delta)
WHERE x.status IS NOT NULL
GROUP BY x.org_id, x.day, x.status
HAVING sum(x.delta) <> 0;
--> statement-breakpoint
SELECT xs_tenant_table('case_status_days');
--> statement-breakpoint
-- The sample removal (xs_remove_sample_clients, 0029) deletes case_events as the owner: its trigger then
-- writes here under the owner's policy.
DO $$
BEGIN
  EXECUTE format($p$CREATE POLICY sample_removal ON case_status_days FOR ALL TO %I USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)$p$, current_user);
END
$$;
