"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { Path, UseFormReturn } from "react-hook-form";
import { ChoiceInput, FormInput, MoneyField } from "@/app/_components/form-fields";
import { Button } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { addMonths } from "@/server/domain/schedule";
import { ZCreateReferral } from "@/server/schemas/cases";
import { ZAddSession, ZEndMediation, ZRecordConfirmation, ZRecordMediationAgreement, ZStartMediation } from "@/server/schemas/legal";
import { today, useRefresh } from "./case-shared";
import { FormFrame, blank, useLegalForm, type Body, type Mediation } from "./legal-form";

export function StartMediation({ caseId, bodies, open }: { caseId: string; bodies: Body[]; open: boolean }) {
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

export function ReferToBody({ caseId, bodies }: { caseId: string; bodies: Body[] }) {
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

export function MediationItem({ caseId, mediation: m }: { caseId: string; mediation: Mediation }) {
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
