"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button } from "@/app/_components/ui";
import { uploadFile } from "./upload";

type Request = { caseId: string; lenderName: string; kinds: string[] };

export function DocumentRequests({ requests }: { requests: Request[] }) {
  const t = useTranslations("portal");
  return (
    <section aria-labelledby="docs" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="docs" className="text-lg font-semibold">
        {t("docsTitle")}
      </h2>
      {requests.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">{t("noDocs")}</p>
      ) : (
        <ul className="mt-2 flex flex-col gap-4">
          {requests.flatMap((r) => r.kinds.map((kind) => <RequestRow key={`${r.caseId}-${kind}`} request={r} kind={kind} />))}
        </ul>
      )}
    </section>
  );
}

function RequestRow({ request, kind }: { request: Request; kind: string }) {
  const t = useTranslations("portal");
  const tc = useTranslations("cases");
  const te = useTranslations();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = `doc-${request.caseId}-${kind}`;
  return (
    <li className="rounded-lg border border-slate-200 p-3">
      <p className="font-medium">
        {tc(`documentKinds.${kind}`)} · <span className="font-normal text-slate-700">{t("uploadFor", { lender: request.lenderName })}</span>
      </p>
      <label htmlFor={inputId} className="mt-2 block text-sm text-slate-700">
        {t("chooseFile")}
      </label>
      <input
        id={inputId}
        type="file"
        accept=".pdf,.jpg,.jpeg,.png,.heic,.docx,application/pdf,image/*"
        className="mt-1 block w-full text-sm"
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
      />
      <Button
        className="mt-2"
        variant="secondary"
        disabled={!file || busy}
        onClick={async () => {
          if (!file) return;
          setBusy(true);
          const r = await uploadFile(file, { kind, caseId: request.caseId });
          setBusy(false);
          if (r.ok) {
            setState({ tone: "success", text: t("uploaded") });
            router.refresh();
          } else {
            const key = te.has(`casesErrors.${r.messageKey}`) ? `casesErrors.${r.messageKey}` : te.has(`errors.${r.messageKey}`) ? `errors.${r.messageKey}` : "errors.internal";
            setState({ tone: "error", text: te(key, { requestId: r.requestId ?? "-", maxMb: 20 }) });
          }
        }}
      >
        {t("uploadButton")}
      </Button>
      {state && (
        <div className="mt-2">
          <Alert tone={state.tone}>{state.text}</Alert>
        </div>
      )}
    </li>
  );
}
