"use client";

// What the proposals tab offers while an agreement is in force: record a change agreed with the lender (a
// new agreement from a date, payments so far kept), or record a breach (the case moves on; a new negotiation
// can start). Same form pattern as the proposal forms.

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Controller, FormProvider } from "react-hook-form";
import { TermsList } from "@/app/_components/terms-list";
import { Alert, Button, Card, ChoiceField, Field, Input } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import type { BreachTarget } from "@/server/domain/case-state";
import { formatFen } from "@/server/domain/money";
import { addMonths } from "@/server/domain/schedule";
import type { Terms } from "@/server/domain/terms";
import type { TermsBasis } from "@/server/domain/terms-check";
import { ZChangeAgreement, ZRecordBreach } from "@/server/schemas/cases";
import { messageAt, useCheckedForm } from "./checked-form";
import { FormMessage, TermsFields } from "./terms-fields";
import { draftFromTerms, termsCheckIssues, termsFromDraft, TERMS_FIELDS, type TermsDraft } from "./terms-form";

export type AgreementInForce = {
  id: string;
  version: number;
  agreedOn: string;
  terms: Terms;
  totalDueFen: number | null;
  paidFen: number | null;
  outstandingFen: number | null;
};

export function AgreementPanel({
  caseId,
  agreement,
  basis,
  today,
  breachTargets,
}: {
  caseId: string;
  agreement: AgreementInForce;
  basis: TermsBasis;
  today: string;
  breachTargets: BreachTarget[];
}) {
  const t = useTranslations("negotiation.agreement");
  return (
    <div className="flex flex-col gap-4" data-testid="agreement-panel">
      <Card title={t("title")}>
        <p className="text-sm text-slate-700">
          {t("since", { date: agreement.agreedOn })}
          {agreement.totalDueFen !== null && (
            <>
              {" · "}
              {t("figures", {
                total: formatFen(agreement.totalDueFen),
                paid: formatFen(agreement.paidFen ?? 0),
                remaining: formatFen(agreement.outstandingFen ?? 0),
              })}
            </>
          )}
        </p>
        <TermsList terms={agreement.terms} className="mt-2 list-disc pl-5 text-sm" testId="agreement-terms" />
        <p className="mt-3 rounded bg-sky-50 p-2 text-sm text-sky-900">{t("noNewProposal")}</p>
      </Card>
      <ChangeForm caseId={caseId} agreement={agreement} basis={basis} today={today} />
      {breachTargets.length > 0 && <BreachForm caseId={caseId} agreement={agreement} today={today} targets={breachTargets} />}
    </div>
  );
}

type ChangeValues = { effectiveFrom: string; note: string; terms: TermsDraft; acknowledge: boolean };

