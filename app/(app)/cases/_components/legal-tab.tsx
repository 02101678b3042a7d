"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type BaseSyntheticEvent, type ReactNode } from "react";
import { Controller, useForm, type FieldValues, type Path, type SubmitHandler, type UseFormReturn } from "react-hook-form";
import { MoneyInput } from "@/app/_components/money-input";
import { NoticeResult } from "@/app/_components/notice-result";
import { Alert, Button, Card, ChoiceField, Field, Input } from "@/app/_components/ui";
import { putServerErrors, useErrorWords } from "@/app/_components/use-error-words";
import { useTRPC } from "@/app/_trpc/client";
import type { inferRouterOutputs } from "@trpc/server";
import type { NoticeCheck } from "@/server/domain/court-notice";
import type { AppRouter } from "@/server/trpc/root";
import { ENFORCEMENT_STATUSES, LAWSUIT_OUTCOMES, type EnforcementStatus, type LawsuitOutcome } from "@/server/domain/legal-vocabulary";
import { addMonths } from "@/server/domain/schedule";
import { shanghaiLocalInstant } from "@/server/domain/time";
import { today, useRefresh } from "./case-shared";
import { formatFen, formatInstant } from "./format";

const blank = (s: string) => (s.trim() === "" ? undefined : s.trim());

/** A react-hook-form's submit that shows the server's field errors on their fields and anything else beside the button. */
/**
 * Submits after clearing the errors the server put on fields last time: these forms have no resolver, so
 * react-hook-form would otherwise keep a corrected field's old error and never submit again.
 */
function submitClean<T extends FieldValues>(form: UseFormReturn<T>, onValid: SubmitHandler<T>) {
  return (e?: BaseSyntheticEvent) => {
    form.clearErrors();
    return form.handleSubmit(onValid)(e);
  };
}

function useSubmit<T extends FieldValues>(form: UseFormReturn<T>) {
  const explain = useErrorWords();
  const refresh = useRefresh();
  const [message, setMessage] = useState<string | null>(null);
  const t = useTranslations("legal");
  return {
    message,
    onError: (e: unknown) => setMessage(putServerErrors(form.setError, explain(e))),
    onSuccess: async () => {
      setMessage(t("saved"));
      await refresh();
    },
    reset: () => setMessage(null),
  };
}

function TextField<T extends FieldValues>({
  form,
  name,
  label,
  hint,
  type = "text",
}: {
  form: UseFormReturn<T>;
  name: Path<T>;
  label: string;
  hint?: string;
  type?: string;
}) {
  const explain = useErrorWords();
  const error = form.formState.errors[name] as { message?: string; type?: string } | undefined;
  return (
    <Field label={label} hint={hint} error={error ? (error.type === "server" ? error.message : explain.field(error as never)) : undefined}>
      {({ id, describedBy, invalid }) => (
        <Input id={id} type={type} aria-describedby={describedBy} aria-invalid={invalid || undefined} {...form.register(name)} />
      )}
    </Field>
  );
}

function MoneyField<T extends FieldValues>({ form, name, label }: { form: UseFormReturn<T>; name: Path<T>; label: string }) {
  const error = form.formState.errors[name] as { message?: string } | undefined;
  return (
    <Field label={label} error={error?.message}>
      {({ id, describedBy, invalid }) => (
        <Controller
          control={form.control}
          name={name}
          render={({ field }) => (
            <MoneyInput
              id={id}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              value={field.value as number | undefined}
              onChange={field.onChange}
            />
          )}
        />
      )}
    </Field>
  );
}

