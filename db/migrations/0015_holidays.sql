CREATE TABLE "holiday_days" (
	"date" date PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"is_off_day" boolean NOT NULL,
	CONSTRAINT "holiday_days_date_in_year" CHECK (extract(year from "holiday_days"."date")::int = "holiday_days"."year"),
	CONSTRAINT "holiday_days_make_up_on_weekend" CHECK ("holiday_days"."is_off_day" or extract(isodow from "holiday_days"."date") in (6, 7))
);
--> statement-breakpoint
CREATE TABLE "holiday_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"notice_date" date,
	"source" text NOT NULL,
	"papers" jsonb NOT NULL,
	"origin" text NOT NULL,
	"days_sha256" text NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "holiday_years_year_range" CHECK ("holiday_years"."year" between 2000 and 2100),
	CONSTRAINT "holiday_years_origin" CHECK ("holiday_years"."origin" in ('shipped', 'cli'))
);
--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "due_estimated" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "holiday_days" ADD CONSTRAINT "holiday_days_year_fkey" FOREIGN KEY ("year") REFERENCES "public"."holiday_years"("year") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "holiday_days_year_idx" ON "holiday_days" USING btree ("year");--> statement-breakpoint
-- Global tables (docs/SCALING.md): the holiday arrangement is public and the same for every
-- organization, so no row-level security; the app only reads it (the loader runs as the owner).
GRANT SELECT ON holiday_years, holiday_days TO xieshang_app;
