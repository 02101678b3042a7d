"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert, Button, Field, Input } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { fenToYuanString } from "@/server/domain/money";
import { useErrorWords } from "@/app/_components/use-error-words";
import { moneyOrNull } from "@/app/_components/money-input";

export function SettingsForm() {
  const t = useTranslations("orgSettings");
  const trpc = useTRPC();
  const apiError = useErrorWords();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.settings.get.queryOptions());
  const [bufferPct, setBufferPct] = useState(data.bufferPct);
  const [minYuan, setMinYuan] = useState(fenToYuanString(data.minPerCreditorFen));
  const [requireApproval, setRequireApproval] = useState(data.requireProposalApproval);
  const [require2fa, setRequire2fa] = useState(data.require2fa);
  const [hours, setHours] = useState(data.businessHours.map((h) => ({ ...h })));
  const [localError, setLocalError] = useState<string | null>(null);
  const save = useMutation(
    trpc.settings.update.mutationOptions({
      onSuccess: (next) => queryClient.setQueryData(trpc.settings.get.queryKey(), next),
    }),
  );
  const err = save.error ? apiError(save.error) : null;
  const fieldErr = (prefix: string) => Object.entries(err?.fields ?? {}).find(([k]) => k === prefix || k.startsWith(`${prefix}.`))?.[1];

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    const minPerCreditorFen = moneyOrNull(minYuan);
    if (minPerCreditorFen === null) {
      setLocalError(t("minPerCreditor"));
      return;
    }
    save.mutate({
      bufferPct: bufferPct.trim(),
      minPerCreditorFen,
      requireProposalApproval: requireApproval,
      require2fa,
      businessHours: hours,
    });
  };

  return (
    <form onSubmit={submit} className="flex max-w-xl flex-col gap-4">
      <Field label={t("bufferPct")} hint={t("bufferPctHint")} error={fieldErr("bufferPct")}>
        {({ id, describedBy, invalid }) => (
          <Input
            id={id}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            inputMode="decimal"
            value={bufferPct}
            onChange={(e) => setBufferPct(e.target.value)}
          />
        )}
      </Field>
      <Field label={t("minPerCreditor")} error={fieldErr("minPerCreditorFen") ?? localError ?? undefined}>
        {({ id, describedBy, invalid }) => (
          <Input
            id={id}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            inputMode="decimal"
            value={minYuan}
            onChange={(e) => setMinYuan(e.target.value)}
          />
        )}
      </Field>
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input type="checkbox" className="h-5 w-5" checked={requireApproval} onChange={(e) => setRequireApproval(e.target.checked)} />
        {t("requireApproval")}
      </label>
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input type="checkbox" className="h-5 w-5" checked={require2fa} onChange={(e) => setRequire2fa(e.target.checked)} />
        {t("require2fa")}
      </label>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium text-slate-800">{t("businessHours")}</legend>
        {hours.map((h, i) => (
          <div key={i} className="flex flex-wrap items-end gap-2">
            <Input
              aria-label={t("windowStart", { n: i + 1 })}
              type="time"
              value={h.start}
              onChange={(e) => setHours(hours.map((x, j) => (j === i ? { ...x, start: e.target.value } : x)))}
            />
            <span aria-hidden="true">–</span>
            <Input
              aria-label={t("windowEnd", { n: i + 1 })}
              type="time"
              value={h.end}
              onChange={(e) => setHours(hours.map((x, j) => (j === i ? { ...x, end: e.target.value } : x)))}
            />
            {hours.length > 1 && (
              <Button type="button" variant="ghost" onClick={() => setHours(hours.filter((_, j) => j !== i))}>
                {t("removeWindow")}
              </Button>
            )}
          </div>
        ))}
        {fieldErr("businessHours") && (
          <p className="text-sm text-red-700" role="alert">
            {fieldErr("businessHours")}
          </p>
        )}
        {hours.length < 6 && (
          <Button type="button" variant="secondary" onClick={() => setHours([...hours, { start: "14:00", end: "17:00" }])}>
            {t("addWindow")}
          </Button>
        )}
      </fieldset>
      {err && <Alert tone="error">{err.message}</Alert>}
      {save.isSuccess && <Alert tone="success">{t("saved")}</Alert>}
      <Button type="submit" disabled={save.isPending}>
        {t("save")}
      </Button>
    </form>
  );
}
