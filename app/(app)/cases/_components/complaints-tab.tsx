"use client";

// The case page's complaints tab: the evidence pack, the complaints ladder with each clock, and the forms to
// file a complaint, record an extension and record the answer.

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { zodResolver } from "@hookform/resolvers/zod";
import type { inferRouterOutputs } from "@trpc/server";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { ConductFlagChip } from "@/app/_components/rule-words";
import { Alert, Button, Card, ChoiceField, Field, Input } from "@/app/_components/ui";
import { putServerErrors, useErrorWords } from "@/app/_components/use-error-words";
import { useTRPC } from "@/app/_trpc/client";
import { COMPLAINT_CHANNELS, COMPLAINT_FILERS, COMPLAINT_OUTCOMES, COMPLAINT_SUBJECTS } from "@/server/domain/complaints";
import type { AppRouter } from "@/server/trpc/root";
import { ZAnswerComplaint, ZExtendComplaint, ZFileComplaint } from "@/server/schemas/complaints";
import { today, useRefresh } from "./case-shared";

const ZFileForm = ZFileComplaint.omit({ caseId: true }).extend({
  proposalId: z.preprocess((v) => (v === "" ? undefined : v), ZFileComplaint.shape.proposalId),
  reference: z.preprocess((v) => (v === "" ? undefined : v), ZFileComplaint.shape.reference),
});
type FileFormInput = z.input<typeof ZFileForm>;
type FileFormOutput = z.output<typeof ZFileForm>;

const ZAnswerForm = ZAnswerComplaint.omit({ caseId: true, complaintId: true, version: true });
type AnswerFormInput = z.input<typeof ZAnswerForm>;
const ZExtendForm = ZExtendComplaint.omit({ caseId: true, complaintId: true, version: true });
type ExtendFormInput = z.input<typeof ZExtendForm>;

const textArea = "min-h-20 w-full rounded-lg border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-600";

function useComplaintRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = useRefresh();
  return async () => {
    await Promise.all([queryClient.invalidateQueries({ queryKey: trpc.complaint.pathKey() }), refresh()]);
  };
}

export function Complaints({ caseId }: { caseId: string }) {
  const t = useTranslations("complaints");
  const trpc = useTRPC();
  const list = useQuery(trpc.complaint.list.queryOptions({ caseId }));
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
            <ComplaintItem key={k.id} caseId={caseId} complaint={k} />
          ))}
        </ol>
      </Card>
      <FileComplaint caseId={caseId} />
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

function ComplaintItem({ caseId, complaint: k }: { caseId: string; complaint: Listed }) {
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
      {open === "answer" && (
        <AnswerForm caseId={caseId} complaintId={k.id} version={k.version} filedOn={k.filedOn} done={() => setOpen(null)} />
      )}
      {open === "extend" && <ExtendForm caseId={caseId} complaintId={k.id} version={k.version} done={() => setOpen(null)} />}
    </li>
  );
}

