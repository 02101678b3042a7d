"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type ReactNode, type RefObject } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { ChoiceInput, FormInput, MoneyField } from "@/app/_components/form-fields";
import { NoticeResult } from "@/app/_components/notice-result";
import { Alert, Button, Card, Field } from "@/app/_components/ui";
import { useErrorWords } from "@/app/_components/use-error-words";
import { useTRPC } from "@/app/_trpc/client";
import type { inferRouterOutputs } from "@trpc/server";
import type { NoticeCheck } from "@/server/domain/court-notice";
import type { AppRouter } from "@/server/trpc/root";
import { ENFORCEMENT_STATUSES, LAWSUIT_OUTCOMES, type EnforcementStatus, type LawsuitOutcome } from "@/server/domain/legal-vocabulary";
import { addMonths } from "@/server/domain/schedule";
import { shanghaiLocalInstant } from "@/server/domain/time";
import { ZCreateReferral } from "@/server/schemas/cases";
import {
  ZAddHearing,
  ZAddSession,
  ZCreateLawsuit,
  ZEndMediation,
  ZRecordConfirmation,
  ZRecordEnforcement,
  ZRecordJudgment,
  ZRecordMediationAgreement,
  ZStartMediation,
  ZUpdateLawsuit,
} from "@/server/schemas/legal";
import { today, useRefresh } from "./case-shared";
import { useCheckedForm } from "./checked-form";
import { formatFen, formatInstant } from "./format";
import { FormMessage } from "./terms-fields";

const blank = (s: string) => (s.trim() === "" ? undefined : s.trim());

/**
 * One of the tab's forms: useCheckedForm over the procedure's own schema (its problems in the shared words),
 * with "saved" beside the button after a success; `reset` empties it again (a new lawsuit, hearing, session).
 */
function useLegalForm<V extends FieldValues, S extends z.ZodType>(
  o: Omit<Parameters<typeof useCheckedForm<V, S>>[0], "words" | "onSent"> & { reset?: boolean },
) {
  const t = useTranslations("legal");
  const [saved, setSaved] = useState(false);
  const checked = useCheckedForm<V, S>({
    ...o,
    words: "shared",
    send: (input) => {
      setSaved(false);
      return o.send(input);
    },
    onSent: (form) => {
      if (o.reset) form.reset();
      setSaved(true);
    },
  });
  return { ...checked, message: saved ? t("saved") : null };
}

type LegalForm = {
  formRef: RefObject<HTMLFormElement | null>;
  onSubmit: () => void;
  summary: { count: number; message?: string };
  message: string | null;
};

/** A form folded under its title (the tab stays short); `open` unfolds it at first (the first lawsuit, the first mediation). */
function FormFrame({
  title,
  form,
  pending,
  children,
  submit,
  open = false,
}: {
  title: string;
  form: LegalForm;
  pending: boolean;
  children: ReactNode;
  submit: string;
  open?: boolean;
}) {
  return (
    <details className="mt-3 rounded-lg border border-slate-200 bg-slate-50" open={open} data-testid="legal-form">
      <summary className="flex min-h-11 cursor-pointer items-center px-3 text-sm font-semibold text-brand-800">{title}</summary>
      <form ref={form.formRef} className="flex flex-col gap-3 border-t border-slate-200 p-3" onSubmit={form.onSubmit} noValidate>
        <FormMessage {...form.summary} />
        <div className="grid gap-3 sm:grid-cols-2">{children}</div>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={pending}>
            {submit}
          </Button>
          {form.message && (
            <span className="text-sm text-slate-700" role="status">
              {form.message}
            </span>
          )}
        </div>
      </form>
    </details>
  );
}

