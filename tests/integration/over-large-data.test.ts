import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { PortalHome, type PortalOverview } from "@/app/portal/portal-home";
import { loadMessages } from "@/app/_i18n/messages";
import { getDb } from "@/db/client";
import { fenNeedsCheck } from "@/server/domain/bounds";
import { formatFen } from "@/server/domain/money";
import { outcomeCsv, outcomeXlsx } from "@/server/services/outcome-export";
import { backfillDebtBalances } from "@/server/services/balances";
import { outcomeSummary } from "@/server/services/outcomes";
import { agreementIcs, renderLetterPdf } from "@/server/services/letters";
import { exportClientData } from "@/server/services/privacy";
import { BUILDERS, buildWorld, callProcedure, listProcedures, type World } from "../support/matrix";

/**
 * Data saved before the input bounds (server/domain/bounds.ts) can hold amounts up to 2^53 − 1 fen in
 * every column: the old API took them. Such rows are written here straight into the database (as the
 * old API would have stored them), and then every page's data must still be served, every figure must
 * still print, and the figures a person sees are flagged "数额过大，请核对" instead of a 500.
 */
const M = Number.MAX_SAFE_INTEGER;

// The portal's payment form asks for the router (to refresh after a report); rendering needs none.
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh() {}, push() {} }) }));

let w: World;
beforeAll(async () => {
  w = await buildWorld();
  const staff = w.a.as.counselorA;
  // Two more debts for client A, so the client's totals add several over-large amounts.
  for (const name of ["旧数据一", "旧数据二"]) {
    const lender = await w.a.as.admin.lender.create({ name: `${name} ${randomUUID().slice(0, 6)}`, licenceType: "microloan" });
    await staff.debt.create({
      clientId: w.a.clientA.id,
      lenderId: lender.id,
      originalPrincipalFen: 100_000,
      outstandingPrincipalFen: 100_000,
      rateValue: "24",
      rateUnit: "annual",
      overdueSince: "2026-01-05",
    });
  }
  const db = await getDb();
  const org = w.a.orgId;
  const waiver = JSON.stringify({ interestFen: M, penaltyFen: M, feesFen: M });
  await db.execute(
    sql`update debts set received_fen = ${M}, original_principal_fen = ${M}, outstanding_principal_fen = ${M}, interest_fen = ${M}, penalty_fen = ${M}, fees_fen = ${M} where org_id = ${org}`,
  );
  await db.execute(
    sql`insert into debt_cash_flows (org_id, debt_id, flow_date, amount_fen, direction) values (${org}, ${w.ea.debtId}, '2025-01-01', ${M}, 'disbursement'), (${org}, ${w.ea.debtId}, '2025-06-01', ${M}, 'repayment')`,
  );
  await db.execute(sql`update instalments set amount_fen = ${M}, principal_fen = ${M} where org_id = ${org}`);
  await db.execute(sql`update payments set amount_fen = ${M}, status = 'confirmed' where org_id = ${org}`);
  await db.execute(
    sql`update agreements set terms = jsonb_set(jsonb_set(terms, '{instalments,amountFen}', to_jsonb(${M}::bigint)), '{waiver}', ${waiver}::jsonb) where org_id = ${org}`,
  );
  await db.execute(sql`update proposals set terms = jsonb_set(terms, '{waiver}', ${waiver}::jsonb) where org_id = ${org}`);
  const incomes = JSON.stringify([
    { kind: "salary", monthlyFen: M },
    { kind: "other", monthlyFen: M },
  ]);
  const expenses = JSON.stringify([{ category: "housing", monthlyFen: M }]);
  await db.execute(
    sql`insert into budgets (org_id, client_id, effective_date, incomes, expenses, dependents) values (${org}, ${w.a.clientA.id}, '2026-01-01', ${incomes}::jsonb, ${expenses}::jsonb, 0)`,
  );
  // Such rows predate the stored balances: migrating writes their basis from them (db/migrate.ts).
  await db.execute(sql`delete from debt_balances where org_id = ${org}`);
  await backfillDebtBalances(db);
}, 120_000);

/** Every number under a key ending in "Fen", anywhere in a value. */
function fenFigures(value: unknown, key = ""): number[] {
  if (typeof value === "number") return key.endsWith("Fen") ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => fenFigures(v, key));
  if (value && typeof value === "object" && !(value instanceof Date)) return Object.entries(value).flatMap(([k, v]) => fenFigures(v, k));
  return [];
}

