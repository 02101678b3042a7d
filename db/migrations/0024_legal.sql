CREATE TABLE "lawsuit_hearings" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"lawsuit_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"place" text,
	"note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lawsuit_hearings_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "lawsuits" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"court_name" text NOT NULL,
	"case_number" text,
	"plaintiff" text NOT NULL,
	"served_on" date,
	"answer_due_on" date,
	"answer_due_estimated" boolean DEFAULT false NOT NULL,
	"answer_filed_on" date,
	"outcome" text,
	"outcome_on" date,
	"appeal_due_on" date,
	"principal_fen" bigint,
	"interest_fen" bigint,
	"penalty_fen" bigint,
	"fees_fen" bigint,
	"costs_fen" bigint,
	"perform_by_on" date,
	"enforcement_case_number" text,
	"enforcement_status" text,
	"enforcement_on" date,
	"note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "lawsuits_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "lawsuits_org_case_id_key" UNIQUE("org_id","case_id","id"),
	CONSTRAINT "lawsuits_answer_check" CHECK (answer_due_on is null or served_on is not null),
	CONSTRAINT "lawsuits_outcome_check" CHECK ((outcome is null) = (outcome_on is null))
);
--> statement-breakpoint
CREATE TABLE "mediation_bodies" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"region" text,
	"phone" text,
	"notes" text,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "mediation_bodies_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "mediation_bodies_org_name_key" UNIQUE("org_id","name")
);
--> statement-breakpoint
CREATE TABLE "mediation_sessions" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"mediation_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"participants" text NOT NULL,
	"note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mediation_sessions_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "mediations" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"pre_suit" boolean DEFAULT false NOT NULL,
	"case_number" text,
	"started_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"ended_on" date,
	"agreement_id" uuid,
	"confirmation_due_on" date,
	"judicially_confirmed" boolean DEFAULT false NOT NULL,
	"confirmed_on" date,
	"confirmation_case_number" text,
	"note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "mediations_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "mediations_org_case_id_key" UNIQUE("org_id","case_id","id"),
	CONSTRAINT "mediations_agreed_check" CHECK ((status = 'agreed') = (agreement_id is not null)),
	CONSTRAINT "mediations_confirmed_check" CHECK (judicially_confirmed = (confirmed_on is not null))
);
--> statement-breakpoint
ALTER TABLE "agreements" ALTER COLUMN "proposal_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "source" text DEFAULT 'negotiation' NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "mediation_body_id" uuid;--> statement-breakpoint
ALTER TABLE "lawsuit_hearings" ADD CONSTRAINT "lawsuit_hearings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lawsuit_hearings" ADD CONSTRAINT "lawsuit_hearings_lawsuit_fkey" FOREIGN KEY ("org_id","case_id","lawsuit_id") REFERENCES "public"."lawsuits"("org_id","case_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lawsuits" ADD CONSTRAINT "lawsuits_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lawsuits" ADD CONSTRAINT "lawsuits_case_fkey" FOREIGN KEY ("org_id","client_id","case_id") REFERENCES "public"."cases"("org_id","client_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_bodies" ADD CONSTRAINT "mediation_bodies_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_sessions" ADD CONSTRAINT "mediation_sessions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediation_sessions" ADD CONSTRAINT "mediation_sessions_mediation_fkey" FOREIGN KEY ("org_id","case_id","mediation_id") REFERENCES "public"."mediations"("org_id","case_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediations" ADD CONSTRAINT "mediations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediations" ADD CONSTRAINT "mediations_case_fkey" FOREIGN KEY ("org_id","client_id","case_id") REFERENCES "public"."cases"("org_id","client_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediations" ADD CONSTRAINT "mediations_body_fkey" FOREIGN KEY ("org_id","body_id") REFERENCES "public"."mediation_bodies"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mediations" ADD CONSTRAINT "mediations_agreement_fkey" FOREIGN KEY ("org_id","case_id","agreement_id") REFERENCES "public"."agreements"("org_id","case_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lawsuit_hearings_org_lawsuit_idx" ON "lawsuit_hearings" USING btree ("org_id","lawsuit_id","at");--> statement-breakpoint
CREATE INDEX "lawsuit_hearings_org_at_idx" ON "lawsuit_hearings" USING btree ("org_id","at");--> statement-breakpoint
CREATE INDEX "lawsuits_org_case_idx" ON "lawsuits" USING btree ("org_id","case_id");--> statement-breakpoint
CREATE INDEX "lawsuits_org_client_idx" ON "lawsuits" USING btree ("org_id","client_id");--> statement-breakpoint
CREATE INDEX "lawsuits_org_answer_due_idx" ON "lawsuits" USING btree ("org_id","answer_due_on");--> statement-breakpoint
CREATE INDEX "mediation_sessions_org_mediation_idx" ON "mediation_sessions" USING btree ("org_id","mediation_id","held_on");--> statement-breakpoint
CREATE INDEX "mediations_org_case_idx" ON "mediations" USING btree ("org_id","case_id");--> statement-breakpoint
CREATE INDEX "mediations_org_client_idx" ON "mediations" USING btree ("org_id","client_id");--> statement-breakpoint
CREATE INDEX "mediations_org_body_idx" ON "mediations" USING btree ("org_id","body_id");--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_source_check" CHECK ((source = 'negotiation') = (proposal_id is not null));--> statement-breakpoint
-- Hand-written: a referral to a mediation body points at the directory (cases.ts cannot import legal.ts).
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_mediation_body_fkey" FOREIGN KEY ("org_id","mediation_body_id") REFERENCES "public"."mediation_bodies"("org_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
-- Row-level security on the new tenant tables, the policy of 0019 (a column compared with the setting).
SELECT xs_tenant_table('lawsuits');
--> statement-breakpoint
SELECT xs_tenant_table('lawsuit_hearings');
--> statement-breakpoint
SELECT xs_tenant_table('mediation_bodies');
--> statement-breakpoint
SELECT xs_tenant_table('mediations');
--> statement-breakpoint
SELECT xs_tenant_table('mediation_sessions');
