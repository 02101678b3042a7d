-- Row-level security for notifications (issue 5); see 0001_rls.sql for xs_tenant_table.
SELECT xs_tenant_table('notifications');
--> statement-breakpoint
-- A notification is marked read or e-mailed, never deleted by the app.
REVOKE DELETE ON notifications FROM xieshang_app;
