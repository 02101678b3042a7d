"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { blankAsUndefined, emptyChoiceAsUndefined, numberFromText } from "@/app/_components/form-values";
import { Alert, Button, Field, Select } from "@/app/_components/ui";
import { ChoiceInput, FormInput } from "@/app/_components/form-fields";
import { useTRPC } from "@/app/_trpc/client";
import { putServerErrors, useErrorWords } from "@/app/_components/use-error-words";
import { EMPLOYMENT_KINDS, HARDSHIP_REASONS } from "@/server/domain/vocabulary";
import { ZCreateClientInput, ZUpdateClientInput } from "@/server/schemas/assessment";

type Initial = {
  id: string;
  version: number;
  fullName: string;
  phone: string | null;
  nationalIdMasked: string | null;
  city: string | null;
  householdSize: number | null;
  dependents: number | null;
  employment: string | null;
  hardshipReason: string | null;
  hardshipNarrative: string | null;
  assignedCounselorId: string | null;
};

const intake = ZUpdateClientInput.omit({ id: true, version: true }).shape;

/**
 * The procedures' intake fields as the form holds them (text; "" for "not given" and "none chosen"); opening a
 * file also needs the consent, with the create procedure's own rule and words.
 */
function intakeForm(creating: boolean) {
  return z
    .object({
      ...intake,
      phone: blankAsUndefined(intake.phone),
      nationalId: blankAsUndefined(intake.nationalId),
      householdSize: numberFromText(intake.householdSize),
      dependents: numberFromText(intake.dependents),
      employment: emptyChoiceAsUndefined(intake.employment),
      hardshipReason: emptyChoiceAsUndefined(intake.hardshipReason),
      assignedCounselorId: emptyChoiceAsUndefined(intake.assignedCounselorId),
      consent: z.boolean(),
    })
    .superRefine((v, ctx) => {
      if (!creating) return;
      const consent = ZCreateClientInput.shape.consent.safeParse(v.consent);
      if (!consent.success) ctx.addIssue({ code: "custom", path: ["consent"], message: consent.error.issues[0]?.message });
    });
}
type IntakeSchema = ReturnType<typeof intakeForm>;
type IntakeInput = z.input<IntakeSchema>;
type IntakeOutput = z.output<IntakeSchema>;

const textareaClass = "min-h-24 w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base text-slate-900";

/** Intake: opens a new client file, or edits one (`initial`). The ID number is never sent back in full. */
export function IntakeForm({ initial, isAdmin, onDone }: { initial?: Initial; isAdmin: boolean; onDone?: () => void }) {
  const t = useTranslations("assessment.intake");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const words = useErrorWords();
  const members = useQuery({ ...trpc.org.members.queryOptions(), enabled: isAdmin });
  const create = useMutation(trpc.client.create.mutationOptions());
  const update = useMutation(trpc.client.update.mutationOptions());
  const schema = useMemo(() => intakeForm(!initial), [initial]);
  const form = useForm<IntakeInput, unknown, IntakeOutput>({
    resolver: zodResolver(schema),
    defaultValues: {
      fullName: initial?.fullName ?? "",
      phone: initial?.phone ?? "",
      nationalId: "",
      city: initial?.city ?? "",
      householdSize: initial?.householdSize?.toString() ?? "",
      dependents: initial?.dependents?.toString() ?? "",
      employment: initial?.employment ?? "",
      hardshipReason: initial?.hardshipReason ?? "",
      hardshipNarrative: initial?.hardshipNarrative ?? "",
      assignedCounselorId: initial?.assignedCounselorId ?? "",
      consent: false,
    },
  });
  const [formError, setFormError] = useState<string | null>(null);
  const errors = form.formState.errors;
  const problem = (e: { type?: unknown; message?: string } | undefined) => words.field(e);

  const submit = form.handleSubmit(async ({ consent, assignedCounselorId, ...values }) => {
    setFormError(null);
    const common = { ...values, assignedCounselorId: isAdmin ? assignedCounselorId : undefined };
    try {
      if (initial) {
        await update.mutateAsync({ ...common, id: initial.id, version: initial.version });
        await queryClient.invalidateQueries({ queryKey: trpc.client.get.queryKey({ id: initial.id }) });
        onDone?.();
      } else {
        const r = await create.mutateAsync({ ...common, consent: consent as true });
        router.push(`/clients/${r.id}`);
      }
    } catch (error) {
      setFormError(putServerErrors(form.setError, words(error)));
    }
  });

  const counselors = (members.data ?? []).filter((m) => m.role !== "client" && !m.deactivatedAt);
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      {formError && <Alert tone="error">{formError}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <FormInput form={form} name="fullName" label={t("fullName")} required />
        <FormInput form={form} name="phone" label={t("phone")} hint={t("phoneHint")} type="tel" inputMode="tel" />
        <FormInput
          form={form}
          name="nationalId"
          label={t("nationalId")}
          hint={initial?.nationalIdMasked ? t("nationalIdKeep", { masked: initial.nationalIdMasked }) : t("nationalIdHint")}
          autoComplete="off"
        />
        <FormInput form={form} name="city" label={t("city")} />
        <FormInput form={form} name="householdSize" label={t("householdSize")} type="number" min={1} inputMode="numeric" />
        <FormInput form={form} name="dependents" label={t("dependents")} type="number" min={0} inputMode="numeric" />
        <ChoiceInput
          form={form}
          name="employment"
          label={t("employment")}
          options={EMPLOYMENT_KINDS}
          optionLabel={(k) => t(`employmentKinds.${k}`)}
          placeholder={t("choose")}
        />
        <ChoiceInput
          form={form}
          name="hardshipReason"
          label={t("hardshipReason")}
          options={HARDSHIP_REASONS}
          optionLabel={(k) => t(`reasons.${k}`)}
          placeholder={t("choose")}
        />
        {isAdmin && (
          <Field label={t("counselor")} error={problem(errors.assignedCounselorId)}>
            {({ id, describedBy, invalid }) => (
              <Select id={id} aria-invalid={invalid} aria-describedby={describedBy} {...form.register("assignedCounselorId")}>
                <option value="">{t("unassigned")}</option>
                {counselors.map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        )}
      </div>
      <Field label={t("narrative")} hint={t("narrativeHint")} error={problem(errors.hardshipNarrative)}>
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            className={textareaClass}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            {...form.register("hardshipNarrative")}
          />
        )}
      </Field>
      {!initial && (
        <div className="flex flex-col gap-1">
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" className="mt-1 size-5" aria-invalid={Boolean(errors.consent)} {...form.register("consent")} />
            <span>{t("consent")}</span>
          </label>
          {errors.consent && (
            <p className="text-sm text-red-700" role="alert">
              {problem(errors.consent)}
            </p>
          )}
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {initial ? tc("save") : t("create")}
        </Button>
        {onDone && (
          <Button type="button" variant="secondary" onClick={onDone}>
            {tc("cancel")}
          </Button>
        )}
      </div>
    </form>
  );
}
