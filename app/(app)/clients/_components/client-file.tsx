"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import clsx from "clsx";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert, Button, Card } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { type Outputs } from "./helpers";
import { CLIENT_TABS, type ClientTab } from "./tabs";
import { AuthorisationSection } from "./authorisation-section";
import { useErrorWords } from "@/app/_components/use-error-words";
import { shanghaiDate } from "@/server/domain/time";

// Each tab's code is downloaded when that tab is opened (a first visit opens one), and the intake form
// when someone edits. Rendered on the server as before; the placeholder only shows on a switch.
const tabLoading = () => <div className="h-48 animate-pulse rounded-xl bg-slate-100" />;
const OverviewFigures = dynamic(() => import("./client-activity").then((m) => m.OverviewFigures), { loading: tabLoading });
const ActivityTab = dynamic(() => import("./client-activity").then((m) => m.ActivityTab), { loading: tabLoading });
const BudgetSection = dynamic(() => import("./budget-section").then((m) => m.BudgetSection), { loading: tabLoading });
const DebtsSection = dynamic(() => import("./debts-section").then((m) => m.DebtsSection), { loading: tabLoading });
const PlanBuilder = dynamic(() => import("./plan-builder").then((m) => m.PlanBuilder), { loading: tabLoading });
const IntakeForm = dynamic(() => import("./intake-form").then((m) => m.IntakeForm), { loading: tabLoading });
const MessagesTab = dynamic(() => import("./messages-tab").then((m) => m.MessagesTab), { loading: tabLoading });
const PortalAccessCard = dynamic(() => import("./portal-access-card").then((m) => m.PortalAccessCard), { loading: tabLoading });

/**
 * The counselor's view of one client, in tabs; the tab is in the URL (?tab=debts), so a link or a reload
 * opens the same one. The tab bar scrolls sideways on a phone.
 */
export function ClientFile({ clientId, isAdmin, tab }: { clientId: string; isAdmin: boolean; tab: ClientTab }) {
  const t = useTranslations("assessment.file");
  const tt = useTranslations("clientTabs");
  const trpc = useTRPC();
  const client = useQuery(trpc.client.get.queryOptions({ id: clientId }));
  if (client.isError) return <Alert tone="error">{t("notFound")}</Alert>;
  if (!client.data) return <p className="text-slate-600">{t("loading")}</p>;
  return (
    <div className="flex min-w-0 flex-col gap-6">
      <div className="min-w-0">
        <h1 className="text-2xl font-bold" data-testid="client-name">
          {client.data.fullName}
        </h1>
        <nav aria-label={tt("label")} className="-mx-4 mt-2 overflow-x-auto px-4">
          <ul className="flex gap-1 whitespace-nowrap border-b border-slate-200">
            {CLIENT_TABS.map((k) => (
              <li key={k}>
                <Link
                  href={`/clients/${clientId}?tab=${k}`}
                  scroll={false}
                  aria-current={k === tab ? "page" : undefined}
                  className={clsx(
                    "flex min-h-11 items-center border-b-2 px-3 text-sm",
                    k === tab ? "border-brand-700 font-semibold text-brand-800" : "border-transparent text-slate-700 hover:bg-slate-100",
                  )}
                >
                  {tt(`tabs.${k}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      {tab === "overview" && (
        <>
          <OverviewFigures clientId={clientId} />
          <PortalAccessCard clientId={clientId} clientName={client.data.fullName} filePhone={client.data.phone} />
          <IntakeSection client={client.data} isAdmin={isAdmin} />
        </>
      )}
      {tab === "budget" && <BudgetSection clientId={clientId} />}
      {tab === "debts" && <DebtsSection clientId={clientId} />}
      {tab === "plan" && <PlanBuilder clientId={clientId} />}
      {tab === "authorisation" && <AuthorisationSection clientId={clientId} />}
      {tab === "messages" && <MessagesTab clientId={clientId} />}
      {(tab === "cases" || tab === "documents" || tab === "contacts" || tab === "payments" || tab === "timeline") && (
        <ActivityTab clientId={clientId} tab={tab} />
      )}
    </div>
  );
}

function IntakeSection({ client, isAdmin }: { client: Outputs["client"]["get"]; isAdmin: boolean }) {
  const t = useTranslations("assessment.intake");
  const trpc = useTRPC();
  const apiError = useErrorWords();
  const [editing, setEditing] = useState(false);
  const [revealed, setRevealed] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reveal = useMutation(trpc.client.revealNationalId.mutationOptions());
  const row = (label: string, value: React.ReactNode, className?: string) => (
    <div className={clsx("flex flex-col gap-0.5", className)}>
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="text-sm text-slate-900">{value || "—"}</dd>
    </div>
  );
  return (
    <section id="intake">
      <Card
        title={t("title")}
        actions={
          !editing && (
            <Button variant="secondary" onClick={() => setEditing(true)}>
              {t("edit")}
            </Button>
          )
        }
      >
        {editing ? (
          <IntakeForm initial={client} isAdmin={isAdmin} onDone={() => setEditing(false)} />
        ) : (
          <dl className="grid gap-3 sm:grid-cols-3">
            {row(t("phone"), client.phone)}
            {row(
              t("nationalId"),
              <span className="flex flex-wrap items-center gap-2">
                <span data-testid="national-id">{(revealed ?? client.nationalIdMasked) || "—"}</span>
                {client.nationalIdMasked && !revealed && (
                  <button
                    type="button"
                    className="min-h-11 text-sm text-brand-700 underline"
                    onClick={async () => {
                      setError(null);
                      try {
                        setRevealed((await reveal.mutateAsync({ id: client.id })).nationalId);
                      } catch (e) {
                        setError(apiError(e).message);
                      }
                    }}
                  >
                    {t("reveal")}
                  </button>
                )}
              </span>,
            )}
            {row(t("city"), client.city)}
            {row(t("householdSize"), client.householdSize)}
            {row(t("dependents"), client.dependents)}
            {row(t("employment"), client.employment ? t(`employmentKinds.${client.employment}`) : null)}
            {row(t("hardshipReason"), client.hardshipReason ? t(`reasons.${client.hardshipReason}`) : null)}
            {row(t("counselor"), client.counselorName)}
            {row(t("consentAt"), client.consentAt ? shanghaiDate(new Date(client.consentAt)) : null)}
            {row(t("narrative"), client.hardshipNarrative, "sm:col-span-3")}
          </dl>
        )}
        {error && <Alert tone="error">{error}</Alert>}
      </Card>
    </section>
  );
}
