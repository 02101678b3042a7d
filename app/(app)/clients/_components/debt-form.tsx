"use client";

// The client file's debt form: a debt's figures, rates, status and cash flows, added or edited. It is
// react-hook-form over the procedure's own fields (debt-form-schema.ts); the server's field errors go on
// their fields, anything else above the form.

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Controller, get, useFieldArray, useForm, type FieldError } from "react-hook-form";
import { ChoiceInput, FormInput, MoneyField } from "@/app/_components/form-fields";
import { showFirstInvalid } from "@/app/_components/first-invalid";
import { MoneyInput } from "@/app/_components/money-input";
import { Alert, Button, Field, Input, Select } from "@/app/_components/ui";
import { putServerErrors, useErrorWords } from "@/app/_components/use-error-words";
import { useTRPC } from "@/app/_trpc/client";
import { COLLECTION_STATUSES, CREDIT_REPORTED, FEE_KINDS, RATE_UNITS, type FeeKind } from "@/server/domain/vocabulary";
import { debtFieldsOf, ZDebtForm, type DebtFormInput, type DebtFormOutput } from "./debt-form-schema";
import type { Outputs } from "./helpers";

type Debt = Outputs["debt"]["list"]["debts"][number];
type Flow = NonNullable<DebtFormInput["cashFlows"]>[number];

/** The flow's kind as one choice: a disbursement, a repayment, or a repayment that was a fee of some kind. */
const flowChoice = (f: { direction?: Flow["direction"]; feeKind?: FeeKind }) =>
  f.feeKind ? `fee:${f.feeKind}` : (f.direction ?? "repayment");
const fromChoice = (value: string): Pick<Flow, "direction" | "feeKind"> =>
  value.startsWith("fee:")
    ? { direction: "repayment", feeKind: value.slice(4) as FeeKind }
    : { direction: value as Flow["direction"], feeKind: undefined };

function startValues(debt: Debt | null): DebtFormInput {
  return {
    lenderId: debt?.lenderId ?? "",
    contractNumber: debt?.contractNumber ?? "",
    loanDate: debt?.loanDate ?? "",
    receivedFen: debt?.receivedFen ?? undefined,
    originalPrincipalFen: debt?.originalPrincipalFen as number,
    outstandingPrincipalFen: debt?.outstandingPrincipalFen as number,
    interestFen: debt?.interestFen ?? 0,
    penaltyFen: debt?.penaltyFen ?? 0,
    feesFen: debt?.feesFen ?? 0,
    rateValue: debt?.rateValue ?? "",
    rateUnit: debt?.rateUnit ?? "annual",
    penaltyRateValue: debt?.penaltyRateValue ?? "",
    penaltyRateUnit: debt?.penaltyRateUnit ?? "daily",
    overdueSince: debt?.overdueSince ?? "",
    creditReported: debt?.creditReported ?? "unknown",
    collectionStatus: debt?.collectionStatus ?? "none",
    notes: debt?.notes ?? "",
    cashFlows:
      debt?.cashFlows.map((f) => ({ date: f.date, amountFen: f.amountFen, direction: f.direction, feeKind: f.feeKind ?? undefined })) ?? [],
  };
}

