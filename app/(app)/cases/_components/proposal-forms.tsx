"use client";

// The proposals tab's forms: a new proposal, the lender's answer (a counter-offer has terms), accepting a
// counter-offer. react-hook-form over the procedures' own zod schemas; errors beside their fields, a
// message beside the button, the first problem scrolled into view.

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Controller, FormProvider, get, useWatch, type FieldError } from "react-hook-form";
import { Alert, Button, ChoiceField, Field, Input, Select } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { addDays } from "@/server/domain/time";
import { checkTerms, type TermsBasis } from "@/server/domain/terms-check";
import type { Terms } from "@/server/domain/terms";
import { DOCUMENT_KINDS, PROPOSAL_CHANNELS, type DocumentKind, type ProposalChannel } from "@/server/domain/vocabulary";
import { ZCreateProposal, ZRecordResponse } from "@/server/schemas/cases";
import { useRefresh } from "./case-shared";
import { FormMessage, TermsFields } from "./terms-fields";
import { draftFromTerms, termsCheckIssues, termsFromDraft, TERMS_FIELDS, useTermsFormWords, type TermsDraft } from "./terms-form";
import { messageAt, useCheckedForm } from "./checked-form";
import { useErrorWords } from "@/app/_components/use-error-words";

type NewProposalValues = { channel: ProposalChannel; validUntil: string; terms: TermsDraft; acknowledge: boolean };