describe("pages over data saved before the bounds", () => {
  it("every query answers every role without a 500, and every figure in the answers prints", async () => {
    const failures: string[] = [];
    const figures: number[] = [];
    const queries = listProcedures().filter((p) => p.type === "query");
    for (const who of ["admin", "counselorA", "clientA"] as const) {
      for (const { path } of queries) {
        const input = await BUILDERS[path]!(w);
        try {
          figures.push(...fenFigures(await callProcedure(w.a.as[who], path, input)));
        } catch (e) {
          if (!(e instanceof TRPCError)) failures.push(`${who} ${path}: threw ${String(e)}`);
          else if (e.code === "INTERNAL_SERVER_ERROR") failures.push(`${who} ${path}: 500 (${String(e.cause)})`);
        }
      }
    }
    expect(failures).toEqual([]);
    // The data did reach the answers: some figures are past the safe range, and all of them print.
    expect(figures.some((f) => !Number.isSafeInteger(f))).toBe(true);
    for (const f of figures) expect(() => formatFen(f)).not.toThrow();
  }, 120_000);

  it("the figures a person reads are flagged for checking: the portal's, the client file's, the caseload's, the budget's", async () => {
    const portal = await w.a.as.clientA.portal.overview();
    expect(fenNeedsCheck(portal!.owedFen)).toBe(true);
    expect(fenNeedsCheck(portal!.progress.reliefFen)).toBe(true);
    const debts = await w.a.as.counselorA.debt.list({ clientId: w.a.clientA.id });
    expect(debts.debts.length).toBeGreaterThanOrEqual(3);
    expect(fenNeedsCheck(debts.totals.balanceFen)).toBe(true);
    expect(Number.isSafeInteger(debts.totals.balanceFen)).toBe(false);
    const caseload = await w.a.as.admin.caseload.list({});
    const row = caseload.rows.find((r) => r.clientId === w.a.clientA.id);
    expect(row && fenNeedsCheck(row.totalOwedFen)).toBe(true);
    const budget = await w.a.as.counselorA.budget.current({ clientId: w.a.clientA.id });
    expect(fenNeedsCheck(budget!.summary.incomeFen)).toBe(true);
    // A normal client of the same organization is not flagged.
    const other = await w.a.as.admin.debt.list({ clientId: w.a.clientB.id });
    for (const d of other.debts) expect(fenNeedsCheck(d.balanceFen)).toBe(d.balanceFen > 10_000_000_000);
  });

  it("the portal renders with the note beside the figures, in Chinese and in English", async () => {
    const data = (await w.a.as.clientA.portal.overview()) as PortalOverview;
    for (const [locale, note] of [
      ["zh-CN", "数额过大，请核对"],
      ["en", "Amount too large, please check"],
    ] as const) {
      const messages = await loadMessages(locale);
      const html = renderToString(
        createElement(NextIntlClientProvider, {
          locale,
          messages,
          timeZone: "Asia/Shanghai",
          children: createElement(PortalHome, { data }),
        }),
      );
      expect(html).toContain(note);
      expect(html).toContain(formatFen(data!.owedFen));
    }
  });

  it("the files a person downloads are made: the letter, the calendar, the data export, the outcomes CSV and Excel", async () => {
    const actor = { orgId: w.a.orgId, userId: w.a.counselorA.id, role: "counselor" as const, requestId: "over-large" };
    const admin = { ...actor, userId: w.a.admin.id, role: "admin" as const };
    await expect(renderLetterPdf(actor, { caseId: w.ea.caseId })).resolves.toMatchObject({ filename: expect.any(String) });
    await expect(agreementIcs(actor, w.ea.caseId)).resolves.toMatchObject({ ics: expect.stringContaining("BEGIN:VCALENDAR") });
    await expect(exportClientData(admin, w.a.clientA.id)).resolves.toMatchObject({ filename: expect.any(String) });
    const summary = await outcomeSummary(admin, {});
    for (const locale of ["zh-CN", "en"] as const) {
      expect(outcomeCsv(summary, locale)).toContain(",");
      expect((await outcomeXlsx(summary, locale)).byteLength).toBeGreaterThan(0);
    }
  });

  it("the plan builder's evaluation answers (a reason, not a 500) over the over-large debts", async () => {
    const input = (await BUILDERS["plan.evaluate"]!(w)) as Record<string, unknown>;
    let code = "OK";
    try {
      await w.a.as.counselorA.plan.evaluate(input as never);
    } catch (e) {
      code = e instanceof TRPCError ? e.code : String(e);
    }
    expect(code).not.toBe("INTERNAL_SERVER_ERROR");
  });
});

/** The app's messages for a locale, merged as app/_i18n/request.ts merges them. */
