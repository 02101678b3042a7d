"use client";

// The fields of a terms form (inside a react-hook-form FormProvider whose values have `terms` and
// `acknowledge`): every kind the schema has, each error beside its field, the live first instalment and
// the warnings the counselor confirms before saving.

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, type ReactNode } from "react";
import { Controller, get, useFormContext, useWatch, type FieldError } from "react-hook-form";
import { MoneyInput } from "@/app/_components/money-input";
import { Alert, ChoiceField, Field, Input } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { formatFen } from "@/server/domain/money";
import { SCHEDULE_METHODS } from "@/server/domain/schedule";
import { firstInstalment } from "@/server/domain/terms";
import type { TermsBasis } from "@/server/domain/terms-check";
import { ZProposalTerms } from "@/server/schemas/cases";
import { draftWarnings, FORM_LEVEL, termsFromDraft, useTermsFormWords, type WithTerms } from "./terms-form";

type Path = Parameters<ReturnType<typeof useFormContext<WithTerms>>["register"]>[0];

function useFieldError(path: string): string | undefined {
  const { formState } = useFormContext<WithTerms>();
  return (get(formState.errors, path) as FieldError | undefined)?.message;
}

function MoneyField({ path, label, hint }: { path: Path; label: string; hint?: string }) {
  const { control } = useFormContext<WithTerms>();
  const error = useFieldError(path);
  return (
    <Field label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <Controller
          control={control}
          name={path}
          render={({ field }) => (
            <MoneyInput
              id={id}
              ref={field.ref}
              name={field.name}
              onBlur={field.onBlur}
              value={field.value as number | undefined}
              onChange={field.onChange}
              aria-invalid={invalid}
              aria-describedby={describedBy}
            />
          )}
        />
      )}
    </Field>
  );
}

function TextField({
  path,
  label,
  type = "text",
  hint,
  asNumber,
}: {
  path: Path;
  label: string;
  type?: string;
  hint?: string;
  asNumber?: boolean;
}) {
  const { register } = useFormContext<WithTerms>();
  const error = useFieldError(path);
  return (
    <Field label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <Input
          id={id}
          type={type}
          inputMode={asNumber ? "numeric" : type === "text" && path.endsWith("annualRatePct") ? "decimal" : undefined}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          {...register(path, asNumber ? { valueAsNumber: true } : {})}
        />
      )}
    </Field>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="grid gap-3 rounded-lg border border-slate-200 p-3 sm:grid-cols-2">
      <legend className="px-1 text-sm font-semibold text-slate-900">{title}</legend>
      {children}
    </fieldset>
  );
}

