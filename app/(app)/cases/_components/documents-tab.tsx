"use client";

// The case page's documents tab: the checklist and uploads.

import { useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Alert, Button, Card, Field } from "@/app/_components/ui";
import { ChoiceInput } from "@/app/_components/form-fields";
import { useTRPC } from "@/app/_trpc/client";
import { DOCUMENT_KINDS } from "@/server/domain/vocabulary";
import { ZDocumentKind } from "@/server/schemas/cases";
import { useRefresh } from "./case-shared";
import { RequestState, ResolveRequest } from "./request-status";
import { useErrorWords } from "@/app/_components/use-error-words";

/** An upload: the document kind the route checks (ZDocumentKind) and one chosen file. */
const ZUploadForm = z.object({
  kind: ZDocumentKind,
  file: z.custom<FileList>((v) => typeof FileList !== "undefined" && v instanceof FileList && v.length > 0, {
    message: "multipartRequired",
  }),
});
type UploadInput = z.input<typeof ZUploadForm>;
type Upload = z.output<typeof ZUploadForm>;

export function Documents({ caseId }: { caseId: string }) {
  const t = useTranslations("cases");
  const trpc = useTRPC();
  const refresh = useRefresh();
  const explain = useErrorWords();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const { data: docs } = useSuspenseQuery(trpc.document.list.queryOptions({ caseId }));
  const { data: checklist } = useSuspenseQuery(trpc.document.checklist.queryOptions({ caseId }));
  const form = useForm<UploadInput, unknown, Upload>({ resolver: zodResolver(ZUploadForm), defaultValues: { kind: "loan-contract" } });
  const upload = form.handleSubmit(async ({ kind, file }, event) => {
    const body = new FormData();
    body.set("file", file[0]!);
    body.set("caseId", caseId);
    body.set("kind", kind);
    setMessage(null);
    const res = await fetch("/api/documents", { method: "POST", body }).catch(() => null);
    if (!res?.ok) {
      const words = explain(res ? await res.json().catch(() => ({})) : null);
      setMessage({ tone: "error", text: words.text });
      return;
    }
    setMessage({ tone: "success", text: t("uploaded") });
    (event?.target as HTMLFormElement | undefined)?.reset(); // the file field cannot be emptied through a value
    form.reset({ kind });
    void refresh();
  });
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title={t("checklist")}>
        <ul className="divide-y divide-slate-100 text-sm" data-testid="checklist">
          {checklist.items.map((i) => (
            <li
              key={i.kind}
              className="flex flex-wrap items-center justify-between gap-x-2 gap-y-1 py-1.5"
              data-testid={`checklist-${i.kind}`}
            >
              <span className="min-w-0">
                {t(`documentKinds.${i.kind}`)}
                {i.request ? <span className="text-slate-600"> · {t("requests.askedOn", { date: i.request.requestedOn })}</span> : null}
              </span>
              {i.request ? (
                <RequestState request={i.request} />
              ) : (
                <span className={i.present ? "text-emerald-700" : "font-medium text-red-700"}>
                  {i.present ? t("present") : t("missing")}
                </span>
              )}
              {i.request && !i.request.resolvedAt && (
                <div className="flex w-full justify-end">
                  <ResolveRequest request={i.request} kindLabel={t(`documentKinds.${i.kind}`)} documents={docs} />
                </div>
              )}
            </li>
          ))}
        </ul>
      </Card>
      <Card title={t("documents")}>
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
        {docs.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noDocuments")}</p>
        ) : (
          <ul className="mb-4 divide-y divide-slate-100 text-sm">
            {docs.map((d) => (
              <li key={d.id} className="flex flex-wrap justify-between gap-2 py-2">
                <span>
                  {t(`documentKinds.${d.kind}`)} · {d.filename}
                </span>
                <a className="text-brand-700 underline" href={`/api/documents/${d.id}`}>
                  {t("download")}
                </a>
              </li>
            ))}
          </ul>
        )}
        <form className="flex flex-col gap-3" onSubmit={upload} noValidate>
          <ChoiceInput form={form} name="kind" label={t("kind")} options={DOCUMENT_KINDS} optionLabel={(k) => t(`documentKinds.${k}`)} />
          <Field label={t("file")} hint={t("uploadHint")} error={explain.field(form.formState.errors.file)}>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                type="file"
                required
                accept=".pdf,.jpg,.jpeg,.png,.heic,.docx"
                className="text-sm"
                {...form.register("file")}
              />
            )}
          </Field>
          <Button type="submit" disabled={form.formState.isSubmitting}>
            {t("upload")}
          </Button>
        </form>
      </Card>
    </div>
  );
}
