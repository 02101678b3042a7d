"use client";

// The case page's complaints tab: the evidence pack, the complaints ladder with each clock, and the forms to
// file a complaint (under the client's authorisation when the agency files it), record an extension and
// record the answer.

import { useMutation, useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, type ReactNode, type RefObject } from "react";
import { ChoiceInput, FormInput, FormTextarea } from "@/app/_components/form-fields";
import { ConductFlagChip } from "@/app/_components/rule-words";
import { Button, Card } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { COMPLAINT_OUTCOMES } from "@/server/domain/complaints";
import type { AppRouter } from "@/server/trpc/root";
import { ZAnswerComplaint, ZExtendComplaint } from "@/server/schemas/complaints";
import { today } from "./case-shared";
import { useCheckedForm } from "./checked-form";
import { FormMessage } from "./terms-fields";
import { FileComplaint } from "./complaint-file-form";

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
