CREATE TABLE "budgets" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"effective_date" date NOT NULL,
	"incomes" jsonb NOT NULL,
	"expenses" jsonb NOT NULL,
	"dependents" integer DEFAULT 0 NOT NULL,
	"notes" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budgets_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "debt_cash_flows" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"debt_id" uuid NOT NULL,
	"flow_date" date NOT NULL,
	"amount_fen" bigint NOT NULL,
	"direction" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "debt_cash_flows_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "debts" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"lender_id" uuid NOT NULL,
	"contract_number" text,
	"loan_date" date,
	"received_fen" bigint,
	"original_principal_fen" bigint NOT NULL,
	"outstanding_principal_fen" bigint NOT NULL,
	"interest_fen" bigint DEFAULT 0 NOT NULL,
	"penalty_fen" bigint DEFAULT 0 NOT NULL,
	"fees_fen" bigint DEFAULT 0 NOT NULL,
	"rate_value" numeric NOT NULL,
	"rate_unit" text NOT NULL,
	"annual_rate_pct" numeric NOT NULL,
	"penalty_rate_value" numeric,
	"penalty_rate_unit" text,
	"penalty_annual_rate_pct" numeric,
	"term_months" integer,
	"overdue_since" date,
	"credit_reported" text DEFAULT 'unknown' NOT NULL,
	"collection_status" text DEFAULT 'none' NOT NULL,
	"notes" text,
	"archived_at" timestamp with time zone,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "debts_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "lenders" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"legal_name" text,
	"licence_type" text NOT NULL,
	"hotline" text,
	"notes" text,
	"builtin_key" text,
	"archived_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lenders_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "lenders_org_name_key" UNIQUE("org_id","name"),
	CONSTRAINT "lenders_org_builtin_key" UNIQUE("org_id","builtin_key")
);
--> statement-breakpoint
CREATE TABLE "plan_versions" (
	"org_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"scenarios" jsonb NOT NULL,
	"chosen_scenario" integer NOT NULL,
	"evaluation" jsonb,
	"budget_id" uuid,
	"saved_by" uuid,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_versions_org_id_plan_id_version_pk" PRIMARY KEY("org_id","plan_id","version")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"org_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"scenarios" jsonb NOT NULL,
	"chosen_scenario" integer DEFAULT 0 NOT NULL,
	"evaluation" jsonb,
	"budget_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"needs_review" boolean DEFAULT false NOT NULL,
	"needs_review_reason" text,
	"created_by" uuid,
	"saved_by" uuid,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_org_id_id_pk" PRIMARY KEY("org_id","id"),
	CONSTRAINT "plans_org_client_key" UNIQUE("org_id","client_id")
);
--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_client_fkey" FOREIGN KEY ("org_id","client_id") REFERENCES "public"."clients"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debt_cash_flows" ADD CONSTRAINT "debt_cash_flows_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debt_cash_flows" ADD CONSTRAINT "debt_cash_flows_debt_fkey" FOREIGN KEY ("org_id","debt_id") REFERENCES "public"."debts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debts" ADD CONSTRAINT "debts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debts" ADD CONSTRAINT "debts_client_fkey" FOREIGN KEY ("org_id","client_id") REFERENCES "public"."clients"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debts" ADD CONSTRAINT "debts_lender_fkey" FOREIGN KEY ("org_id","lender_id") REFERENCES "public"."lenders"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lenders" ADD CONSTRAINT "lenders_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_versions" ADD CONSTRAINT "plan_versions_plan_fkey" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."plans"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_client_fkey" FOREIGN KEY ("org_id","client_id") REFERENCES "public"."clients"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_budget_fkey" FOREIGN KEY ("org_id","budget_id") REFERENCES "public"."budgets"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "budgets_org_client_idx" ON "budgets" USING btree ("org_id","client_id","effective_date","created_at");--> statement-breakpoint
CREATE INDEX "debt_cash_flows_org_debt_idx" ON "debt_cash_flows" USING btree ("org_id","debt_id","flow_date");--> statement-breakpoint
CREATE INDEX "debts_org_client_idx" ON "debts" USING btree ("org_id","client_id","created_at");--> statement-breakpoint
CREATE INDEX "debts_org_lender_idx" ON "debts" USING btree ("org_id","lender_id");