export function NewProposalForm({
  caseId,
  basis,
  today,
  initial,
}: {
  caseId: string;
  basis: TermsBasis;
  today: string;
  initial?: Terms | null;
}) {
  const t = useTranslations("cases");
  const trpc = useTRPC();
  const create = useMutation(trpc.case.createProposal.mutationOptions());
  const defaults = useMemo<NewProposalValues>(
    () => ({ channel: "app", validUntil: addDays(today, 14), terms: draftFromTerms(initial, today), acknowledge: false }),
    [initial, today],
  );
  const { form, formRef, onSubmit, summary } = useCheckedForm({
    schema: ZCreateProposal,
    toInput: (v: NewProposalValues) => ({ caseId, channel: v.channel, validUntil: v.validUntil, terms: termsFromDraft(v.terms) }),
    check: (input, v, words) => termsCheckIssues(input.terms, basis, today, v.acknowledge, words),
    defaultValues: defaults,
    fields: [...TERMS_FIELDS, "channel", "validUntil"],
    send: (input) => create.mutateAsync(input),
    onSent: (f) => f.reset({ ...defaults, terms: draftFromTerms(null, today) }),
  });
  return (
    <FormProvider {...form}>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="flex flex-col gap-3" aria-label={t("newProposal")}>
        <div className="grid gap-3 sm:grid-cols-2">
          <Controller
            control={form.control}
            name="channel"
            render={({ field }) => (
              <ChoiceField
                label={t("channel")}
                value={field.value}
                options={PROPOSAL_CHANNELS}
                optionLabel={(c) => t(`channels.${c}`)}
                onChange={field.onChange}
              />
            )}
          />
          <Field label={t("validUntil")} error={messageAt(form.formState.errors, "validUntil")}>
            {({ id, describedBy, invalid }) => (
              <Input id={id} type="date" aria-invalid={invalid} aria-describedby={describedBy} {...form.register("validUntil")} />
            )}
          </Field>
        </div>
        <TermsFields caseId={caseId} basis={basis} today={today} />
        <div className="flex flex-col gap-2">
          <FormMessage {...summary} />
          <Button type="submit" disabled={form.formState.isSubmitting}>
            {t("create")}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}

type ResponseKind = "accepted" | "rejected" | "counter-offer" | "documents-requested";
type ResponseValues = {
  kind: ResponseKind;
  receivedOn: string;
  reason: string;
  documents: DocumentKind[];
  terms: TermsDraft;
  acknowledge: boolean;
};

/** The lender's answer to a sent proposal; a counter-offer carries terms, checked like a proposal's. */
export function RecordResponseForm({
  caseId,
  proposalId,
  basis,
  today,
}: {
  caseId: string;
  proposalId: string;
  basis: TermsBasis;
  today: string;
}) {
  const t = useTranslations("cases");
  const trpc = useTRPC();
  const record = useMutation(trpc.case.recordResponse.mutationOptions());
  const defaults = useMemo<ResponseValues>(
    () => ({ kind: "accepted", receivedOn: today, reason: "", documents: [], terms: draftFromTerms(null, today), acknowledge: false }),
    [today],
  );
  const { form, formRef, onSubmit, summary } = useCheckedForm({
    schema: ZRecordResponse,
    toInput: (v: ResponseValues) => {
      const base = { caseId, proposalId, receivedOn: v.receivedOn };
      if (v.kind === "rejected") return { ...base, kind: v.kind, reason: v.reason };
      if (v.kind === "documents-requested") return { ...base, kind: v.kind, documents: v.documents };
      if (v.kind === "counter-offer") return { ...base, kind: v.kind, terms: termsFromDraft(v.terms) };
      return { ...base, kind: v.kind };
    },
    check: (input, v, words) => (input.kind === "counter-offer" ? termsCheckIssues(input.terms, basis, today, v.acknowledge, words) : []),
    defaultValues: defaults,
    fields: [...TERMS_FIELDS, "receivedOn", "reason", "documents"],
    send: (input) => record.mutateAsync(input),
    onSent: (f) => f.reset(defaults),
  });
  const kind = useWatch({ control: form.control, name: "kind" });
  const errors = form.formState.errors;
  return (
    <details className="mt-4">
      <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("recordResponse")}</summary>
      <FormProvider {...form}>
        <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-3 flex flex-col gap-3">
          <Field label={t("responses")}>
            {({ id }) => (
              <Select id={id} {...form.register("kind")}>
                {(["accepted", "rejected", "counter-offer", "documents-requested"] as const).map((k) => (
                  <option key={k} value={k}>
                    {t(`responseKinds.${k}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t("receivedOn")} error={messageAt(errors, "receivedOn")}>
            {({ id, describedBy, invalid }) => (
              <Input id={id} type="date" aria-invalid={invalid} aria-describedby={describedBy} {...form.register("receivedOn")} />
            )}
          </Field>
          {kind === "rejected" && (
            <Field label={t("rejectReason")} error={messageAt(errors, "reason")}>
              {({ id, describedBy, invalid }) => (
                <Input id={id} aria-invalid={invalid} aria-describedby={describedBy} {...form.register("reason")} />
              )}
            </Field>
          )}
          {kind === "documents-requested" && (
            <fieldset
              className="grid grid-cols-1 gap-1 text-sm sm:grid-cols-2"
              data-invalid={get(errors, "documents") ? "true" : undefined}
            >
              <legend className="mb-1 font-medium">{t("documentsRequested")}</legend>
              {DOCUMENT_KINDS.map((k) => (
                <label key={k} className="flex min-h-11 items-center gap-2">
                  <input type="checkbox" value={k} {...form.register("documents")} />
                  {t(`documentKinds.${k}`)}
                </label>
              ))}
              {Boolean(get(errors, "documents")) && (
                <p className="text-sm text-red-700 sm:col-span-2" role="alert">
                  {(get(errors, "documents") as FieldError).message}
                </p>
              )}
            </fieldset>
          )}
          {kind === "counter-offer" && <TermsFields caseId={caseId} basis={basis} today={today} />}
          <div className="flex flex-col gap-2">
            <FormMessage {...summary} />
            <Button type="submit" disabled={form.formState.isSubmitting}>
              {t("save")}
            </Button>
          </div>
        </form>
      </FormProvider>
    </details>
  );
}

/**
 * "The client accepts this counter-offer": its terms are checked against the debt first; warnings are shown
 * and confirmed before the agreement is made, errors are shown and nothing is made.
 */
export function AcceptCounterOffer({
  caseId,
  responseId,
  terms,
  basis,
  today,
}: {
  caseId: string;
  responseId: string;
  terms: Terms;
  basis: TermsBasis;
  today: string;
}) {
  const t = useTranslations("cases");
  const tn = useTranslations("negotiation");
  const trpc = useTRPC();
  const refresh = useRefresh();
  const words = useTermsFormWords();
  const explain = useErrorWords();
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const check = useMemo(() => checkTerms(terms, basis, today), [terms, basis, today]);
  const accept = useMutation(
    trpc.case.acceptCounterOffer.mutationOptions({
      onSuccess: () => void refresh(),
      onError: (error) => {
        // The terms' problems in words, beside the button (no field here to put them on).
        const data = (error as { data?: { issues?: Array<{ code: string; params?: Record<string, unknown> }> } }).data;
        setMessage(data?.issues?.length ? data.issues.map((i) => words.issue(i)).join(" ") : explain(error).text);
      },
    }),
  );
  const go = () => accept.mutate({ caseId, responseId });
  return (
    <div className="mt-2 flex flex-col gap-2">
      {check.errors.length > 0 && (
        <Alert tone="error">
          <ul className="list-disc pl-5">
            {check.errors.map((e, i) => (
              <li key={i}>{words.issue(e)}</li>
            ))}
          </ul>
        </Alert>
      )}
      {confirming && check.warnings.length > 0 && (
        <Alert tone="warning">
          <p className="font-medium">{tn("accept.confirmTitle")}</p>
          <ul className="mt-1 list-disc pl-5">
            {check.warnings.map((w, i) => (
              <li key={i}>{words.issue(w)}</li>
            ))}
          </ul>
        </Alert>
      )}
      {message && (
        <p className="text-sm text-red-700" role="alert">
          {message}
        </p>
      )}
      <div>
        <Button
          disabled={accept.isPending || check.errors.length > 0}
          onClick={() => (check.warnings.length > 0 && !confirming ? setConfirming(true) : go())}
        >
          {confirming ? tn("accept.confirm") : t("acceptCounter")}
        </Button>
      </div>
    </div>
  );
}
