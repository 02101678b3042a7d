"use client";

// A debt's priority class, its place in the order, the card's 恶意透支 warning and its credit-record clocks,
// with a small form to record the facts they come from (debt.setTriage). Rules: server/domain/rules.

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { ruleTitle } from "@/app/_components/rule-words";
import { Alert, Button, Field, Input, Select } from "@/app/_components/ui";
import { putServerErrors, useErrorWords } from "@/app/_components/use-error-words";
import { useTRPC } from "@/app/_trpc/client";
import { formatFen } from "@/server/domain/money";
import { DEBT_KINDS } from "@/server/domain/vocabulary";
import { ZDebtTriageInput } from "@/server/schemas/assessment";
import type { Outputs } from "./helpers";

type Debt = Outputs["debt"]["list"]["debts"][number];
type Translate = (key: string, values?: Record<string, string | number>) => string;

// The procedure takes the place as a number; the field holds what was typed, a whole number read as one.
const ZTriageForm = ZDebtTriageInput.omit({ id: true, version: true }).extend({
  priorityRank: z.preprocess((v) => (typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : v), ZDebtTriageInput.shape.priorityRank),
});
type FormIn = z.input<typeof ZTriageForm>;
type FormOut = z.output<typeof ZTriageForm>;

export function DebtTriage({ debt, onSaved }: { debt: Debt; onSaved: () => Promise<unknown> }) {
  const t = useTranslations("rules") as unknown as Translate;
  const format = useFormatter();
  const [editing, setEditing] = useState(false);
  const { triage, credit } = debt;
  const risk = triage.cardRisk;
  return (
    <div className="mt-2 flex flex-col gap-1 text-sm" data-testid="debt-triage">
      <p className="flex flex-wrap items-center gap-2">
        <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-800" data-testid="debt-class">
          {t("triage.position", { position: triage.position })} · {t(`triage.classes.${triage.debtClass}`)}
          {triage.priority ? ` · ${t("triage.priority")}` : ""}
        </span>
        {triage.override && <span className="text-xs text-slate-600">{t("triage.override", { reason: triage.override.reason })}</span>}
      </p>
      {risk && (
        <Alert tone={risk.level === "over" ? "error" : "warning"}>
          <span data-testid="card-risk">
            {risk.level === "over"
              ? t("triage.cardOver", {
                  rule: ruleTitle(t, risk.ruleId),
                  principal: formatFen(risk.principalFen),
                  threshold: formatFen(risk.thresholdFen),
                  date: debt.secondNoticeOn ?? "",
                })
              : t("triage.cardApproaching", {
                  rule: ruleTitle(t, risk.ruleId),
                  principal: formatFen(risk.principalFen),
                  threshold: formatFen(risk.thresholdFen),
                })}
            {risk.level === "approaching" && risk.lineDate ? ` ${t("triage.cardLineDate", { date: risk.lineDate })}` : ""}
          </span>
        </Alert>
      )}
      <ul className="text-xs text-slate-700" data-testid="credit-clocks">
        {credit.reportedOn && <li>{t("credit.reportedOn", { date: credit.reportedOn })}</li>}
        {debt.creditReported !== "no" && (
          <li>
            {credit.agesOff
              ? t("credit.agesOff", { date: credit.agesOff.date, rule: ruleTitle(t, credit.agesOff.ruleId) })
              : t("credit.agesOffUnknown")}
          </li>
        )}
        {credit.repair && (
          <li>
            {t(`credit.repair.${credit.repair.verdict}`, {
              amount: formatFen(credit.repair.maxItemFen),
              by: credit.repair.repaidBy,
              reasons: format.list(credit.repair.reasons.map((r) => t(`credit.reasons.${r}`))),
            })}
          </li>
        )}
        {credit.dispute && (
          <li className={credit.dispute.overdue ? "text-red-800" : undefined}>
            {t("credit.dispute", {
              filed: credit.dispute.filedOn,
              calendar: credit.dispute.calendarDue,
              working: credit.dispute.workingDue,
            })}
            {credit.dispute.overdue ? ` ${t("credit.disputeOverdue", { calendar: credit.dispute.calendarDue })}` : ""}
          </li>
        )}
      </ul>
      {editing ? (
        <TriageForm
          debt={debt}
          onDone={async (saved) => {
            if (saved) await onSaved();
            setEditing(false);
          }}
        />
      ) : (
        <Button variant="ghost" className="self-start" onClick={() => setEditing(true)} data-testid="edit-triage">
          {t("triage.edit")}
        </Button>
      )}
    </div>
  );
}

