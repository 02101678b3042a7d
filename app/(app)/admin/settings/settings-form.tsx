"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useFieldArray, useForm, type FieldError } from "react-hook-form";
import type { z } from "zod";
import { Alert, Button, Input } from "@/app/_components/ui";
import { FormInput, MoneyField } from "@/app/_components/form-fields";
import { useTRPC } from "@/app/_trpc/client";
import { putServerErrors, useErrorWords } from "@/app/_components/use-error-words";
import { ZSettingsUpdate } from "@/server/schemas/workspace";

type SettingsInput = z.input<typeof ZSettingsUpdate>;
type Settings = z.output<typeof ZSettingsUpdate>;

/** The agency's settings: react-hook-form over the procedure's own schema (ZSettingsUpdate). */
export function SettingsForm() {
  const t = useTranslations("orgSettings");
  const trpc = useTRPC();
  const words = useErrorWords();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.settings.get.queryOptions());
  const form = useForm<SettingsInput, unknown, Settings>({
    resolver: zodResolver(ZSettingsUpdate),
    defaultValues: {
      bufferPct: data.bufferPct,
      minPerCreditorFen: data.minPerCreditorFen,
      requireProposalApproval: data.requireProposalApproval,
      require2fa: data.require2fa,
      businessHours: data.businessHours.map((h) => ({ start: h.start, end: h.end })),
    },
  });
  const hours = useFieldArray({ control: form.control, name: "businessHours" });
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useMutation(trpc.settings.update.mutationOptions());
  const errors = form.formState.errors;

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    setSaved(false);
    try {
      const next = await save.mutateAsync(values);
      queryClient.setQueryData(trpc.settings.get.queryKey(), next);
      form.reset(values); // what was saved is the form's new starting point: "saved" shows until the next change
      setSaved(true);
    } catch (error) {
      setFormError(putServerErrors(form.setError, words(error)));
    }
  });

  // The business hours' first problem: the list's own (none, too many) or one window's.
  const hoursErrors = errors.businessHours as
    (FieldError & { root?: FieldError } & Record<number, { start?: FieldError; end?: FieldError } | undefined>) | undefined;
  const hoursProblem =
    hoursErrors &&
    (hoursErrors.root ??
      (hoursErrors.message ? hoursErrors : undefined) ??
      hours.fields.map((_, i) => hoursErrors[i]?.start ?? hoursErrors[i]?.end).find(Boolean));

  return (
    <form onSubmit={submit} className="flex max-w-xl flex-col gap-4" noValidate>
      <FormInput form={form} name="bufferPct" label={t("bufferPct")} hint={t("bufferPctHint")} inputMode="decimal" />
      <MoneyField form={form} name="minPerCreditorFen" label={t("minPerCreditor")} />
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input type="checkbox" className="h-5 w-5" {...form.register("requireProposalApproval")} />
        {t("requireApproval")}
      </label>
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input type="checkbox" className="h-5 w-5" {...form.register("require2fa")} />
        {t("require2fa")}
      </label>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium text-slate-800">{t("businessHours")}</legend>
        {hours.fields.map((h, i) => (
          <div key={h.id} className="flex flex-wrap items-end gap-2">
            <Input
              aria-label={t("windowStart", { n: i + 1 })}
              type="time"
              aria-invalid={Boolean(hoursErrors?.[i]?.start) || undefined}
              {...form.register(`businessHours.${i}.start`)}
            />
            <span aria-hidden="true">–</span>
            <Input
              aria-label={t("windowEnd", { n: i + 1 })}
              type="time"
              aria-invalid={Boolean(hoursErrors?.[i]?.end) || undefined}
              {...form.register(`businessHours.${i}.end`)}
            />
            {hours.fields.length > 1 && (
              <Button type="button" variant="ghost" onClick={() => hours.remove(i)}>
                {t("removeWindow")}
              </Button>
            )}
          </div>
        ))}
        {hoursProblem && (
          <p className="text-sm text-red-700" role="alert">
            {words.field(hoursProblem)}
          </p>
        )}
        {hours.fields.length < 6 && (
          <Button type="button" variant="secondary" onClick={() => hours.append({ start: "14:00", end: "17:00" })}>
            {t("addWindow")}
          </Button>
        )}
      </fieldset>
      {formError && <Alert tone="error">{formError}</Alert>}
      {saved && !form.formState.isDirty && <Alert tone="success">{t("saved")}</Alert>}
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {t("save")}
      </Button>
    </form>
  );
}
