"use client";

// The case page's complaints tab: the evidence pack, the complaints ladder with each clock, and the forms to
// file a complaint (under the client's authorisation when the agency files it), record an extension and
// record the answer.

import { useMutation, useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, type ReactNode, type RefObject } from "react";
import { Controller } from "react-hook-form";
import { ChoiceInput, FormInput, FormTextarea } from "@/app/_components/form-fields";
import { ConductFlagChip } from "@/app/_components/rule-words";
import { Alert, Button, Card } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { coverage } from "@/server/domain/authorisation";
import { shanghaiDate } from "@/server/domain/time";
import { COMPLAINT_CHANNELS, COMPLAINT_FILERS, COMPLAINT_OUTCOMES, COMPLAINT_SUBJECTS } from "@/server/domain/complaints";
import type { AppRouter } from "@/server/trpc/root";
import { ZAnswerComplaint, ZExtendComplaint, ZFileComplaint } from "@/server/schemas/complaints";
import { today } from "./case-shared";
import { messageAt, useCheckedForm } from "./checked-form";
import { FormMessage } from "./terms-fields";

type Consent = inferRouterOutputs<AppRouter>["consent"]["caseStatus"];

export function Complaints({ caseId }: { caseId: string }) {
  const t = useTranslations("complaints");
  const trpc = useTRPC();
  const list = useQuery(trpc.complaint.list.queryOptions({ caseId }));
  const consent = useQuery(trpc.consent.caseStatus.queryOptions({ caseId }));
  return (
    <div className="flex flex-col gap-4">
      <Card title={t("evidencePack")}>
        <p className="mb-3 text-sm text-slate-700">{t("evidencePackHint")}</p>
        <a
          href={`/api/cases/${caseId}/evidence`}
          download
          data-testid="evidence-pack"
          className="inline-flex min-h-11 items-center rounded-lg bg-brand-700 px-4 font-medium text-white hover:bg-brand-800"
        >
          {t("evidencePack")}
        </a>
      </Card>
      <Card title={t("title")}>
        <p className="mb-3 text-xs text-slate-600">{t("hint")}</p>
        {list.data && list.data.length === 0 && <p className="text-sm text-slate-600">{t("none")}</p>}
        <ol className="space-y-3">
          {list.data?.map((k) => (
            <ComplaintItem key={k.id} caseId={caseId} clientId={consent.data?.clientId} complaint={k} />
          ))}
        </ol>
      </Card>
      <FileComplaint caseId={caseId} consent={consent.data} />
    </div>
  );
}

type Listed = inferRouterOutputs<AppRouter>["complaint"]["list"][number];

const STATE_TONE: Record<Listed["state"], string> = {
  running: "bg-slate-100 text-slate-800",
  "due-soon": "bg-amber-100 text-amber-900",
  overdue: "bg-red-100 text-red-800",
  "answered-in-time": "bg-green-100 text-green-800",
  "answered-late": "bg-amber-100 text-amber-900",
};

function ComplaintItem({ caseId, clientId, complaint: k }: { caseId: string; clientId?: string; complaint: Listed }) {
  const t = useTranslations("complaints");
  const [open, setOpen] = useState<"answer" | "extend" | null>(null);
  return (
    <li className="rounded-lg border border-slate-200 p-3 text-sm" data-testid="complaint">
      <p className="font-medium">
        {t(`channels.${k.channel}`)} · {t(`subjects.${k.subject}`)} · {k.filedOn}
        {k.reference ? ` · ${k.reference}` : ""}
      </p>
      <p className="mt-1 flex flex-wrap items-center gap-2">
        <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATE_TONE[k.state]}`} data-testid="complaint-state">
          {t(`states.${k.state}`)}
        </span>
        <span data-testid="complaint-due">
          {t("due", { date: k.dueOn })}
          {k.dueEstimated ? t("dueEstimated") : ""}
        </span>
        {k.extensions.length > 0 && <span className="text-slate-600">{t("extensions", { count: k.extensions.length })}</span>}
      </p>
      {k.dueOnIfWorkingDays && <p className="text-xs text-slate-600">{t("dueIfWorkingDays", { date: k.dueOnIfWorkingDays })}</p>}
      <p className="mt-1 text-xs text-slate-600">
        {t("rule", { source: k.rule.source })}
        {k.rule.checked ? "" : t("ruleUnchecked")}
      </p>
      <p className="mt-2 whitespace-pre-wrap">{k.details}</p>
      <p className="mt-1 text-xs text-slate-600">{t(`filers.${k.filedBy}`)}</p>
      {k.authorisation && (
        <p className="mt-1 text-xs text-slate-700" data-testid="complaint-authorisation">
          {t("filedUnder", {
            signedOn: k.authorisation.signedOn ?? "—",
            validTo: k.authorisation.validTo,
            state: t(`authorisationStates.${k.authorisation.state}`),
          })}
          {clientId && (
            <>
              {" "}
              <Link className="text-brand-700 underline" href={`/clients/${clientId}?tab=authorisation`}>
                {t("filedUnderLink")}
              </Link>
            </>
          )}
        </p>
      )}
      {k.linkedEntries.length > 0 && (
        <p className="mt-1 flex flex-wrap gap-1 text-xs" data-testid="complaint-linked">
          {t("linked", { seqs: k.linkedEntries.map((e) => `#${e.seq}`).join(" ") })}
          {k.linkedEntries.flatMap((e) => e.conductFlags.map((f, i) => <ConductFlagChip key={`${e.id}-${i}`} flag={f} />))}
        </p>
      )}
      {k.answeredOn && (
        <p className="mt-2" data-testid="complaint-answer">
          {t("answered", { date: k.answeredOn, outcome: t(`outcomes.${k.outcome ?? "rejected"}`) })}
          {k.answer ? ` — ${k.answer}` : ""}
        </p>
      )}
      {k.nextRung && (
        <p className="mt-2 font-medium text-brand-800" data-testid="complaint-next">
          {t("nextRung", { rung: t(`rungs.${k.nextRung}`) })}
        </p>
      )}
      {!k.answeredOn && (
        <div className="mt-2 flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => setOpen(open === "answer" ? null : "answer")} aria-expanded={open === "answer"}>
            {t("answer")}
          </Button>
          {k.extensionsLeft > 0 && (
            <Button variant="secondary" onClick={() => setOpen(open === "extend" ? null : "extend")} aria-expanded={open === "extend"}>
              {t("extend")}
            </Button>
          )}
        </div>
      )}
      {open === "answer" && <AnswerForm caseId={caseId} complaintId={k.id} version={k.version} done={() => setOpen(null)} />}
      {open === "extend" && <ExtendForm caseId={caseId} complaintId={k.id} version={k.version} done={() => setOpen(null)} />}
    </li>
  );
}

