"use client";

import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { PAYMENT_METHODS, type PaymentMethod } from "@/server/domain/vocabulary";
import { ChoiceInput, FormInput, MoneyField } from "./form-fields";

/**
 * A payment's amount, day and method over ZRecordPayment's fields (amountFen, paidOn, method), for a
 * react-hook-form form; the page gives its own words. (The portal's report is a lighter form: its page budget.)
 */
export function PaymentFields<V extends FieldValues>({
  form,
  labels,
  amountError,
  methodLabel,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  form: UseFormReturn<V, any, any>;
  labels: { amount: string; amountHint?: string; paidOn: string; method: string };
  /** The page's own words for the amount's problem, in place of the shared ones. */
  amountError?: string;
  methodLabel: (method: PaymentMethod) => string;
}) {
  return (
    <>
      <MoneyField form={form} name={"amountFen" as Path<V>} label={labels.amount} hint={labels.amountHint} error={amountError} />
      <FormInput form={form} name={"paidOn" as Path<V>} label={labels.paidOn} type="date" />
      <ChoiceInput form={form} name={"method" as Path<V>} label={labels.method} options={PAYMENT_METHODS} optionLabel={methodLabel} />
    </>
  );
}
