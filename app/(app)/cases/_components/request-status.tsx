"use client";

// A lender's document request on the case's checklist: its state, and the counselor's way to resolve it
// without a new upload (a document already on file answers it, or it is not needed), with a reason.

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button, Field, Select } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { useRefresh } from "./case-shared";
import { useErrorWords } from "@/app/_components/use-error-words";

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
  const te = useTranslations("casesErrors");
  const tv = useTranslations("validation");
  const trpc = useTRPC();
  const refresh = useRefresh();
  const explain = useErrorWords();
  const [open, setOpen] = useState(false);
  const [how, setHow] = useState<"on-file" | "not-needed">(documents.length ? "on-file" : "not-needed");
  const [documentId, setDocumentId] = useState(documents[0]?.id ?? "");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const resolve = useMutation(
    trpc.document.resolveRequest.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        void refresh();
      },
      onError: (e) => {
        const fields = (e.data as { fields?: Record<string, string[]> } | undefined)?.fields ?? {};
        const words: Record<string, string> = {};
        for (const [field, codes] of Object.entries(fields)) {
          const code = codes[0] ?? "custom";
          words[field] = te.has(code) ? te(code) : tv.has(code) ? tv(code) : tv("custom");
        }
        if (Object.keys(words).length === 0) words.reason = explain(e).text;
        // The request itself was the problem (already resolved elsewhere): said beside the reason, in view.
        if (words.documentRequestId) words.reason = words.documentRequestId;
        setErrors(words);
      },
    }),
  );
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
    <form
      className="mt-2 flex w-full flex-col gap-3 rounded-lg border border-slate-200 bg-slate-50 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (!reason.trim()) {
          setErrors({ reason: t("reasonRequired") });
          return;
        }
        setErrors({});
        resolve.mutate(
          how === "on-file"
            ? { documentRequestId: request.id, resolution: "on-file", documentId, reason }
            : { documentRequestId: request.id, resolution: "not-needed", reason },
        );
      }}
      noValidate
    >
      <fieldset className="flex flex-col gap-1">
        <legend className="text-sm font-medium text-slate-800">{t("resolveTitle", { kind: kindLabel })}</legend>
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input
            type="radio"
            name={`how-${request.id}`}
            checked={how === "on-file"}
            disabled={!documents.length}
            onChange={() => setHow("on-file")}
          />
          {t("useOnFile")}
        </label>
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="radio" name={`how-${request.id}`} checked={how === "not-needed"} onChange={() => setHow("not-needed")} />
          {t("notNeededOption")}
        </label>
      </fieldset>
      {how === "on-file" && (
        <Field label={t("document")} error={errors.documentId}>
          {({ id, describedBy, invalid }) => (
            <Select
              id={id}
              value={documentId}
              onChange={(e) => setDocumentId(e.target.value)}
              aria-invalid={invalid}
              aria-describedby={describedBy}
            >
              {documents.map((d) => (
                <option key={d.id} value={d.id}>
                  {tk(d.kind)} · {d.filename}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      <Field label={t("reason")} hint={t("reasonHint")} error={errors.reason}>
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            value={reason}
            maxLength={500}
            rows={2}
            onChange={(e) => {
              setReason(e.target.value);
              if (errors.reason) setErrors(({ reason: _, ...rest }) => rest);
            }}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            className="w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-600"
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
