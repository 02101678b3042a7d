ALTER TABLE "invitations" ALTER COLUMN "email" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "email" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "phone_enc" text;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "phone_hash" text;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "phone_last4" text;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "token_enc" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "phone_hash" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "phone_enc" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "phone_last4" text;--> statement-breakpoint
CREATE INDEX "invitations_org_client_idx" ON "invitations" USING btree ("org_id","client_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_phone_hash_key" ON "users" USING btree ("phone_hash");--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_email_or_phone" CHECK ("invitations"."email" is not null or "invitations"."phone_hash" is not null);--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_email_or_phone" CHECK ("users"."email" is not null or "users"."phone_hash" is not null);--> statement-breakpoint
-- Hand-written: a pending client invitation without a client file would have created a second, empty
-- file on acceptance; acceptance now refuses it, so it is revoked here (the agency invites again from
-- the client file). Accepted invitations and their client files are left as they are.
UPDATE "invitations" SET "revoked_at" = now() WHERE "role" = 'client' AND "client_id" IS NULL AND "accepted_at" IS NULL AND "revoked_at" IS NULL;
