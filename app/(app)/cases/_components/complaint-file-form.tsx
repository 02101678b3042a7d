"use client";

// The complaints tab's form to file a complaint: to whom, about what, and, when the agency files it, under
// which of the client's authorisations (proposed, or chosen).

import { useMutation, useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Controller } from "react-hook-form";
import { ChoiceInput, FormInput, FormTextarea } from "@/app/_components/form-fields";
import { ConductFlagChip } from "@/app/_components/rule-words";
import { Alert, Button, Card } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { coverage } from "@/server/domain/authorisation";
import { shanghaiDate } from "@/server/domain/time";
import { COMPLAINT_CHANNELS, COMPLAINT_FILERS, COMPLAINT_SUBJECTS } from "@/server/domain/complaints";
import type { AppRouter } from "@/server/trpc/root";
import { ZFileComplaint } from "@/server/schemas/complaints";
import { today } from "./case-shared";
import { messageAt, useCheckedForm } from "./checked-form";
import { FormMessage } from "./terms-fields";

export type Consent = inferRouterOutputs<AppRouter>["consent"]["caseStatus"];

type FileValues = {
  channel: (typeof COMPLAINT_CHANNELS)[number];
  subject: (typeof COMPLAINT_SUBJECTS)[number];
  details: string;
  reference: string;
  filedBy: (typeof COMPLAINT_FILERS)[number];
  filedOn: string;
  contactEntryIds: string[];
  proposalId: string;
  /** "" lets the service choose the authorisation in force (the one proposed beside the choice). */
  authorisationId: string;
};

const FILE_FIELDS = [
  "channel",
  "subject",
  "details",
  "reference",
  "filedBy",
  "filedOn",
  "contactEntryIds",
  "proposalId",
  "authorisationId",
] as const;

/** The client's authorisation that covers complaining to the case's lender on `on` (the service's own rule), if any. */
function proposedAuthorisation(consent: Consent | undefined, on: string) {
  if (!consent) return null;
  const facts = consent.authorisations.map((a) => ({ ...a, lenderIds: a.lenders.map((l) => l.id) }));
  const r = coverage(facts, { lenderId: consent.lenderId, purpose: "file-complaint", on });
  return r.ok ? (consent.authorisations.find((a) => a.id === r.authorisationId) ?? null) : null;
}