function ChangeForm({
  caseId,
  agreement,
  basis,
  today,
}: {
  caseId: string;
  agreement: AgreementInForce;
  basis: TermsBasis;
  today: string;
}) {
  const t = useTranslations("negotiation.agreement");
  const trpc = useTRPC();
  const [saved, setSaved] = useState(false);
  const change = useMutation(trpc.case.changeAgreement.mutationOptions());
  const defaults = useMemo<ChangeValues>(
    () => ({
      effectiveFrom: today,
      note: "",
      // What remains, over a year from next month: the usual change; the counselor edits it to what was agreed.
      terms: draftFromTerms(
        {
          instalments: {
            amountFen: basis.balanceFen,
            method: "interest-free",
            months: 12,
            annualRatePct: "0",
            firstDueDate: addMonths(today, 1),
          },
        },
        today,
      ),
      acknowledge: false,
    }),
    [basis.balanceFen, today],
  );
  const { form, formRef, onSubmit, summary } = useCheckedForm({
    schema: ZChangeAgreement,
    toInput: (v: ChangeValues) => ({
      caseId,
      agreementId: agreement.id,
      version: agreement.version,
      effectiveFrom: v.effectiveFrom,
      terms: termsFromDraft(v.terms),
      ...(v.note.trim() ? { note: v.note } : {}),
    }),
    check: (input, v, words) => termsCheckIssues(input.terms, basis, today, v.acknowledge, words),
    defaultValues: defaults,
    fields: [...TERMS_FIELDS, "effectiveFrom", "note"],
    send: (input) => {
      setSaved(false);
      return change.mutateAsync(input);
    },
    onSent: () => setSaved(true),
  });
  const errors = form.formState.errors;
  return (
    <Card title={t("changeTitle")}>
      <p className="mb-3 text-sm text-slate-700">{t("changeHint", { remaining: formatFen(basis.balanceFen) })}</p>
      {saved && <Alert tone="success">{t("changeSaved")}</Alert>}
      <FormProvider {...form}>
        <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-3" aria-label={t("changeTitle")}>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label={t("effectiveFrom")} error={messageAt(errors, "effectiveFrom")}>
              {({ id, describedBy, invalid }) => (
                <Input id={id} type="date" aria-invalid={invalid} aria-describedby={describedBy} {...form.register("effectiveFrom")} />
              )}
            </Field>
            <Field label={t("changeNote")} error={messageAt(errors, "note")}>
              {({ id, describedBy, invalid }) => (
                <Input id={id} aria-invalid={invalid} aria-describedby={describedBy} {...form.register("note")} />
              )}
            </Field>
          </div>
          <TermsFields caseId={caseId} basis={basis} today={today} change />
          <div className="flex flex-col gap-2">
            <FormMessage {...summary} />
            <Button type="submit" disabled={form.formState.isSubmitting}>
              {t("saveChange")}
            </Button>
          </div>
        </form>
      </FormProvider>
    </Card>
  );
}

type BreachValues = { brokenOn: string; reason: string; to: BreachTarget };

function BreachForm({
  caseId,
  agreement,
  today,
  targets,
}: {
  caseId: string;
  agreement: AgreementInForce;
  today: string;
  targets: BreachTarget[];
}) {
  const t = useTranslations("negotiation.agreement");
  const tc = useTranslations("cases");
  const trpc = useTRPC();
  const breach = useMutation(trpc.case.recordBreach.mutationOptions());
  const { form, formRef, onSubmit, summary } = useCheckedForm({
    schema: ZRecordBreach,
    toInput: (v: BreachValues) => ({ caseId, agreementId: agreement.id, version: agreement.version, ...v }),
    defaultValues: { brokenOn: today, reason: "", to: targets[0] },
    fields: ["brokenOn", "reason", "to"],
    send: (input) => breach.mutateAsync(input),
  });
  const errors = form.formState.errors;
  return (
    <Card title={t("breachTitle")}>
      <p className="mb-3 text-sm text-slate-700">{t("breachHint")}</p>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-2" aria-label={t("breachTitle")}>
        <Field label={t("brokenOn")} error={messageAt(errors, "brokenOn")}>
          {({ id, describedBy, invalid }) => (
            <Input id={id} type="date" aria-invalid={invalid} aria-describedby={describedBy} {...form.register("brokenOn")} />
          )}
        </Field>
        <Controller
          control={form.control}
          name="to"
          render={({ field }) => (
            <ChoiceField
              label={t("to")}
              value={field.value}
              options={targets}
              optionLabel={(s) => tc(`states.${s}`)}
              onChange={field.onChange}
            />
          )}
        />
        <div className="sm:col-span-2">
          <Field label={t("reason")} error={messageAt(errors, "reason")}>
            {({ id, describedBy, invalid }) => (
              <Input id={id} aria-invalid={invalid} aria-describedby={describedBy} {...form.register("reason")} />
            )}
          </Field>
        </div>
        <div className="flex flex-col gap-2 sm:col-span-2">
          <FormMessage {...summary} />
          <Button type="submit" variant="danger" disabled={form.formState.isSubmitting}>
            {t("saveBreach")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
