"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { signInWithCredentials } from "@/app/_components/auth-client";
import { Alert, Button, Field, Input } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { ZAcceptInvitationInput, type AcceptInvitationInput } from "@/server/schemas/auth";
import { PasswordInput } from "../../password-input";
import { useErrorWords } from "@/app/_components/use-error-words";

/**
 * Sets the new login's name and password (or, for a person who already signs in with this number or
 * e-mail, asks for their current password), then signs in with what the invitation named.
 */
export function AcceptForm({
  token,
  email,
  phoneLast4,
  hasAccount,
  suggestedName,
}: {
  token: string;
  email: string | null;
  phoneLast4: string | null;
  hasAccount: boolean;
  suggestedName: string | null;
}) {
  const t = useTranslations("auth");
  const tp = useTranslations("portalAccess");
  const trpc = useTRPC();
  const router = useRouter();
  const apiError = useErrorWords();
  const fieldMessage = apiError.field;
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<AcceptInvitationInput>({
    resolver: zodResolver(ZAcceptInvitationInput),
    defaultValues: { token, name: hasAccount ? "-" : (suggestedName ?? "") },
  });
  const accept = useMutation(trpc.auth.acceptInvitation.mutationOptions());
  const errors = form.formState.errors;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    let login: string;
    try {
      const result = await accept.mutateAsync(values);
      document.cookie = `xs_org=${result.orgId}; path=/; max-age=31536000; samesite=lax`;
      login = result.login;
    } catch (error) {
      const { message, fields } = apiError(error);
      if (fields.password) form.setError("password", { message: fields.password });
      if (fields.name) form.setError("name", { message: fields.name });
      if (!fields.password && !fields.name) setFormError(fields.token ?? message);
      return;
    }
    await signInWithCredentials({ login, password: values.password });
    router.push("/home");
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <p className="text-sm text-slate-700">{hasAccount ? tp("accept.existingAccount") : t("inviteNewAccount")}</p>
      {formError && <Alert tone="error">{formError}</Alert>}
      <Field label={tp("accept.loginIs")}>
        {({ id }) => (
          <Input
            id={id}
            value={[phoneLast4 ? tp("phoneEnding", { last4: phoneLast4 }) : null, email].filter(Boolean).join(" · ")}
            readOnly
            autoComplete={phoneLast4 ? "off" : "username"}
          />
        )}
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