export function DebtForm({ clientId, debt, onDone }: { clientId: string; debt: Debt | null; onDone: (changed: boolean) => void }) {
  const t = useTranslations("assessment.debts");
  const tc = useTranslations("common");
  const tr = useTranslations("rules");
  const trpc = useTRPC();
  const words = useErrorWords();
  const lenders = useQuery(trpc.lender.list.queryOptions());
  const create = useMutation(trpc.debt.create.mutationOptions());
  const update = useMutation(trpc.debt.update.mutationOptions());
  const [formError, setFormError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm<DebtFormInput, unknown, DebtFormOutput>({
    resolver: zodResolver(ZDebtForm),
    defaultValues: startValues(debt),
    shouldFocusError: false,
  });
  const flows = useFieldArray({ control: form.control, name: "cashFlows" });
  const errors = form.formState.errors;
  const problem = (path: string) => words.field(get(errors, path) as FieldError | undefined);

  const submit = form.handleSubmit(
    async (values) => {
      setFormError(null);
      const fields = debtFieldsOf(values, debt?.termMonths);
      try {
        if (debt) await update.mutateAsync({ ...fields, id: debt.id, version: debt.version });
        else await create.mutateAsync({ ...fields, clientId });
        onDone(true);
      } catch (error) {
        setFormError(putServerErrors(form.setError, words(error)));
        showFirstInvalid(formRef.current);
      }
    },
    () => showFirstInvalid(formRef.current),
  );

  const unitSelect = (name: "rateUnit" | "penaltyRateUnit") => (
    <Select aria-label={t("rateUnit")} {...form.register(name)}>
      {RATE_UNITS.map((u) => (
        <option key={u} value={u}>
          {t(`units.${u}`)}
        </option>
      ))}
    </Select>
  );

  return (
    <form ref={formRef} onSubmit={submit} className="flex flex-col gap-4" noValidate data-testid="debt-form">
      {formError && <Alert tone="error">{formError}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("lender")} error={problem("lenderId")}>
          {({ id, describedBy, invalid }) => (
            <Select id={id} aria-invalid={invalid} aria-describedby={describedBy} {...form.register("lenderId")}>
              <option value="">{t("chooseLender")}</option>
              {(lenders.data ?? []).map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}（{t(`licence.${l.licenceType}`)}）
                </option>
              ))}
            </Select>
          )}
        </Field>
        <FormInput form={form} name="contractNumber" label={t("contractNumber")} />
        <FormInput form={form} name="loanDate" label={t("loanDate")} type="date" />
        <MoneyField form={form} name="receivedFen" label={t("received")} hint={t("receivedHint")} />
        <MoneyField form={form} name="originalPrincipalFen" label={t("originalPrincipal")} />
        <MoneyField form={form} name="outstandingPrincipalFen" label={t("outstandingPrincipal")} />
        <MoneyField form={form} name="interestFen" label={t("interest")} />
        <MoneyField form={form} name="penaltyFen" label={t("penalty")} />
        <MoneyField form={form} name="feesFen" label={t("fees")} hint={t("feesHint")} />
        <Field label={t("rate")} hint={t("rateHint")} error={problem("rateValue")}>
          {({ id, describedBy, invalid }) => (
            <div className="grid grid-cols-[1fr_auto] gap-2">
              <Input id={id} inputMode="decimal" aria-invalid={invalid} aria-describedby={describedBy} {...form.register("rateValue")} />
              {unitSelect("rateUnit")}
            </div>
          )}
        </Field>
        <Field label={t("penaltyRate")} error={problem("penaltyRateValue") ?? problem("penaltyRateUnit")}>
          {({ id, describedBy, invalid }) => (
            <div className="grid grid-cols-[1fr_auto] gap-2">
              <Input
                id={id}
                inputMode="decimal"
                aria-invalid={invalid}
                aria-describedby={describedBy}
                {...form.register("penaltyRateValue")}
              />
              {unitSelect("penaltyRateUnit")}
            </div>
          )}
        </Field>
        <FormInput form={form} name="overdueSince" label={t("overdueSince")} hint={t("overdueSinceHint")} type="date" />
        <ChoiceInput
          form={form}
          name="creditReported"
          label={t("creditReported")}
          options={CREDIT_REPORTED}
          optionLabel={(r) => t(`reported.${r}`)}
        />
        <ChoiceInput
          form={form}
          name="collectionStatus"
          label={t("collectionStatus")}
          options={COLLECTION_STATUSES}
          optionLabel={(c) => t(`collection.${c}`)}
        />
        <FormInput form={form} name="notes" label={t("notes")} />
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="font-medium">{t("cashFlows")}</legend>
        <p className="text-xs text-slate-600">{t("cashFlowsHint")}</p>
        {flows.fields.map((row, i) => {
          const dateError = problem(`cashFlows.${i}.date`);
          const amountError = problem(`cashFlows.${i}.amountFen`);
          return (
            <div key={row.id} className="grid grid-cols-2 items-start gap-2 sm:grid-cols-[1fr_1fr_1fr_auto]">
              <Input type="date" aria-label={t("flowDate")} aria-invalid={Boolean(dateError)} {...form.register(`cashFlows.${i}.date`)} />
              <Controller
                control={form.control}
                name={`cashFlows.${i}.amountFen`}
                render={({ field }) => (
                  <MoneyInput
                    ref={field.ref}
                    name={field.name}
                    value={field.value}
                    onChange={field.onChange}
                    onBlur={field.onBlur}
                    aria-label={t("flowAmount")}
                    placeholder="0.00"
                    aria-invalid={Boolean(amountError)}
                  />
                )}
              />
              <Controller
                control={form.control}
                name={`cashFlows.${i}.direction`}
                render={({ field }) => (
                  <Select
                    aria-label={t("flowDirection")}
                    value={flowChoice({ direction: field.value, feeKind: form.getValues(`cashFlows.${i}.feeKind`) })}
                    onChange={(e) => {
                      const { direction, feeKind } = fromChoice(e.target.value);
                      form.setValue(`cashFlows.${i}.feeKind`, feeKind);
                      field.onChange(direction);
                    }}
                  >
                    <option value="disbursement">{t("disbursement")}</option>
                    <option value="repayment">{t("repayment")}</option>
                    {FEE_KINDS.map((k) => (
                      <option key={k} value={`fee:${k}`}>
                        {tr(`feeKinds.${k}`)}
                      </option>
                    ))}
                  </Select>
                )}
              />
              <Button type="button" variant="ghost" onClick={() => flows.remove(i)}>
                {t("remove")}
              </Button>
              {(dateError || amountError) && (
                <p className="col-span-full text-sm text-red-700" role="alert">
                  {dateError ?? amountError}
                </p>
              )}
            </div>
          );
        })}
        <Button
          type="button"
          variant="secondary"
          className="self-start"
          onClick={() =>
            flows.append({
              date: "",
              amountFen: undefined as unknown as number,
              direction: flows.fields.length === 0 ? "disbursement" : "repayment",
            })
          }
        >
          {t("addFlow")}
        </Button>
      </fieldset>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {tc("save")}
        </Button>
        <Button type="button" variant="secondary" onClick={() => onDone(false)}>
          {tc("cancel")}
        </Button>
      </div>
    </form>
  );
}