/** The case's court and mediation track: lawsuits with their deadlines, mediations with sessions and agreement, and the notice check. */
export function LegalTab({ caseId }: { caseId: string }) {
  const t = useTranslations("legal");
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.legal.forCase.queryOptions({ caseId }));
  const { data: bodies } = useSuspenseQuery(trpc.mediationBody.list.queryOptions());
  return (
    <div className="flex flex-col gap-4" data-testid="legal-tab">
      <p className="max-w-prose text-sm text-slate-700">{t("intro")}</p>
      <Card title={t("lawsuits")}>
        {data.lawsuits.length === 0 && <p className="text-sm text-slate-600">{t("noLawsuits")}</p>}
        <div className="flex flex-col gap-4">
          {data.lawsuits.map((l) => (
            <LawsuitItem key={l.id} caseId={caseId} lawsuit={l} />
          ))}
        </div>
        <NewLawsuit caseId={caseId} open={data.lawsuits.length === 0} />
      </Card>
      <Card title={t("mediation")}>
        {data.mediations.length === 0 && <p className="text-sm text-slate-600">{t("noMediation")}</p>}
        <div className="flex flex-col gap-4">
          {data.mediations.map((m) => (
            <MediationItem key={m.id} caseId={caseId} mediation={m} />
          ))}
        </div>
        {bodies.length === 0 ? (
          <Alert tone="info">{t("noBodies")}</Alert>
        ) : (
          <>
            {!data.mediations.some((m) => m.status === "open") && (
              <StartMediation caseId={caseId} bodies={bodies} open={data.mediations.length === 0} />
            )}
            <ReferToBody caseId={caseId} bodies={bodies} />
          </>
        )}
      </Card>
      <NoticeCheckCard />
    </div>
  );
}

type Track = inferRouterOutputs<AppRouter>["legal"]["forCase"];
type Lawsuit = Track["lawsuits"][number];
type Mediation = Track["mediations"][number];
type Body = { id: string; name: string; kind: string };

type LawsuitValues = { courtName: string; caseNumber: string; plaintiff: string; servedOn: string; answerFiledOn: string };
const LAWSUIT_FIELDS = ["courtName", "caseNumber", "plaintiff", "servedOn", "answerFiledOn"] as const;
const lawsuitFields = (v: LawsuitValues) => ({
  courtName: v.courtName.trim(),
  plaintiff: v.plaintiff.trim(),
  caseNumber: blank(v.caseNumber),
  servedOn: blank(v.servedOn),
  answerFiledOn: blank(v.answerFiledOn),
});

function NewLawsuit({ caseId, open }: { caseId: string; open: boolean }) {
  const t = useTranslations("legal");
  const trpc = useTRPC();
  const create = useMutation(trpc.legal.createLawsuit.mutationOptions());
  const f = useLegalForm({
    schema: ZCreateLawsuit,
    toInput: (v: LawsuitValues) => ({ caseId, ...lawsuitFields(v), answerFiledOn: undefined }),
    defaultValues: { courtName: "", caseNumber: "", plaintiff: "", servedOn: "", answerFiledOn: "" },
    fields: LAWSUIT_FIELDS,
    send: (input) => create.mutateAsync(input),
    reset: true,
  });
  return (
    <FormFrame title={t("newLawsuit")} open={open} submit={t("save")} pending={create.isPending} form={f}>
      <FormInput form={f.form} name="courtName" label={t("courtName")} hint={t("courtNameHint")} />
      <FormInput form={f.form} name="caseNumber" label={t("caseNumber")} hint={t("caseNumberHint")} />
      <FormInput form={f.form} name="plaintiff" label={t("plaintiff")} />
      <FormInput form={f.form} name="servedOn" label={t("servedOn")} type="date" />
    </FormFrame>
  );
}

function Deadline({ dueOn, estimated, label }: { dueOn: string; estimated: boolean; label: string }) {
  const t = useTranslations("legal");
  const overdue = dueOn < today();
  return (
    <p className={overdue ? "font-semibold text-red-700" : "font-semibold text-slate-900"} data-testid="court-deadline">
      {label}
      {estimated ? t("estimated", { year: dueOn.slice(0, 4) }) : ""}
    </p>
  );
}

