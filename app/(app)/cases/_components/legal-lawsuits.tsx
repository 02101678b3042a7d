"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { ChoiceInput, FormInput, MoneyField } from "@/app/_components/form-fields";
import { useTRPC } from "@/app/_trpc/client";
import { ENFORCEMENT_STATUSES, LAWSUIT_OUTCOMES, type EnforcementStatus, type LawsuitOutcome } from "@/server/domain/legal-vocabulary";
import { shanghaiLocalInstant } from "@/server/domain/time";
import { ZAddHearing, ZCreateLawsuit, ZRecordEnforcement, ZRecordJudgment, ZUpdateLawsuit } from "@/server/schemas/legal";
import { today } from "./case-shared";
import { formatFen, formatInstant } from "./format";
import { FormFrame, blank, useLegalForm, type Lawsuit } from "./legal-form";

type LawsuitValues = { courtName: string; caseNumber: string; plaintiff: string; servedOn: string; answerFiledOn: string };
const LAWSUIT_FIELDS = ["courtName", "caseNumber", "plaintiff", "servedOn", "answerFiledOn"] as const;
const lawsuitFields = (v: LawsuitValues) => ({
  courtName: v.courtName.trim(),
  plaintiff: v.plaintiff.trim(),
  caseNumber: blank(v.caseNumber),
  servedOn: blank(v.servedOn),
  answerFiledOn: blank(v.answerFiledOn),
});

export function NewLawsuit({ caseId, open }: { caseId: string; open: boolean }) {
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

export function LawsuitItem({ caseId, lawsuit: l }: { caseId: string; lawsuit: Lawsuit }) {
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
