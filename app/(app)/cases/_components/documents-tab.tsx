"use client";

// The case page's documents tab: the checklist and uploads.

import { useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Alert, Button, ChoiceField, Card, Field } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { DOCUMENT_KINDS } from "@/server/domain/vocabulary";
import { useRefresh } from "./case-shared";
import { RequestState, ResolveRequest } from "./request-status";
import { useErrorWords } from "@/app/_components/use-error-words";

export function Documents({ caseId }: { caseId: string }) {
  const t = useTranslations("cases");
  const trpc = useTRPC();
  const refresh = useRefresh();
  const explain = useErrorWords();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [kind, setKind] = useState<(typeof DOCUMENT_KINDS)[number]>("loan-contract");
  const { data: docs } = useSuspenseQuery(trpc.document.list.queryOptions({ caseId }));
  const { data: checklist } = useSuspenseQuery(trpc.document.checklist.queryOptions({ caseId }));
  const upload = async (ev: FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    const form = new FormData(ev.currentTarget);
    form.set("caseId", caseId);
    form.set("kind", kind);
    setBusy(true);
    try {
      const res = await fetch("/api/documents", { method: "POST", body: form });
      if (!res.ok) setMessage({ tone: "error", text: explain(await res.json().catch(() => ({}))).text });
      else {
        setMessage({ tone: "success", text: t("uploaded") });
        (ev.target as HTMLFormElement).reset();
        void refresh();
      }
    } finally {
      setBusy(false);
    }
  };
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
        <form className="flex flex-col gap-3" onSubmit={upload}>
          <ChoiceField
            label={t("kind")}
            value={kind}
            options={DOCUMENT_KINDS}
            optionLabel={(k) => t(`documentKinds.${k}`)}
            onChange={setKind}
          />
          <Field label={t("file")} hint={t("uploadHint")}>
            {({ id, describedBy }) => (
              <input
                id={id}
                aria-describedby={describedBy}
                name="file"
                type="file"
                required
                accept=".pdf,.jpg,.jpeg,.png,.heic,.docx"
                className="text-sm"
              />
            )}
          </Field>
          <Button type="submit" disabled={busy}>
            {t("upload")}
          </Button>
        </form>
      </Card>
    </div>
  );
}
