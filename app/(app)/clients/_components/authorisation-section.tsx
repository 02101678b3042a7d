"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { Alert, Button, Card, Field, Input } from "@/app/_components/ui";
import { putServerErrors, useErrorWords } from "@/app/_components/use-error-words";
import { useTRPC } from "@/app/_trpc/client";
import { AUTHORISATION_PURPOSES, type AuthorisationPurpose } from "@/server/domain/authorisation";
import { addDays, todayInShanghai } from "@/server/domain/time";

const beijing = (d: Date | string) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" }).format(new Date(d));

export const STATE_TONE: Record<string, string> = {
  draft: "bg-sky-100 text-sky-900",
  signed: "bg-emerald-100 text-emerald-900",
  "not-yet-valid": "bg-slate-100 text-slate-800",
  expired: "bg-amber-100 text-amber-900",
  revoked: "bg-red-100 text-red-900",
};

type FormValues = { purposes: AuthorisationPurpose[]; allLenders: boolean; lenderIds: string[]; validFrom: string; validTo: string };

/**
 * The client file's authorisation tab: her authorisations (授权委托书) with their state today and PDFs, and
 * the form that prepares a new one for her to sign on her phone.
 */
export function AuthorisationSection({ clientId }: { clientId: string }) {
  const t = useTranslations("consent");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const words = useErrorWords();
  const list = useQuery(trpc.consent.authorisations.queryOptions({ clientId }));
  const debts = useQuery(trpc.debt.list.queryOptions({ clientId }));
  const create = useMutation(trpc.consent.createAuthorisation.mutationOptions());
  const [formError, setFormError] = useState<string | null>(null);
  const today = todayInShanghai();
  const form = useForm<FormValues>({
    defaultValues: {
      purposes: ["negotiate", "receive-information"],
      allLenders: true,
      lenderIds: [],
      validFrom: today,
      validTo: addDays(today, 365),
    },
  });
  const lenders = [...new Map((debts.data?.debts ?? []).map((d) => [d.lenderId, { id: d.lenderId, name: d.lenderName }])).values()];
  const allLenders = form.watch("allLenders");
  const errors = form.formState.errors;

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await create.mutateAsync({ clientId, ...values, lenderIds: values.allLenders ? [] : values.lenderIds });
      await queryClient.invalidateQueries({ queryKey: trpc.consent.authorisations.queryKey({ clientId }) });
    } catch (e) {
      setFormError(putServerErrors(form.setError, words(e)));
    }
  });

  return (
    <div className="flex flex-col gap-6">
      <Card title={t("title")}>
        <p className="mb-4 text-sm text-slate-700">{t("intro")}</p>
        {list.data && list.data.length === 0 && <p className="text-slate-600">{t("none")}</p>}
        <ul className="flex flex-col gap-3" data-testid="authorisations">
          {list.data?.map((a) => (
            <li key={a.id} className="rounded-lg border border-slate-200 p-3" data-testid="authorisation">
              <div className="flex flex-wrap items-center gap-2">
                <span className={`rounded px-2 py-0.5 text-sm font-medium ${STATE_TONE[a.state]}`} data-testid="authorisation-state">
                  {t(`states.${a.state}`)}
                </span>
                <span className="text-sm text-slate-700">{t("period", { from: a.validFrom, to: a.validTo })}</span>
              </div>
              <p className="mt-2 text-sm">{a.purposes.map((p) => t(`purposes.${p}`)).join("、")}</p>
              <p className="text-sm text-slate-700">{a.allLenders ? t("allLenders") : a.lenders.map((l) => l.name).join("、")}</p>
              <p className="mt-1 flex flex-wrap gap-3 text-sm">
                <a className="text-brand-700 underline" href={`/api/documents/${a.documentId}`} target="_blank" rel="noreferrer">
                  {t("document")}
                </a>
                {a.signedDocumentId && (
                  <a className="text-brand-700 underline" href={`/api/documents/${a.signedDocumentId}`} target="_blank" rel="noreferrer">
                    {t("signedDocument")}
                  </a>
                )}
              </p>
              {a.signedAt && <p className="text-xs text-slate-600">{t("signedAt", { at: beijing(a.signedAt) })}</p>}
              {a.revokedAt && (
                <p className="text-xs text-red-800">
                  {t("revokedAt", { at: beijing(a.revokedAt) })}
                  {a.revokeReason ? ` · ${a.revokeReason}` : ""}
                </p>
              )}
              <p className="break-all text-xs text-slate-500">
                {t("hash")} {a.signedSha256 ?? a.documentSha256}
              </p>
            </li>
          ))}
        </ul>
      </Card>

      <Card title={t("prepare")}>
        <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
          <fieldset>
            <legend className="mb-2 text-sm font-medium">{t("purposesLabel")}</legend>
            <Controller
              control={form.control}
              name="purposes"
              render={({ field }) => (
                <div className="flex flex-col gap-1">
                  {AUTHORISATION_PURPOSES.map((p) => (
                    <label key={p} className="flex min-h-11 items-center gap-2 text-sm">
                      <input
                        type="checkbox"
                        className="h-5 w-5"
                        checked={field.value.includes(p)}
                        onChange={(e) => field.onChange(e.target.checked ? [...field.value, p] : field.value.filter((x) => x !== p))}
                      />
                      {t(`purposes.${p}`)}
                    </label>
                  ))}
                </div>
              )}
            />
            {errors.purposes?.message && <p className="text-sm text-red-700">{errors.purposes.message}</p>}
          </fieldset>
          <fieldset>
            <legend className="mb-2 text-sm font-medium">{t("lendersLabel")}</legend>
            <Controller
              control={form.control}
              name="allLenders"
              render={({ field }) => (
                <div className="flex flex-wrap gap-4">
                  <label className="flex min-h-11 items-center gap-2 text-sm">
                    <input type="radio" className="h-5 w-5" checked={field.value} onChange={() => field.onChange(true)} />
                    {t("allLenders")}
                  </label>
                  <label className="flex min-h-11 items-center gap-2 text-sm">
                    <input type="radio" className="h-5 w-5" checked={!field.value} onChange={() => field.onChange(false)} />
                    {t("someLenders")}
                  </label>
                </div>
              )}
            />
            {!allLenders && (
              <Controller
                control={form.control}
                name="lenderIds"
                render={({ field }) => (
                  <div className="ml-2 flex flex-col gap-1">
                    {lenders.map((l) => (
                      <label key={l.id} className="flex min-h-11 items-center gap-2 text-sm">
                        <input
                          type="checkbox"
                          className="h-5 w-5"
                          checked={field.value.includes(l.id)}
                          onChange={(e) =>
                            field.onChange(e.target.checked ? [...field.value, l.id] : field.value.filter((x) => x !== l.id))
                          }
                        />
                        {l.name}
                      </label>
                    ))}
                  </div>
                )}
              />
            )}
            {errors.lenderIds?.message && <p className="text-sm text-red-700">{errors.lenderIds.message}</p>}
          </fieldset>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={t("validFrom")} error={errors.validFrom?.message}>
              {({ id, describedBy, invalid }) => (
                <Input
                  id={id}
                  type="date"
                  aria-describedby={describedBy}
                  aria-invalid={invalid || undefined}
                  {...form.register("validFrom")}
                />
              )}
            </Field>
            <Field label={t("validTo")} error={errors.validTo?.message}>
              {({ id, describedBy, invalid }) => (
                <Input
                  id={id}
                  type="date"
                  aria-describedby={describedBy}
                  aria-invalid={invalid || undefined}
                  {...form.register("validTo")}
                />
              )}
            </Field>
          </div>
          {formError && <Alert tone="error">{formError}</Alert>}
          <div>
            <Button type="submit" disabled={form.formState.isSubmitting}>
              {t("create")}
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
