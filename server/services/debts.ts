import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { withTenant, type Tx } from "@/db/client";
import { debtCashFlows, debts, lenders } from "@/db/schema";
import { annualRateByIrrFlows } from "@/server/domain/apr";
import type { Calendar } from "@/server/domain/calendar";
import { creditClocks } from "@/server/domain/credit-clocks";
import { priorityOrder, validatePriorityOverride } from "@/server/domain/debt-priority";
import { compareWithLines, rateLinesFor } from "@/server/domain/rules/rate-lines";
import type { FeeKind } from "@/server/domain/vocabulary";
import { nextPayment } from "@/server/domain/balance";
import { DomainError } from "@/server/domain/errors";
import { sumFen } from "@/server/domain/money";
import { debtDailyGrowth } from "@/server/domain/balance";
import { toAnnualPct } from "@/server/domain/rate";
import { daysBetween, todayInShanghai } from "@/server/domain/time";
import { AppError, type FieldErrors } from "@/server/errors";
import type { CreateDebtInput, DebtFields, DebtTriageInput, UpdateDebtInput } from "@/server/schemas/assessment";
import { assertClientAccess, type Actor } from "./access";
import { writeAudit } from "./audit";
import { balanceTotals, loadBalances, refreshBalances } from "./balances";
import { loadCalendar } from "./calendar";
import { markPlanNeedsReview } from "./plan-review";

// ---------------------------------------------------------------- validation

type Validated = {
  annualRatePct: string;
  penaltyAnnualRatePct: string | null;
};

/**
 * Everything zod cannot see: the lender belongs to this organization, rates convert within range, no date
 * lies in the future. All problems are gathered into one INVALID_INPUT with a message per field.
 */
async function validateDebt(tx: Tx, actor: Actor, input: DebtFields): Promise<Validated> {
  const fields: FieldErrors = {};
  const add = (field: string, key: string) => (fields[field] ??= []).push(key);
  const today = todayInShanghai();

  const [lender] = await tx
    .select({ id: lenders.id })
    .from(lenders)
    .where(and(eq(lenders.orgId, actor.orgId), eq(lenders.id, input.lenderId), isNull(lenders.archivedAt)))
    .limit(1);
  if (!lender) add("lenderId", "unknownLender");

  let annualRatePct = "0";
  try {
    annualRatePct = toAnnualPct(input.rateValue, input.rateUnit);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    add("rateValue", "rateOutOfRange");
  }
  let penaltyAnnualRatePct: string | null = null;
  if (input.penaltyRateValue !== undefined) {
    if (!input.penaltyRateUnit) add("penaltyRateUnit", "required");
    else {
      try {
        penaltyAnnualRatePct = toAnnualPct(input.penaltyRateValue, input.penaltyRateUnit);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        add("penaltyRateValue", "rateOutOfRange");
      }
    }
  }
  if (input.overdueSince && input.overdueSince > today) add("overdueSince", "dateInFuture");
  if (input.loanDate && input.loanDate > today) add("loanDate", "dateInFuture");
  if (input.overdueSince && input.loanDate && input.overdueSince < input.loanDate) add("overdueSince", "beforeLoanDate");
  if (input.receivedFen !== undefined && input.receivedFen > input.originalPrincipalFen) add("receivedFen", "receivedOverPrincipal");
  input.cashFlows.forEach((flow, i) => {
    if (flow.date > today) add(`cashFlows.${i}.date`, "dateInFuture");
    if (flow.feeKind && flow.direction !== "repayment") add(`cashFlows.${i}.feeKind`, "feeOnRepaymentOnly");
  });
  if (Object.keys(fields).length > 0) throw new AppError("INVALID_INPUT", { messageKey: "invalidInput", fields });
  return { annualRatePct, penaltyAnnualRatePct };
}

function debtValues(input: DebtFields, v: Validated) {
  return {
    lenderId: input.lenderId,
    contractNumber: input.contractNumber ?? null,
    loanDate: input.loanDate ?? null,
    receivedFen: input.receivedFen ?? null,
    originalPrincipalFen: input.originalPrincipalFen,
    outstandingPrincipalFen: input.outstandingPrincipalFen,
    interestFen: input.interestFen,
    penaltyFen: input.penaltyFen,
    feesFen: input.feesFen,
    rateValue: input.rateValue,
    rateUnit: input.rateUnit,
    annualRatePct: v.annualRatePct,
    penaltyRateValue: input.penaltyRateValue ?? null,
    penaltyRateUnit: input.penaltyRateValue !== undefined ? (input.penaltyRateUnit ?? null) : null,
    penaltyAnnualRatePct: v.penaltyAnnualRatePct,
    termMonths: input.termMonths ?? null,
    overdueSince: input.overdueSince ?? null,
    creditReported: input.creditReported,
    collectionStatus: input.collectionStatus,
    notes: input.notes ?? null,
  };
}