export function TermsFields({ caseId, basis, today, change }: { caseId: string; basis: TermsBasis; today: string; change?: boolean }) {
  const t = useTranslations("negotiation");
  const tc = useTranslations("cases");
  const tt = useTranslations("terms");
  const trpc = useTRPC();
  const { register, control, setValue } = useFormContext<WithTerms>();
  const draft = useWatch({ control, name: "terms" });
  const docs = useQuery(trpc.document.list.queryOptions({ caseId }));
  const method = draft.instalments.method;

  const parsed = ZProposalTerms.safeParse(termsFromDraft(draft));
  const first = parsed.success ? firstInstalment(parsed.data) : null;
  const owed = (fen: number) => t("owed", { amount: formatFen(fen) });
  const evidenceError = useFieldError("terms.creditCorrection.evidenceDocumentIds");

  return (
    <div className="flex flex-col gap-3">
      {/* A change says what remains in its own hint. */}
      {!change && (
        <p className="text-sm text-slate-700" data-testid="terms-basis">
          {t("basis", { balance: formatFen(basis.balanceFen) })}
        </p>
      )}
      <p className="text-xs text-slate-600">{t("fillHint")}</p>
      <Section title={t("sections.waiver")}>
        <MoneyField path="terms.waiver.interestFen" label={t("labels.interestFen")} hint={owed(basis.interestFen)} />
        <MoneyField path="terms.waiver.penaltyFen" label={t("labels.penaltyFen")} hint={owed(basis.penaltyFen)} />
        <MoneyField path="terms.waiver.feesFen" label={t("labels.feesFen")} hint={owed(basis.feesFen)} />
      </Section>
      <Section title={t("sections.instalments")}>
        <MoneyField path="terms.instalments.amountFen" label={t("labels.amountFen")} />
        <Controller
          control={control}
          name="terms.instalments.method"
          render={({ field }) => (
            <ChoiceField
              label={t("labels.method")}
              value={field.value}
              options={SCHEDULE_METHODS}
              optionLabel={(m) => tt(`methods.${m}`)}
              onChange={field.onChange}
            />
          )}
        />
        <TextField path="terms.instalments.months" label={t("labels.months")} type="number" asNumber />
        {method !== "interest-free" && <TextField path="terms.instalments.annualRatePct" label={t("labels.annualRatePct")} />}
        <TextField path="terms.instalments.firstDueDate" label={t("labels.firstDueDate")} type="date" />
        {first && parsed.success && parsed.data.instalments && (
          <p className="self-end text-sm text-slate-700 sm:col-span-2" data-testid="first-instalment">
            {t("firstPayment", { date: first.dueDate, amount: formatFen(first.paymentFen) })}
          </p>
        )}
      </Section>
      <div className="grid gap-3 lg:grid-cols-2">
        <Section title={t("sections.deferral")}>
          <TextField path="terms.deferral.months" label={t("labels.deferralMonths")} type="number" asNumber />
        </Section>
        <Section title={t("sections.lumpSum")}>
          <MoneyField path="terms.lumpSum.amountFen" label={t("labels.lumpSumAmount")} />
          <TextField path="terms.lumpSum.dueDate" label={t("labels.lumpSumDate")} type="date" />
        </Section>
      </div>
      <Section title={t("sections.creditCorrection")}>
        <div className="sm:col-span-2">
          <TextField path="terms.creditCorrection.request" label={t("labels.request")} />
        </div>
        <fieldset className="sm:col-span-2" data-invalid={evidenceError ? "true" : undefined}>
          <legend className="mb-1 text-sm font-medium text-slate-800">{t("labels.evidence")}</legend>
          {docs.data && docs.data.length === 0 && <p className="text-sm text-slate-600">{t("noDocuments")}</p>}
          <div className="grid gap-1 text-sm sm:grid-cols-2">
            {docs.data?.map((d) => (
              <label key={d.id} className="flex min-h-11 items-center gap-2 break-all">
                <input type="checkbox" value={d.id} {...register("terms.creditCorrection.evidenceDocumentIds")} />
                {tc(`documentKinds.${d.kind}`)} · {d.filename}
              </label>
            ))}
          </div>
          {evidenceError && (
            <p className="text-sm text-red-700" role="alert">
              {evidenceError}
            </p>
          )}
        </fieldset>
      </Section>
      <TextField path="terms.note" label={t("labels.note")} />
      <TermsWarnings basis={basis} today={today} onChange={() => setValue("acknowledge", false)} />
    </div>
  );
}

/** The check's warnings for the terms as they stand, and the box that confirms them. */
function TermsWarnings({ basis, today, onChange }: { basis: TermsBasis; today: string; onChange: () => void }) {
  const t = useTranslations("negotiation");
  const words = useTermsFormWords();
  const { control, register } = useFormContext<WithTerms>();
  const draft = useWatch({ control, name: "terms" });
  const warnings = useMemo(() => draftWarnings(draft, basis, today), [draft, basis, today]);
  const signature = JSON.stringify(warnings);
  const seen = useRef(signature);
  const error = useFieldError("acknowledge");
  useEffect(() => {
    // Other warnings than the ones confirmed: confirm again.
    if (seen.current !== signature) {
      seen.current = signature;
      onChange();
    }
  }, [signature, onChange]);
  if (warnings.length === 0) return null;
  return (
    <Alert tone="warning">
      <p className="font-medium">{t("warningsTitle")}</p>
      <ul className="mt-1 list-disc pl-5" data-testid="terms-warnings">
        {warnings.map((w, i) => (
          <li key={i}>{words.issue(w)}</li>
        ))}
      </ul>
      <label className="mt-2 flex min-h-11 items-center gap-2 font-medium">
        <input type="checkbox" aria-invalid={Boolean(error)} {...register("acknowledge")} />
        {t("acknowledge")}
      </label>
      {error && (
        <p className="text-sm text-red-700" role="alert">
          {error}
        </p>
      )}
    </Alert>
  );
}

/**
 * The form's own message beside its submit button: a problem that names no field, or how many fields need
 * correcting (each says what beside it). In view after a failed submit (FormErrorFocus scrolls to it).
 */
export function FormMessage({ count, message }: { count: number; message?: string }) {
  const t = useTranslations("negotiation");
  if (!message && count === 0) return null;
  return (
    <p className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900" role="alert" data-form-error>
      {message ?? t("fixFields", { count })}
    </p>
  );
}

export { FORM_LEVEL };
