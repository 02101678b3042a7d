"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert, Button, Card } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { BudgetSection } from "./budget-section";
import { DebtsSection } from "./debts-section";
import { useAssessmentError, type Outputs } from "./helpers";
import { IntakeForm } from "./intake-form";
import { PlanBuilder } from "./plan-builder";

/** The counselor's view of one client: intake, budget, debts and the plan builder, one below the other. */
export function ClientFile({ clientId, isAdmin }: { clientId: string; isAdmin: boolean }) {
  const t = useTranslations("assessment.file");
  const trpc = useTRPC();
  const client = useQuery(trpc.client.get.queryOptions({ id: clientId }));
  if (client.isError) return <Alert tone="error">{t("notFound")}</Alert>;
  if (!client.data) return <p className="text-slate-600">{t("loading")}</p>;
  const sections = ["intake", "budget", "debts", "plan"] as const;
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold" data-testid="client-name">{client.data.fullName}</h1>
        <nav aria-label={t("sections")} className="mt-2 flex flex-wrap gap-1">
          {sections.map((s) => (
            <a key={s} href={`#${s}`} className="flex min-h-11 items-center rounded-lg px-3 text-sm text-brand-700 hover:bg-slate-100">
              {t(`nav.${s}`)}
            </a>
          ))}
        </nav>
      </div>
      <IntakeSection client={client.data} isAdmin={isAdmin} />
      <BudgetSection clientId={clientId} />
      <DebtsSection clientId={clientId} />
      <PlanBuilder clientId={clientId} />
    </div>
  );
}

function IntakeSection({
  client,
  isAdmin,
}: {
  client: Outputs["client"]["get"];
  isAdmin: boolean;
}) {
  const t = useTranslations("assessment.intake");
  const trpc = useTRPC();
  const apiError = useAssessmentError();
  const [editing, setEditing] = useState(false);
  const [revealed, setRevealed] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reveal = useMutation(trpc.client.revealNationalId.mutationOptions());
  const row = (label: string, value: React.ReactNode) => (
    <div className="flex flex-col gap-0.5">
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
                <span data-testid="national-id">{revealed ?? client.nationalIdMasked}</span>
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
            {row(t("consentAt"), client.consentAt ? new Date(client.consentAt).toISOString().slice(0, 10) : null)}
            <div className="sm:col-span-3">{row(t("narrative"), client.hardshipNarrative)}</div>
          </dl>
        )}
        {error && <Alert tone="error">{error}</Alert>}
      </Card>
    </section>
  );
}