/** A form under a complaint (its answer, an extension): the form's own problem first, the fields, the button. */
function ItemForm({
  checked,
  pending,
  submit,
  children,
}: {
  checked: { formRef: RefObject<HTMLFormElement | null>; onSubmit: () => void; summary: { count: number; message?: string } };
  pending: boolean;
  submit: string;
  children: ReactNode;
}) {
  return (
    <form ref={checked.formRef} className="mt-3 grid gap-3 sm:grid-cols-2" onSubmit={checked.onSubmit} noValidate>
      <div className="sm:col-span-2">
        <FormMessage {...checked.summary} />
      </div>
      {children}
      <Button type="submit" disabled={pending} className="sm:col-span-2">
        {submit}
      </Button>
    </form>
  );
}

function AnswerForm({ caseId, complaintId, version, done }: { caseId: string; complaintId: string; version: number; done: () => void }) {
  const t = useTranslations("complaints");
  const trpc = useTRPC();
  const answer = useMutation(trpc.complaint.answer.mutationOptions());
  const { form, formRef, onSubmit, summary } = useCheckedForm({
    schema: ZAnswerComplaint,
    toInput: (v: { answeredOn: string; outcome: (typeof COMPLAINT_OUTCOMES)[number]; answer: string }) => ({
      ...v,
      caseId,
      complaintId,
      version,
    }),
    defaultValues: { answeredOn: today(), outcome: "rejected", answer: "" },
    fields: ["answeredOn", "outcome", "answer"],
    words: "shared",
    send: (input) => answer.mutateAsync(input),
    onSent: done,
  });
  return (
    <ItemForm checked={{ formRef, onSubmit, summary }} pending={answer.isPending} submit={t("save")}>
      <FormInput form={form} name="answeredOn" label={t("answeredOn")} type="date" />
      <ChoiceInput form={form} name="outcome" label={t("outcome")} options={COMPLAINT_OUTCOMES} optionLabel={(o) => t(`outcomes.${o}`)} />
      <div className="sm:col-span-2">
        <FormTextarea form={form} name="answer" label={t("answerText")} maxLength={4000} />
      </div>
    </ItemForm>
  );
}

function ExtendForm({ caseId, complaintId, version, done }: { caseId: string; complaintId: string; version: number; done: () => void }) {
  const t = useTranslations("complaints");
  const trpc = useTRPC();
  const extend = useMutation(trpc.complaint.extend.mutationOptions());
  const { form, formRef, onSubmit, summary } = useCheckedForm({
    schema: ZExtendComplaint,
    toInput: (v: { extendedOn: string; note: string }) => ({ ...v, note: v.note || undefined, caseId, complaintId, version }),
    defaultValues: { extendedOn: today(), note: "" },
    fields: ["extendedOn", "note"],
    words: "shared",
    send: (input) => extend.mutateAsync(input),
    onSent: done,
  });
  return (
    <ItemForm checked={{ formRef, onSubmit, summary }} pending={extend.isPending} submit={t("save")}>
      <FormInput form={form} name="extendedOn" label={t("extendedOn")} type="date" />
      <FormInput form={form} name="note" label={t("extensionNote")} maxLength={1000} />
    </ItemForm>
  );
}

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

function FileComplaint({ caseId, consent }: { caseId: string; consent: Consent | undefined }) {
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
