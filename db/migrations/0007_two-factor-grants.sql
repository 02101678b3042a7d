-- Recovery codes are global (per person), like users: the app role reads and marks them, never deletes.
GRANT SELECT, INSERT, UPDATE ON recovery_codes TO xieshang_app;
--> statement-breakpoint
-- Only the person's own codes are visible (app.user_id is set for their transaction).
ALTER TABLE recovery_codes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE recovery_codes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY own_codes ON recovery_codes FOR ALL TO xieshang_app USING (user_id = xs_current_user()) WITH CHECK (user_id = xs_current_user());
