"use client";

// A lender's document request on the case's checklist: its state, and the counselor's way to resolve it
// without a new upload (a document already on file answers it, or it is not needed), with a reason.

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Button, Field, Select } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { useRefresh } from "./case-shared";
import { useErrorWords } from "@/app/_components/use-error-words";
import { ZResolveDocumentRequest } from "@/server/schemas/requests";

/**
 * The procedure's two ways to resolve, without the request's id the page adds; a field the chosen way does
 * not have (the document when "not needed") is dropped, not refused.
 */
const [onFile, notNeeded] = ZResolveDocumentRequest.options;
const ZResolveForm = z.discriminatedUnion("resolution", [
  z.object(onFile.omit({ documentRequestId: true }).shape),
  z.object(notNeeded.omit({ documentRequestId: true }).shape),
]);
type ResolveInput = z.input<typeof ZResolveForm>;
type Resolve = z.output<typeof ZResolveForm>;

export type ChecklistRequest = {
  id: string;
  requestedOn: string;
  resolvedAt: Date | string | null;
  resolution: "uploaded" | "on-file" | "not-needed" | null;
  resolvedByFilename: string | null;
  note: string | null;
};

type Doc = { id: string; kind: string; filename: string };

const day = (d: Date | string) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(new Date(d));

/** The request's state in words: still needed, or how and when it was resolved. */
export function RequestState({ request }: { request: ChecklistRequest }) {
  const t = useTranslations("cases.requests");
  if (!request.resolvedAt) return <span className="font-medium text-red-700">{t("open")}</span>;
  if (request.resolution === "not-needed") return <span className="text-slate-700">{t("notNeeded", { reason: request.note ?? "" })}</span>;
  if (request.resolution === "on-file")
    return <span className="text-emerald-700">{t("onFile", { filename: request.resolvedByFilename ?? "" })}</span>;
  return <span className="text-emerald-700">{t("uploaded", { date: day(request.resolvedAt) })}</span>;
}

/** The counselor's form: answered by a document on file (with a reason) or not needed (with a reason). */
export function ResolveRequest({ request, kindLabel, documents }: { request: ChecklistRequest; kindLabel: string; documents: Doc[] }) {
  const t = useTranslations("cases.requests");
  const tk = useTranslations("cases.documentKinds");
  const trpc = useTRPC();
  const refresh = useRefresh();
  const explain = useErrorWords();
  const [open, setOpen] = useState(false);
  const form = useForm<ResolveInput, unknown, Resolve>({
    resolver: zodResolver(ZResolveForm),
    defaultValues: { resolution: documents.length ? "on-file" : "not-needed", documentId: documents[0]?.id ?? "", reason: "" },
  });
  const errors = form.formState.errors as Partial<Record<"documentId" | "reason", { type?: unknown; message?: string }>>;
  const how = form.watch("resolution");
  const resolve = useMutation(trpc.document.resolveRequest.mutationOptions());
  const submit = form.handleSubmit(async (values) => {
    try {
      await resolve.mutateAsync({ ...values, documentRequestId: request.id });
    } catch (e) {
      const words = explain(e);
      if (words.fields.documentId) form.setError("documentId", { type: "server", message: words.fields.documentId });
      // The request itself was the problem (already resolved elsewhere), or no field was named: said beside the reason, in view.
      const reason = words.fields.documentRequestId ?? words.fields.reason ?? (words.fields.documentId ? null : words.text);
      if (reason) form.setError("reason", { type: "server", message: reason });
      return;
    }
    setOpen(false);
    void refresh();
  });
  // An empty reason has its own words; anything else is the shared ones.
  const reasonError = errors.reason?.type === "too_small" ? t("reasonRequired") : explain.field(errors.reason);
  if (!open) {
    return (
      <Button
        variant="ghost"
        className="min-h-11 px-2 text-sm"
        onClick={() => setOpen(true)}
        aria-label={t("resolveLabel", { kind: kindLabel })}
      >
        {t("resolve")}
      </Button>
    );
  }
  return (
    <form className="mt-2 flex w-full flex-col gap-3 rounded-lg border border-slate-200 bg-slate-50 p-3" onSubmit={submit} noValidate>
      <fieldset className="flex flex-col gap-1">
        <legend className="text-sm font-medium text-slate-800">{t("resolveTitle", { kind: kindLabel })}</legend>
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="radio" value="on-file" disabled={!documents.length} {...form.register("resolution")} />
          {t("useOnFile")}
        </label>
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="radio" value="not-needed" {...form.register("resolution")} />
          {t("notNeededOption")}
        </label>
      </fieldset>
      {how === "on-file" && (
        <Field label={t("document")} error={explain.field(errors.documentId)}>
          {({ id, describedBy, invalid }) => (
            <Select id={id} aria-invalid={invalid} aria-describedby={describedBy} {...form.register("documentId")}>
              {documents.map((d) => (
                <option key={d.id} value={d.id}>
                  {tk(d.kind)} · {d.filename}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      <Field label={t("reason")} hint={t("reasonHint")} error={reasonError}>
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            maxLength={500}
            rows={2}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            className="w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-600"
            {...form.register("reason")}
          />
        )}
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={resolve.isPending}>
          {t("save")}
        </Button>
        <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
