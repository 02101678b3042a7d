CREATE TABLE "authorisations" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"purposes" jsonb NOT NULL,
	"all_lenders" boolean NOT NULL,
	"lender_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"document_id" uuid NOT NULL,
	"document_sha256" text NOT NULL,
	"signed_document_id" uuid,
	"signed_sha256" text,
	"signed_at" timestamp with time zone,
	"signed_by" uuid,
	"signer_session" text,
	"signature_kind" text,
	"typed_name" text,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"revoke_reason" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "authorisations_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "authorisations_dates_check" CHECK (valid_from <= valid_to),
	CONSTRAINT "authorisations_state_check" CHECK ((status = 'draft' and signed_at is null and revoked_at is null)
        or (status = 'signed' and signed_at is not null and signed_document_id is not null and revoked_at is null)
        or (status = 'revoked' and revoked_at is not null))
);
--> statement-breakpoint
CREATE TABLE "consent_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"authorisation_required" boolean DEFAULT true NOT NULL,
	"sign_off_required" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_offs" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"proposal_id" uuid,
	"document_id" uuid,
	"lines" jsonb NOT NULL,
	"sha256" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"comment" text,
	"requested_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"responded_at" timestamp with time zone,
	"responded_by" uuid,
	CONSTRAINT "sign_offs_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "sign_offs_state_check" CHECK ((status = 'pending' and responded_at is null) or (status in ('confirmed', 'change-requested') and responded_at is not null))
);
--> statement-breakpoint
ALTER TABLE "authorisations" ADD CONSTRAINT "authorisations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorisations" ADD CONSTRAINT "authorisations_client_fkey" FOREIGN KEY ("org_id","client_id") REFERENCES "public"."clients"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorisations" ADD CONSTRAINT "authorisations_document_fkey" FOREIGN KEY ("org_id","document_id") REFERENCES "public"."documents"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorisations" ADD CONSTRAINT "authorisations_signed_document_fkey" FOREIGN KEY ("org_id","signed_document_id") REFERENCES "public"."documents"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_settings" ADD CONSTRAINT "consent_settings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_offs" ADD CONSTRAINT "sign_offs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_offs" ADD CONSTRAINT "sign_offs_case_fkey" FOREIGN KEY ("org_id","client_id","case_id") REFERENCES "public"."cases"("org_id","client_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_offs" ADD CONSTRAINT "sign_offs_proposal_fkey" FOREIGN KEY ("org_id","proposal_id") REFERENCES "public"."proposals"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_offs" ADD CONSTRAINT "sign_offs_document_fkey" FOREIGN KEY ("org_id","document_id") REFERENCES "public"."documents"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "authorisations_org_client_idx" ON "authorisations" USING btree ("org_id","client_id","created_at");--> statement-breakpoint
CREATE INDEX "sign_offs_org_client_idx" ON "sign_offs" USING btree ("org_id","client_id","created_at");--> statement-breakpoint
CREATE INDEX "sign_offs_org_case_idx" ON "sign_offs" USING btree ("org_id","case_id");--> statement-breakpoint
-- Row-level security for the three tables (xs_tenant_table: 0019_scale-out.sql; policies compare org_id
-- with the transaction's setting directly).
SELECT xs_tenant_table('authorisations');
--> statement-breakpoint
SELECT xs_tenant_table('sign_offs');
--> statement-breakpoint
SELECT xs_tenant_table('consent_settings');
--> statement-breakpoint
-- An authorisation is signed or revoked (updated), never deleted: its history is the client's record.
REVOKE DELETE ON authorisations FROM xieshang_app;
--> statement-breakpoint
REVOKE DELETE ON sign_offs FROM xieshang_app;
