"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert, Button, Card, Field, Input, Select } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { ZCreateInvitationInput, type CreateInvitationInput } from "@/server/schemas/auth";
import { useErrorWords } from "@/app/_components/use-error-words";

export function InvitePanel() {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const apiError = useErrorWords();
  const fieldMessage = apiError.field;
  const [result, setResult] = useState<{ link: string; emailed: boolean } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const form = useForm<CreateInvitationInput>({
    resolver: zodResolver(ZCreateInvitationInput),
    defaultValues: { email: "", role: "counselor" },
  });
  const invite = useMutation(trpc.org.invite.mutationOptions());

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    setResult(null);
    setCopied(false);
    try {
      const r = await invite.mutateAsync(values);
      setResult({ link: r.link, emailed: r.emailed });
      form.reset({ email: "", role: values.role });
      await queryClient.invalidateQueries({ queryKey: trpc.org.invitations.queryKey() });
    } catch (error) {
      const { message, fields } = apiError(error);
      if (fields.email) form.setError("email", { message: fields.email });
      else setFormError(message);
    }
  });

  return (
    <Card title={t("admin.inviteTitle")}>
      <p className="mb-4 text-sm text-slate-700">{t("admin.inviteLead")}</p>
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        {formError && <Alert tone="error">{formError}</Alert>}
        <Field label={t("auth.email")} error={fieldMessage(form.formState.errors.email, "email")}>
          {({ id, describedBy, invalid }) => (
            <Input
              id={id}
              type="email"
              autoComplete="off"
              aria-invalid={invalid}
              aria-describedby={describedBy}
              {...form.register("email")}
            />
          )}
        </Field>
        <Field label={t("admin.role")}>
          {({ id }) => (
            <Select id={id} {...form.register("role")}>
              <option value="counselor">{t("roles.counselor")}</option>
              <option value="admin">{t("roles.admin")}</option>
            </Select>
          )}
        </Field>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {t("admin.send")}
        </Button>
      </form>
      {/* A client's login is bound to her file, so she is invited from the file (no second, empty file). */}
      <p className="mt-4 rounded-lg bg-slate-50 p-3 text-sm text-slate-700" data-testid="invite-clients-from-file">
        {t("portalAccess.admin.clientsFromFile")}{" "}
        <Link href="/clients" className="font-medium text-brand-700 underline">
          {t("portalAccess.admin.openClients")}
        </Link>
      </p>
      {result && (
        <div className="mt-4 flex flex-col gap-2" data-testid="invite-result">
          <Alert tone="success">{result.emailed ? t("admin.emailed") : t("admin.linkReady")}</Alert>
          <code className="block break-all rounded bg-slate-100 p-2 text-xs" data-testid="invite-link">
            {result.link}
          </code>
          <Button
            type="button"
            variant="secondary"
            onClick={async () => {
              await navigator.clipboard?.writeText(result.link).catch(() => undefined);
              setCopied(true);
            }}
          >
            {copied ? t("admin.copied") : t("admin.copy")}
          </Button>
        </div>
      )}
    </Card>
  );
}
