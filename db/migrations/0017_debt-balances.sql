CREATE TABLE "debt_balances" (
	"org_id" uuid NOT NULL,
	"debt_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"base_fen" bigint NOT NULL,
	"as_of" date NOT NULL,
	"daily_growth_fen" bigint NOT NULL,
	"figures_fen" bigint NOT NULL,
	"overdue_since" date,
	"agreement_id" uuid,
	"agreed_total_fen" bigint,
	"paid_fen" bigint NOT NULL,
	"pending_fen" bigint NOT NULL,
	"waived_fen" bigint NOT NULL,
	"relief_fen" bigint NOT NULL,
	"before_agreement_fen" bigint,
	"next_instalment_fen" bigint,
	"next_due_on" date,
	"instalments_left" integer,
	"monthly_fen" bigint,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "debt_balances_org_id_debt_id_pk" PRIMARY KEY("org_id","debt_id")
);
--> statement-breakpoint
ALTER TABLE "debts" ADD COLUMN "figures_recorded_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "debt_balances" ADD CONSTRAINT "debt_balances_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debt_balances" ADD CONSTRAINT "debt_balances_debt_fkey" FOREIGN KEY ("org_id","debt_id") REFERENCES "public"."debts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debt_balances" ADD CONSTRAINT "debt_balances_client_fkey" FOREIGN KEY ("org_id","client_id") REFERENCES "public"."clients"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "debt_balances" ADD CONSTRAINT "debt_balances_agreement_fkey" FOREIGN KEY ("org_id","agreement_id") REFERENCES "public"."agreements"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "debt_balances_org_client_idx" ON "debt_balances" USING btree ("org_id","client_id");--> statement-breakpoint
-- The figures of existing debts were last recorded when the row was last written.
UPDATE "debts" SET "figures_recorded_at" = "updated_at";
--> statement-breakpoint
-- Row-level security (see 0001_rls.sql for xs_tenant_table). The rows themselves are written at migrate time
-- by db/migrate.ts (backfillDebtBalances, through the same domain function as every later write).
SELECT xs_tenant_table('debt_balances');
