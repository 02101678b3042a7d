"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { Alert, Button, Card } from "@/app/_components/ui";
import { useErrorWords } from "@/app/_components/use-error-words";
import { useTRPC } from "@/app/_trpc/client";

type Values = { authorisationRequired: boolean; signOffRequired: boolean };

/** The agency's rules for the client in the loop: authorisation required, sign-off required (own section). */
export function ConsentSettingsSection() {
  const t = useTranslations("consent");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const words = useErrorWords();
  const current = useQuery(trpc.consent.settings.queryOptions());
  const save = useMutation(trpc.consent.updateSettings.mutationOptions());
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const form = useForm<Values>({ defaultValues: { authorisationRequired: false, signOffRequired: false } });
  useEffect(() => {
    if (current.data) form.reset(current.data);
  }, [current.data, form]);
  const submit = form.handleSubmit(async (values) => {
    setMessage(null);
    try {
      await save.mutateAsync(values);
      await queryClient.invalidateQueries({ queryKey: trpc.consent.settings.queryKey() });
      setMessage({ tone: "success", text: t("saved") });
    } catch (e) {
      setMessage({ tone: "error", text: words(e).text });
    }
  });
  return (
    <Card title={t("settingsTitle")} className="mt-6">
      <form onSubmit={submit} className="flex flex-col gap-3" data-testid="consent-settings">
        <label className="flex min-h-11 items-start gap-3 text-sm">
          <input type="checkbox" className="mt-0.5 h-5 w-5" {...form.register("authorisationRequired")} />
          {t("authorisationRequired")}
        </label>
        <label className="flex min-h-11 items-start gap-3 text-sm">
          <input type="checkbox" className="mt-0.5 h-5 w-5" {...form.register("signOffRequired")} />
          {t("signOffRequired")}
        </label>
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
        <div>
          <Button type="submit" disabled={form.formState.isSubmitting || !current.data}>
            {t("save")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