function LawsuitItem({ caseId, lawsuit: l }: { caseId: string; lawsuit: Lawsuit }) {
  const t = useTranslations("legal");
  const answer = l.deadlines.find((d) => d.key === "civil-answer");
  const appeal = l.deadlines.find((d) => d.key === "appeal-judgment");
  const enforcement = l.deadlines.find((d) => d.key === "enforcement-application");
  const fen = (v: number | null) => (v === null ? "—" : formatFen(v));
  return (
    <article className="rounded-lg border border-slate-200 p-3 text-sm" data-testid="lawsuit">
      <h3 className="font-semibold">
        {l.courtName}
        {l.caseNumber ? ` · ${l.caseNumber}` : ""}
      </h3>
      <p className="text-slate-700">
        {t("plaintiff")}：{l.plaintiff}
        {l.servedOn ? ` · ${t("servedOn")}：${l.servedOn}` : ""}
      </p>
      {answer && (
        <>
          <Deadline dueOn={answer.dueOn} estimated={answer.estimated} label={t("answerDue", { date: answer.dueOn })} />
          <p className="text-xs text-slate-600">{t("answerDueSource")}</p>
        </>
      )}
      {l.answerFiledOn && <p>{t("answerFiled", { date: l.answerFiledOn })}</p>}
      {!l.servedOn && <p className="text-slate-600">{t("notServed")}</p>}
      <h4 className="mt-2 font-medium">{t("hearings")}</h4>
      {l.hearings.length === 0 ? (
        <p className="text-slate-600">{t("noHearings")}</p>
      ) : (
        <ul className="list-disc pl-5">
          {l.hearings.map((h) => (
            <li key={h.id}>
              {formatInstant(h.at)}
              {h.place ? ` · ${h.place}` : ""}
            </li>
          ))}
        </ul>
      )}
      {l.outcome && (
        <div className="mt-2">
          <h4 className="font-medium">{t("judgment")}</h4>
          <p>{t("outcomeLine", { outcome: t(`outcomes.${l.outcome}`), date: l.outcomeOn ?? "" })}</p>
          {l.principalFen !== null && (
            <p>
              {t("amountsLine", {
                principal: fen(l.principalFen),
                interest: fen(l.interestFen),
                penalty: fen(l.penaltyFen),
                fees: fen(l.feesFen),
                costs: fen(l.costsFen),
              })}
            </p>
          )}
          {appeal && <Deadline dueOn={appeal.dueOn} estimated={appeal.estimated} label={t("appealDue", { date: appeal.dueOn })} />}
          {enforcement && <p>{t("enforcementDue", { date: enforcement.dueOn })}</p>}
        </div>
      )}
      {l.enforcementStatus && (
        <p className="mt-2">
          {t("enforcement")}：{t(`enforcementStatuses.${l.enforcementStatus}`)}
          {l.enforcementCaseNumber ? ` · ${l.enforcementCaseNumber}` : ""}
          {l.enforcementOn ? ` · ${l.enforcementOn}` : ""}
        </p>
      )}
      <EditLawsuit caseId={caseId} lawsuit={l} />
      <AddHearing caseId={caseId} lawsuitId={l.id} />
      <RecordJudgment caseId={caseId} lawsuit={l} />
      {l.outcome && <RecordEnforcement caseId={caseId} lawsuit={l} />}
    </article>
  );
}

function EditLawsuit({ caseId, lawsuit: l }: { caseId: string; lawsuit: Lawsuit }) {
  const t = useTranslations("legal");
  const trpc = useTRPC();
  const update = useMutation(trpc.legal.updateLawsuit.mutationOptions());
  const f = useLegalForm({
    schema: ZUpdateLawsuit,
    toInput: (v: LawsuitValues) => ({ caseId, lawsuitId: l.id, version: l.version, ...lawsuitFields(v) }),
    defaultValues: {
      courtName: l.courtName,
      caseNumber: l.caseNumber ?? "",
      plaintiff: l.plaintiff,
      servedOn: l.servedOn ?? "",
      answerFiledOn: l.answerFiledOn ?? "",
    },
    fields: LAWSUIT_FIELDS,
    send: (input) => update.mutateAsync(input),
  });
  return (
    <FormFrame title={t("editLawsuit")} submit={t("save")} pending={update.isPending} form={f}>
      <FormInput form={f.form} name="courtName" label={t("courtName")} />
      <FormInput form={f.form} name="caseNumber" label={t("caseNumber")} hint={t("caseNumberHint")} />
      <FormInput form={f.form} name="plaintiff" label={t("plaintiff")} />
      <FormInput form={f.form} name="servedOn" label={t("servedOn")} type="date" />
      <FormInput form={f.form} name="answerFiledOn" label={t("answerFiledOn")} type="date" />
    </FormFrame>
  );
}

