"use client";

// The terms forms' logic (proposal, counter-offer, change of an agreement): the draft a person fills in, the
// terms it stands for, a react-hook-form resolver over the procedure's own zod schema plus the terms check,
// and the words for every problem, so that an error names its field in plain words and never a path.

import { toNestErrors } from "@hookform/resolvers";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useMemo } from "react";
import type { FieldError, FieldValues, Resolver, UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { formatFen } from "@/server/domain/money";
import type { ScheduleMethod } from "@/server/domain/schedule";
import { checkTerms, TERMS_ISSUE_CODES, type TermsBasis, type TermsIssue } from "@/server/domain/terms-check";
import { TERM_KINDS, WAIVER_PARTS, type Terms, type WaiverPart } from "@/server/domain/terms";
import { addMonths } from "@/server/domain/schedule";
import { ZProposalTerms } from "@/server/schemas/cases";
import { useErrorWords } from "@/app/_components/use-error-words";

/** What the form holds: every kind's fields; a kind left empty is not part of the terms. Money in fen. */
export type TermsDraft = {
  waiver: { interestFen?: number; penaltyFen?: number; feesFen?: number };
  instalments: { amountFen?: number; method: ScheduleMethod; months: number; annualRatePct: string; firstDueDate: string };
  deferral: { months: number };
  lumpSum: { amountFen?: number; dueDate: string };
  creditCorrection: { request: string; evidenceDocumentIds: string[] };
  note: string;
};

/** The fields of every terms form (server errors on other paths are shown beside the button). */
export type WithTerms = { terms: TermsDraft; acknowledge: boolean };

export const TERMS_FIELDS = [
  "terms.waiver.interestFen",
  "terms.waiver.penaltyFen",
  "terms.waiver.feesFen",
  "terms.instalments.amountFen",
  "terms.instalments.method",
  "terms.instalments.months",
  "terms.instalments.annualRatePct",
  "terms.instalments.firstDueDate",
  "terms.deferral.months",
  "terms.lumpSum.amountFen",
  "terms.lumpSum.dueDate",
  "terms.creditCorrection.request",
  "terms.creditCorrection.evidenceDocumentIds",
  "terms.note",
  "acknowledge",
] as const;

/** A draft from saved terms (a plan's draft, or an agreement's), or an empty one. */
export function draftFromTerms(terms: Terms | null | undefined, today: string): TermsDraft {
  const i = terms?.instalments;
  return {
    waiver: { ...terms?.waiver },
    instalments: {
      amountFen: i?.amountFen,
      method: i?.method ?? "interest-free",
      months: i?.months ?? 12,
      annualRatePct: i?.annualRatePct ?? "0",
      firstDueDate: i?.firstDueDate ?? addMonths(today, 1),
    },
    deferral: { months: terms?.deferral?.months ?? Number.NaN },
    lumpSum: { amountFen: terms?.lumpSum?.amountFen, dueDate: terms?.lumpSum?.dueDate ?? "" },
    creditCorrection: {
      request: terms?.creditCorrection?.request ?? "",
      evidenceDocumentIds: terms?.creditCorrection?.evidenceDocumentIds ?? [],
    },
    note: terms?.note ?? "",
  };
}

const filled = (fen: number | undefined) => fen !== undefined && fen !== 0;

/**
 * The terms the draft stands for, to be validated by ZProposalTerms: a kind is in when its main field is
 * filled (an amount, the deferral's months, the correction's request or evidence); amounts of 0 are left out.
 */
export function termsFromDraft(d: TermsDraft): unknown {
  const terms: Record<string, unknown> = {};
  const waiver = Object.fromEntries(
    WAIVER_PARTS.map((p) => [`${p}Fen`, d.waiver[`${p}Fen`]]).filter(([, v]) => filled(v as number | undefined)),
  );
  if (Object.keys(waiver).length > 0) terms.waiver = waiver;
  const i = d.instalments;
  if (filled(i.amountFen)) {
    terms.instalments = {
      amountFen: i.amountFen,
      method: i.method,
      months: i.months,
      annualRatePct: i.method === "interest-free" ? "0" : i.annualRatePct,
      firstDueDate: i.firstDueDate,
    };
  }
  if (!Number.isNaN(d.deferral.months)) terms.deferral = { months: d.deferral.months };
  if (filled(d.lumpSum.amountFen)) terms.lumpSum = { amountFen: d.lumpSum.amountFen, dueDate: d.lumpSum.dueDate };
  const c = d.creditCorrection;
  if (c.request.trim() !== "" || c.evidenceDocumentIds.length > 0)
    terms.creditCorrection = { request: c.request, evidenceDocumentIds: c.evidenceDocumentIds };
  if (d.note.trim() !== "") terms.note = d.note;
  return terms;
}

/** The warnings of a draft as it stands (none while it is not yet valid terms). */
export function draftWarnings(d: TermsDraft, basis: TermsBasis, today: string): TermsIssue[] {
  const parsed = ZProposalTerms.safeParse(termsFromDraft(d));
  if (!parsed.success) return [];
  try {
    return checkTerms(parsed.data, basis, today).warnings;
  } catch {
    return [];
  }
}

/** A problem for the form: on a field (`path`), or on the form as a whole (`path` null). */
type FormIssue = { path: string | null; message: string };

/** Where a form's problem is shown when it names no single field (beside the submit button). */
export const FORM_LEVEL = "_form";

export type Words = {
  /** A terms-check issue in words, with its figures. */
  issue: (issue: { code: string; params?: Record<string, unknown> }) => string;
  /** A schema problem of one field in words (by what the field is, not by the zod code). */
  field: (path: string, code: string, message?: string) => FormIssue;
  acknowledgeRequired: string;
};

const MONEY_LEAVES = new Set(["interestFen", "penaltyFen", "feesFen", "amountFen"]);
const DATE_LEAVES = new Set(["firstDueDate", "dueDate", "validUntil", "receivedOn", "effectiveFrom", "brokenOn", "agreedOn"]);

export function useTermsFormWords(): Words {
  const tn = useTranslations("negotiation");
  const ti = useTranslations("termsIssues");
  const tt = useTranslations("terms");
  const te = useTranslations("errors");
  const format = useFormatter();
  return useMemo(() => {
    const money = (v: unknown) => formatFen(Number(v));
    const part = (p: unknown) => tt(`parts.${p as WaiverPart}`);
    const issue: Words["issue"] = ({ code, params = {} }) => {
      const p = params;
      const kind = String(p.kind ?? "instalments");
      const field = ti("repayField", { kind });
      switch (code) {
        case "waiverOverPart":
          return ti("waiverOverPart", { part: part(p.part), waived: money(p.waivedFen), owed: money(p.owedFen) });
        case "waiverOverBalance":
          return ti("waiverOverBalance", { waived: money(p.waivedFen), balance: money(p.balanceFen) });
        case "repayOverBalance":
          return ti("repayOverBalance", { field, amount: money(p.amountFen), balance: money(p.balanceFen) });
        case "repayChargesWaived": {
          const parts = (p.parts as WaiverPart[] | undefined) ?? [];
          const common = { field, kind, amount: money(p.amountFen), remaining: money(p.remainingFen) };
          return parts.length > 0
            ? ti("repayChargesWaived", { ...common, parts: format.list(parts.map(part)) })
            : ti("repayChargesWaivedSome", { ...common, excess: money(p.excessFen) });
        }
        case "repayLessThanRemaining":
          return ti("repayLessThanRemaining", {
            field,
            amount: money(p.amountFen),
            remaining: money(p.remainingFen),
            difference: money(p.differenceFen),
          });
        case "instalmentsInterest":
          return ti("instalmentsInterest", { rate: String(p.rate), total: money(p.totalFen), interest: money(p.interestFen) });
        case "deferralCountedTwice":
          return ti("deferralCountedTwice", {
            first: String(p.firstDueDate),
            months: Number(p.months),
            effective: String(p.effectiveDate),
          });
        case "lumpSumDuringDeferral":
          return ti("lumpSumDuringDeferral", { date: String(p.dueDate), ends: String(p.deferralEnds) });
        case "overTermLimit":
          return ti("overTermLimit", {
            months: Number(p.months),
            max: Number(p.maxMonths),
            rule: String(p.ruleId),
            version: Number(p.version),
          });
        default:
          return ti("dateInPast", { date: String(p.date ?? "") });
      }
    };
    const kinds = format.list(
      TERM_KINDS.map((k) => tn(`kinds.${k}`)),
      { type: "disjunction" },
    );
    const field: Words["field"] = (path, code, message) => {
      // Refinements of ZProposalTerms carry their own key as the message.
      if (message === "termsEmpty" || path === "terms._" || path === "terms") return { path: null, message: tn("termsEmpty", { kinds }) };
      if (message === "instalmentsOrLumpSum") return { path: "terms.lumpSum.amountFen", message: tn("instalmentsOrLumpSum") };
      if (message === "waiverEmpty") return { path: "terms.waiver.interestFen", message: tn("field.moneyPositive") };
      if (message === "changeNeedsRepayment") return { path: "terms.instalments.amountFen", message: tn("changeNeedsRepayment") };
      // The bounds every input shares (server/schemas/common.ts) carry their reason: say that one.
      if (message?.startsWith("input.") && te.has(message as never)) return { path, message: te(message as never) };
      const leaf = path.split(".").pop() ?? "";
      let words: string;
      if (MONEY_LEAVES.has(leaf)) words = code === "too_small" ? tn("field.moneyPositive") : tn("field.money");
      else if (leaf === "months") words = path.startsWith("terms.deferral") ? tn("field.deferralMonths") : tn("field.months");
      else if (leaf === "annualRatePct") words = tn("field.rate");
      else if (DATE_LEAVES.has(leaf)) words = tn("field.date");
      else if (leaf === "request") words = tn("field.request");
      else if (leaf === "reason") words = tn("field.reason");
      else if (leaf === "documents") words = tn("field.documents");
      else words = tn("field.text");
      return { path, message: words };
    };
    return { issue, field, acknowledgeRequired: tn("acknowledgeRequired") };
  }, [tn, ti, tt, te, format]);
}

/**
 * A react-hook-form resolver over a procedure's zod schema (the same one the server validates): `toInput`
 * turns the form's values into the procedure's input (without the ids the page adds), `check` adds the
 * terms check of the parsed input. Problems that name no field go under FORM_LEVEL.
 */
export function schemaResolver<V extends FieldValues, S extends z.ZodType>(
  schema: S,
  toInput: (values: V) => unknown,
  words: Words,
  check?: (input: z.output<S>, values: V) => FormIssue[],
): Resolver<V, unknown, z.output<S>> {
  return async (values, _context, options) => {
    const parsed = schema.safeParse(toInput(values));
    const issues: FormIssue[] = parsed.success
      ? (check?.(parsed.data, values) ?? [])
      : parsed.error.issues.map((i) => words.field(i.path.map(String).join("."), i.code, i.message));
    if (issues.length === 0 && parsed.success) return { values: parsed.data, errors: {} };
    const flat: Record<string, FieldError> = {};
    for (const i of issues) flat[i.path ?? FORM_LEVEL] ??= { type: "validate", message: i.message };
    return { values: {}, errors: toNestErrors(flat, options) };
  };
}

/** The terms check as form issues (errors on their fields, and the confirmation the warnings need). */
export function termsCheckIssues(terms: Terms, basis: TermsBasis, today: string, acknowledged: boolean, words: Words): FormIssue[] {
  const { errors, warnings } = checkTerms(terms, basis, today);
  const out: FormIssue[] = errors.map((e) => ({ path: `terms.${e.field}`, message: words.issue(e) }));
  if (out.length === 0 && warnings.length > 0 && !acknowledged) out.push({ path: "acknowledge", message: words.acknowledgeRequired });
  return out;
}

type ErrorData = {
  messageKey?: string;
  fields?: Record<string, string[]>;
  issues?: Array<{ path: string; code: string; params?: Record<string, unknown> }>;
  params?: Record<string, string | number>;
};

/**
 * Puts a server error onto the form: each field problem beside its field (a terms issue with its figures),
 * anything else beside the button. Returns whether anything was put on a field.
 */
export function useServerErrors() {
  const words = useTermsFormWords();
  const explain = useErrorWords();
  return useCallback(
    <V extends FieldValues>(form: UseFormReturn<V, unknown, unknown>, error: unknown, known: readonly string[]) => {
      const data = ((error as { data?: ErrorData } | null)?.data ?? {}) as ErrorData;
      const set = (path: string, message: string) => form.setError(path as never, { type: "server", message });
      let onField = false;
      const done = new Set<string>();
      for (const i of data.issues ?? []) {
        if (!known.includes(i.path)) continue;
        const isTermsIssue = (TERMS_ISSUE_CODES as readonly string[]).includes(i.code);
        set(i.path, isTermsIssue ? words.issue(i) : words.field(i.path, i.code).message);
        done.add(i.path);
        onField = true;
      }
      for (const [path, codes] of Object.entries(data.fields ?? {})) {
        if (done.has(path) || !known.includes(path)) continue;
        set(path, explain({ data: { messageKey: codes[0], params: data.params } }).text);
        onField = true;
      }
      if (!onField) set(FORM_LEVEL, explain(error).text);
      return onField;
    },
    [words, explain],
  );
}