export function FileComplaint({ caseId, consent }: { caseId: string; consent: Consent | undefined }) {
  const t = useTranslations("complaints");
  const trpc = useTRPC();
  const [saved, setSaved] = useState(false);
  const entries = useQuery(trpc.contact.list.queryOptions({ caseId }));
  const proposals = useQuery(trpc.case.proposals.queryOptions({ caseId }));
  const blank = (): FileValues => ({
    channel: "lender",
    subject: "collection-conduct",
    details: "",
    reference: "",
    filedBy: "client",
    filedOn: today(),
    contactEntryIds: [],
    proposalId: "",
    authorisationId: "",
  });
  const file = useMutation(trpc.complaint.file.mutationOptions());
  const { form, formRef, onSubmit, summary } = useCheckedForm({
    schema: ZFileComplaint,
    toInput: (v: FileValues) => ({
      ...v,
      caseId,
      reference: v.reference.trim() || undefined,
      proposalId: v.proposalId || undefined,
      authorisationId: v.filedBy === "agency" && v.authorisationId ? v.authorisationId : undefined,
    }),
    defaultValues: blank(),
    fields: FILE_FIELDS,
    words: "shared",
    send: (input) => {
      setSaved(false);
      return file.mutateAsync(input);
    },
    onSent: (f) => {
      f.reset(blank());
      setSaved(true);
    },
  });
  const subject = form.watch("subject");
  const filedBy = form.watch("filedBy");
  const filedOn = form.watch("filedOn");
  const errors = form.formState.errors;
  // Drafts cannot be filed under; signed ones are listed whatever their state, so the refusal can say why.
  const choices = consent?.authorisations.filter((a) => a.status !== "draft") ?? [];
  const describe = (a: Consent["authorisations"][number]) =>
    `${t("authorisationOption", {
      signedOn: a.signedAt ? shanghaiDate(a.signedAt) : "—",
      validFrom: a.validFrom,
      validTo: a.validTo,
    })} · ${t(`authorisationStates.${a.state}`)}`;
  const proposed = proposedAuthorisation(consent, filedOn);
  return (
    <Card title={t("file")}>
      {saved && <Alert tone="success">{t("saved")}</Alert>}
      <form ref={formRef} className="mt-2 grid gap-3 sm:grid-cols-2" onSubmit={onSubmit} noValidate data-testid="complaint-form">
        <div className="sm:col-span-2">
          <FormMessage {...summary} />
        </div>
        <ChoiceInput form={form} name="channel" label={t("channel")} options={COMPLAINT_CHANNELS} optionLabel={(o) => t(`channels.${o}`)} />
        <ChoiceInput form={form} name="subject" label={t("subject")} options={COMPLAINT_SUBJECTS} optionLabel={(o) => t(`subjects.${o}`)} />
        <FormInput form={form} name="filedOn" label={t("filedOn")} type="date" />
        <FormInput form={form} name="reference" label={t("reference")} maxLength={100} />
        <div className="sm:col-span-2">
          <ChoiceInput form={form} name="filedBy" label={t("filedBy")} options={COMPLAINT_FILERS} optionLabel={(o) => t(`filers.${o}`)} />
        </div>
        {filedBy === "agency" && (
          <div className="sm:col-span-2" data-testid="complaint-authorisation-choice">
            <ChoiceInput
              form={form}
              name="authorisationId"
              label={t("authorisation")}
              hint={t("authorisationHint")}
              options={["", ...choices.map((a) => a.id)]}
              optionLabel={(id) => {
                if (id === "") return proposed ? t("authorisationAutoWith", { choice: describe(proposed) }) : t("authorisationAuto");
                const a = choices.find((c) => c.id === id);
                return a ? describe(a) : id;
              }}
            />
            {/* The refusal, once given, says the same beside the field: not twice. */}
            {choices.length === 0 && !errors.authorisationId && <p className="mt-1 text-sm text-amber-800">{t("authorisationNoneYet")}</p>}
            {consent && (
              <Link className="mt-1 inline-block text-sm text-brand-700 underline" href={`/clients/${consent.clientId}?tab=authorisation`}>
                {t("authorisationFix")}
              </Link>
            )}
          </div>
        )}
        <fieldset className="sm:col-span-2">
          <legend className="mb-1 text-sm font-medium">{t("linkEntries")}</legend>
          <p className="mb-2 text-xs text-slate-600">{t("linkEntriesHint")}</p>
          {entries.data?.length === 0 && <p className="text-sm text-slate-600">{t("noEntries")}</p>}
          <Controller
            control={form.control}
            name="contactEntryIds"
            render={({ field }) => (
              <ul className="space-y-1">
                {entries.data?.map((e) => {
                  const checked = field.value.includes(e.id);
                  return (
                    <li key={e.id}>
                      <label
                        className={`flex min-h-11 items-start gap-2 rounded px-2 py-1 text-sm ${e.conductFlags.length ? "bg-red-50" : ""}`}
                      >
                        <input
                          type="checkbox"
                          className="mt-1"
                          checked={checked}
                          onChange={() => field.onChange(checked ? field.value.filter((x) => x !== e.id) : [...field.value, e.id])}
                        />
                        <span>
                          #{e.seq} {e.summary.slice(0, 60)}
                          {e.conductFlags.map((f, i) => (
                            <ConductFlagChip key={i} flag={f} />
                          ))}
                        </span>
                      </label>
                    </li>
                  );
                })}
              </ul>
            )}
          />
          {errors.contactEntryIds && (
            <p className="mt-1 text-sm text-red-700" data-invalid="true">
              {messageAt(errors, "contactEntryIds")}
            </p>
          )}
        </fieldset>
        {subject === "refused-proposal" && (
          <ChoiceInput
            form={form}
            name="proposalId"
            label={t("proposal")}
            options={["", ...(proposals.data ?? []).map((p) => p.id)]}
            optionLabel={(id) =>
              id === "" ? t("proposalNone") : t("proposalSeq", { seq: proposals.data?.find((p) => p.id === id)?.seq ?? "?" })
            }
          />
        )}
        <div className="sm:col-span-2">
          <FormTextarea form={form} name="details" label={t("details")} maxLength={4000} />
        </div>
        <Button type="submit" disabled={file.isPending} className="sm:col-span-2">
          {t("file")}
        </Button>
      </form>
    </Card>
  );
}
