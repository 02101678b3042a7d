"use client";

// The case page's proposals tab (loaded with next/dynamic when opened): what can be done now (propose,
// change or breach the agreement in force, renegotiate after a breach, nothing once it is kept), the
// proposals with the lender's answers, and this organization's history with the lender.

import { useMutation, useQuery, useSuspenseQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { TermsList } from "@/app/_components/terms-list";
import { Alert, Button, Card, EmptyState } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { LenderHistoryPanel } from "@/app/(app)/_workspace/lender-history-panel";
import type { TermsBasis } from "@/server/domain/terms-check";
import type { AppRouter } from "@/server/trpc/root";
import { AgreementPanel } from "./agreement-actions";
import { useRefresh } from "./case-shared";
import { AcceptCounterOffer, NewProposalForm, RecordResponseForm } from "./proposal-forms";
import { useErrorWords } from "@/app/_components/use-error-words";

export function Proposals({ caseId, canApprove, lenderId }: { caseId: string; canApprove: boolean; lenderId: string }) {
  const t = useTranslations("cases");
  const tn = useTranslations("negotiation.agreement");
  const trpc = useTRPC();
  const { data: list } = useSuspenseQuery(trpc.case.proposals.queryOptions({ caseId }));
  const { data: state } = useSuspenseQuery(trpc.case.negotiation.queryOptions({ caseId }));
  const negotiating = state.mode === "negotiate" || state.mode === "renegotiate";
  const draft = useQuery({ ...trpc.case.draftFromPlan.queryOptions({ caseId }), enabled: list.length === 0 && negotiating });
  const { basis, today, agreement } = state;

  return (
    <div className="flex flex-col gap-4" data-testid="proposals-tab" data-mode={state.mode}>
      {state.mode === "agreed" && agreement && agreement.status === "active" && (
        <AgreementPanel caseId={caseId} agreement={agreement} basis={basis} today={today} breachTargets={state.breachTargets} />
      )}
      {state.mode === "renegotiate" && agreement && (
        <Alert tone="warning">
          <p className="font-medium">{tn("brokenTitle")}</p>
          <p>{tn("brokenLine", { date: agreement.endedOn ?? "—", reason: agreement.endReason ?? "—" })}</p>
          <p>{tn("renegotiate")}</p>
        </Alert>
      )}
      {state.mode === "completed" && (
        <Alert tone="success">
          <p className="font-medium">{tn("completedTitle")}</p>
          <p>{tn("completedLine")}</p>
        </Alert>
      )}
      {state.mode === "closed" && <Alert tone="info">{tn("closedLine", { state: t(`states.${state.caseStatus}`) })}</Alert>}

      {list.length === 0 && <EmptyState>{t("noProposals")}</EmptyState>}
      {list.map((p) => (
        <ProposalCard
          key={p.id}
          caseId={caseId}
          proposal={p}
          canApprove={canApprove}
          negotiating={negotiating}
          basis={basis}
          today={today}
        />
      ))}

      {negotiating && (
        <Card title={t("newProposal")}>
          {list.length === 0 && draft.isPending ? null : (
            <>
              {draft.data && <p className="mb-3 rounded bg-sky-50 p-2 text-sm text-sky-900">{t("fromPlan")}</p>}
              <NewProposalForm key={draft.data ? "plan" : "blank"} caseId={caseId} basis={basis} today={today} initial={draft.data} />
            </>
          )}
        </Card>
      )}
      <LenderHistoryPanel lenderId={lenderId} />
    </div>
  );
}

type ProposalRow = inferRouterOutputs<AppRouter>["case"]["proposals"][number];

function ProposalCard({
  caseId,
  proposal: p,
  canApprove,
  negotiating,
  basis,
  today,
}: {
  caseId: string;
  proposal: ProposalRow;
  canApprove: boolean;
  negotiating: boolean;
  basis: TermsBasis;
  today: string;
}) {
  const t = useTranslations("cases");
  const common = useTranslations("common");
  const format = useFormatter();
  const trpc = useTRPC();
  const refresh = useRefresh();
  const explain = useErrorWords();
  const [error, setError] = useState<string | null>(null);
  const handlers = { onSuccess: () => (setError(null), void refresh()), onError: (e: unknown) => setError(explain(e).text) };
  const send = useMutation(trpc.case.sendProposal.mutationOptions(handlers));
  const approve = useMutation(trpc.case.approveProposal.mutationOptions(handlers));
  const sep = common("clauseSeparator");
  return (
    <Card
      title={t("proposalNo", { seq: p.seq })}
      actions={
        <a
          className="text-sm text-brand-700 underline"
          href={`/api/cases/${caseId}/letter?proposalId=${p.id}`}
          target="_blank"
          rel="noreferrer"
        >
          {t("letter")}
        </a>
      }
    >
      <p className="mb-2 text-sm">
        {[
          t(`proposalStatus.${p.status}`) + (p.status === "draft" && p.approvedBy ? `${sep}${t("approved")}` : ""),
          t(`channels.${p.channel}`),
          `${t("validUntil")} ${p.validUntil}`,
        ].join(" · ")}
      </p>
      <TermsList terms={p.terms} testId="proposal-terms" />
      {error && (
        <p className="mt-2 text-sm text-red-700" role="alert">
          {error}
        </p>
      )}
      {negotiating && (
        <div className="mt-3 flex flex-wrap gap-2">
          {(p.status === "draft" || p.status === "awaiting-approval") && (
            <Button onClick={() => send.mutate({ caseId, proposalId: p.id })} disabled={send.isPending}>
              {t("send")}
            </Button>
          )}
          {p.status === "awaiting-approval" && canApprove && (
            <Button variant="secondary" onClick={() => approve.mutate({ caseId, proposalId: p.id })}>
              {t("approve")}
            </Button>
          )}
        </div>
      )}
      {p.responses.length > 0 && (
        <div className="mt-4">
          <h3 className="font-medium">{t("responses")}</h3>
          <ul className="mt-2 space-y-3">
            {p.responses.map((r) => (
              <li key={r.id} className="rounded-lg bg-slate-50 p-3 text-sm">
                <p>
                  {r.receivedOn} · <strong>{t(`responseKinds.${r.kind}`)}</strong>
                  {r.reason ? ` · ${r.reason}` : ""}
                  {r.documentsRequested ? ` · ${format.list(r.documentsRequested.map((k) => t(`documentKinds.${k}`)))}` : ""}
                </p>
                {r.note && <p>{r.note}</p>}
                {r.terms && (
                  <>
                    <TermsList terms={r.terms} testId="counter-terms" />
                    {negotiating && !p.agreed && !r.madeAgreement && (
                      <AcceptCounterOffer caseId={caseId} responseId={r.id} terms={r.terms} basis={basis} today={today} />
                    )}
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {negotiating && !p.agreed && (p.status === "sent" || p.status === "answered" || p.status === "expired") && (
        <RecordResponseForm caseId={caseId} proposalId={p.id} basis={basis} today={today} />
      )}
    </Card>
  );
}
