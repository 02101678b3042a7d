"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Alert, Button, ChoiceField, Field } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { DOCUMENT_KINDS, type DocumentKind } from "@/server/domain/vocabulary";
import { useRefresh } from "./case-shared";
import { useErrorWords } from "@/app/_components/use-error-words";

/**
 * An entry's attachments as download links. The links go through /api/documents/<id>, which checks again
 * that the person may see the document; a document of the client's that this case's list does not hold
 * (uploaded for another case) still gets a link, named generically.
 */
export function ContactAttachments({ caseId, ids }: { caseId: string; ids: string[] }) {
  const t = useTranslations("cases");
  const trpc = useTRPC();
  const { data: docs } = useSuspenseQuery(trpc.document.list.queryOptions({ caseId }));
  if (ids.length === 0) return null;
  return (
    <div className="mt-2">
      <p className="text-xs font-medium text-slate-600">{t("attachments")}</p>
      <ul className="flex flex-wrap gap-2" data-testid="contact-attachments">
        {ids.map((id) => {
          const doc = docs.find((d) => d.id === id);
          return (
            <li key={id}>
              <a
                className="inline-flex min-h-11 items-center gap-1 rounded border border-slate-200 px-2 text-sm text-brand-700 underline"
                href={`/api/documents/${id}`}
              >
                {doc ? `${t(`documentKinds.${doc.kind}`)} · ${doc.filename}` : t("attachment")}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Pick documents of the case to attach to a new contact entry, or upload a new one and attach it. */
export function ContactAttachmentPicker({
  caseId,
  selected,
  onChange,
}: {
  caseId: string;
  selected: string[];
  onChange: (ids: string[]) => void;
}) {
  const t = useTranslations("cases");
  const trpc = useTRPC();
  const refresh = useRefresh();
  const explain = useErrorWords();
  const { data: docs } = useSuspenseQuery(trpc.document.list.queryOptions({ caseId }));
  const [kind, setKind] = useState<DocumentKind>("communication-record");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const toggle = (id: string, on: boolean) => onChange(on ? [...selected, id] : selected.filter((s) => s !== id));

  const upload = async () => {
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setError(t("chooseFileFirst"));
      return;
    }
    const form = new FormData();
    form.set("caseId", caseId);
    form.set("kind", kind);
    form.set("file", file);
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/documents", { method: "POST", body: form });
      const body = (await res.json().catch(() => ({}))) as { id?: string };
      if (!res.ok || !body.id) {
        setError(explain(body).text);
        return;
      }
      // A new document changes the checklist, the agenda's requests and the client's file, not only this list.
      await refresh();
      onChange([...selected, body.id]);
      if (fileInput.current) fileInput.current.value = "";
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className="flex flex-col gap-3 rounded-lg border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium text-slate-800">{t("attachments")}</legend>
      {docs.length === 0 ? (
        <p className="text-sm text-slate-600">{t("noDocumentsToAttach")}</p>
      ) : (
        <ul className="flex flex-col gap-1" data-testid="attachment-choices">
          {docs.map((d) => (
            <li key={d.id}>
              <label className="flex min-h-11 items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  className="size-5"
                  checked={selected.includes(d.id)}
                  onChange={(e) => toggle(d.id, e.target.checked)}
                />
                <span>
                  {t(`documentKinds.${d.kind}`)} · {d.filename}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-col gap-2 border-t border-slate-100 pt-3">
        <p className="text-sm font-medium">{t("attachNewFile")}</p>
        {error && <Alert tone="error">{error}</Alert>}
        <div className="grid gap-3 sm:grid-cols-2">
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
                ref={fileInput}
                aria-describedby={describedBy}
                type="file"
                accept=".pdf,.jpg,.jpeg,.png,.heic,.docx"
                className="min-h-11 text-sm"
                data-testid="attachment-file"
              />
            )}
          </Field>
        </div>
        <Button type="button" variant="secondary" onClick={() => void upload()} disabled={busy}>
          {busy ? t("uploading") : t("uploadAndAttach")}
        </Button>
      </div>
    </fieldset>
  );
}
