CREATE TABLE "complaints" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"subject" text NOT NULL,
	"details" text NOT NULL,
	"reference" text,
	"filed_by" text NOT NULL,
	"filed_on" date NOT NULL,
	"contact_entry_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"proposal_id" uuid,
	"rule_id" text NOT NULL,
	"extensions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"due_on" date NOT NULL,
	"due_estimated" boolean DEFAULT false NOT NULL,
	"answered_on" date,
	"outcome" text,
	"answer" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "complaints_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_case_fkey" FOREIGN KEY ("org_id","client_id","case_id") REFERENCES "public"."cases"("org_id","client_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_proposal_fkey" FOREIGN KEY ("org_id","case_id","proposal_id") REFERENCES "public"."proposals"("org_id","case_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaints_org_case_idx" ON "complaints" USING btree ("org_id","case_id","filed_on");--> statement-breakpoint
CREATE INDEX "complaints_org_due_idx" ON "complaints" USING btree ("org_id","due_on") WHERE answered_on is null;--> statement-breakpoint
CREATE INDEX "complaints_org_client_idx" ON "complaints" USING btree ("org_id","client_id");--> statement-breakpoint
-- Row-level security for complaints (see 0019_scale-out.sql for xs_tenant_table).
SELECT xs_tenant_table('complaints');
--> statement-breakpoint
-- A complaint is extended and answered (updated), never deleted.
REVOKE DELETE ON complaints FROM xieshang_app;
