"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, Card, EmptyState } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { FenCheck } from "@/app/_components/fen-check";
import { formatFen } from "@/server/domain/money";
import { shanghaiDate } from "@/server/domain/time";
import type { Outputs } from "./helpers";
import { DebtForm } from "./debt-form";
import { DebtImport } from "./debt-import";
import { DebtTriage } from "./debt-triage";
import { RateLinesPanel } from "./rate-lines-panel";
import { BalanceNotes } from "../../_workspace/balance-notes";
import { useErrorWords } from "@/app/_components/use-error-words";

type Debt = Outputs["debt"]["list"]["debts"][number];

/** The client's debts with breakdown, overdue days, daily growth and rate flags, plus add / edit / remove. */
export function DebtsSection({ clientId }: { clientId: string }) {
  const t = useTranslations("assessment.debts");
  const tb = useTranslations("balance");
  const tr = useTranslations("rules");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const apiError = useErrorWords();
  const list = useQuery(trpc.debt.list.queryOptions({ clientId }));
  const archive = useMutation(trpc.debt.archive.mutationOptions());
  const cases = useQuery(trpc.case.list.queryOptions({ clientId }));
  const openCase = useMutation(trpc.case.open.mutationOptions());
  const router = useRouter();
  const [editing, setEditing] = useState<Debt | "new" | null>(null);
  const [importing, setImporting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.debt.list.queryKey({ clientId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.plan.get.queryKey({ clientId }) }),
    ]);

  const data = list.data;
  return (
    <section id="debts">
      <Card
        title={t("title")}
        actions={
          !editing && (
            <div className="flex flex-wrap gap-2">
              <Button variant="secondary" onClick={() => setImporting((v) => !v)}>
                {t("import")}
              </Button>
              <Button onClick={() => setEditing("new")}>{t("add")}</Button>
            </div>
          )
        }
      >
        {error && <Alert tone="error">{error}</Alert>}
        {importing && !editing && (
          <DebtImport
            clientId={clientId}
            onDone={async () => {
              setImporting(false);
              await refresh();
            }}
          />
        )}
        {editing ? (
          <DebtForm
            clientId={clientId}
            debt={editing === "new" ? null : editing}
            onDone={async (changed) => {
              setEditing(null);
              if (changed) await refresh();
            }}
          />
        ) : !data ? null : data.debts.length === 0 ? (
          <EmptyState>{t("empty")}</EmptyState>
        ) : (
          <div className="flex flex-col gap-4">
            <dl className="grid grid-cols-2 gap-3 rounded-lg bg-slate-50 p-3 sm:grid-cols-4" data-testid="debt-totals">
              <Stat
                label={t("totalBalance")}
                value={
                  <>
                    {formatFen(data.totals.balance.owedFen)}
                    <FenCheck fen={data.totals.balance.owedFen} />
                  </>
                }
                strong
                testId="debts-owed"
                beside={
                  <BalanceNotes
                    side={{
                      growthFen: data.totals.balance.growthFen,
                      since: data.totals.balance.growthSince,
                      dailyGrowthFen: data.totals.balance.dailyGrowthFen,
                      pendingFen: data.totals.balance.pendingFen,
                      reliefFen: data.totals.balance.reliefFen,
                    }}
                  />
                }
              />
              <Stat label={t("principal")} value={formatFen(data.totals.principalFen)} />
              <Stat
                label={t("interestPenaltyFees")}
                value={formatFen(data.totals.interestFen + data.totals.penaltyFen + data.totals.feesFen)}
              />
              {/* What still grows: debts under an agreement do not (server/domain/balance.ts). */}
              <Stat label={t("growthPerDay")} value={formatFen(data.totals.balance.dailyGrowthFen)} />
            </dl>
            <ul className="flex flex-col gap-3" data-testid="debt-list">
              {data.debts.map((d) => (
                <li key={d.id} className="rounded-lg border border-slate-200 p-3">
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <p className="font-semibold">
                      {d.lenderName} <span className="text-xs font-normal text-slate-600">{t(`licence.${d.licenceType}`)}</span>
                    </p>
                    <p className="text-lg font-semibold [overflow-wrap:anywhere]" data-testid="debt-owed">
                      {formatFen(d.balance.owedFen)}
                      <FenCheck fen={d.balance.owedFen} />
                    </p>
                  </div>
                  <div className="flex flex-col items-end text-right">
                    <BalanceNotes
                      side={{
                        growthFen: d.balance.growthFen,
                        since: d.balance.asOf,
                        dailyGrowthFen: d.balance.dailyGrowthFen,
                        pendingFen: d.balance.pendingFen,
                        reliefFen: d.balance.reliefFen,
                      }}
                    />
                    {d.balance.kind !== "estimate" && <p className="text-xs text-slate-600">{tb(`kind.${d.balance.kind}`)}</p>}
                    {d.balance.owedFen !== d.balanceFen && (
                      <p className="text-xs text-slate-600">
                        {tb("recorded", {
                          amount: formatFen(d.balanceFen),
                          date: d.balance.kind === "estimate" ? d.balance.asOf : shanghaiDate(new Date(d.figuresRecordedAt)),
                        })}
                      </p>
                    )}
                  </div>
                  <dl className="mt-2 grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
                    <Stat label={t("principal")} value={formatFen(d.outstandingPrincipalFen)} />
                    <Stat label={t("interest")} value={formatFen(d.interestFen)} />
                    <Stat label={t("penalty")} value={formatFen(d.penaltyFen)} />
                    <Stat label={t("fees")} value={formatFen(d.feesFen)} />
                    <Stat
                      label={t("rate")}
                      value={t("rateShown", { value: d.rateValue, unit: t(`units.${d.rateUnit}`), annual: d.annualRatePct })}
                    />
                    <Stat
                      label={t("overdue")}
                      value={d.overdueSince ? t("overdueDays", { days: d.overdueDays, since: d.overdueSince }) : t("notOverdue")}
                    />
                    <Stat label={t("growthPerDay")} value={formatFen(d.balance.dailyGrowthFen)} />
                    <Stat label={t("irr")} value={d.irrPct === null ? "—" : `${d.irrPct.toFixed(2)}%`} />
                  </dl>
                  <RateLinesPanel debt={d} />
                  <DebtTriage debt={d} onSaved={refresh} />
                  <p className="mt-1 text-xs text-slate-600">
                    {t(`reported.${d.creditReported}`)} · {t(`collection.${d.collectionStatus}`)}
                    {d.contractNumber ? ` · ${d.contractNumber}` : ""}
                  </p>
                  <div className="mt-2 flex flex-wrap gap-2">
                    {(() => {
                      const open = cases.data?.find((c) => c.debtId === d.id && c.status !== "closed");
                      if (open)
                        return (
                          <Link
                            href={`/cases/${open.id}`}
                            className="flex min-h-11 items-center rounded-lg bg-brand-700 px-4 text-sm font-medium text-white hover:bg-brand-800"
                          >
                            {t("goToCase")}
                          </Link>
                        );
                      return (
                        <Button
                          disabled={!cases.data || openCase.isPending}
                          onClick={async () => {
                            setError(null);
                            try {
                              const created = await openCase.mutateAsync({ debtId: d.id });
                              await queryClient.invalidateQueries({ queryKey: trpc.case.list.queryKey({ clientId }) });
                              router.push(`/cases/${created.id}`);
                            } catch (e) {
                              setError(apiError(e).message);
                              // e.g. opened meanwhile in another tab: show the link to that case.
                              await queryClient.invalidateQueries({ queryKey: trpc.case.list.queryKey({ clientId }) });
                            }
                          }}
                        >
                          {t("openCase")}
                        </Button>
                      );
                    })()}
                    <Button variant="secondary" onClick={() => setEditing(d)}>
                      {t("edit")}
                    </Button>
                    <Button
                      variant="danger"
                      onClick={async () => {
                        if (!window.confirm(t("confirmRemove", { lender: d.lenderName }))) return;
                        setError(null);
                        try {
                          await archive.mutateAsync({ id: d.id, version: d.version });
                          await refresh();
                        } catch (e) {
                          setError(apiError(e).message);
                        }
                      }}
                    >
                      {t("remove")}
                    </Button>
                  </div>
                </li>
              ))}
            </ul>
            <p className="text-xs text-slate-600">{tr("lines.note")}</p>
          </div>
        )}
      </Card>
    </section>
  );
}

function Stat({
  label,
  value,
  strong,
  testId,
  beside,
}: {
  label: string;
  value: React.ReactNode;
  strong?: boolean;
  testId?: string;
  beside?: React.ReactNode;
}) {
  return (
    <div>
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className={strong ? "text-lg font-semibold [overflow-wrap:anywhere]" : "[overflow-wrap:anywhere]"} data-testid={testId}>
        {value}
      </dd>
      {beside && <dd>{beside}</dd>}
    </div>
  );
}
