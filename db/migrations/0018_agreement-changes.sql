ALTER TABLE "agreements" ALTER COLUMN "response_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "replaces_agreement_id" uuid;--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "remaining_before_fen" bigint;--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "ended_on" date;--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "end_reason" text;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_replaces_fkey" FOREIGN KEY ("org_id","case_id","replaces_agreement_id") REFERENCES "public"."agreements"("org_id","case_id","id") ON DELETE no action ON UPDATE no action;