/** A form folded under its title (the tab stays short); `open` unfolds it at first (the first lawsuit, the first mediation). */
function FormFrame({
  title,
  onSubmit,
  pending,
  message,
  children,
  submit,
  open = false,
}: {
  title: string;
  onSubmit: () => void;
  pending: boolean;
  message: string | null;
  children: ReactNode;
  submit: string;
  open?: boolean;
}) {
  return (
    <details className="mt-3 rounded-lg border border-slate-200 bg-slate-50" open={open} data-testid="legal-form">
      <summary className="flex min-h-11 cursor-pointer items-center px-3 text-sm font-semibold text-brand-800">{title}</summary>
      <form
        className="flex flex-col gap-3 border-t border-slate-200 p-3"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <div className="grid gap-3 sm:grid-cols-2">{children}</div>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={pending}>
            {submit}
          </Button>
          {message && (
            <span className="text-sm text-slate-700" role="status">
              {message}
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

function NewLawsuit({ caseId, open }: { caseId: string; open: boolean }) {
  const t = useTranslations("legal");
  const trpc = useTRPC();
  const form = useForm({ defaultValues: { courtName: "", caseNumber: "", plaintiff: "", servedOn: "" } });
  const s = useSubmit(form);
  const create = useMutation(
    trpc.legal.createLawsuit.mutationOptions({ onSuccess: async () => (form.reset(), await s.onSuccess()), onError: s.onError }),
  );
  return (
    <FormFrame
      title={t("newLawsuit")}
      open={open}
      submit={t("save")}
      pending={create.isPending}
      message={s.message}
      onSubmit={submitClean(form, (v) =>
        create.mutate({
          caseId,
          courtName: v.courtName.trim(),
          plaintiff: v.plaintiff.trim(),
          caseNumber: blank(v.caseNumber),
          servedOn: blank(v.servedOn),
        }),
      )}
    >
      <TextField form={form} name="courtName" label={t("courtName")} hint={t("courtNameHint")} />
      <TextField form={form} name="caseNumber" label={t("caseNumber")} hint={t("caseNumberHint")} />
      <TextField form={form} name="plaintiff" label={t("plaintiff")} />
      <TextField form={form} name="servedOn" label={t("servedOn")} type="date" />
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
  const form = useForm({
    defaultValues: {
      courtName: l.courtName,
      caseNumber: l.caseNumber ?? "",
      plaintiff: l.plaintiff,
      servedOn: l.servedOn ?? "",
      answerFiledOn: l.answerFiledOn ?? "",
    },
  });
  const s = useSubmit(form);
  const update = useMutation(trpc.legal.updateLawsuit.mutationOptions({ onSuccess: s.onSuccess, onError: s.onError }));
  return (
    <FormFrame
      title={t("editLawsuit")}
      submit={t("save")}
      pending={update.isPending}
      message={s.message}
      onSubmit={submitClean(form, (v) =>
        update.mutate({
          caseId,
          lawsuitId: l.id,
          version: l.version,
          courtName: v.courtName.trim(),
          plaintiff: v.plaintiff.trim(),
          caseNumber: blank(v.caseNumber),
          servedOn: blank(v.servedOn),
          answerFiledOn: blank(v.answerFiledOn),
        }),
      )}
    >
      <TextField form={form} name="courtName" label={t("courtName")} />
      <TextField form={form} name="caseNumber" label={t("caseNumber")} hint={t("caseNumberHint")} />
      <TextField form={form} name="plaintiff" label={t("plaintiff")} />
      <TextField form={form} name="servedOn" label={t("servedOn")} type="date" />
      <TextField form={form} name="answerFiledOn" label={t("answerFiledOn")} type="date" />
    </FormFrame>
  );
}

function AddHearing({ caseId, lawsuitId }: { caseId: string; lawsuitId: string }) {
  const t = useTranslations("legal");
  const trpc = useTRPC();
  const form = useForm({ defaultValues: { at: "", place: "" } });
  const s = useSubmit(form);
  const add = useMutation(
    trpc.legal.addHearing.mutationOptions({ onSuccess: async () => (form.reset(), await s.onSuccess()), onError: s.onError }),
  );
  return (
    <FormFrame
      title={t("addHearing")}
      submit={t("save")}
      pending={add.isPending}
      message={s.message}
      onSubmit={submitClean(form, (v) => {
        const at = shanghaiLocalInstant(v.at);
        if (!at) return form.setError("at", { type: "server", message: t("hearingAt") });
        add.mutate({ caseId, lawsuitId, at, place: blank(v.place) });
      })}
    >
      <TextField form={form} name="at" label={t("hearingAt")} type="datetime-local" />
      <TextField form={form} name="place" label={t("place")} />
    </FormFrame>
  );
}

function RecordJudgment({ caseId, lawsuit: l }: { caseId: string; lawsuit: Lawsuit }) {
  const t = useTranslations("legal");
  const trpc = useTRPC();
  const form = useForm<{
    outcome: LawsuitOutcome;
    outcomeOn: string;
    principalFen?: number;
    interestFen?: number;
    penaltyFen?: number;
    feesFen?: number;
    costsFen?: number;
    performByOn: string;
    applyToDebt: boolean;
  }>({
    defaultValues: {
      outcome: l.outcome ?? "judgment",
      outcomeOn: l.outcomeOn ?? today(),
      performByOn: l.performByOn ?? "",
      applyToDebt: true,
    },
  });
  const s = useSubmit(form);
  const record = useMutation(trpc.legal.recordJudgment.mutationOptions({ onSuccess: s.onSuccess, onError: s.onError }));
  const outcome = form.watch("outcome");
  const ordersPayment = outcome === "judgment" || outcome === "mediation-document";
  return (
    <FormFrame
      title={t("recordJudgment")}
      submit={t("save")}
      pending={record.isPending}
      message={s.message}
      onSubmit={submitClean(form, (v) =>
        record.mutate({
          caseId,
          lawsuitId: l.id,
          version: l.version,
          outcome: v.outcome,
          outcomeOn: v.outcomeOn,
          ...(ordersPayment
            ? {
                principalFen: v.principalFen,
                interestFen: v.interestFen,
                penaltyFen: v.penaltyFen,
                feesFen: v.feesFen,
                costsFen: v.costsFen,
                performByOn: blank(v.performByOn),
              }
            : {}),
          applyToDebt: ordersPayment && v.applyToDebt,
        }),
      )}
    >
      <Controller
        control={form.control}
        name="outcome"
        render={({ field }) => (
          <ChoiceField
            label={t("outcome")}
            value={field.value}
            options={LAWSUIT_OUTCOMES}
            optionLabel={(o) => t(`outcomes.${o}`)}
            onChange={field.onChange}
          />
        )}
      />
      <TextField form={form} name="outcomeOn" label={t("outcomeOn")} type="date" />
      {ordersPayment && (
        <>
          <MoneyField form={form} name="principalFen" label={t("principal")} />
          <MoneyField form={form} name="interestFen" label={t("interest")} />
          <MoneyField form={form} name="penaltyFen" label={t("penalty")} />
          <MoneyField form={form} name="feesFen" label={t("fees")} />
          <MoneyField form={form} name="costsFen" label={t("costs")} />
          <TextField form={form} name="performByOn" label={t("performByOn")} type="date" />
          <label className="flex items-center gap-2 text-sm sm:col-span-2">
            <input type="checkbox" className="h-5 w-5" {...form.register("applyToDebt")} />
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
  const form = useForm<{ enforcementStatus: EnforcementStatus; enforcementOn: string; enforcementCaseNumber: string }>({
    defaultValues: {
      enforcementStatus: l.enforcementStatus ?? "applied",
      enforcementOn: today(),
      enforcementCaseNumber: l.enforcementCaseNumber ?? "",
    },
  });
  const s = useSubmit(form);
  const record = useMutation(trpc.legal.recordEnforcement.mutationOptions({ onSuccess: s.onSuccess, onError: s.onError }));
  return (
    <FormFrame
      title={t("recordEnforcement")}
      submit={t("save")}
      pending={record.isPending}
      message={s.message}
      onSubmit={submitClean(form, (v) =>
        record.mutate({
          caseId,
          lawsuitId: l.id,
          version: l.version,
          enforcementStatus: v.enforcementStatus,
          enforcementOn: v.enforcementOn,
          enforcementCaseNumber: blank(v.enforcementCaseNumber),
        }),
      )}
    >
      <Controller
        control={form.control}
        name="enforcementStatus"
        render={({ field }) => (
          <ChoiceField
            label={t("enforcementStatus")}
            value={field.value}
            options={ENFORCEMENT_STATUSES}
            optionLabel={(o) => t(`enforcementStatuses.${o}`)}
            onChange={field.onChange}
          />
        )}
      />
      <TextField form={form} name="enforcementOn" label={t("enforcementOn")} type="date" />
      <TextField form={form} name="enforcementCaseNumber" label={t("enforcementCaseNumber")} hint={t("caseNumberHint")} />
    </FormFrame>
  );
}

function StartMediation({ caseId, bodies, open }: { caseId: string; bodies: Body[]; open: boolean }) {
  const t = useTranslations("legal");
  const trpc = useTRPC();
  const form = useForm({ defaultValues: { bodyId: bodies[0]?.id ?? "", startedOn: today(), preSuit: false, caseNumber: "" } });
  const s = useSubmit(form);
  const start = useMutation(trpc.legal.startMediation.mutationOptions({ onSuccess: s.onSuccess, onError: s.onError }));
  return (
    <FormFrame
      title={t("startMediation")}
      open={open}
      submit={t("save")}
      pending={start.isPending}
      message={s.message}
      onSubmit={submitClean(form, (v) =>
        start.mutate({ caseId, bodyId: v.bodyId, startedOn: v.startedOn, preSuit: v.preSuit, caseNumber: blank(v.caseNumber) }),
      )}
    >
      <BodySelect form={form} bodies={bodies} />
      <TextField form={form} name="startedOn" label={t("startedOn")} type="date" />
      <TextField form={form} name="caseNumber" label={t("caseNumber")} hint={t("caseNumberHint")} />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" className="h-5 w-5" {...form.register("preSuit")} />
        {t("preSuit")}
      </label>
    </FormFrame>
  );
}

function BodySelect<T extends { bodyId: string }>({ form, bodies }: { form: UseFormReturn<T>; bodies: Body[] }) {
  const t = useTranslations("legal");
  const error =
    (form.formState.errors as Record<string, { message?: string } | undefined>).bodyId ??
    (form.formState.errors as Record<string, { message?: string } | undefined>).mediationBodyId;
  return (
    <Field label={t("body")} error={error?.message}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          className="min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base"
          {...form.register("bodyId" as Path<T>)}
        >
          {bodies.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name} · {t(`bodyKinds.${b.kind as "court-platform"}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function ReferToBody({ caseId, bodies }: { caseId: string; bodies: Body[] }) {
  const t = useTranslations("legal");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm({ defaultValues: { bodyId: bodies[0]?.id ?? "" } });
  const s = useSubmit(form);
  const refer = useMutation(
    trpc.case.createReferral.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.case.referrals.queryKey({ caseId }) });
        await s.onSuccess();
      },
      onError: s.onError,
    }),
  );
  return (
    <FormFrame
      title={t("referTo")}
      submit={t("referTo")}
      pending={refer.isPending}
      message={s.message}
      onSubmit={submitClean(form, (v) => {
        const body = bodies.find((b) => b.id === v.bodyId);
        refer.mutate({ caseId, kind: "mediation", toName: body?.name ?? "-", mediationBodyId: v.bodyId });
      })}
    >
      <BodySelect form={form} bodies={bodies} />
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
  const form = useForm({ defaultValues: { heldOn: today(), participants: "", note: "" } });
  const s = useSubmit(form);
  const add = useMutation(
    trpc.legal.addSession.mutationOptions({ onSuccess: async () => (form.reset(), await s.onSuccess()), onError: s.onError }),
  );
  return (
    <FormFrame
      title={t("addSession")}
      submit={t("save")}
      pending={add.isPending}
      message={s.message}
      onSubmit={submitClean(form, (v) =>
        add.mutate({ caseId, mediationId: m.id, heldOn: v.heldOn, participants: v.participants.trim(), note: blank(v.note) }),
      )}
    >
      <TextField form={form} name="heldOn" label={t("heldOn")} type="date" />
      <TextField form={form} name="participants" label={t("participants")} hint={t("participantsHint")} />
      <TextField form={form} name="note" label={t("note")} />
    </FormFrame>
  );
}

function MediationAgreement({ caseId, mediation: m }: { caseId: string; mediation: Mediation }) {
  const t = useTranslations("legal");
  const trpc = useTRPC();
  const form = useForm<{ amountFen?: number; months: string; firstDueDate: string; agreedOn: string }>({
    defaultValues: { months: "12", firstDueDate: addMonths(today(), 1), agreedOn: today() },
  });
  const s = useSubmit(form);
  const record = useMutation(trpc.legal.recordMediationAgreement.mutationOptions({ onSuccess: s.onSuccess, onError: s.onError }));
  // The server's field names are the terms' paths: put them on the fields they came from.
  const err = (form.formState.errors as Record<string, unknown>)["terms"] as
    Record<string, Record<string, { message?: string }>> | undefined;
  return (
    <FormFrame
      title={t("agreementTitle")}
      submit={t("recordAgreement")}
      pending={record.isPending}
      message={s.message}
      onSubmit={submitClean(form, (v) =>
        record.mutate({
          caseId,
          mediationId: m.id,
          version: m.version,
          agreedOn: v.agreedOn,
          terms: {
            instalments: {
              amountFen: v.amountFen ?? 0,
              method: "interest-free",
              months: Number(v.months),
              annualRatePct: "0",
              firstDueDate: v.firstDueDate,
            },
          },
        }),
      )}
    >
      <p className="text-sm text-slate-700 sm:col-span-2">{t("agreementIntro")}</p>
      <MoneyField form={form} name="amountFen" label={t("totalAmount")} />
      <TextField form={form} name="months" label={t("months")} type="number" />
      <TextField form={form} name="firstDueDate" label={t("firstDueDate")} type="date" />
      <TextField form={form} name="agreedOn" label={t("agreedOn")} type="date" />
      {err?.instalments && (
        <p className="text-sm text-red-700 sm:col-span-2" role="alert">
          {Object.values(err.instalments)
            .map((e) => e?.message)
            .filter(Boolean)
            .join(" ")}
        </p>
      )}
    </FormFrame>
  );
}

function EndMediation({ caseId, mediation: m }: { caseId: string; mediation: Mediation }) {
  const t = useTranslations("legal");
  const trpc = useTRPC();
  const form = useForm<{ status: "failed" | "withdrawn"; endedOn: string }>({ defaultValues: { status: "failed", endedOn: today() } });
  const s = useSubmit(form);
  const end = useMutation(trpc.legal.endMediation.mutationOptions({ onSuccess: s.onSuccess, onError: s.onError }));
  return (
    <FormFrame
      title={t("endMediation")}
      submit={t("save")}
      pending={end.isPending}
      message={s.message}
      onSubmit={submitClean(form, (v) =>
        end.mutate({ caseId, mediationId: m.id, version: m.version, status: v.status, endedOn: v.endedOn }),
      )}
    >
      <Controller
        control={form.control}
        name="status"
        render={({ field }) => (
          <ChoiceField
            label={t("endStatus")}
            value={field.value}
            options={["failed", "withdrawn"] as const}
            optionLabel={(o) => t(`endStatuses.${o}`)}
            onChange={field.onChange}
          />
        )}
      />
      <TextField form={form} name="endedOn" label={t("endedOn")} type="date" />
    </FormFrame>
  );
}

function Confirmation({ caseId, mediation: m }: { caseId: string; mediation: Mediation }) {
  const t = useTranslations("legal");
  const trpc = useTRPC();
  const form = useForm({ defaultValues: { confirmedOn: today(), confirmationCaseNumber: "" } });
  const s = useSubmit(form);
  const record = useMutation(trpc.legal.recordConfirmation.mutationOptions({ onSuccess: s.onSuccess, onError: s.onError }));
  if (m.judiciallyConfirmed) {
    return (
      <Button
        variant="secondary"
        className="mt-2"
        onClick={() => record.mutate({ caseId, mediationId: m.id, version: m.version, confirmed: false })}
      >
        {t("confirmNo")}
      </Button>
    );
  }
  return (
    <FormFrame
      title={t("confirmation")}
      submit={t("confirmYes")}
      pending={record.isPending}
      message={s.message}
      onSubmit={submitClean(form, (v) =>
        record.mutate({
          caseId,
          mediationId: m.id,
          version: m.version,
          confirmed: true,
          confirmedOn: v.confirmedOn,
          confirmationCaseNumber: blank(v.confirmationCaseNumber),
        }),
      )}
    >
      <TextField form={form} name="confirmedOn" label={t("confirmedOn")} type="date" />
      <TextField form={form} name="confirmationCaseNumber" label={t("confirmationCaseNumber")} hint={t("caseNumberHint")} />
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