function AddHearing({ caseId, lawsuitId }: { caseId: string; lawsuitId: string }) {
  const t = useTranslations("legal");
  const trpc = useTRPC();
  const add = useMutation(trpc.legal.addHearing.mutationOptions());
  const f = useLegalForm({
    schema: ZAddHearing,
    // A Beijing date and time from the picker; anything else is left for the schema to refuse on its field.
    toInput: (v: { at: string; place: string }) => ({ caseId, lawsuitId, at: shanghaiLocalInstant(v.at) ?? v.at, place: blank(v.place) }),
    defaultValues: { at: "", place: "" },
    fields: ["at", "place"],
    send: (input) => add.mutateAsync(input),
    reset: true,
  });
  return (
    <FormFrame title={t("addHearing")} submit={t("save")} pending={add.isPending} form={f}>
      <FormInput form={f.form} name="at" label={t("hearingAt")} type="datetime-local" />
      <FormInput form={f.form} name="place" label={t("place")} />
    </FormFrame>
  );
}

type JudgmentValues = {
  outcome: LawsuitOutcome;
  outcomeOn: string;
  principalFen?: number;
  interestFen?: number;
  penaltyFen?: number;
  feesFen?: number;
  costsFen?: number;
  performByOn: string;
  applyToDebt: boolean;
};

const ordersPayment = (outcome: LawsuitOutcome) => outcome === "judgment" || outcome === "mediation-document";

function RecordJudgment({ caseId, lawsuit: l }: { caseId: string; lawsuit: Lawsuit }) {
  const t = useTranslations("legal");
  const trpc = useTRPC();
  const record = useMutation(trpc.legal.recordJudgment.mutationOptions());
  const f = useLegalForm<JudgmentValues, typeof ZRecordJudgment>({
    schema: ZRecordJudgment,
    toInput: (v: JudgmentValues) => ({
      caseId,
      lawsuitId: l.id,
      version: l.version,
      outcome: v.outcome,
      outcomeOn: v.outcomeOn,
      ...(ordersPayment(v.outcome)
        ? {
            principalFen: v.principalFen,
            interestFen: v.interestFen,
            penaltyFen: v.penaltyFen,
            feesFen: v.feesFen,
            costsFen: v.costsFen,
            performByOn: blank(v.performByOn),
          }
        : {}),
      applyToDebt: ordersPayment(v.outcome) && v.applyToDebt,
    }),
    defaultValues: {
      outcome: l.outcome ?? "judgment",
      outcomeOn: l.outcomeOn ?? today(),
      performByOn: l.performByOn ?? "",
      applyToDebt: true,
    },
    fields: ["outcome", "outcomeOn", "principalFen", "interestFen", "penaltyFen", "feesFen", "costsFen", "performByOn", "applyToDebt"],
    send: (input) => record.mutateAsync(input),
  });
  const outcome = f.form.watch("outcome");
  return (
    <FormFrame title={t("recordJudgment")} submit={t("save")} pending={record.isPending} form={f}>
      <ChoiceInput form={f.form} name="outcome" label={t("outcome")} options={LAWSUIT_OUTCOMES} optionLabel={(o) => t(`outcomes.${o}`)} />
      <FormInput form={f.form} name="outcomeOn" label={t("outcomeOn")} type="date" />
      {ordersPayment(outcome) && (
        <>
          <MoneyField form={f.form} name="principalFen" label={t("principal")} />
          <MoneyField form={f.form} name="interestFen" label={t("interest")} />
          <MoneyField form={f.form} name="penaltyFen" label={t("penalty")} />
          <MoneyField form={f.form} name="feesFen" label={t("fees")} />
          <MoneyField form={f.form} name="costsFen" label={t("costs")} />
          <FormInput form={f.form} name="performByOn" label={t("performByOn")} type="date" />
          <label className="flex items-center gap-2 text-sm sm:col-span-2">
            <input type="checkbox" className="h-5 w-5" {...f.form.register("applyToDebt")} />
            {t("applyToDebt")}
          </label>
        </>
      )}
    </FormFrame>
  );
}

