"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { NextStep } from "@/app/_components/next-step";
import { Alert, Button, Card } from "@/app/_components/ui";
import { ChoiceInput, FormInput } from "@/app/_components/form-fields";
import { useTRPC } from "@/app/_trpc/client";
import { type Outputs } from "../clients/_components/helpers";
import { putServerErrors, useErrorWords } from "@/app/_components/use-error-words";
import { LICENCE_TYPES, type LicenceType } from "@/server/domain/vocabulary";
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { ZLenderInput, type LenderInput } from "@/server/schemas/assessment";

type Lender = Outputs["lender"]["list"][number];

/** Admin: the organization's lenders; add, edit, hide. Built-in entries carry no phone numbers. */
export function LenderDirectory() {
  const t = useTranslations("assessment.lenders");
  const tl = useTranslations("assessment.debts.licence");
  const tn = useTranslations("nextStep");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const apiError = useErrorWords();
  const list = useQuery(trpc.lender.list.queryOptions({ includeArchived: true }));
  const setArchived = useMutation(trpc.lender.setArchived.mutationOptions());
  const [editing, setEditing] = useState<Lender | "new" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.lender.list.queryKey() });

  return (
    <div className="flex flex-col gap-4">
      {editing ? (
        <Card title={editing === "new" ? t("add") : t("edit")}>
          <LenderForm
            lender={editing === "new" ? null : editing}
            onDone={async (changed) => {
              setEditing(null);
              if (changed) await refresh();
            }}
          />
        </Card>
      ) : (
        <Button className="self-start" onClick={() => setEditing("new")}>
          {t("add")}
        </Button>
      )}
      {error && <Alert tone="error">{error}</Alert>}
      {list.data && !list.data.some((l) => !l.builtin) && (
        <NextStep testId="lenders" href="/clients/new" link={tn("lendersLink")}>
          {tn("lenders")}
        </NextStep>
      )}
      <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white" data-testid="lender-list">
        {(list.data ?? []).map((l) => (
          <li key={l.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
            <div className={l.archivedAt ? "opacity-60" : ""}>
              <p className="font-medium">
                {l.name}
                {l.archivedAt ? ` · ${t("archived")}` : ""}
              </p>
              <p className="text-xs text-slate-600">
                {[tl(l.licenceType), l.legalName, l.hotline, l.builtin ? t("builtin") : null].filter(Boolean).join(" · ")}
              </p>
            </div>
            <div className="flex gap-2">
              <Button variant="secondary" onClick={() => setEditing(l)}>
                {t("edit")}
              </Button>
              <Button
                variant="ghost"
                onClick={async () => {
                  setError(null);
                  try {
                    await setArchived.mutateAsync({ id: l.id, archived: !l.archivedAt });
                    await refresh();
                  } catch (e) {
                    setError(apiError(e).message);
                  }
                }}
              >
                {l.archivedAt ? t("restore") : t("archive")}
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

function LenderForm({ lender, onDone }: { lender: Lender | null; onDone: (changed: boolean) => void }) {
  const t = useTranslations("assessment.lenders");
  const tl = useTranslations("assessment.debts.licence");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const words = useErrorWords();
  const create = useMutation(trpc.lender.create.mutationOptions());
  const update = useMutation(trpc.lender.update.mutationOptions());
  const [formError, setFormError] = useState<string | null>(null);
  // The procedure's own schema: what the server refuses, the form refuses first, in the same words.
  const form = useForm<z.input<typeof ZLenderInput>, unknown, LenderInput>({
    resolver: zodResolver(ZLenderInput),
    defaultValues: {
      name: lender?.name ?? "",
      legalName: lender?.legalName ?? "",
      licenceType: (lender?.licenceType ?? "other") as LicenceType,
      hotline: lender?.hotline ?? "",
      notes: lender?.notes ?? "",
    },
  });

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      if (lender) await update.mutateAsync({ ...values, id: lender.id, version: lender.version });
      else await create.mutateAsync(values);
      onDone(true);
    } catch (error) {
      setFormError(putServerErrors(form.setError, words(error)));
    }
  });

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      {formError && <Alert tone="error">{formError}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <FormInput form={form} name="name" label={t("name")} />
        <FormInput form={form} name="legalName" label={t("legalName")} />
        <ChoiceInput form={form} name="licenceType" label={t("licenceType")} options={LICENCE_TYPES} optionLabel={(k) => tl(k)} />
        <FormInput form={form} name="hotline" label={t("hotline")} hint={t("hotlineHint")} type="tel" />
      </div>
      <FormInput form={form} name="notes" label={t("notes")} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={create.isPending || update.isPending}>
          {tc("save")}
        </Button>
        <Button type="button" variant="secondary" onClick={() => onDone(false)}>
          {tc("cancel")}
        </Button>
      </div>
    </form>
  );
}
