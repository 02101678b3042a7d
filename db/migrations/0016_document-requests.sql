CREATE TABLE "document_requests" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"response_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"requested_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolution" text,
	"resolved_by_document_id" uuid,
	"resolved_by" uuid,
	"note" text,
	CONSTRAINT "document_requests_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "document_requests_resolution_check" CHECK ((resolved_at is null and resolution is null and resolved_by is null and resolved_by_document_id is null)
        or (resolved_at is not null and resolved_by is not null and (
          (resolution in ('uploaded', 'on-file') and resolved_by_document_id is not null)
          or (resolution = 'not-needed' and resolved_by_document_id is null and note is not null))))
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "document_requests" ADD CONSTRAINT "document_requests_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_requests" ADD CONSTRAINT "document_requests_case_fkey" FOREIGN KEY ("org_id","client_id","case_id") REFERENCES "public"."cases"("org_id","client_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_requests" ADD CONSTRAINT "document_requests_response_fkey" FOREIGN KEY ("org_id","case_id","response_id") REFERENCES "public"."proposal_responses"("org_id","case_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_requests" ADD CONSTRAINT "document_requests_document_fkey" FOREIGN KEY ("org_id","resolved_by_document_id") REFERENCES "public"."documents"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "document_requests_org_case_kind_open_key" ON "document_requests" USING btree ("org_id","case_id","kind") WHERE resolved_at is null;--> statement-breakpoint
CREATE INDEX "document_requests_org_client_open_idx" ON "document_requests" USING btree ("org_id","client_id") WHERE resolved_at is null;--> statement-breakpoint
CREATE INDEX "document_requests_org_case_idx" ON "document_requests" USING btree ("org_id","case_id");--> statement-breakpoint
CREATE INDEX "document_requests_org_response_idx" ON "document_requests" USING btree ("org_id","response_id");--> statement-breakpoint
-- Backfill (hand-written; safe to run again): one request per kind of every documents-requested answer
-- recorded so far. A request counts as uploaded by the first document of its kind for the client, on the
-- case or client-level, made at or after the answer (the rule the agenda used until now); of the requests
-- still open, the earliest per case and kind is kept (a kind is asked of a case once at a time).
-- FORCE ROW LEVEL SECURITY applies to a table's owner too, and the policies are for the app role only: the
-- tables read and written here are unforced for this transaction and forced again below.
ALTER TABLE proposal_responses NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE cases NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE documents NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE notifications NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
WITH asked AS (
  SELECT DISTINCT r.org_id, r.case_id, c.client_id, r.id AS response_id, k.kind, r.received_on, r.recorded_at
  FROM proposal_responses r
  JOIN cases c ON c.org_id = r.org_id AND c.id = r.case_id
  CROSS JOIN LATERAL jsonb_array_elements_text(
    CASE WHEN jsonb_typeof(r.documents_requested) = 'array' THEN r.documents_requested ELSE '[]'::jsonb END
  ) AS k(kind)
  WHERE r.kind = 'documents-requested'
    AND NOT EXISTS (SELECT 1 FROM document_requests q WHERE q.org_id = r.org_id AND q.response_id = r.id)
),
matched AS (
  SELECT a.*, d.id AS document_id, d.created_at AS uploaded_at, d.uploaded_by
  FROM asked a
  LEFT JOIN LATERAL (
    SELECT d.id, d.created_at, d.uploaded_by FROM documents d
    WHERE d.org_id = a.org_id AND d.client_id = a.client_id AND (d.case_id = a.case_id OR d.case_id IS NULL)
      AND d.kind = a.kind AND d.created_at >= a.recorded_at
    ORDER BY d.created_at, d.id
    LIMIT 1
  ) d ON true
),
still_open AS (
  SELECT DISTINCT ON (m.org_id, m.case_id, m.kind) m.*
  FROM matched m
  WHERE m.document_id IS NULL
    AND NOT EXISTS (
      SELECT 1 FROM document_requests q
      WHERE q.org_id = m.org_id AND q.case_id = m.case_id AND q.kind = m.kind AND q.resolved_at IS NULL
    )
  ORDER BY m.org_id, m.case_id, m.kind, m.recorded_at, m.response_id
)
INSERT INTO document_requests
  (org_id, case_id, client_id, response_id, kind, requested_on, created_at, resolved_at, resolution, resolved_by_document_id, resolved_by)
SELECT org_id, case_id, client_id, response_id, kind, received_on, recorded_at, uploaded_at, 'uploaded', document_id, uploaded_by
FROM matched WHERE document_id IS NOT NULL
UNION ALL
SELECT org_id, case_id, client_id, response_id, kind, received_on, recorded_at, NULL, NULL, NULL, NULL
FROM still_open;
--> statement-breakpoint
-- A lender's answer told before this migration (keys "documents:<answer>" for staff, "client-documents:<answer>"
-- for the client) is done when none of its requests is still open.
UPDATE notifications n SET resolved_at = now(), read_at = coalesce(n.read_at, now())
WHERE n.resolved_at IS NULL
  AND n.kind IN ('documents-requested', 'client-documents-requested')
  AND NOT EXISTS (
    SELECT 1 FROM document_requests q
    WHERE q.org_id = n.org_id AND q.resolved_at IS NULL
      AND q.response_id::text = substring(n.dedupe_key from position(':' in n.dedupe_key) + 1)
  );
--> statement-breakpoint
ALTER TABLE proposal_responses FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE cases FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE documents FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Row-level security for the requests (see 0001_rls.sql for xs_tenant_table).
SELECT xs_tenant_table('document_requests');
--> statement-breakpoint
-- A request is resolved (updated), never deleted.
REVOKE DELETE ON document_requests FROM xieshang_app;
