ALTER TABLE "debt_cash_flows" ADD COLUMN "fee_kind" text;--> statement-breakpoint
ALTER TABLE "debts" ADD COLUMN "debt_kind" text DEFAULT 'loan' NOT NULL;--> statement-breakpoint
ALTER TABLE "debts" ADD COLUMN "secured" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "debts" ADD COLUMN "under_enforcement" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "debts" ADD COLUMN "first_notice_on" date;--> statement-breakpoint
ALTER TABLE "debts" ADD COLUMN "second_notice_on" date;--> statement-breakpoint
ALTER TABLE "debts" ADD COLUMN "priority_rank" integer;--> statement-breakpoint
ALTER TABLE "debts" ADD COLUMN "priority_reason" text;--> statement-breakpoint
ALTER TABLE "debts" ADD COLUMN "credit_reported_on" date;--> statement-breakpoint
ALTER TABLE "debts" ADD COLUMN "settled_on" date;--> statement-breakpoint
ALTER TABLE "debts" ADD COLUMN "credit_dispute_filed_on" date;