// ---------------------------------------------------------------- reading

const DEBT_COLUMNS = {
  id: debts.id,
  clientId: debts.clientId,
  lenderId: debts.lenderId,
  lenderName: lenders.name,
  licenceType: lenders.licenceType,
  contractNumber: debts.contractNumber,
  loanDate: debts.loanDate,
  receivedFen: debts.receivedFen,
  originalPrincipalFen: debts.originalPrincipalFen,
  outstandingPrincipalFen: debts.outstandingPrincipalFen,
  interestFen: debts.interestFen,
  penaltyFen: debts.penaltyFen,
  feesFen: debts.feesFen,
  rateValue: debts.rateValue,
  rateUnit: debts.rateUnit,
  annualRatePct: debts.annualRatePct,
  penaltyRateValue: debts.penaltyRateValue,
  penaltyRateUnit: debts.penaltyRateUnit,
  penaltyAnnualRatePct: debts.penaltyAnnualRatePct,
  termMonths: debts.termMonths,
  overdueSince: debts.overdueSince,
  figuresRecordedAt: debts.figuresRecordedAt,
  creditReported: debts.creditReported,
  collectionStatus: debts.collectionStatus,
  notes: debts.notes,
  debtKind: debts.debtKind,
  secured: debts.secured,
  underEnforcement: debts.underEnforcement,
  firstNoticeOn: debts.firstNoticeOn,
  secondNoticeOn: debts.secondNoticeOn,
  priorityRank: debts.priorityRank,
  priorityReason: debts.priorityReason,
  creditReportedOn: debts.creditReportedOn,
  settledOn: debts.settledOn,
  creditDisputeFiledOn: debts.creditDisputeFiledOn,
  version: debts.version,
  createdAt: debts.createdAt,
  updatedAt: debts.updatedAt,
};

function selectDebtRows(tx: Tx, orgId: string, clientId: string) {
  return tx
    .select(DEBT_COLUMNS)
    .from(debts)
    .innerJoin(lenders, and(eq(lenders.orgId, orgId), eq(lenders.id, debts.lenderId)))
    .where(and(eq(debts.orgId, orgId), eq(debts.clientId, clientId), isNull(debts.archivedAt)))
    .orderBy(asc(debts.createdAt), asc(debts.id));
}
type DebtRow = Awaited<ReturnType<typeof selectDebtRows>>[number];
type FlowRow = {
  id: string;
  debtId: string;
  date: string;
  amountFen: number;
  direction: "disbursement" | "repayment";
  feeKind: FeeKind | null;
};

export type DebtView = ReturnType<typeof describeDebt>;

/** Numeric columns come back as strings; print them without trailing zeros ("18.000" → "18"). */
function plainRate(value: string | null): string | null {
  if (value === null) return null;
  return value.includes(".") ? value.replace(/\.?0+$/, "") : value;
}

/** IRR of dated flows from the borrower's side, or null when there is none (no money both ways, no root). */
function irrOf(flows: Array<{ date: string; amountFen: number }>): number | null {
  if (!flows.some((f) => f.amountFen > 0) || !flows.some((f) => f.amountFen < 0)) return null;
  try {
    return annualRateByIrrFlows({ flows });
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return null;
  }
}

/**
 * A debt with what the counselor needs beside it: the balance (principal + interest + penalty + fees),
 * overdue days, how much it grows per day (contract rate and penalty rate on the outstanding principal), the
 * IRR of its recorded cash flows (fee flows included, and without them to show what they add), the rate lines
 * that applied to it on its loan date (server/domain/rules) and its credit-record clocks.
 */