function AnswerForm({
  caseId,
  complaintId,
  version,
  done,
}: {
  caseId: string;
  complaintId: string;
  version: number;
  filedOn: string;
  done: () => void;
}) {
  const t = useTranslations("complaints");
  const trpc = useTRPC();
  const refresh = useComplaintRefresh();
  const explain = useErrorWords();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<AnswerFormInput>({
    resolver: zodResolver(ZAnswerForm),
    defaultValues: { answeredOn: today(), outcome: "rejected", answer: "" },
  });
  const errors = form.formState.errors;
  const answer = useMutation(trpc.complaint.answer.mutationOptions());
  const submit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      await answer.mutateAsync({ ...values, caseId, complaintId, version });
      await refresh();
      done();
    } catch (e) {
      const words = explain(e);
      putServerErrors(form.setError, words);
      setError(words.text);
    }
  });
  return (
    <form className="mt-3 grid gap-3 sm:grid-cols-2" onSubmit={submit} noValidate>
      {error && (
        <div className="sm:col-span-2">
          <Alert tone="error">{error}</Alert>
        </div>
      )}
      <Field label={t("answeredOn")} error={explain.field(errors.answeredOn)}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} type="date" {...form.register("answeredOn")} aria-invalid={invalid} aria-describedby={describedBy} />
        )}
      </Field>
      <Controller
        control={form.control}
        name="outcome"
        render={({ field }) => (
          <ChoiceField
            label={t("outcome")}
            value={field.value}
            options={COMPLAINT_OUTCOMES}
            optionLabel={(o) => t(`outcomes.${o}`)}
            onChange={field.onChange}
          />
        )}
      />
      <div className="sm:col-span-2">
        <Field label={t("answerText")} error={explain.field(errors.answer)}>
          {({ id, describedBy, invalid }) => (
            <textarea
              id={id}
              className={textArea}
              {...form.register("answer")}
              maxLength={4000}
              aria-invalid={invalid}
              aria-describedby={describedBy}
            />
          )}
        </Field>
      </div>
      <Button type="submit" disabled={answer.isPending} className="sm:col-span-2">
        {t("save")}
      </Button>
    </form>
  );
}

function ExtendForm({ caseId, complaintId, version, done }: { caseId: string; complaintId: string; version: number; done: () => void }) {
  const t = useTranslations("complaints");
  const trpc = useTRPC();
  const refresh = useComplaintRefresh();
  const explain = useErrorWords();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<ExtendFormInput>({ resolver: zodResolver(ZExtendForm), defaultValues: { extendedOn: today(), note: "" } });
  const errors = form.formState.errors;
  const extend = useMutation(trpc.complaint.extend.mutationOptions());
  const submit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      await extend.mutateAsync({ ...values, note: values.note || undefined, caseId, complaintId, version });
      await refresh();
      done();
    } catch (e) {
      const words = explain(e);
      putServerErrors(form.setError, words);
      setError(words.text);
    }
  });
  return (
    <form className="mt-3 grid gap-3 sm:grid-cols-2" onSubmit={submit} noValidate>
      {error && (
        <div className="sm:col-span-2">
          <Alert tone="error">{error}</Alert>
        </div>
      )}
      <Field label={t("extendedOn")} error={explain.field(errors.extendedOn)}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} type="date" {...form.register("extendedOn")} aria-invalid={invalid} aria-describedby={describedBy} />
        )}
      </Field>
      <Field label={t("extensionNote")} error={explain.field(errors.note)}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} {...form.register("note")} maxLength={1000} aria-invalid={invalid} aria-describedby={describedBy} />
        )}
      </Field>
      <Button type="submit" disabled={extend.isPending} className="sm:col-span-2">
        {t("save")}
      </Button>
    </form>
  );
}

