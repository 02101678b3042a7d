"use client";

// The client file's debt form: a debt's figures, rates, status and cash flows, added or edited.

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Alert, Button, ChoiceField, Field, Input, Select } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { showFirstInvalid } from "@/app/_components/first-invalid";
import { moneyOrNull } from "@/app/_components/money-input";
import { useErrorWords } from "@/app/_components/use-error-words";
import {
  COLLECTION_STATUSES,
  CREDIT_REPORTED,
  FEE_KINDS,
  type CollectionStatus,
  type CreditReported,
  type FeeKind,
} from "@/server/domain/vocabulary";
import { fenToInput, type Outputs } from "./helpers";

type Debt = Outputs["debt"]["list"]["debts"][number];
const UNITS = ["annual", "monthly", "daily"] as const;

type FlowDraft = { date: string; amount: string; direction: "disbursement" | "repayment"; feeKind?: FeeKind };
/** The flow's kind as one choice: a disbursement, a repayment, or a repayment that was a fee of some kind. */
const flowChoice = (f: FlowDraft) => (f.feeKind ? `fee:${f.feeKind}` : f.direction);
const fromChoice = (value: string): Pick<FlowDraft, "direction" | "feeKind"> =>
  value.startsWith("fee:")
    ? { direction: "repayment", feeKind: value.slice(4) as FeeKind }
    : { direction: value as FlowDraft["direction"], feeKind: undefined };

