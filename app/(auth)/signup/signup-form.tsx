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
import { ZSignUpInput, type SignUpInput } from "@/server/schemas/auth";
import { PasswordInput } from "../password-input";
import { useErrorWords } from "@/app/_components/use-error-words";

export function SignUpForm() {
  const t = useTranslations("auth");
  const trpc = useTRPC();
  const router = useRouter();
  const apiError = useErrorWords();
  const fieldMessage = apiError.field;
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SignUpInput>({ resolver: zodResolver(ZSignUpInput) });
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());
  const errors = form.formState.errors;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await signUp.mutateAsync(values);
    } catch (error) {
      const { message, fields } = apiError(error);
      for (const [field, text] of Object.entries(fields)) form.setError(field as keyof SignUpInput, { message: text });
      if (!Object.keys(fields).length) setFormError(message);
      return;
    }
    await signInWithCredentials({ login: values.email, password: values.password });
    router.push("/home");
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {formError && <Alert tone="error">{formError}</Alert>}
      <Field label={t("organizationName")} error={fieldMessage(errors.organizationName)}>
        {({ id, describedBy, invalid }) => (
          <Input
            id={id}
            autoComplete="organization"
            aria-invalid={invalid}
            aria-describedby={describedBy}
            {...form.register("organizationName")}
          />
        )}
      </Field>
      <Field label={t("name")} error={fieldMessage(errors.name)}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} autoComplete="name" aria-invalid={invalid} aria-describedby={describedBy} {...form.register("name")} />
        )}
      </Field>
      <Field label={t("email")} error={fieldMessage(errors.email, "email")}>
        {({ id, describedBy, invalid }) => (
          <Input
            id={id}
            type="email"
            autoComplete="email"
            aria-invalid={invalid}
            aria-describedby={describedBy}
            {...form.register("email")}
          />
        )}
      </Field>
      <Field label={t("password")} hint={t("passwordHint")} error={fieldMessage(errors.password, "password")}>
        {({ id, describedBy, invalid }) => (
          <PasswordInput
            id={id}
            autoComplete="new-password"
            aria-invalid={invalid}
            aria-describedby={describedBy}
            {...form.register("password")}
          />
        )}
      </Field>
      <Button type="submit" disabled={form.formState.isSubmitting}>
        {t("submitSignup")}
      </Button>
    </form>
  );
}