function FileComplaint({ caseId }: { caseId: string }) {
  const t = useTranslations("complaints");
  const trpc = useTRPC();
  const refresh = useComplaintRefresh();
  const explain = useErrorWords();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const entries = useQuery(trpc.contact.list.queryOptions({ caseId }));
  const proposals = useQuery(trpc.case.proposals.queryOptions({ caseId }));
  const blank = (): FileFormInput => ({
    channel: "lender",
    subject: "collection-conduct",
    details: "",
    reference: "",
    filedBy: "client",
    filedOn: today(),
    contactEntryIds: [],
    proposalId: "",
  });
  const form = useForm<FileFormInput, unknown, FileFormOutput>({ resolver: zodResolver(ZFileForm), defaultValues: blank() });
  const errors = form.formState.errors;
  const file = useMutation(trpc.complaint.file.mutationOptions());
  const subject = form.watch("subject");
  const filedBy = form.watch("filedBy");
  const submit = form.handleSubmit(async (values) => {
    setError(null);
    setSaved(false);
    try {
      await file.mutateAsync({ ...values, caseId });
      form.reset(blank());
      setSaved(true);
      await refresh();
    } catch (e) {
      const words = explain(e);
      putServerErrors(form.setError, words);
      setError(words.text);
    }
  });
  return (
    <Card title={t("file")}>
      {error && <Alert tone="error">{error}</Alert>}
      {saved && <Alert tone="success">{t("saved")}</Alert>}
      <form className="mt-2 grid gap-3 sm:grid-cols-2" onSubmit={submit} noValidate data-testid="complaint-form">
        <Controller
          control={form.control}
          name="channel"
          render={({ field }) => (
            <ChoiceField
              label={t("channel")}
              value={field.value}
              options={COMPLAINT_CHANNELS}
              optionLabel={(o) => t(`channels.${o}`)}
              onChange={field.onChange}
            />
          )}
        />
        <Controller
          control={form.control}
          name="subject"
          render={({ field }) => (
            <ChoiceField
              label={t("subject")}
              value={field.value}
              options={COMPLAINT_SUBJECTS}
              optionLabel={(o) => t(`subjects.${o}`)}
              onChange={field.onChange}
            />
          )}
        />
        <Field label={t("filedOn")} error={explain.field(errors.filedOn)}>
          {({ id, describedBy, invalid }) => (
            <Input id={id} type="date" {...form.register("filedOn")} aria-invalid={invalid} aria-describedby={describedBy} />
          )}
        </Field>
        <Field label={t("reference")} error={explain.field(errors.reference)}>
          {({ id, describedBy, invalid }) => (
            <Input id={id} {...form.register("reference")} maxLength={100} aria-invalid={invalid} aria-describedby={describedBy} />
          )}
        </Field>
        <div className="sm:col-span-2">
          <Controller
            control={form.control}
            name="filedBy"
            render={({ field }) => (
              <ChoiceField
                label={t("filedBy")}
                value={field.value}
                options={COMPLAINT_FILERS}
                optionLabel={(o) => t(`filers.${o}`)}
                onChange={field.onChange}
              />
            )}
          />
          {/* Where the client's signed authorisation (issue 13, built in parallel) will be chosen and linked. */}
          {filedBy === "agency" && <p className="mt-1 text-xs text-amber-800">{t("authorisationNote")}</p>}
        </div>
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
                  const checked = (field.value ?? []).includes(e.id);
                  return (
                    <li key={e.id}>
                      <label
                        className={`flex min-h-11 items-start gap-2 rounded px-2 py-1 text-sm ${e.conductFlags.length ? "bg-red-50" : ""}`}
                      >
                        <input
                          type="checkbox"
                          className="mt-1"
                          checked={checked}
                          onChange={() =>
                            field.onChange(checked ? (field.value ?? []).filter((x) => x !== e.id) : [...(field.value ?? []), e.id])
                          }
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
          {errors.contactEntryIds && <p className="mt-1 text-sm text-red-700">{explain.field(errors.contactEntryIds)}</p>}
        </fieldset>
        {subject === "refused-proposal" && (
          <Controller
            control={form.control}
            name="proposalId"
            render={({ field }) => (
              <ChoiceField
                label={t("proposal")}
                error={explain.field(errors.proposalId)}
                value={(field.value as string | undefined) ?? ""}
                options={["", ...(proposals.data ?? []).map((p) => p.id)]}
                optionLabel={(id) =>
                  id === "" ? t("proposalNone") : t("proposalSeq", { seq: proposals.data?.find((p) => p.id === id)?.seq ?? "?" })
                }
                onChange={field.onChange}
              />
            )}
          />
        )}
        <div className="sm:col-span-2">
          <Field label={t("details")} error={explain.field(errors.details)}>
            {({ id, describedBy, invalid }) => (
              <textarea
                id={id}
                className={textArea}
                {...form.register("details")}
                maxLength={4000}
                aria-invalid={invalid}
                aria-describedby={describedBy}
              />
            )}
          </Field>
        </div>
        <Button type="submit" disabled={file.isPending} className="sm:col-span-2">
          {t("file")}
        </Button>
      </form>
    </Card>
  );
}
