CREATE TABLE "message_reads" (
	"org_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "message_reads_org_id_client_id_user_id_pk" PRIMARY KEY("org_id","client_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "message_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"quiet_start" text DEFAULT '22:00' NOT NULL,
	"quiet_end" text DEFAULT '08:00' NOT NULL,
	"sms_daily_cap" integer DEFAULT 3 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_settings_quiet_check" CHECK (quiet_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and quiet_end ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
	CONSTRAINT "message_settings_cap_check" CHECK (sms_daily_cap between 0 and 20)
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"author_user_id" uuid NOT NULL,
	"side" text NOT NULL,
	"body" text NOT NULL,
	"document_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "messages_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "messages_side_check" CHECK (side in ('client', 'staff')),
	CONSTRAINT "messages_body_check" CHECK (char_length(body) <= 2000 and (body <> '' or document_id is not null))
);
--> statement-breakpoint
CREATE TABLE "sms_consents" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"given" text NOT NULL,
	"wording" text NOT NULL,
	"wording_version" text,
	"via" text NOT NULL,
	"recorded_by" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sms_consents_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "sms_consents_given_check" CHECK (given in ('given', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "sms_messages" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"params" jsonb NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"not_before" timestamp with time zone DEFAULT now() NOT NULL,
	"provider" text,
	"provider_message_id" text,
	"phone_last4" text,
	"sent_on" date,
	"sent_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"detail" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sms_messages_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "sms_messages_org_dedupe_key" UNIQUE("org_id","dedupe_key")
);
--> statement-breakpoint
ALTER TABLE "message_reads" ADD CONSTRAINT "message_reads_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_reads" ADD CONSTRAINT "message_reads_client_fkey" FOREIGN KEY ("org_id","client_id") REFERENCES "public"."clients"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_reads" ADD CONSTRAINT "message_reads_member_fkey" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."memberships"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_settings" ADD CONSTRAINT "message_settings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_client_fkey" FOREIGN KEY ("org_id","client_id") REFERENCES "public"."clients"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_author_fkey" FOREIGN KEY ("org_id","author_user_id") REFERENCES "public"."memberships"("org_id","user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_document_fkey" FOREIGN KEY ("org_id","document_id") REFERENCES "public"."documents"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_consents" ADD CONSTRAINT "sms_consents_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_consents" ADD CONSTRAINT "sms_consents_client_fkey" FOREIGN KEY ("org_id","client_id") REFERENCES "public"."clients"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_client_fkey" FOREIGN KEY ("org_id","client_id") REFERENCES "public"."clients"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "messages_org_client_created_idx" ON "messages" USING btree ("org_id","client_id","created_at");--> statement-breakpoint
CREATE INDEX "sms_consents_org_client_at_idx" ON "sms_consents" USING btree ("org_id","client_id","at");--> statement-breakpoint
CREATE INDEX "sms_messages_org_state_idx" ON "sms_messages" USING btree ("org_id","state","not_before");--> statement-breakpoint
CREATE INDEX "sms_messages_org_client_sent_idx" ON "sms_messages" USING btree ("org_id","client_id","sent_on");--> statement-breakpoint
CREATE INDEX "sms_messages_org_provider_id_idx" ON "sms_messages" USING btree ("org_id","provider_message_id");--> statement-breakpoint
-- Row-level security for the threads, read pointers, settings, SMS consents and SMS (see 0019_scale-out.sql
-- for xs_tenant_table: the policy compares org_id with app.org_id directly).
SELECT xs_tenant_table('messages');
--> statement-breakpoint
SELECT xs_tenant_table('message_reads');
--> statement-breakpoint
SELECT xs_tenant_table('message_settings');
--> statement-breakpoint
SELECT xs_tenant_table('sms_consents');
--> statement-breakpoint
SELECT xs_tenant_table('sms_messages');
--> statement-breakpoint
-- A message is never edited or removed by the app (erasure replaces its words: UPDATE stays granted).
REVOKE DELETE ON messages FROM xieshang_app;
--> statement-breakpoint
-- Consent is a history: each act is a new row, none is changed or removed.
REVOKE UPDATE, DELETE ON sms_consents FROM xieshang_app;
--> statement-breakpoint
-- An SMS's state moves on; the row stays (the record of what was sent).
REVOKE DELETE ON sms_messages FROM xieshang_app;
