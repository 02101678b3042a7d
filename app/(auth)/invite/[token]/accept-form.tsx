"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { signInWithCredentials } from "@/app/_components/auth-client";
import { useApiError } from "@/app/_components/use-api-error";
import { Alert, Button, Field, Input } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { ZAcceptInvitationInput, type AcceptInvitationInput } from "@/server/schemas/auth";
import { PasswordInput } from "../../password-input";
import { useFieldMessage } from "../../use-field-message";

export function AcceptForm({ token, email, hasAccount }: { token: string; email: string; hasAccount: boolean }) {
  const t = useTranslations("auth");
  const trpc = useTRPC();
  const router = useRouter();
  const apiError = useApiError();
  const fieldMessage = useFieldMessage();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<AcceptInvitationInput>({
    resolver: zodResolver(ZAcceptInvitationInput),
    defaultValues: { token, name: hasAccount ? "-" : "" },
  });
  const accept = useMutation(trpc.auth.acceptInvitation.mutationOptions());
  const errors = form.formState.errors;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const result = await accept.mutateAsync(values);
      document.cookie = `xs_org=${result.orgId}; path=/; max-age=31536000; samesite=lax`;
    } catch (error) {
      const { message, fields } = apiError(error);
      if (fields.password) form.setError("password", { message: fields.password });
      if (fields.name) form.setError("name", { message: fields.name });
      if (!fields.password && !fields.name) setFormError(fields.token ?? message);
      return;
    }
    await signInWithCredentials({ email, password: values.password });
    router.push("/home");
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <p className="text-sm text-slate-700">{hasAccount ? t("inviteExistingAccount") : t("inviteNewAccount")}</p>
      {formError && <Alert tone="error">{formError}</Alert>}
      <Field label={t("email")}>
        {({ id }) => <Input id={id} value={email} readOnly autoComplete="username" />}
      </Field>
      {!hasAccount && (
        <Field label={t("name")} error={fieldMessage(errors.name)}>
          {({ id, describedBy, invalid }) => (
            <Input id={id} autoComplete="name" aria-invalid={invalid} aria-describedby={describedBy} {...form.register("name")} />
          )}
        </Field>
      )}
      <Field label={t("password")} hint={hasAccount ? undefined : t("passwordHint")} error={fieldMessage(errors.password, "password")}>
        {({ id, describedBy, invalid }) => (
          <PasswordInput
            id={id}
            autoComplete={hasAccount ? "current-password" : "new-password"}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            {...form.register("password")}
          />
        )}
      </Field>
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {t("submitInvite")}
      </Button>
    </form>
  );
}
