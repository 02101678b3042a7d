import { z } from "zod";
import {
  COLLECTION_STATUSES,
  CREDIT_REPORTED,
  CASH_FLOW_DIRECTIONS,
  DEBT_KINDS,
  FEE_KINDS,
  LICENCE_TYPES,
  RATE_UNITS,
  EMPLOYMENT_KINDS,
  HARDSHIP_REASONS,
} from "@/server/domain/vocabulary";
import { EXPENSE_CATEGORIES, INCOME_KINDS } from "@/server/domain/budget";
import { ROOM_USES } from "@/server/domain/payoff";
import { MAX_DEFERRAL_MONTHS, MAX_INSTALMENT_MONTHS } from "@/server/domain/plan";
import { SCHEDULE_METHODS } from "@/server/domain/schedule";
import { zDate, zDueDate, zExpectedVersion, zFen, zId, zLine, zName, zPositiveFen, zRequiredLine, zText, zVersion } from "./common";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
/** Empty string from a form → undefined (multi-line text). */
const optionalText = (max: number) => z.preprocess(blankToUndefined, zText(max).optional());
/** Empty string from a form → undefined (one line). */
const optionalLine = (max: number) => z.preprocess(blankToUndefined, zLine(max).optional());

/** Drops keys whose value is undefined (a blank note): the audit's hash refuses undefined, JSON omits it. */
function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A percent as typed: digits with an optional decimal part ("0.05", "18", "4.90"). */
export const zRateString = z
  .string()
  .trim()
  .regex(/^\d{1,4}(?:\.\d{1,6})?$/, { message: "invalidRate" });

/** Chinese mobile number: 11 digits starting with 1 (spaces, dashes and +86 allowed as typed). */
export const zPhone = z
  .string()
  .trim()
  .max(20)
  .refine((s) => /^1\d{10}$/.test(s.replace(/[\s-]/g, "").replace(/^\+?86/, "")), { message: "invalidPhone" });

/** 18-character resident ID (the last may be X); the check digit is not verified (demo data is fictional). */
export const zNationalId = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^\d{17}[\dX]$/, { message: "invalidNationalId" });

// ---------------------------------------------------------------- clients (intake)

const intakeFields = {
  fullName: zName,
  phone: zPhone.optional(),
  nationalId: zNationalId.optional(),
  city: optionalLine(50),
  householdSize: z.number().int().min(1).max(30).optional(),
  dependents: z.number().int().min(0).max(30).optional(),
  employment: z.enum(EMPLOYMENT_KINDS).optional(),
  hardshipReason: z.enum(HARDSHIP_REASONS).optional(),
  hardshipNarrative: optionalText(4000),
  assignedCounselorId: zId.optional(),
};

export const ZCreateClientInput = z.strictObject({
  ...intakeFields,
  /** The client agreed to the processing of their data (PIPL); required to open a file. */
  consent: z.literal(true, { message: "consentRequired" }),
});
export type CreateClientInput = z.infer<typeof ZCreateClientInput>;

export const ZUpdateClientInput = z.strictObject({
  id: zId,
  version: zVersion,
  ...intakeFields,
});
export type UpdateClientInput = z.infer<typeof ZUpdateClientInput>;

// ---------------------------------------------------------------- lenders

export const ZLenderInput = z.strictObject({
  name: zName,
  legalName: optionalLine(200),
  licenceType: z.enum(LICENCE_TYPES),
  hotline: optionalLine(40),
  notes: optionalText(2000),
});
export type LenderInput = z.infer<typeof ZLenderInput>;

export const ZUpdateLenderInput = ZLenderInput.extend({ id: zId, version: zVersion });
export type UpdateLenderInput = z.infer<typeof ZUpdateLenderInput>;

// ---------------------------------------------------------------- debts

export const ZCashFlow = z.strictObject({
  date: zDate,
  amountFen: zPositiveFen,
  direction: z.enum(CASH_FLOW_DIRECTIONS),
  /** Set on a repayment that was a fee (guarantee, insurance, membership…). */
  feeKind: z.enum(FEE_KINDS).optional(),
});

const debtFields = {
  lenderId: zId,
  contractNumber: optionalLine(100),
  loanDate: zDate.optional(),
  receivedFen: zFen.optional(),
  originalPrincipalFen: zFen,
  outstandingPrincipalFen: zFen,
  interestFen: zFen.default(0),
  penaltyFen: zFen.default(0),
  feesFen: zFen.default(0),
  rateValue: zRateString,
  rateUnit: z.enum(RATE_UNITS),
  penaltyRateValue: zRateString.optional(),
  penaltyRateUnit: z.enum(RATE_UNITS).optional(),
  termMonths: z.number().int().min(1).max(360).optional(),
  overdueSince: zDate.optional(),
  creditReported: z.enum(CREDIT_REPORTED).default("unknown"),
  collectionStatus: z.enum(COLLECTION_STATUSES).default("none"),
  notes: optionalText(2000),
  cashFlows: z.array(ZCashFlow).max(400).default([]),
};

