"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, ChoiceField, Field, Input, Select } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { useErrorWords } from "@/app/_components/use-error-words";
import { EMPLOYMENT_KINDS, HARDSHIP_REASONS, type EmploymentKind, type HardshipReason } from "@/server/domain/vocabulary";

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

const textareaClass = "min-h-24 w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base text-slate-900";

/** Intake: opens a new client file, or edits one (`initial`). The ID number is never sent back in full. */
export function IntakeForm({ initial, isAdmin, onDone }: { initial?: Initial; isAdmin: boolean; onDone?: () => void }) {
  const t = useTranslations("assessment.intake");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const apiError = useErrorWords();
  const members = useQuery({ ...trpc.org.members.queryOptions(), enabled: isAdmin });
  const create = useMutation(trpc.client.create.mutationOptions());
  const update = useMutation(trpc.client.update.mutationOptions());
  const [v, setV] = useState({
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
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV((s) => ({ ...s, [k]: e.target.value }));
  const put = (k: keyof typeof v) => (value: string) => setV((s) => ({ ...s, [k]: value }));
  const num = (s: string) => (s.trim() === "" ? undefined : Number(s));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    const common = {
      fullName: v.fullName,
      phone: v.phone.trim() || undefined,
      nationalId: v.nationalId.trim() || undefined,
      city: v.city,
      householdSize: num(v.householdSize),
      dependents: num(v.dependents),
      employment: (v.employment || undefined) as EmploymentKind | undefined,
      hardshipReason: (v.hardshipReason || undefined) as HardshipReason | undefined,
      hardshipNarrative: v.hardshipNarrative,
      assignedCounselorId: isAdmin && v.assignedCounselorId ? v.assignedCounselorId : undefined,
    };
    try {
      if (initial) {
        await update.mutateAsync({ ...common, id: initial.id, version: initial.version });
        await queryClient.invalidateQueries({ queryKey: trpc.client.get.queryKey({ id: initial.id }) });
        onDone?.();
      } else {
        if (!v.consent) {
          setErrors({ consent: t("consentRequired") });
          return;
        }
        const r = await create.mutateAsync({ ...common, consent: true });
        router.push(`/clients/${r.id}`);
      }
    } catch (error) {
      const { message, fields } = apiError(error);
      setErrors(fields);
      setFormError(message);
    }
  }

  const counselors = (members.data ?? []).filter((m) => m.role !== "client" && !m.deactivatedAt);
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      {formError && <Alert tone="error">{formError}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("fullName")} error={errors.fullName}>
          {({ id, describedBy, invalid }) => (
            <Input id={id} value={v.fullName} onChange={set("fullName")} aria-invalid={invalid} aria-describedby={describedBy} required />
          )}
        </Field>
        <Field label={t("phone")} hint={t("phoneHint")} error={errors.phone}>
          {({ id, describedBy, invalid }) => (
            <Input
              id={id}
              type="tel"
              inputMode="tel"
              value={v.phone}
              onChange={set("phone")}
              aria-invalid={invalid}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <Field
          label={t("nationalId")}
          hint={initial?.nationalIdMasked ? t("nationalIdKeep", { masked: initial.nationalIdMasked }) : t("nationalIdHint")}
          error={errors.nationalId}
        >
          {({ id, describedBy, invalid }) => (
            <Input
              id={id}
              autoComplete="off"
              value={v.nationalId}
              onChange={set("nationalId")}
              aria-invalid={invalid}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <Field label={t("city")} error={errors.city}>
          {({ id, describedBy, invalid }) => (
            <Input id={id} value={v.city} onChange={set("city")} aria-invalid={invalid} aria-describedby={describedBy} />
          )}
        </Field>
        <Field label={t("householdSize")} error={errors.householdSize}>
          {({ id, describedBy, invalid }) => (
            <Input
              id={id}
              type="number"
              min={1}
              inputMode="numeric"
              value={v.householdSize}
              onChange={set("householdSize")}
              aria-invalid={invalid}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <Field label={t("dependents")} error={errors.dependents}>
          {({ id, describedBy, invalid }) => (
            <Input
              id={id}
              type="number"
              min={0}
              inputMode="numeric"
              value={v.dependents}
              onChange={set("dependents")}
              aria-invalid={invalid}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <ChoiceField
          label={t("employment")}
          error={errors.employment}
          value={v.employment as EmploymentKind | ""}
          options={EMPLOYMENT_KINDS}
          optionLabel={(k) => t(`employmentKinds.${k}`)}
          placeholder={t("choose")}
          onChange={put("employment")}
        />
        <ChoiceField
          label={t("hardshipReason")}
          error={errors.hardshipReason}
          value={v.hardshipReason as HardshipReason | ""}
          options={HARDSHIP_REASONS}
          optionLabel={(k) => t(`reasons.${k}`)}
          placeholder={t("choose")}
          onChange={put("hardshipReason")}
        />
        {isAdmin && (
          <Field label={t("counselor")} error={errors.assignedCounselorId}>
            {({ id }) => (
              <Select id={id} value={v.assignedCounselorId} onChange={set("assignedCounselorId")}>
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
      <Field label={t("narrative")} hint={t("narrativeHint")} error={errors.hardshipNarrative}>
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            className={textareaClass}
            value={v.hardshipNarrative}
            onChange={set("hardshipNarrative")}
            aria-invalid={invalid}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      {!initial && (
        <div className="flex flex-col gap-1">
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              className="mt-1 size-5"
              checked={v.consent}
              onChange={(e) => setV((s) => ({ ...s, consent: e.target.checked }))}
              aria-invalid={Boolean(errors.consent)}
            />
            <span>{t("consent")}</span>
          </label>
          {errors.consent && (
            <p className="text-sm text-red-700" role="alert">
              {errors.consent}
            </p>
          )}
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={create.isPending || update.isPending}>
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
