"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useState } from "react";
import { Alert, Button, Card, Field, Input } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { useErrorWords } from "@/app/_components/use-error-words";

export function TwoFactorPanel() {
  const t = useTranslations("security");
  const common = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const apiError = useErrorWords();
  const { data: status } = useSuspenseQuery(trpc.auth.twoFactorStatus.queryOptions());
  const [setup, setSetup] = useState<{ qrDataUrl: string; secret: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.auth.twoFactorStatus.queryKey() });
  const begin = useMutation(trpc.auth.beginTwoFactor.mutationOptions());
  const enable = useMutation(trpc.auth.enableTwoFactor.mutationOptions());
  const disable = useMutation(trpc.auth.disableTwoFactor.mutationOptions());

  if (codes) {
    return (
      <Card title={t("codesTitle")}>
        <Alert tone="success">{t("done")}</Alert>
        <p className="my-3 text-sm text-slate-700">{t("codesLead")}</p>
        <ul className="grid grid-cols-2 gap-2 font-mono text-base" data-testid="recovery-codes">
          {codes.map((c) => (
            <li key={c} className="rounded bg-slate-100 px-2 py-1 text-center">
              {c}
            </li>
          ))}
        </ul>
        <Link href="/home" className="mt-4 inline-flex min-h-11 items-center rounded-lg bg-brand-700 px-4 text-white">
          {t("continue")}
        </Link>
      </Card>
    );
  }

  return (
    <Card title={t("status")} actions={<span className="text-sm font-medium">{status.enabled ? t("on") : t("off")}</span>}>
      <p className="mb-4 text-sm text-slate-700">{t("lead")}</p>
      {error && !Object.keys(error.fields).length && (
        <div className="mb-3">
          <Alert tone="error">{error.message}</Alert>
        </div>
      )}
      {status.enabled ? (
        <form
          className="flex max-w-sm flex-col gap-3"
          onSubmit={async (e) => {
            e.preventDefault();
            setError(null);
            try {
              await disable.mutateAsync({ password, code });
              setPassword("");
              setCode("");
              await refresh();
            } catch (err) {
              setError(apiError(err));
            }
          }}
        >
          <p className="text-sm text-slate-700">{t("codesLeft", { count: status.recoveryCodesLeft })}</p>
          <p className="text-sm font-medium">{t("disableLead")}</p>
          <Field label={t("password")} error={error?.fields.password}>
            {({ id, describedBy, invalid }) => (
              <Input
                id={id}
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                aria-invalid={invalid}
                aria-describedby={describedBy}
              />
            )}
          </Field>
          <Field label={t("code")} error={error?.fields.code}>
            {({ id, describedBy, invalid }) => (
              <Input
                id={id}
                inputMode="numeric"
                autoComplete="one-time-code"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                aria-invalid={invalid}
                aria-describedby={describedBy}
              />
            )}
          </Field>
          <Button type="submit" variant="danger" disabled={disable.isPending}>
            {t("disable")}
          </Button>
        </form>
      ) : !setup ? (
        <Button
          onClick={async () => {
            setError(null);
            try {
              setSetup(await begin.mutateAsync());
            } catch (err) {
              setError(apiError(err));
            }
          }}
          disabled={begin.isPending}
        >
          {t("start")}
        </Button>
      ) : (
        <form
          className="flex max-w-sm flex-col gap-3"
          onSubmit={async (e) => {
            e.preventDefault();
            setError(null);
            try {
              const r = await enable.mutateAsync({ code });
              setCodes(r.recoveryCodes);
              await refresh();
            } catch (err) {
              setError(apiError(err));
            }
          }}
        >
          <p className="text-sm text-slate-700">{t("scan")}</p>
          <img src={setup.qrDataUrl} alt="" width={220} height={220} className="rounded border border-slate-200" />
          <p className="break-all text-sm">
            {t("secret")}
            {common("colon")}
            <code data-testid="totp-secret">{setup.secret}</code>
          </p>
          <Field label={t("code")} error={error?.fields.code}>
            {({ id, describedBy, invalid }) => (
              <Input
                id={id}
                inputMode="numeric"
                autoComplete="one-time-code"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                aria-invalid={invalid}
                aria-describedby={describedBy}
              />
            )}
          </Field>
          <Button type="submit" disabled={enable.isPending}>
            {t("confirm")}
          </Button>
        </form>
      )}
    </Card>
  );
}