export function describeDebt(row: DebtRow, flows: FlowRow[], today: string, calendar: Calendar) {
  const balanceFen = sumFen([row.outstandingPrincipalFen, row.interestFen, row.penaltyFen, row.feesFen]);
  const overdueDays = row.overdueSince ? Math.max(0, daysBetween(row.overdueSince, today)) : 0;
  const annualRatePct = plainRate(row.annualRatePct) ?? "0";
  const penaltyAnnualRatePct = plainRate(row.penaltyAnnualRatePct);
  const growth = debtDailyGrowth({
    outstandingPrincipalFen: row.outstandingPrincipalFen,
    annualRatePct,
    penaltyAnnualRatePct,
    overdueSince: row.overdueSince,
  });

  // IRR from the borrower's side: received money positive, repayments (fees among them) negative. When no
  // disbursement was recorded, the amount received on the loan date stands in for it.
  const signedOf = (list: FlowRow[]) => {
    const signed = list.map((f) => ({ date: f.date, amountFen: f.direction === "disbursement" ? f.amountFen : -f.amountFen }));
    if (!list.some((f) => f.direction === "disbursement") && row.receivedFen && row.loanDate) {
      signed.unshift({ date: row.loanDate, amountFen: row.receivedFen });
    }
    return signed;
  };
  const irrPct = irrOf(signedOf(flows));
  const feeFlows = flows.filter((f) => f.feeKind !== null);
  const feeFlowsFen = sumFen(feeFlows.map((f) => f.amountFen));
  const irrWithoutFeesPct = feeFlows.length === 0 ? irrPct : irrOf(signedOf(flows.filter((f) => f.feeKind === null)));

  const lineSet = rateLinesFor({ lenderType: row.licenceType, loanDate: row.loanDate });
  const rateLines = compareWithLines(lineSet.lines, { contractAnnualPct: annualRatePct, irrPct });

  return {
    ...row,
    rateValue: plainRate(row.rateValue) ?? "0",
    annualRatePct,
    penaltyRateValue: plainRate(row.penaltyRateValue),
    penaltyAnnualRatePct,
    balanceFen,
    overdueDays,
    dailyGrowth: growth,
    /** Every line that applied on the loan date, with whether the contract rate and the IRR are above it. */
    rateLines,
    /** "loan-date": no loan date, so no line could be chosen. */
    rateLinesMissing: lineSet.missing,
    /** Rule ids of the lines the contract rate / the IRR is above. */
    contractRateLines: rateLines.filter((l) => l.contractAbove).map((l) => l.ruleId),
    irrPct,
    irrLines: rateLines.filter((l) => l.irrAbove === true).map((l) => l.ruleId),
    irrWithoutFeesPct,
    feeFlowsFen,
    credit: creditClocks(row, today, calendar),
    cashFlows: flows.map(({ id, date, amountFen, direction, feeKind }) => ({ id, date, amountFen, direction, feeKind })),
  };
}

/** The client's current debts (archived ones left out), described. Runs in the caller's transaction. */
export async function loadClientDebts(tx: Tx, orgId: string, clientId: string) {
  const rows = await selectDebtRows(tx, orgId, clientId);
  const ids = rows.map((r) => r.id);
  const flows =
    ids.length === 0
      ? []
      : await tx
          .select({
            id: debtCashFlows.id,
            debtId: debtCashFlows.debtId,
            date: debtCashFlows.flowDate,
            amountFen: debtCashFlows.amountFen,
            direction: debtCashFlows.direction,
            feeKind: debtCashFlows.feeKind,
          })
          .from(debtCashFlows)
          .where(and(eq(debtCashFlows.orgId, orgId), inArray(debtCashFlows.debtId, ids)))
          .orderBy(asc(debtCashFlows.flowDate), asc(debtCashFlows.id));
  const today = todayInShanghai();
  const calendar = await loadCalendar(tx);
  return rows.map((r) =>
    describeDebt(
      r,
      flows.filter((f) => f.debtId === r.id),
      today,
      calendar,
    ),
  );
}

export function debtTotals(list: DebtView[]) {
  return {
    count: list.length,
    overdueCount: list.filter((d) => d.overdueSince !== null).length,
    principalFen: sumFen(list.map((d) => d.outstandingPrincipalFen)),
    interestFen: sumFen(list.map((d) => d.interestFen)),
    penaltyFen: sumFen(list.map((d) => d.penaltyFen)),
    feesFen: sumFen(list.map((d) => d.feesFen)),
    balanceFen: sumFen(list.map((d) => d.balanceFen)),
    dailyGrowthFen: sumFen(list.map((d) => d.dailyGrowth.totalFen)),
  };
}

/**
 * A client's debts with per-debt breakdown and balance (server/domain/balance.ts: what is owed today, with the
 * growth, pending payments and relief beside it), and the client's totals.
 */
