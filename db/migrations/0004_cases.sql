CREATE TABLE "agreements" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"response_id" uuid NOT NULL,
	"terms" jsonb NOT NULL,
	"art70" jsonb,
	"evidence_document_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"agreed_on" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "agreements_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "agreements_org_case_id_key" UNIQUE("org_id","case_id","id"),
	CONSTRAINT "agreements_org_response_key" UNIQUE("org_id","response_id")
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid NOT NULL,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_events_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"debt_id" uuid NOT NULL,
	"status" text DEFAULT 'intake' NOT NULL,
	"contact_hours" jsonb,
	"opened_by" uuid NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"contact_seq" integer DEFAULT 0 NOT NULL,
	"contact_head" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "cases_org_client_id_key" UNIQUE("org_id","client_id","id")
);
--> statement-breakpoint
CREATE TABLE "contact_entries" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"direction" text NOT NULL,
	"party" text NOT NULL,
	"connected" boolean,
	"third_party_contacted" boolean,
	"summary" text NOT NULL,
	"corrects_entry_id" uuid,
	"attachment_document_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"conduct_flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"prev_hash" text,
	"hash" text NOT NULL,
	CONSTRAINT "contact_entries_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "contact_entries_org_case_seq_key" UNIQUE("org_id","case_id","seq")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"case_id" uuid,
	"kind" text NOT NULL,
	"filename" text NOT NULL,
	"mime" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"requested" boolean DEFAULT false NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documents_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "instalments" (
	"org_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"due_date" date NOT NULL,
	"amount_fen" bigint NOT NULL,
	"principal_fen" bigint NOT NULL,
	"interest_fen" bigint NOT NULL,
	CONSTRAINT "instalments_org_id_agreement_id_seq_pk" PRIMARY KEY("org_id","agreement_id","seq")
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"paid_on" date NOT NULL,
	"method" text NOT NULL,
	"receipt_document_id" uuid,
	"note" text,
	"reported_by" uuid NOT NULL,
	"reported_by_role" text NOT NULL,
	"status" text NOT NULL,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "payments_org_idempotency_key" UNIQUE("org_id","idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "proposal_responses" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text,
	"terms" jsonb,
	"documents_requested" jsonb,
	"note" text,
	"received_on" date NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_responses_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "proposal_responses_org_case_id_key" UNIQUE("org_id","case_id","id")
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"terms" jsonb NOT NULL,
	"channel" text NOT NULL,
	"valid_until" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" uuid NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposals_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "proposals_org_case_id_key" UNIQUE("org_id","case_id","id"),
	CONSTRAINT "proposals_org_case_seq_key" UNIQUE("org_id","case_id","seq")
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"to_name" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"outcome" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "referrals_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text,
	"proposal_id" uuid,
	"assigned_to" uuid,
	"due_on" date NOT NULL,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tasks_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_proposal_fkey" FOREIGN KEY ("org_id","case_id","proposal_id") REFERENCES "public"."proposals"("org_id","case_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_response_fkey" FOREIGN KEY ("org_id","case_id","response_id") REFERENCES "public"."proposal_responses"("org_id","case_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_fkey" FOREIGN KEY ("org_id","case_id") REFERENCES "public"."cases"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_client_fkey" FOREIGN KEY ("org_id","client_id") REFERENCES "public"."clients"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_debt_fkey" FOREIGN KEY ("org_id","debt_id") REFERENCES "public"."debts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_entries" ADD CONSTRAINT "contact_entries_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_entries" ADD CONSTRAINT "contact_entries_case_fkey" FOREIGN KEY ("org_id","case_id") REFERENCES "public"."cases"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_entries" ADD CONSTRAINT "contact_entries_corrects_fkey" FOREIGN KEY ("org_id","corrects_entry_id") REFERENCES "public"."contact_entries"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_client_fkey" FOREIGN KEY ("org_id","client_id") REFERENCES "public"."clients"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_case_fkey" FOREIGN KEY ("org_id","client_id","case_id") REFERENCES "public"."cases"("org_id","client_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instalments" ADD CONSTRAINT "instalments_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instalments" ADD CONSTRAINT "instalments_agreement_fkey" FOREIGN KEY ("org_id","agreement_id") REFERENCES "public"."agreements"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_agreement_fkey" FOREIGN KEY ("org_id","case_id","agreement_id") REFERENCES "public"."agreements"("org_id","case_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_receipt_fkey" FOREIGN KEY ("org_id","receipt_document_id") REFERENCES "public"."documents"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_responses" ADD CONSTRAINT "proposal_responses_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_responses" ADD CONSTRAINT "proposal_responses_proposal_fkey" FOREIGN KEY ("org_id","case_id","proposal_id") REFERENCES "public"."proposals"("org_id","case_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_case_fkey" FOREIGN KEY ("org_id","case_id") REFERENCES "public"."cases"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_case_fkey" FOREIGN KEY ("org_id","case_id") REFERENCES "public"."cases"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_case_fkey" FOREIGN KEY ("org_id","case_id") REFERENCES "public"."cases"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreements_org_case_idx" ON "agreements" USING btree ("org_id","case_id","status");--> statement-breakpoint
CREATE INDEX "case_events_org_case_idx" ON "case_events" USING btree ("org_id","case_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_org_debt_open_key" ON "cases" USING btree ("org_id","debt_id") WHERE status <> 'closed';--> statement-breakpoint
CREATE INDEX "cases_org_client_idx" ON "cases" USING btree ("org_id","client_id","opened_at");--> statement-breakpoint
CREATE INDEX "cases_org_status_idx" ON "cases" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "documents_org_client_idx" ON "documents" USING btree ("org_id","client_id","created_at");--> statement-breakpoint
CREATE INDEX "documents_org_case_idx" ON "documents" USING btree ("org_id","case_id");--> statement-breakpoint
CREATE INDEX "instalments_org_due_idx" ON "instalments" USING btree ("org_id","due_date");--> statement-breakpoint
CREATE INDEX "payments_org_agreement_idx" ON "payments" USING btree ("org_id","agreement_id","paid_on");--> statement-breakpoint
CREATE INDEX "payments_org_status_idx" ON "payments" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "proposal_responses_org_case_idx" ON "proposal_responses" USING btree ("org_id","case_id","recorded_at");--> statement-breakpoint
CREATE INDEX "proposals_org_status_idx" ON "proposals" USING btree ("org_id","status","valid_until");--> statement-breakpoint
CREATE INDEX "referrals_org_case_idx" ON "referrals" USING btree ("org_id","case_id");--> statement-breakpoint
CREATE INDEX "tasks_org_assignee_idx" ON "tasks" USING btree ("org_id","assigned_to","done_at","due_on");--> statement-breakpoint
CREATE INDEX "tasks_org_case_idx" ON "tasks" USING btree ("org_id","case_id");