"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button } from "@/app/_components/ui";
import { useErrorWords } from "@/app/_components/use-error-words";
import { uploadFile } from "./upload";

/** One document a lender still needs (services/document-requests.ts, the same list the counselor sees). */
type Request = { id: string; caseId: string; lenderName: string; kind: string; requestedOn: string };

/**
 * What the lenders still need from the client, one row per document with its own upload. The upload names
 * the request, so the server resolves exactly it; the page then re-renders without the row.
 */
export function DocumentRequests({ requests }: { requests: Request[] }) {
  const t = useTranslations("portal");
  const tc = useTranslations("cases");
  const [done, setDone] = useState<string | null>(null);
  return (
    <section aria-labelledby="docs" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-testid="portal-documents">
      <h2 id="docs" className="text-lg font-semibold">
        {t("docsTitle")}
      </h2>
      <div aria-live="polite">
        {done && (
          <div className="mt-2">
            <Alert tone="success">{done}</Alert>
          </div>
        )}
      </div>
      {requests.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">{t("noDocs")}</p>
      ) : (
        <ul className="mt-2 flex flex-col gap-4">
          {requests.map((r) => (
            <RequestRow
              key={r.id}
              request={r}
              onUploaded={() => setDone(t("requests.uploaded", { kind: tc(`documentKinds.${r.kind}`), lender: r.lenderName }))}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function RequestRow({ request, onUploaded }: { request: Request; onUploaded: () => void }) {
  const t = useTranslations("portal");
  const tc = useTranslations("cases");
  const words = useErrorWords();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = `doc-${request.id}`;
  const errorId = `${inputId}-error`;
  const kind = tc(`documentKinds.${request.kind}`);
  return (
    <li className="rounded-lg border border-slate-200 p-3" data-testid="portal-document-request">
      <p className="font-medium">{kind}</p>
      <p className="text-sm text-slate-700">{t("requests.askedBy", { lender: request.lenderName, date: request.requestedOn })}</p>
      <label htmlFor={inputId} className="mt-2 block text-sm text-slate-700">
        {t("chooseFile")}
      </label>
      <input
        id={inputId}
        type="file"
        accept=".pdf,.jpg,.jpeg,.png,.heic,.docx,application/pdf,image/*"
        className="mt-1 block w-full text-sm"
        aria-invalid={Boolean(error)}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => {
          setFile(e.target.files?.[0] ?? null);
          setError(null);
        }}
      />
      {error && (
        <p id={errorId} role="alert" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
      <Button
        className="mt-2"
        variant="secondary"
        disabled={!file || busy}
        aria-label={t("requests.uploadLabel", { kind, lender: request.lenderName })}
        onClick={async () => {
          if (!file) return;
          setBusy(true);
          const r = await uploadFile(file, { kind: request.kind, caseId: request.caseId, documentRequestId: request.id }).catch(() => null);
          setBusy(false);
          if (r?.ok) {
            onUploaded();
            router.refresh();
          } else {
            setError(words(r ? { error: { ...r, params: { maxMb: 20 } } } : null).message);
          }
        }}
      >
        {t("uploadButton")}
      </Button>
    </li>
  );
}