export async function listDebts(actor: Actor, clientId: string) {
  return withTenant(actor, async (tx) => {
    await assertClientAccess(tx, actor, clientId);
    const list = await loadClientDebts(tx, actor.orgId, clientId);
    const today = todayInShanghai();
    const balances = await loadBalances(tx, actor.orgId, { clientIds: [clientId] }, today);
    const order = priorityOrder(
      list.map((d) => ({ ...d, debtId: d.id, lenderType: d.licenceType })),
      today,
    );
    const debtsWithBalance = list.map((d) => ({ ...d, balance: balances.get(d.id)!, triage: order.find((o) => o.debtId === d.id)! }));
    const next = nextPayment(
      debtsWithBalance.map((d) => d.balance),
      today,
    );
    return {
      debts: debtsWithBalance,
      totals: { ...debtTotals(list), balance: balanceTotals(debtsWithBalance.map((d) => d.balance)) },
      /** Debt ids in priority order (secured, enforcement, a card near the criminal line, others; overrides first). */
      priorityOrder: order.map((o) => o.debtId),
      /** Her next payment, by the rule the portal uses (server/domain/balance.ts nextPayment). */
      nextPayment: next ? { ...next, lenderName: list.find((d) => d.id === next.debtId)?.lenderName ?? "" } : null,
    };
  });
}

// ---------------------------------------------------------------- writing

async function replaceFlows(tx: Tx, orgId: string, debtId: string, flows: DebtFields["cashFlows"]) {
  await tx.delete(debtCashFlows).where(and(eq(debtCashFlows.orgId, orgId), eq(debtCashFlows.debtId, debtId)));
  if (flows.length > 0) {
    await tx
      .insert(debtCashFlows)
      .values(
        flows.map((f) => ({ orgId, debtId, flowDate: f.date, amountFen: f.amountFen, direction: f.direction, feeKind: f.feeKind ?? null })),
      );
  }
}

/** Inserts a validated debt in the caller's transaction (shared with the import). */
export async function insertDebt(tx: Tx, actor: Actor, clientId: string, input: DebtFields) {
  const v = await validateDebt(tx, actor, input);
  const values = { orgId: actor.orgId, clientId, createdBy: actor.userId, ...debtValues(input, v) };
  const [row] = await tx.insert(debts).values(values).returning({ id: debts.id });
  const id = row!.id;
  await replaceFlows(tx, actor.orgId, id, input.cashFlows);
  await refreshBalances(tx, actor.orgId, [id]);
  await writeAudit(tx, {
    orgId: actor.orgId,
    actorUserId: actor.userId,
    action: "debt.create",
    entityType: "debt",
    entityId: id,
    after: { ...values, cashFlows: input.cashFlows },
    requestId: actor.requestId,
  });
  return id;
}

export async function createDebt(actor: Actor, input: CreateDebtInput) {
  return withTenant(actor, async (tx) => {
    await assertClientAccess(tx, actor, input.clientId);
    const { clientId, ...fields } = input;
    const id = await insertDebt(tx, actor, clientId, fields);
    await markPlanNeedsReview(tx, actor.orgId, clientId, "debt-changed");
    return { id, version: 1 };
  });
}

/** The debt's client, checking the actor may see that client; NOT_FOUND otherwise. */
async function loadOwnedDebt(tx: Tx, actor: Actor, id: string) {
  const [row] = await tx
    .select({ clientId: debts.clientId, version: debts.version, archivedAt: debts.archivedAt })
    .from(debts)
    .where(and(eq(debts.orgId, actor.orgId), eq(debts.id, id)))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND");
  await assertClientAccess(tx, actor, row.clientId);
  return row;
}

export async function updateDebt(actor: Actor, input: UpdateDebtInput) {
  return withTenant(actor, async (tx) => {
    const owned = await loadOwnedDebt(tx, actor, input.id);
    if (owned.archivedAt) throw new AppError("NOT_FOUND");
    const { id, version, ...fields } = input;
    const v = await validateDebt(tx, actor, fields);
    const [before] = await tx
      .select()
      .from(debts)
      .where(and(eq(debts.orgId, actor.orgId), eq(debts.id, id)))
      .limit(1);
    const changes = debtValues(fields, v);
    // New amounts are new figures: the balance's growth estimate starts again from today.
    const amountsChanged =
      !before ||
      before.outstandingPrincipalFen !== changes.outstandingPrincipalFen ||
      before.interestFen !== changes.interestFen ||
      before.penaltyFen !== changes.penaltyFen ||
      before.feesFen !== changes.feesFen;
    const updated = await tx
      .update(debts)
      .set({ ...changes, ...(amountsChanged ? { figuresRecordedAt: new Date() } : {}), version: version + 1, updatedAt: new Date() })
      .where(and(eq(debts.orgId, actor.orgId), eq(debts.id, id), eq(debts.version, version)))
      .returning({ version: debts.version });
    if (updated.length === 0) throw new AppError("CONFLICT");
    await replaceFlows(tx, actor.orgId, id, fields.cashFlows);
    await refreshBalances(tx, actor.orgId, [id]);
    await markPlanNeedsReview(tx, actor.orgId, owned.clientId, "debt-changed");
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "debt.update",
      entityType: "debt",
      entityId: id,
      before,
      after: { ...changes, cashFlows: fields.cashFlows },
      requestId: actor.requestId,
    });
    return { id, version: updated[0]!.version };
  });
}

