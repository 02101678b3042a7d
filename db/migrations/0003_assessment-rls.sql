-- Row-level security for the assessment tables (issue 3); see 0001_rls.sql for xs_tenant_table.
SELECT xs_tenant_table('lenders');
--> statement-breakpoint
SELECT xs_tenant_table('debts');
--> statement-breakpoint
SELECT xs_tenant_table('debt_cash_flows');
--> statement-breakpoint
SELECT xs_tenant_table('budgets');
--> statement-breakpoint
-- A budget is a dated snapshot: a change is a new row, never an edit.
REVOKE UPDATE, DELETE ON budgets FROM xieshang_app;
--> statement-breakpoint
SELECT xs_tenant_table('plans');
--> statement-breakpoint
SELECT xs_tenant_table('plan_versions');
--> statement-breakpoint
-- Saved plan versions are history: append-only.
REVOKE UPDATE, DELETE ON plan_versions FROM xieshang_app;
