"use client";

import { useTranslations } from "next-intl";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { signInWithCredentials } from "@/app/_components/auth-client";
import { Alert, Button, Field, Input } from "@/app/_components/ui";
import { PasswordInput } from "../password-input";

export function LoginForm() {
  const t = useTranslations("auth");
  const tl = useTranslations("portalAccess");
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [needsOtp, setNeedsOtp] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const result = await signInWithCredentials({
      login: String(form.get("login") ?? ""),
      password: String(form.get("password") ?? ""),
      otp: String(form.get("otp") ?? ""),
    }).catch(() => ({ error: "CredentialsSignin" }));
    setPending(false);
    if (result.error) {
      const code = result.error;
      const limited = /^RateLimited:(\d+)/.exec(code);
      if (code === "TotpRequired" || code === "TotpInvalid") setNeedsOtp(true);
      setError(
        limited
          ? t("rateLimited", { seconds: limited[1] ?? "60" })
          : code === "TotpRequired"
            ? t("otpNeeded")
            : code === "TotpInvalid"
              ? t("otpWrong")
              : t("invalidCredentials"),
      );
      return;
    }
    const next = params.get("next");
    router.push(next && next.startsWith("/") && !next.startsWith("//") ? next : "/home");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {error && <Alert tone="error">{error}</Alert>}
      {/* A client signs in with her mobile number, staff usually with their e-mail: one field for either. */}
      <Field label={tl("loginId")}>
        {({ id, describedBy }) => (
          <Input
            id={id}
            name="login"
            type="text"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            aria-describedby={describedBy}
          />
        )}
      </Field>
      <Field label={t("password")}>
        {({ id, describedBy }) => (
          <PasswordInput id={id} name="password" autoComplete="current-password" required aria-describedby={describedBy} />
        )}
      </Field>
      {needsOtp && (
        <Field label={t("otp")} hint={t("otpHint")}>
          {({ id, describedBy }) => (
            <Input id={id} name="otp" inputMode="numeric" autoComplete="one-time-code" autoFocus aria-describedby={describedBy} />
          )}
        </Field>
      )}
      <Button type="submit" disabled={pending}>
        {t("submitLogin")}
      </Button>
    </form>
  );
}
