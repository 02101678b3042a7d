-- Row-level security for the negotiation-case tables (issue 4); see 0001_rls.sql for xs_tenant_table.
SELECT xs_tenant_table('cases');
--> statement-breakpoint
SELECT xs_tenant_table('case_events');
--> statement-breakpoint
-- State changes are history: append-only.
REVOKE UPDATE, DELETE ON case_events FROM xieshang_app;
--> statement-breakpoint
SELECT xs_tenant_table('documents');
--> statement-breakpoint
SELECT xs_tenant_table('proposals');
--> statement-breakpoint
SELECT xs_tenant_table('proposal_responses');
--> statement-breakpoint
-- A lender's answer is a fact as recorded: append-only.
REVOKE UPDATE, DELETE ON proposal_responses FROM xieshang_app;
--> statement-breakpoint
SELECT xs_tenant_table('agreements');
--> statement-breakpoint
SELECT xs_tenant_table('instalments');
--> statement-breakpoint
-- An agreed schedule never changes after it is made.
REVOKE UPDATE, DELETE ON instalments FROM xieshang_app;
--> statement-breakpoint
SELECT xs_tenant_table('payments');
--> statement-breakpoint
-- A payment is confirmed (updated) but never deleted.
REVOKE DELETE ON payments FROM xieshang_app;
--> statement-breakpoint
SELECT xs_tenant_table('contact_entries');
--> statement-breakpoint
-- The contact log is append-only and hash-chained: no edit, no delete (a correction is a new entry).
REVOKE UPDATE, DELETE ON contact_entries FROM xieshang_app;
--> statement-breakpoint
SELECT xs_tenant_table('referrals');
--> statement-breakpoint
SELECT xs_tenant_table('tasks');
