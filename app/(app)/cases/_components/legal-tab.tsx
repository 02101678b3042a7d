"use client";

import { useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { NoticeResult } from "@/app/_components/notice-result";
import { Alert, Button, Card, Field } from "@/app/_components/ui";
import { useErrorWords } from "@/app/_components/use-error-words";
import { useTRPC } from "@/app/_trpc/client";
import type { NoticeCheck } from "@/server/domain/court-notice";
import { LawsuitItem, NewLawsuit } from "./legal-lawsuits";
import { MediationItem, ReferToBody, StartMediation } from "./legal-mediations";

/** The case's court and mediation track: lawsuits with their deadlines, mediations with sessions and agreement, and the notice check. */
export function LegalTab({ caseId }: { caseId: string }) {
  const t = useTranslations("legal");
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.legal.forCase.queryOptions({ caseId }));
  const { data: bodies } = useSuspenseQuery(trpc.mediationBody.list.queryOptions());
  return (
    <div className="flex flex-col gap-4" data-testid="legal-tab">
      <p className="max-w-prose text-sm text-slate-700">{t("intro")}</p>
      <Card title={t("lawsuits")}>
        {data.lawsuits.length === 0 && <p className="text-sm text-slate-600">{t("noLawsuits")}</p>}
        <div className="flex flex-col gap-4">
          {data.lawsuits.map((l) => (
            <LawsuitItem key={l.id} caseId={caseId} lawsuit={l} />
          ))}
        </div>
        <NewLawsuit caseId={caseId} open={data.lawsuits.length === 0} />
      </Card>
      <Card title={t("mediation")}>
        {data.mediations.length === 0 && <p className="text-sm text-slate-600">{t("noMediation")}</p>}
        <div className="flex flex-col gap-4">
          {data.mediations.map((m) => (
            <MediationItem key={m.id} caseId={caseId} mediation={m} />
          ))}
        </div>
        {bodies.length === 0 ? (
          <Alert tone="info">{t("noBodies")}</Alert>
        ) : (
          <>
            {!data.mediations.some((m) => m.status === "open") && (
              <StartMediation caseId={caseId} bodies={bodies} open={data.mediations.length === 0} />
            )}
            <ReferToBody caseId={caseId} bodies={bodies} />
          </>
        )}
      </Card>
      <NoticeCheckCard />
    </div>
  );
}

function NoticeCheckCard() {
  const t = useTranslations("legal.notice");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const explain = useErrorWords();
  const [text, setText] = useState("");
  const [result, setResult] = useState<NoticeCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <Card title={t("title")}>
      <p className="mb-3 max-w-prose text-sm text-slate-700">{t("intro")}</p>
      <form
        className="flex flex-col gap-3"
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          try {
            setResult(await queryClient.fetchQuery(trpc.legal.checkNotice.queryOptions({ text: text.trim() })));
          } catch (err) {
            setError(explain(err).text);
          }
        }}
      >
        <Field label={t("text")} error={error ?? undefined}>
          {({ id, describedBy }) => (
            <textarea
              id={id}
              aria-describedby={describedBy}
              rows={4}
              maxLength={2000}
              className="w-full rounded-lg border border-slate-300 px-3 py-2 text-base"
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          )}
        </Field>
        <div>
          <Button type="submit">{t("check")}</Button>
        </div>
      </form>
      {result && (
        <div className="mt-3">
          <NoticeResult result={result} />
        </div>
      )}
    </Card>
  );
}