export const ZDebtFields = z.strictObject(debtFields);
export type DebtFields = z.infer<typeof ZDebtFields>;

export const ZCreateDebtInput = z.strictObject({ clientId: zId, ...debtFields });
export type CreateDebtInput = z.infer<typeof ZCreateDebtInput>;

export const ZUpdateDebtInput = z.strictObject({ id: zId, version: zVersion, ...debtFields });
export type UpdateDebtInput = z.infer<typeof ZUpdateDebtInput>;

/** Triage facts and credit-record dates of a debt (debt.setTriage); a blank date or place is none. */
export const ZDebtTriageInput = z.strictObject({
  id: zId,
  version: zVersion,
  debtKind: z.enum(DEBT_KINDS),
  secured: z.boolean(),
  underEnforcement: z.boolean(),
  firstNoticeOn: z.preprocess(blankToUndefined, zDate.optional()),
  secondNoticeOn: z.preprocess(blankToUndefined, zDate.optional()),
  priorityRank: z.preprocess(
    (v) => (v === "" || v === null || (typeof v === "number" && Number.isNaN(v)) ? undefined : v),
    z.number().int().min(1).max(50).optional(),
  ),
  priorityReason: optionalLine(300),
  creditReportedOn: z.preprocess(blankToUndefined, zDate.optional()),
  settledOn: z.preprocess(blankToUndefined, zDate.optional()),
  creditDisputeFiledOn: z.preprocess(blankToUndefined, zDate.optional()),
});
export type DebtTriageInput = z.infer<typeof ZDebtTriageInput>;

// ---------------------------------------------------------------- budget

export const ZSaveBudgetInput = z.strictObject({
  clientId: zId,
  effectiveDate: zDate,
  incomes: z
    .array(z.strictObject({ kind: z.enum(INCOME_KINDS), monthlyFen: zFen, note: optionalLine(200) }).transform(withoutUndefined))
    .max(30),
  expenses: z
    .array(z.strictObject({ category: z.enum(EXPENSE_CATEGORIES), monthlyFen: zFen, note: optionalLine(200) }).transform(withoutUndefined))
    .max(60),
  dependents: z.number().int().min(0).max(30),
  notes: optionalText(2000),
});
export type SaveBudgetInput = z.infer<typeof ZSaveBudgetInput>;

// ---------------------------------------------------------------- plans

export const ZArrangement = z.strictObject({
  waiveInterest: z.boolean().optional(),
  waivePenalty: z.boolean().optional(),
  waiveFees: z.boolean().optional(),
  instalment: z
    .strictObject({
      method: z.enum(SCHEDULE_METHODS),
      months: z.number().int().min(1).max(MAX_INSTALMENT_MONTHS),
      annualRatePct: zRateString.optional(),
    })
    .optional(),
  deferralMonths: z.number().int().min(0).max(MAX_DEFERRAL_MONTHS).optional(),
  creditCorrection: z.boolean().optional(),
});
export type ArrangementInput = z.infer<typeof ZArrangement>;

export const ZScenario = z.strictObject({
  name: zRequiredLine(60),
  startDate: zDueDate,
  strategy: z.enum(["pro-rata", "avalanche", "snowball"]).default("pro-rata"),
  /** The room left over the negotiated instalments: clear debts earlier (by the strategy) or keep it. */
  roomUse: z.enum(ROOM_USES).default("clear-early"),
  lines: z.array(z.strictObject({ debtId: zId, arrangement: ZArrangement })).max(100),
});
export type ScenarioInput = z.infer<typeof ZScenario>;

export const ZEvaluatePlanInput = z.strictObject({
  clientId: zId,
  scenarios: z.array(ZScenario).min(1).max(3),
});
export type EvaluatePlanInput = z.infer<typeof ZEvaluatePlanInput>;

export const ZSavePlanInput = z.strictObject({
  clientId: zId,
  /** The version the editor started from; 0 when there was no plan yet. */
  expectedVersion: zExpectedVersion,
  scenarios: z.array(ZScenario).min(1).max(3),
  chosenScenario: z.number().int().min(0).max(2),
});
export type SavePlanInput = z.infer<typeof ZSavePlanInput>;