function TriageForm({ debt, onDone }: { debt: Debt; onDone: (saved: boolean) => Promise<void> }) {
  const t = useTranslations("rules") as unknown as Translate;
  const trpc = useTRPC();
  const explain = useErrorWords();
  const save = useMutation(trpc.debt.setTriage.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(ZTriageForm),
    defaultValues: {
      debtKind: debt.debtKind,
      secured: debt.secured,
      underEnforcement: debt.underEnforcement,
      firstNoticeOn: debt.firstNoticeOn ?? "",
      secondNoticeOn: debt.secondNoticeOn ?? "",
      priorityRank: debt.priorityRank === null ? "" : String(debt.priorityRank),
      priorityReason: debt.priorityReason ?? "",
      creditReportedOn: debt.creditReportedOn ?? "",
      settledOn: debt.settledOn ?? "",
      creditDisputeFiledOn: debt.creditDisputeFiledOn ?? "",
    },
  });
  const errors = form.formState.errors;
  const fieldError = (name: keyof FormIn) => (errors[name] ? explain.field(errors[name] as never) : undefined);
  const submit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      await save.mutateAsync({ ...values, id: debt.id, version: debt.version });
      await onDone(true);
    } catch (e) {
      setError(putServerErrors(form.setError, explain(e)));
    }
  });
  const date = (name: "firstNoticeOn" | "secondNoticeOn" | "creditReportedOn" | "settledOn" | "creditDisputeFiledOn") => (
    <Field label={t(`triage.${name}`)} error={fieldError(name)}>
      {({ id, describedBy, invalid }) => (
        <Input id={id} type="date" {...form.register(name)} aria-invalid={invalid} aria-describedby={describedBy} />
      )}
    </Field>
  );
  return (
    <form
      onSubmit={submit}
      noValidate
      className="mt-2 flex flex-col gap-3 rounded-lg border border-slate-200 p-3"
      data-testid="triage-form"
    >
      {error && <Alert tone="error">{error}</Alert>}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("triage.debtKind")} error={fieldError("debtKind")}>
          {({ id }) => (
            <Select id={id} {...form.register("debtKind")}>
              {DEBT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`triage.debtKinds.${k}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <div className="flex flex-col justify-end gap-2 text-sm">
          <label className="flex min-h-11 items-center gap-2">
            <input type="checkbox" className="h-5 w-5" {...form.register("secured")} />
            {t("triage.secured")}
          </label>
          <label className="flex min-h-11 items-center gap-2">
            <input type="checkbox" className="h-5 w-5" {...form.register("underEnforcement")} />
            {t("triage.underEnforcement")}
          </label>
        </div>
        {date("firstNoticeOn")}
        {date("secondNoticeOn")}
        <Field label={t("triage.priorityRank")} hint={t("triage.priorityRankHint")} error={fieldError("priorityRank")}>
          {({ id, describedBy, invalid }) => (
            <Input id={id} inputMode="numeric" {...form.register("priorityRank")} aria-invalid={invalid} aria-describedby={describedBy} />
          )}
        </Field>
        <Field label={t("triage.priorityReason")} error={fieldError("priorityReason")}>
          {({ id, describedBy, invalid }) => (
            <Input id={id} {...form.register("priorityReason")} aria-invalid={invalid} aria-describedby={describedBy} />
          )}
        </Field>
        {date("creditReportedOn")}
        {date("settledOn")}
        {date("creditDisputeFiledOn")}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={save.isPending}>
          {t("triage.save")}
        </Button>
        <Button type="button" variant="secondary" onClick={() => void onDone(false)}>
          {t("triage.cancel")}
        </Button>
      </div>
    </form>
  );
}