/** Removes a debt from the client's list and plans; the row stays for history and negotiation cases. */
export async function archiveDebt(actor: Actor, input: { id: string; version: number }) {
  return withTenant(actor, async (tx) => {
    const owned = await loadOwnedDebt(tx, actor, input.id);
    if (owned.archivedAt) throw new AppError("NOT_FOUND");
    const updated = await tx
      .update(debts)
      .set({ archivedAt: new Date(), version: input.version + 1, updatedAt: new Date() })
      .where(and(eq(debts.orgId, actor.orgId), eq(debts.id, input.id), eq(debts.version, input.version)))
      .returning({ version: debts.version });
    if (updated.length === 0) throw new AppError("CONFLICT");
    await refreshBalances(tx, actor.orgId, [input.id]);
    await markPlanNeedsReview(tx, actor.orgId, owned.clientId, "debt-changed");
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "debt.archive",
      entityType: "debt",
      entityId: input.id,
      requestId: actor.requestId,
    });
    return { id: input.id };
  });
}

/**
 * A debt's triage facts (kind, secured, enforcement, the card's collection notices, the counselor's place
 * in the priority order with its reason) and credit-record dates. Version-checked like an edit; the plan
 * is marked for review since its priority order may change.
 */
export async function setDebtTriage(actor: Actor, input: DebtTriageInput) {
  return withTenant(actor, async (tx) => {
    const owned = await loadOwnedDebt(tx, actor, input.id);
    if (owned.archivedAt) throw new AppError("NOT_FOUND");
    const fields: FieldErrors = {};
    const add = (field: string, key: string) => (fields[field] ??= []).push(key);
    const today = todayInShanghai();
    const rank = input.priorityRank ?? null;
    const reason = input.priorityReason ?? null;
    try {
      validatePriorityOverride(rank, reason);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      add(err.field ?? "priorityRank", err.field === "priorityReason" ? "required" : "invalidPriority");
    }
    for (const key of ["firstNoticeOn", "secondNoticeOn", "creditReportedOn", "settledOn", "creditDisputeFiledOn"] as const) {
      const value = input[key];
      if (value && value > today) add(key, "dateInFuture");
    }
    if (input.firstNoticeOn && input.secondNoticeOn && input.secondNoticeOn < input.firstNoticeOn)
      add("secondNoticeOn", "beforeFirstNotice");
    if (input.secondNoticeOn && !input.firstNoticeOn) add("firstNoticeOn", "required");
    if (Object.keys(fields).length > 0) throw new AppError("INVALID_INPUT", { messageKey: "invalidInput", fields });
    const changes = {
      debtKind: input.debtKind,
      secured: input.secured,
      underEnforcement: input.underEnforcement,
      firstNoticeOn: input.firstNoticeOn ?? null,
      secondNoticeOn: input.secondNoticeOn ?? null,
      priorityRank: rank,
      priorityReason: rank === null ? null : (reason?.trim() ?? null),
      creditReportedOn: input.creditReportedOn ?? null,
      settledOn: input.settledOn ?? null,
      creditDisputeFiledOn: input.creditDisputeFiledOn ?? null,
    };
    const updated = await tx
      .update(debts)
      .set({ ...changes, version: input.version + 1, updatedAt: new Date() })
      .where(and(eq(debts.orgId, actor.orgId), eq(debts.id, input.id), eq(debts.version, input.version)))
      .returning({ version: debts.version });
    if (updated.length === 0) throw new AppError("CONFLICT");
    await markPlanNeedsReview(tx, actor.orgId, owned.clientId, "debt-changed");
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "debt.triage",
      entityType: "debt",
      entityId: input.id,
      after: changes,
      requestId: actor.requestId,
    });
    return { id: input.id, version: updated[0]!.version };
  });
}
