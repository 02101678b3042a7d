"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Alert, Button, Card, Field, Input } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { putServerErrors, useErrorWords } from "@/app/_components/use-error-words";
import { ZMessageSettings } from "@/server/schemas/messages";

type Values = z.infer<typeof ZMessageSettings>;

/** The agency's quiet hours (Beijing time) for notification e-mail and SMS, and the daily SMS cap per client. */
export function MessageSettingsSection() {
  const t = useTranslations("messageSettings");
  const te = useTranslations("errors");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const words = useErrorWords();
  const settings = useQuery(trpc.sms.settings.queryOptions());
  const save = useMutation(trpc.sms.updateSettings.mutationOptions());
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(ZMessageSettings),
    defaultValues: { quietStart: "22:00", quietEnd: "08:00", smsDailyCap: 3 },
  });
  useEffect(() => {
    if (settings.data)
      form.reset({ quietStart: settings.data.quiet.start, quietEnd: settings.data.quiet.end, smsDailyCap: settings.data.smsDailyCap });
  }, [settings.data, form]);
  const fieldError = (name: keyof Values) => {
    const e = form.formState.errors[name];
    if (!e) return undefined;
    return e.message === "quietTimeInvalid" ? te("quietTimeInvalid") : words.field(e);
  };
  return (
    <Card title={t("title")}>
      <form
        className="flex flex-col gap-4"
        data-testid="message-settings"
        onSubmit={form.handleSubmit((values) =>
          save.mutate(values, {
            onSuccess: () => {
              setMessage({ tone: "success", text: t("saved") });
              void queryClient.invalidateQueries({ queryKey: trpc.sms.settings.queryKey() });
            },
            onError: (error) => {
              const text = putServerErrors(form.setError, words(error));
              if (text) setMessage({ tone: "error", text });
            },
          }),
        )}
      >
        <p className="text-sm text-slate-700">{t("intro")}</p>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label={t("quietStart")} error={fieldError("quietStart")}>
            {({ id, describedBy, invalid }) => (
              <Input id={id} type="time" aria-describedby={describedBy} aria-invalid={invalid} {...form.register("quietStart")} />
            )}
          </Field>
          <Field label={t("quietEnd")} error={fieldError("quietEnd")}>
            {({ id, describedBy, invalid }) => (
              <Input id={id} type="time" aria-describedby={describedBy} aria-invalid={invalid} {...form.register("quietEnd")} />
            )}
          </Field>
          <Field label={t("cap")} error={fieldError("smsDailyCap")}>
            {({ id, describedBy, invalid }) => (
              <Input
                id={id}
                type="number"
                min={0}
                max={20}
                inputMode="numeric"
                aria-describedby={describedBy}
                aria-invalid={invalid}
                {...form.register("smsDailyCap", { valueAsNumber: true })}
              />
            )}
          </Field>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={save.isPending}>
            {t("save")}
          </Button>
          <div aria-live="polite">{message && <Alert tone={message.tone}>{message.text}</Alert>}</div>
        </div>
      </form>
    </Card>
  );
}
