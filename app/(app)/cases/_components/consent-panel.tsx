"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert, Button, Card } from "@/app/_components/ui";
import { useErrorWords } from "@/app/_components/use-error-words";
import { useTRPC } from "@/app/_trpc/client";
import type { SignOffKind } from "@/server/domain/authorisation";

const TONE = {
  pending: "bg-sky-100 text-sky-900",
  confirmed: "bg-emerald-100 text-emerald-900",
  "change-requested": "bg-amber-100 text-amber-900",
};

/**
 * On the case page, above every tab: whether the client's authorisation covers negotiating with this lender
 * today (or what is missing, with the link to fix it), and what she was asked to confirm, with its state.
 */
export function ConsentPanel({ caseId }: { caseId: string }) {
  const t = useTranslations("consent");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const words = useErrorWords();
  const status = useQuery(trpc.consent.caseStatus.queryOptions({ caseId }));
  const signOffs = useQuery(trpc.consent.signOffs.queryOptions({ caseId }));
  const proposals = useQuery(trpc.case.proposals.queryOptions({ caseId }));
  const request = useMutation(trpc.consent.requestSignOff.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  if (!status.data) return null;
  const s = status.data;
  const latest = (proposals.data as Array<{ id: string; seq: number; status: string }> | undefined)?.at(-1);
  const negotiate = s.purposes.find((p) => p.purpose === "negotiate")!;
  const ask = async (kind: SignOffKind) => {
    setError(null);
    try {
      await request.mutateAsync({ caseId, kind, proposalId: kind === "budget" ? undefined : latest?.id });
      await queryClient.invalidateQueries({ queryKey: trpc.consent.signOffs.queryKey({ caseId }) });
    } catch (e) {
      setError(words(e).text);
    }
  };
  return (
    <Card title={t("caseTitle")} className="border-slate-300">
      <div className="flex flex-col gap-3" data-testid="consent-panel">
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span>{t("caseLender", { lender: s.lenderName })}</span>
          <span
            data-testid="case-authorisation"
            className={`rounded px-2 py-0.5 font-medium ${negotiate.ok ? "bg-emerald-100 text-emerald-900" : "bg-amber-100 text-amber-900"}`}
          >
            {negotiate.ok ? t("covered") : t(`gaps.${negotiate.gap!}`)}
          </span>
          {!negotiate.ok && (
            <Link href={`/clients/${s.clientId}?tab=authorisation`} className="inline-flex min-h-11 items-center text-brand-700 underline">
              {t("fix")}
            </Link>
          )}
        </div>
        {!s.settings.authorisationRequired && <p className="text-xs text-slate-600">{t("notRequired")}</p>}
        <div>
          <h3 className="text-sm font-semibold">{t("signOffs")}</h3>
          {signOffs.data && signOffs.data.length === 0 && <p className="text-sm text-slate-600">{t("noSignOffs")}</p>}
          <ul className="mt-1 flex flex-col gap-1" data-testid="sign-offs">
            {signOffs.data?.map((o) => (
              <li key={o.id} className="text-sm" data-testid="sign-off">
                <span className={`mr-2 rounded px-2 py-0.5 font-medium ${TONE[o.status]}`}>{t(`signOffStates.${o.status}`)}</span>
                {t(`signOffKinds.${o.kind}`)}
                {o.documentId && (
                  <a className="ml-2 text-brand-700 underline" href={`/api/documents/${o.documentId}`} target="_blank" rel="noreferrer">
                    PDF
                  </a>
                )}
                {o.comment && <span className="block text-slate-700">{t("comment", { comment: o.comment })}</span>}
              </li>
            ))}
          </ul>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" disabled={!latest || request.isPending} onClick={() => ask("letter")}>
            {t("requestLetter")}
          </Button>
          <Button variant="secondary" disabled={!latest || request.isPending} onClick={() => ask("proposal")}>
            {t("requestProposal")}
          </Button>
          <Button variant="secondary" disabled={request.isPending} onClick={() => ask("budget")}>
            {t("requestBudget")}
          </Button>
        </div>
        {!latest && <p className="text-xs text-slate-600">{t("noProposal")}</p>}
        {error && <Alert tone="error">{error}</Alert>}
      </div>
    </Card>
  );
}