function RecordEnforcement({ caseId, lawsuit: l }: { caseId: string; lawsuit: Lawsuit }) {
  const t = useTranslations("legal");
  const trpc = useTRPC();
  const record = useMutation(trpc.legal.recordEnforcement.mutationOptions());
  const f = useLegalForm({
    schema: ZRecordEnforcement,
    toInput: (v: { enforcementStatus: EnforcementStatus; enforcementOn: string; enforcementCaseNumber: string }) => ({
      caseId,
      lawsuitId: l.id,
      version: l.version,
      enforcementStatus: v.enforcementStatus,
      enforcementOn: v.enforcementOn,
      enforcementCaseNumber: blank(v.enforcementCaseNumber),
    }),
    defaultValues: {
      enforcementStatus: l.enforcementStatus ?? "applied",
      enforcementOn: today(),
      enforcementCaseNumber: l.enforcementCaseNumber ?? "",
    },
    fields: ["enforcementStatus", "enforcementOn", "enforcementCaseNumber"],
    send: (input) => record.mutateAsync(input),
  });
  return (
    <FormFrame title={t("recordEnforcement")} submit={t("save")} pending={record.isPending} form={f}>
      <ChoiceInput
        form={f.form}
        name="enforcementStatus"
        label={t("enforcementStatus")}
        options={ENFORCEMENT_STATUSES}
        optionLabel={(o) => t(`enforcementStatuses.${o}`)}
      />
      <FormInput form={f.form} name="enforcementOn" label={t("enforcementOn")} type="date" />
      <FormInput form={f.form} name="enforcementCaseNumber" label={t("enforcementCaseNumber")} hint={t("caseNumberHint")} />
    </FormFrame>
  );
}

function StartMediation({ caseId, bodies, open }: { caseId: string; bodies: Body[]; open: boolean }) {
  const t = useTranslations("legal");
  const trpc = useTRPC();
  const start = useMutation(trpc.legal.startMediation.mutationOptions());
  const f = useLegalForm({
    schema: ZStartMediation,
    toInput: (v: { bodyId: string; startedOn: string; preSuit: boolean; caseNumber: string }) => ({
      caseId,
      bodyId: v.bodyId,
      startedOn: v.startedOn,
      preSuit: v.preSuit,
      caseNumber: blank(v.caseNumber),
    }),
    defaultValues: { bodyId: bodies[0]?.id ?? "", startedOn: today(), preSuit: false, caseNumber: "" },
    fields: ["bodyId", "startedOn", "preSuit", "caseNumber"],
    send: (input) => start.mutateAsync(input),
  });
  return (
    <FormFrame title={t("startMediation")} open={open} submit={t("save")} pending={start.isPending} form={f}>
      <BodyChoice form={f.form} bodies={bodies} />
      <FormInput form={f.form} name="startedOn" label={t("startedOn")} type="date" />
      <FormInput form={f.form} name="caseNumber" label={t("caseNumber")} hint={t("caseNumberHint")} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" className="h-5 w-5" {...f.form.register("preSuit")} />
        {t("preSuit")}
      </label>
    </FormFrame>
  );
}

/** A body of the agency's mediation directory, by name and kind. */
function BodyChoice<V extends { bodyId: string }>({ form, bodies }: { form: UseFormReturn<V, unknown, unknown>; bodies: Body[] }) {
  const t = useTranslations("legal");
  return (
    <ChoiceInput
      form={form}
      name={"bodyId" as Path<V>}
      label={t("body")}
      options={bodies.map((b) => b.id)}
      optionLabel={(id) => {
        const b = bodies.find((x) => x.id === id);
        return b ? `${b.name} · ${t(`bodyKinds.${b.kind as "court-platform"}`)}` : id;
      }}
    />
  );
}

function ReferToBody({ caseId, bodies }: { caseId: string; bodies: Body[] }) {
  const t = useTranslations("legal");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refer = useMutation(trpc.case.createReferral.mutationOptions());
  const f = useLegalForm({
    schema: ZCreateReferral,
    toInput: (v: { bodyId: string }) => ({
      caseId,
      kind: "mediation",
      toName: bodies.find((b) => b.id === v.bodyId)?.name ?? "-",
      mediationBodyId: v.bodyId,
    }),
    defaultValues: { bodyId: bodies[0]?.id ?? "" },
    fields: ["bodyId"],
    send: async (input) => {
      await refer.mutateAsync(input);
      await queryClient.invalidateQueries({ queryKey: trpc.case.referrals.queryKey({ caseId }) });
    },
  });
  return (
    <FormFrame title={t("referTo")} submit={t("referTo")} pending={refer.isPending} form={f}>
      <BodyChoice form={f.form} bodies={bodies} />
    </FormFrame>
  );
}