export function DebtForm({ clientId, debt, onDone }: { clientId: string; debt: Debt | null; onDone: (changed: boolean) => void }) {
  const t = useTranslations("assessment.debts");
  const tc = useTranslations("common");
  const tr = useTranslations("rules");
  const trpc = useTRPC();
  const apiError = useErrorWords();
  const lenders = useQuery(trpc.lender.list.queryOptions());
  const create = useMutation(trpc.debt.create.mutationOptions());
  const update = useMutation(trpc.debt.update.mutationOptions());
  const [v, setV] = useState({
    lenderId: debt?.lenderId ?? "",
    contractNumber: debt?.contractNumber ?? "",
    loanDate: debt?.loanDate ?? "",
    received: fenToInput(debt?.receivedFen),
    original: fenToInput(debt?.originalPrincipalFen),
    outstanding: fenToInput(debt?.outstandingPrincipalFen),
    interest: fenToInput(debt?.interestFen ?? 0),
    penalty: fenToInput(debt?.penaltyFen ?? 0),
    fees: fenToInput(debt?.feesFen ?? 0),
    rateValue: debt?.rateValue ?? "",
    rateUnit: (debt?.rateUnit ?? "annual") as (typeof UNITS)[number],
    penaltyRateValue: debt?.penaltyRateValue ?? "",
    penaltyRateUnit: (debt?.penaltyRateUnit ?? "daily") as (typeof UNITS)[number],
    overdueSince: debt?.overdueSince ?? "",
    creditReported: (debt?.creditReported ?? "unknown") as CreditReported,
    collectionStatus: (debt?.collectionStatus ?? "none") as CollectionStatus,
    notes: debt?.notes ?? "",
  });
  const [flows, setFlows] = useState<FlowDraft[]>(
    debt?.cashFlows.map((f) => ({
      date: f.date,
      amount: fenToInput(f.amountFen),
      direction: f.direction,
      feeKind: f.feeKind ?? undefined,
    })) ?? [],
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV((s) => ({ ...s, [k]: e.target.value }));
  const put = (k: keyof typeof v) => (value: string) => setV((s) => ({ ...s, [k]: value }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    const bad: Record<string, string> = {};
    const money = (key: string, text: string, required: boolean) => {
      const fen = moneyOrNull(text);
      if (fen === null && (required || text.trim() !== "")) bad[key] = t(required && text.trim() === "" ? "requiredAmount" : "badAmount");
      return fen ?? 0;
    };
    const fields = {
      lenderId: v.lenderId,
      contractNumber: v.contractNumber,
      loanDate: v.loanDate || undefined,
      receivedFen: v.received.trim() ? money("receivedFen", v.received, false) : undefined,
      originalPrincipalFen: money("originalPrincipalFen", v.original, true),
      outstandingPrincipalFen: money("outstandingPrincipalFen", v.outstanding, true),
      interestFen: money("interestFen", v.interest, false),
      penaltyFen: money("penaltyFen", v.penalty, false),
      feesFen: money("feesFen", v.fees, false),
      rateValue: v.rateValue.trim(),
      rateUnit: v.rateUnit,
      penaltyRateValue: v.penaltyRateValue.trim() || undefined,
      penaltyRateUnit: v.penaltyRateValue.trim() ? v.penaltyRateUnit : undefined,
      overdueSince: v.overdueSince || undefined,
      creditReported: v.creditReported,
      collectionStatus: v.collectionStatus,
      notes: v.notes,
      cashFlows: flows.map((f, i) => ({
        date: f.date,
        amountFen: money(`cashFlows.${i}.amountFen`, f.amount, true),
        direction: f.direction,
        ...(f.feeKind ? { feeKind: f.feeKind } : {}),
      })),
    };
    if (!v.lenderId) bad.lenderId = t("chooseLender");
    if (Object.keys(bad).length) {
      setErrors(bad);
      showFirstInvalid(formRef.current);
      return;
    }
    try {
      if (debt) await update.mutateAsync({ ...fields, id: debt.id, version: debt.version });
      else await create.mutateAsync({ ...fields, clientId });
      onDone(true);
    } catch (error) {
      const { message, fields: f } = apiError(error);
      setErrors(f);
      setFormError(message);
      showFirstInvalid(formRef.current);
    }
  }

  const moneyField = (key: keyof typeof v, field: string, label: string, hint?: string) => (
    <Field label={label} hint={hint} error={errors[field]}>
      {({ id, describedBy, invalid }) => (
        <Input
          id={id}
          inputMode="decimal"
          placeholder="0.00"
          value={v[key]}
          onChange={set(key)}
          aria-invalid={invalid}
          aria-describedby={describedBy}
        />
      )}
    </Field>
  );

  return (
    <form ref={formRef} onSubmit={submit} className="flex flex-col gap-4" noValidate data-testid="debt-form">
      {formError && <Alert tone="error">{formError}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("lender")} error={errors.lenderId}>
          {({ id, describedBy, invalid }) => (
            <Select id={id} value={v.lenderId} onChange={set("lenderId")} aria-invalid={invalid} aria-describedby={describedBy}>
              <option value="">{t("chooseLender")}</option>
              {(lenders.data ?? []).map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}（{t(`licence.${l.licenceType}`)}）
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t("contractNumber")} error={errors.contractNumber}>
          {({ id }) => <Input id={id} value={v.contractNumber} onChange={set("contractNumber")} />}
        </Field>
        <Field label={t("loanDate")} error={errors.loanDate}>
          {({ id, invalid }) => <Input id={id} type="date" value={v.loanDate} onChange={set("loanDate")} aria-invalid={invalid} />}
        </Field>
        {moneyField("received", "receivedFen", t("received"), t("receivedHint"))}
        {moneyField("original", "originalPrincipalFen", t("originalPrincipal"))}
        {moneyField("outstanding", "outstandingPrincipalFen", t("outstandingPrincipal"))}
        {moneyField("interest", "interestFen", t("interest"))}
        {moneyField("penalty", "penaltyFen", t("penalty"))}
        {moneyField("fees", "feesFen", t("fees"), t("feesHint"))}
        <Field label={t("rate")} hint={t("rateHint")} error={errors.rateValue}>
          {({ id, describedBy, invalid }) => (
            <div className="grid grid-cols-[1fr_auto] gap-2">
              <Input
                id={id}
                inputMode="decimal"
                value={v.rateValue}
                onChange={set("rateValue")}
                aria-invalid={invalid}
                aria-describedby={describedBy}
              />
              <Select aria-label={t("rateUnit")} value={v.rateUnit} onChange={set("rateUnit")}>
                {UNITS.map((u) => (
                  <option key={u} value={u}>
                    {t(`units.${u}`)}
                  </option>
                ))}
              </Select>
            </div>
          )}
        </Field>
        <Field label={t("penaltyRate")} error={errors.penaltyRateValue ?? errors.penaltyRateUnit}>
          {({ id, describedBy, invalid }) => (
            <div className="grid grid-cols-[1fr_auto] gap-2">
              <Input
                id={id}
                inputMode="decimal"
                value={v.penaltyRateValue}
                onChange={set("penaltyRateValue")}
                aria-invalid={invalid}
                aria-describedby={describedBy}
              />
              <Select aria-label={t("rateUnit")} value={v.penaltyRateUnit} onChange={set("penaltyRateUnit")}>
                {UNITS.map((u) => (
                  <option key={u} value={u}>
                    {t(`units.${u}`)}
                  </option>
                ))}
              </Select>
            </div>
          )}
        </Field>
        <Field label={t("overdueSince")} hint={t("overdueSinceHint")} error={errors.overdueSince}>
          {({ id, describedBy, invalid }) => (
            <Input
              id={id}
              type="date"
              value={v.overdueSince}
              onChange={set("overdueSince")}
              aria-invalid={invalid}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <ChoiceField
          label={t("creditReported")}
          value={v.creditReported}
          options={CREDIT_REPORTED}
          optionLabel={(r) => t(`reported.${r}`)}
          onChange={put("creditReported")}
        />
        <ChoiceField
          label={t("collectionStatus")}
          value={v.collectionStatus}
          options={COLLECTION_STATUSES}
          optionLabel={(c) => t(`collection.${c}`)}
          onChange={put("collectionStatus")}
        />
        <Field label={t("notes")}>{({ id }) => <Input id={id} value={v.notes} onChange={set("notes")} />}</Field>
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="font-medium">{t("cashFlows")}</legend>
        <p className="text-xs text-slate-600">{t("cashFlowsHint")}</p>
        {flows.map((f, i) => (
          <div key={i} className="grid grid-cols-2 items-start gap-2 sm:grid-cols-[1fr_1fr_1fr_auto]">
            <Input
              type="date"
              aria-label={t("flowDate")}
              value={f.date}
              aria-invalid={Boolean(errors[`cashFlows.${i}.date`])}
              onChange={(e) => setFlows((fs) => fs.map((x, j) => (j === i ? { ...x, date: e.target.value } : x)))}
            />
            <Input
              inputMode="decimal"
              aria-label={t("flowAmount")}
              placeholder="0.00"
              value={f.amount}
              aria-invalid={Boolean(errors[`cashFlows.${i}.amountFen`])}
              onChange={(e) => setFlows((fs) => fs.map((x, j) => (j === i ? { ...x, amount: e.target.value } : x)))}
            />
            <Select
              aria-label={t("flowDirection")}
              value={flowChoice(f)}
              onChange={(e) => setFlows((fs) => fs.map((x, j) => (j === i ? { ...x, ...fromChoice(e.target.value) } : x)))}
            >
              <option value="disbursement">{t("disbursement")}</option>
              <option value="repayment">{t("repayment")}</option>
              {FEE_KINDS.map((k) => (
                <option key={k} value={`fee:${k}`}>
                  {tr(`feeKinds.${k}`)}
                </option>
              ))}
            </Select>
            <Button type="button" variant="ghost" onClick={() => setFlows((fs) => fs.filter((_, j) => j !== i))}>
              {t("remove")}
            </Button>
            {(errors[`cashFlows.${i}.date`] || errors[`cashFlows.${i}.amountFen`]) && (
              <p className="col-span-full text-sm text-red-700" role="alert">
                {errors[`cashFlows.${i}.date`] ?? errors[`cashFlows.${i}.amountFen`]}
              </p>
            )}
          </div>
        ))}
        <Button
          type="button"
          variant="secondary"
          className="self-start"
          onClick={() => setFlows((fs) => [...fs, { date: "", amount: "", direction: fs.length === 0 ? "disbursement" : "repayment" }])}
        >
          {t("addFlow")}
        </Button>
      </fieldset>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={create.isPending || update.isPending}>
          {tc("save")}
        </Button>
        <Button type="button" variant="secondary" onClick={() => onDone(false)}>
          {tc("cancel")}
        </Button>
      </div>
    </form>
  );
}
