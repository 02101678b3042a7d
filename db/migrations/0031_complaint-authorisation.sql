-- A complaint the agency filed for the client names the authorisation (授权委托书) it was filed under; the
-- foreign key through (org_id, client_id) keeps it one of that client's own.
ALTER TABLE "authorisations" ADD CONSTRAINT "authorisations_org_client_id_key" UNIQUE("org_id","client_id","id");--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "authorisation_id" uuid;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_authorisation_fkey" FOREIGN KEY ("org_id","client_id","authorisation_id") REFERENCES "public"."authorisations"("org_id","client_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_authorisation_filer_check" CHECK (authorisation_id is null or filed_by = 'agency');