function MediationItem({ caseId, mediation: m }: { caseId: string; mediation: Mediation }) {
  const t = useTranslations("legal");
  return (
    <article className="rounded-lg border border-slate-200 p-3 text-sm" data-testid="mediation">
      <h3 className="font-semibold">
        {m.bodyName} · {t(`bodyKinds.${m.bodyKind}`)}
      </h3>
      <p>
        {t(`statuses.${m.status}`)} · {t("startedOn")}：{m.startedOn}
        {m.preSuit ? ` · ${t("preSuit")}` : ""}
        {m.caseNumber ? ` · ${m.caseNumber}` : ""}
      </p>
      <h4 className="mt-2 font-medium">{t("sessions")}</h4>
      <ul className="list-disc pl-5">
        {m.sessions.map((s) => (
          <li key={s.id}>
            {s.heldOn} · {s.participants}
            {s.note ? ` · ${s.note}` : ""}
          </li>
        ))}
      </ul>
      {m.status === "agreed" && (
        <div className="mt-2">
          <h4 className="font-medium">{t("confirmation")}</h4>
          <p data-testid="confirmation-state">
            {m.judiciallyConfirmed ? t("confirmed", { date: m.confirmedOn ?? "" }) : t("notConfirmed")}
          </p>
          {!m.judiciallyConfirmed && m.confirmationDueOn && (
            <p className="font-semibold">{t("confirmationDue", { date: m.confirmationDueOn })}</p>
          )}
          <Confirmation caseId={caseId} mediation={m} />
        </div>
      )}
      {m.status === "open" && (
        <>
          <AddSession caseId={caseId} mediation={m} />
          <MediationAgreement caseId={caseId} mediation={m} />
          <EndMediation caseId={caseId} mediation={m} />
        </>
      )}
    </article>
  );
}

function AddSession({ caseId, mediation: m }: { caseId: string; mediation: Mediation }) {
  const t = useTranslations("legal");
  const trpc = useTRPC();
  const add = useMutation(trpc.legal.addSession.mutationOptions());
  const f = useLegalForm({
    schema: ZAddSession,
    toInput: (v: { heldOn: string; participants: string; note: string }) => ({
      caseId,
      mediationId: m.id,
      heldOn: v.heldOn,
      participants: v.participants.trim(),
      note: blank(v.note),
    }),
    defaultValues: { heldOn: today(), participants: "", note: "" },
    fields: ["heldOn", "participants", "note"],
    send: (input) => add.mutateAsync(input),
    reset: true,
  });
  return (
    <FormFrame title={t("addSession")} submit={t("save")} pending={add.isPending} form={f}>
      <FormInput form={f.form} name="heldOn" label={t("heldOn")} type="date" />
      <FormInput form={f.form} name="participants" label={t("participants")} hint={t("participantsHint")} />
      <FormInput form={f.form} name="note" label={t("note")} />
    </FormFrame>
  );
}

type MediationAgreementValues = {
  agreedOn: string;
  /** The terms' own paths, so the schema's and the server's problems land on their fields. */
  terms: { instalments: { amountFen?: number; months: string; firstDueDate: string } };
};

function MediationAgreement({ caseId, mediation: m }: { caseId: string; mediation: Mediation }) {
  const t = useTranslations("legal");
  const trpc = useTRPC();
  const record = useMutation(trpc.legal.recordMediationAgreement.mutationOptions());
  const f = useLegalForm<MediationAgreementValues, typeof ZRecordMediationAgreement>({
    schema: ZRecordMediationAgreement,
    toInput: (v: MediationAgreementValues) => ({
      caseId,
      mediationId: m.id,
      version: m.version,
      agreedOn: v.agreedOn,
      terms: {
        instalments: {
          amountFen: v.terms.instalments.amountFen ?? 0,
          method: "interest-free",
          months: Number(v.terms.instalments.months),
          annualRatePct: "0",
          firstDueDate: v.terms.instalments.firstDueDate,
        },
      },
    }),
    defaultValues: { agreedOn: today(), terms: { instalments: { months: "12", firstDueDate: addMonths(today(), 1) } } },
    fields: ["agreedOn", "terms.instalments.amountFen", "terms.instalments.months", "terms.instalments.firstDueDate"],
    send: (input) => record.mutateAsync(input),
  });
  return (
    <FormFrame title={t("agreementTitle")} submit={t("recordAgreement")} pending={record.isPending} form={f}>
      <p className="text-sm text-slate-700 sm:col-span-2">{t("agreementIntro")}</p>
      <MoneyField form={f.form} name="terms.instalments.amountFen" label={t("totalAmount")} />
      <FormInput form={f.form} name="terms.instalments.months" label={t("months")} type="number" />
      <FormInput form={f.form} name="terms.instalments.firstDueDate" label={t("firstDueDate")} type="date" />
      <FormInput form={f.form} name="agreedOn" label={t("agreedOn")} type="date" />
    </FormFrame>
  );
}

