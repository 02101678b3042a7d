"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { Button, Card, ChoiceField, EmptyState, Field, Input } from "@/app/_components/ui";
import { putServerErrors, useErrorWords } from "@/app/_components/use-error-words";
import { useTRPC } from "@/app/_trpc/client";
import { MEDIATION_BODY_KINDS, type MediationBodyKind } from "@/server/domain/legal-vocabulary";

type Values = { kind: MediationBodyKind; name: string; region: string; phone: string; notes: string };
const blank = (s: string) => (s.trim() === "" ? undefined : s.trim());

/** The directory: the list (with archive / restore) and, for the admin, the form to add or edit a body. */
export function MediationDirectory({ canManage }: { canManage: boolean }) {
  const t = useTranslations("legal.directory");
  const tk = useTranslations("legal.bodyKinds");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const explain = useErrorWords();
  const { data } = useSuspenseQuery(trpc.mediationBody.list.queryOptions({ includeArchived: true }));
  const [editing, setEditing] = useState<{ id: string; version: number } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<Values>({ defaultValues: { kind: "financial-dispute-centre", name: "", region: "", phone: "", notes: "" } });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.mediationBody.list.pathKey() });
  const done = async () => {
    form.reset({ kind: "financial-dispute-centre", name: "", region: "", phone: "", notes: "" });
    setEditing(null);
    setMessage(null);
    await refresh();
  };
  const onError = (e: unknown) => setMessage(putServerErrors(form.setError, explain(e)));
  const create = useMutation(trpc.mediationBody.create.mutationOptions({ onSuccess: done, onError }));
  const update = useMutation(trpc.mediationBody.update.mutationOptions({ onSuccess: done, onError }));
  const archive = useMutation(trpc.mediationBody.setArchived.mutationOptions({ onSuccess: () => void refresh(), onError }));
  const nameError = form.formState.errors.name;
  return (
    <div className="flex flex-col gap-4">
      {data.length === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <Card>
          <ul className="divide-y divide-slate-100" data-testid="mediation-bodies">
            {data.map((b) => (
              <li key={b.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <div className={b.archivedAt ? "text-slate-500 line-through" : undefined}>
                  <p className="font-medium">{b.name}</p>
                  <p className="text-slate-600">
                    {tk(b.kind)}
                    {b.region ? ` · ${b.region}` : ""}
                    {b.phone ? ` · ${b.phone}` : ""}
                  </p>
                  {b.notes && <p className="text-slate-600">{b.notes}</p>}
                </div>
                {canManage && (
                  <div className="flex gap-2">
                    <Button
                      variant="secondary"
                      onClick={() => {
                        setEditing({ id: b.id, version: b.version });
                        form.reset({ kind: b.kind, name: b.name, region: b.region ?? "", phone: b.phone ?? "", notes: b.notes ?? "" });
                      }}
                    >
                      {t("edit")}
                    </Button>
                    <Button variant="ghost" onClick={() => archive.mutate({ id: b.id, archived: !b.archivedAt })}>
                      {b.archivedAt ? t("restore") : t("archive")}
                    </Button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </Card>
      )}
      {canManage && (
        <Card title={editing ? t("edit") : t("add")}>
          <form
            className="grid gap-3 sm:grid-cols-2"
            onSubmit={form.handleSubmit((v) => {
              const input = { kind: v.kind, name: v.name.trim(), region: blank(v.region), phone: blank(v.phone), notes: blank(v.notes) };
              if (editing) update.mutate({ ...input, id: editing.id, version: editing.version });
              else create.mutate(input);
            })}
          >
            <Controller
              control={form.control}
              name="kind"
              render={({ field }) => (
                <ChoiceField
                  label={t("kind")}
                  value={field.value}
                  options={MEDIATION_BODY_KINDS}
                  optionLabel={(k) => tk(k)}
                  onChange={field.onChange}
                />
              )}
            />
            <Field
              label={t("name")}
              error={nameError ? (nameError.type === "server" ? nameError.message : explain.field(nameError)) : undefined}
            >
              {({ id, describedBy, invalid }) => (
                <Input
                  id={id}
                  aria-describedby={describedBy}
                  aria-invalid={invalid || undefined}
                  {...form.register("name", { required: true })}
                />
              )}
            </Field>
            <Field label={t("region")}>{({ id }) => <Input id={id} {...form.register("region")} />}</Field>
            <Field label={t("phone")}>{({ id }) => <Input id={id} inputMode="tel" {...form.register("phone")} />}</Field>
            <Field label={t("notes")}>{({ id }) => <Input id={id} {...form.register("notes")} />}</Field>
            <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
              <Button type="submit" disabled={create.isPending || update.isPending}>
                {editing ? t("edit") : t("add")}
              </Button>
              {editing && (
                <Button type="button" variant="ghost" onClick={() => void done()}>
                  {t("cancel")}
                </Button>
              )}
              {message && <span className="text-sm text-red-700">{message}</span>}
            </div>
          </form>
        </Card>
      )}
    </div>
  );
}