function EndMediation({ caseId, mediation: m }: { caseId: string; mediation: Mediation }) {
  const t = useTranslations("legal");
  const trpc = useTRPC();
  const end = useMutation(trpc.legal.endMediation.mutationOptions());
  const f = useLegalForm({
    schema: ZEndMediation,
    toInput: (v: { status: "failed" | "withdrawn"; endedOn: string }) => ({ caseId, mediationId: m.id, version: m.version, ...v }),
    defaultValues: { status: "failed", endedOn: today() },
    fields: ["status", "endedOn"],
    send: (input) => end.mutateAsync(input),
  });
  return (
    <FormFrame title={t("endMediation")} submit={t("save")} pending={end.isPending} form={f}>
      <ChoiceInput
        form={f.form}
        name="status"
        label={t("endStatus")}
        options={["failed", "withdrawn"] as const}
        optionLabel={(o) => t(`endStatuses.${o}`)}
      />
      <FormInput form={f.form} name="endedOn" label={t("endedOn")} type="date" />
    </FormFrame>
  );
}

function Confirmation({ caseId, mediation: m }: { caseId: string; mediation: Mediation }) {
  const t = useTranslations("legal");
  const trpc = useTRPC();
  const refresh = useRefresh();
  const record = useMutation(trpc.legal.recordConfirmation.mutationOptions());
  const f = useLegalForm({
    schema: ZRecordConfirmation,
    toInput: (v: { confirmedOn: string; confirmationCaseNumber: string }) => ({
      caseId,
      mediationId: m.id,
      version: m.version,
      confirmed: true,
      confirmedOn: v.confirmedOn,
      confirmationCaseNumber: blank(v.confirmationCaseNumber),
    }),
    defaultValues: { confirmedOn: today(), confirmationCaseNumber: "" },
    fields: ["confirmedOn", "confirmationCaseNumber"],
    send: (input) => record.mutateAsync(input),
  });
  if (m.judiciallyConfirmed) {
    return (
      <Button
        variant="secondary"
        className="mt-2"
        onClick={() =>
          record.mutate({ caseId, mediationId: m.id, version: m.version, confirmed: false }, { onSuccess: () => void refresh() })
        }
      >
        {t("confirmNo")}
      </Button>
    );
  }
  return (
    <FormFrame title={t("confirmation")} submit={t("confirmYes")} pending={record.isPending} form={f}>
      <FormInput form={f.form} name="confirmedOn" label={t("confirmedOn")} type="date" />
      <FormInput form={f.form} name="confirmationCaseNumber" label={t("confirmationCaseNumber")} hint={t("caseNumberHint")} />
    </FormFrame>
  );
}

function NoticeCheckCard() {
  const t = useTranslations("legal.notice");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const explain = useErrorWords();
  const [text, setText] = useState("");
  const [result, setResult] = useState<NoticeCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <Card title={t("title")}>
      <p className="mb-3 max-w-prose text-sm text-slate-700">{t("intro")}</p>
      <form
        className="flex flex-col gap-3"
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          try {
            setResult(await queryClient.fetchQuery(trpc.legal.checkNotice.queryOptions({ text: text.trim() })));
          } catch (err) {
            setError(explain(err).text);
          }
        }}
      >
        <Field label={t("text")} error={error ?? undefined}>
          {({ id, describedBy }) => (
            <textarea
              id={id}
              aria-describedby={describedBy}
              rows={4}
              maxLength={2000}
              className="w-full rounded-lg border border-slate-300 px-3 py-2 text-base"
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          )}
        </Field>
        <div>
          <Button type="submit">{t("check")}</Button>
        </div>
      </form>
      {result && (
        <div className="mt-3">
          <NoticeResult result={result} />
        </div>
      )}
    </Card>
  );
}
