"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Alert, Button, Card, ChoiceField, EmptyState, Field, Input, Select } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { FenCheck } from "@/app/_components/fen-check";
import { showFirstInvalid } from "@/app/_components/first-invalid";
import { formatFen } from "@/server/domain/money";
import { shanghaiDate } from "@/server/domain/time";
import { fenToInput, type Outputs } from "./helpers";
import { DebtImport } from "./debt-import";
import { BalanceNotes } from "../../_workspace/balance-notes";
import { useErrorWords } from "@/app/_components/use-error-words";
import { moneyOrNull } from "@/app/_components/money-input";
import { COLLECTION_STATUSES, CREDIT_REPORTED, type CollectionStatus, type CreditReported } from "@/server/domain/vocabulary";

type Debt = Outputs["debt"]["list"]["debts"][number];
const UNITS = ["annual", "monthly", "daily"] as const;

/** The client's debts with breakdown, overdue days, daily growth and rate flags, plus add / edit / remove. */
export function DebtsSection({ clientId }: { clientId: string }) {
  const t = useTranslations("assessment.debts");
  const tb = useTranslations("balance");
  const format = useFormatter();
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
              <Button variant="secondary" onClick={() => setImporting((v) => !v)}>{t("import")}</Button>
              <Button onClick={() => setEditing("new")}>{t("add")}</Button>
            </div>
          )
        }
      >
        {error && <Alert tone="error">{error}</Alert>}
        {importing && !editing && <DebtImport clientId={clientId} onDone={async () => { setImporting(false); await refresh(); }} />}
        {editing ? (
          <DebtForm clientId={clientId} debt={editing === "new" ? null : editing} onDone={async (changed) => { setEditing(null); if (changed) await refresh(); }} />
        ) : !data ? null : data.debts.length === 0 ? (
          <EmptyState>{t("empty")}</EmptyState>
        ) : (
          <div className="flex flex-col gap-4">
            <dl className="grid grid-cols-2 gap-3 rounded-lg bg-slate-50 p-3 sm:grid-cols-4" data-testid="debt-totals">
              <Stat
                label={t("totalBalance")}
                value={<>{formatFen(data.totals.balance.owedFen)}<FenCheck fen={data.totals.balance.owedFen} /></>}
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
              <Stat label={t("interestPenaltyFees")} value={formatFen(data.totals.interestFen + data.totals.penaltyFen + data.totals.feesFen)} />
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
                    <p className="text-lg font-semibold [overflow-wrap:anywhere]" data-testid="debt-owed">{formatFen(d.balance.owedFen)}<FenCheck fen={d.balance.owedFen} /></p>
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
                      <p className="text-xs text-slate-600">{tb("recorded", { amount: formatFen(d.balanceFen), date: d.balance.kind === "estimate" ? d.balance.asOf : shanghaiDate(new Date(d.figuresRecordedAt)) })}</p>
                    )}
                  </div>
                  <dl className="mt-2 grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
                    <Stat label={t("principal")} value={formatFen(d.outstandingPrincipalFen)} />
                    <Stat label={t("interest")} value={formatFen(d.interestFen)} />
                    <Stat label={t("penalty")} value={formatFen(d.penaltyFen)} />
                    <Stat label={t("fees")} value={formatFen(d.feesFen)} />
                    <Stat label={t("rate")} value={t("rateShown", { value: d.rateValue, unit: t(`units.${d.rateUnit}`), annual: d.annualRatePct })} />
                    <Stat label={t("overdue")} value={d.overdueSince ? t("overdueDays", { days: d.overdueDays, since: d.overdueSince }) : t("notOverdue")} />
                    <Stat label={t("growthPerDay")} value={formatFen(d.balance.dailyGrowthFen)} />
                    <Stat label={t("irr")} value={d.irrPct === null ? "—" : `${d.irrPct.toFixed(2)}%`} />
                  </dl>
                  {(d.contractRateLines.length > 0 || d.irrLines.length > 0) && (
                    <p className="mt-2 rounded bg-amber-50 px-2 py-1 text-sm text-amber-900">
                      {t("aboveLines", { lines: format.list([...new Set([...d.contractRateLines, ...d.irrLines])].map((k) => t(`lines.${k}`))) })}
                    </p>
                  )}
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
                    <Button variant="secondary" onClick={() => setEditing(d)}>{t("edit")}</Button>
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
            <p className="text-xs text-slate-600">{t("linesNote")}</p>
          </div>
        )}
      </Card>
    </section>
  );
}

function Stat({ label, value, strong, testId, beside }: { label: string; value: React.ReactNode; strong?: boolean; testId?: string; beside?: React.ReactNode }) {
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

type FlowDraft = { date: string; amount: string; direction: "disbursement" | "repayment" };

function DebtForm({ clientId, debt, onDone }: { clientId: string; debt: Debt | null; onDone: (changed: boolean) => void }) {
  const t = useTranslations("assessment.debts");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const apiError = useErrorWords();
  const lenders = useQuery(trpc.lender.list.queryOptions());
  const create = useMutation(trpc.debt.create.mutationOptions());
  const update = useMutation(trpc.debt.update.mutationOptions());
  const [v, setV] = useState({
    lenderId: debt?.lenderId ?? "",
    contractNumber: debt?.contractNumber ?? "",
    loanDate: debt?.loanDate ?? "",
    received: fenToInput(debt?.receivedFen),
    original: fenToInput(debt?.originalPrincipalFen),
    outstanding: fenToInput(debt?.outstandingPrincipalFen),
    interest: fenToInput(debt?.interestFen ?? 0),
    penalty: fenToInput(debt?.penaltyFen ?? 0),
    fees: fenToInput(debt?.feesFen ?? 0),
    rateValue: debt?.rateValue ?? "",
    rateUnit: (debt?.rateUnit ?? "annual") as (typeof UNITS)[number],
    penaltyRateValue: debt?.penaltyRateValue ?? "",
    penaltyRateUnit: (debt?.penaltyRateUnit ?? "daily") as (typeof UNITS)[number],
    overdueSince: debt?.overdueSince ?? "",
    creditReported: (debt?.creditReported ?? "unknown") as CreditReported,
    collectionStatus: (debt?.collectionStatus ?? "none") as CollectionStatus,
    notes: debt?.notes ?? "",
  });
  const [flows, setFlows] = useState<FlowDraft[]>(
    debt?.cashFlows.map((f) => ({ date: f.date, amount: fenToInput(f.amountFen), direction: f.direction })) ?? [],
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV((s) => ({ ...s, [k]: e.target.value }));
  const put = (k: keyof typeof v) => (value: string) => setV((s) => ({ ...s, [k]: value }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    const bad: Record<string, string> = {};
    const money = (key: string, text: string, required: boolean) => {
      const fen = moneyOrNull(text);
      if (fen === null && (required || text.trim() !== "")) bad[key] = t(required && text.trim() === "" ? "requiredAmount" : "badAmount");
      return fen ?? 0;
    };
    const fields = {
      lenderId: v.lenderId,
      contractNumber: v.contractNumber,
      loanDate: v.loanDate || undefined,
      receivedFen: v.received.trim() ? money("receivedFen", v.received, false) : undefined,
      originalPrincipalFen: money("originalPrincipalFen", v.original, true),
      outstandingPrincipalFen: money("outstandingPrincipalFen", v.outstanding, true),
      interestFen: money("interestFen", v.interest, false),
      penaltyFen: money("penaltyFen", v.penalty, false),
      feesFen: money("feesFen", v.fees, false),
      rateValue: v.rateValue.trim(),
      rateUnit: v.rateUnit,
      penaltyRateValue: v.penaltyRateValue.trim() || undefined,
      penaltyRateUnit: v.penaltyRateValue.trim() ? v.penaltyRateUnit : undefined,
      overdueSince: v.overdueSince || undefined,
      creditReported: v.creditReported,
      collectionStatus: v.collectionStatus,
      notes: v.notes,
      cashFlows: flows.map((f, i) => ({ date: f.date, amountFen: money(`cashFlows.${i}.amountFen`, f.amount, true), direction: f.direction })),
    };
    if (!v.lenderId) bad.lenderId = t("chooseLender");
    if (Object.keys(bad).length) {
      setErrors(bad);
      showFirstInvalid(formRef.current);
      return;
    }
    try {
      if (debt) await update.mutateAsync({ ...fields, id: debt.id, version: debt.version });
      else await create.mutateAsync({ ...fields, clientId });
      onDone(true);
    } catch (error) {
      const { message, fields: f } = apiError(error);
      setErrors(f);
      setFormError(message);
      showFirstInvalid(formRef.current);
    }
  }

  const moneyField = (key: keyof typeof v, field: string, label: string, hint?: string) => (
    <Field label={label} hint={hint} error={errors[field]}>
      {({ id, describedBy, invalid }) => (
        <Input id={id} inputMode="decimal" placeholder="0.00" value={v[key]} onChange={set(key)} aria-invalid={invalid} aria-describedby={describedBy} />
      )}
    </Field>
  );

  return (
    <form ref={formRef} onSubmit={submit} className="flex flex-col gap-4" noValidate data-testid="debt-form">
      {formError && <Alert tone="error">{formError}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("lender")} error={errors.lenderId}>
          {({ id, describedBy, invalid }) => (
            <Select id={id} value={v.lenderId} onChange={set("lenderId")} aria-invalid={invalid} aria-describedby={describedBy}>
              <option value="">{t("chooseLender")}</option>
              {(lenders.data ?? []).map((l) => (
                <option key={l.id} value={l.id}>{l.name}（{t(`licence.${l.licenceType}`)}）</option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t("contractNumber")} error={errors.contractNumber}>
          {({ id }) => <Input id={id} value={v.contractNumber} onChange={set("contractNumber")} />}
        </Field>
        <Field label={t("loanDate")} error={errors.loanDate}>
          {({ id, invalid }) => <Input id={id} type="date" value={v.loanDate} onChange={set("loanDate")} aria-invalid={invalid} />}
        </Field>
        {moneyField("received", "receivedFen", t("received"), t("receivedHint"))}
        {moneyField("original", "originalPrincipalFen", t("originalPrincipal"))}
        {moneyField("outstanding", "outstandingPrincipalFen", t("outstandingPrincipal"))}
        {moneyField("interest", "interestFen", t("interest"))}
        {moneyField("penalty", "penaltyFen", t("penalty"))}
        {moneyField("fees", "feesFen", t("fees"), t("feesHint"))}
        <Field label={t("rate")} hint={t("rateHint")} error={errors.rateValue}>
          {({ id, describedBy, invalid }) => (
            <div className="grid grid-cols-[1fr_auto] gap-2">
              <Input id={id} inputMode="decimal" value={v.rateValue} onChange={set("rateValue")} aria-invalid={invalid} aria-describedby={describedBy} />
              <Select aria-label={t("rateUnit")} value={v.rateUnit} onChange={set("rateUnit")}>
                {UNITS.map((u) => <option key={u} value={u}>{t(`units.${u}`)}</option>)}
              </Select>
            </div>
          )}
        </Field>
        <Field label={t("penaltyRate")} error={errors.penaltyRateValue ?? errors.penaltyRateUnit}>
          {({ id, describedBy, invalid }) => (
            <div className="grid grid-cols-[1fr_auto] gap-2">
              <Input id={id} inputMode="decimal" value={v.penaltyRateValue} onChange={set("penaltyRateValue")} aria-invalid={invalid} aria-describedby={describedBy} />
              <Select aria-label={t("rateUnit")} value={v.penaltyRateUnit} onChange={set("penaltyRateUnit")}>
                {UNITS.map((u) => <option key={u} value={u}>{t(`units.${u}`)}</option>)}
              </Select>
            </div>
          )}
        </Field>
        <Field label={t("overdueSince")} hint={t("overdueSinceHint")} error={errors.overdueSince}>
          {({ id, describedBy, invalid }) => (
            <Input id={id} type="date" value={v.overdueSince} onChange={set("overdueSince")} aria-invalid={invalid} aria-describedby={describedBy} />
          )}
        </Field>
        <ChoiceField
          label={t("creditReported")}
          value={v.creditReported}
          options={CREDIT_REPORTED}
          optionLabel={(r) => t(`reported.${r}`)}
          onChange={put("creditReported")}
        />
        <ChoiceField
          label={t("collectionStatus")}
          value={v.collectionStatus}
          options={COLLECTION_STATUSES}
          optionLabel={(c) => t(`collection.${c}`)}
          onChange={put("collectionStatus")}
        />
        <Field label={t("notes")}>
          {({ id }) => <Input id={id} value={v.notes} onChange={set("notes")} />}
        </Field>
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="font-medium">{t("cashFlows")}</legend>
        <p className="text-xs text-slate-600">{t("cashFlowsHint")}</p>
        {flows.map((f, i) => (
          <div key={i} className="grid grid-cols-2 items-start gap-2 sm:grid-cols-[1fr_1fr_1fr_auto]">
            <Input type="date" aria-label={t("flowDate")} value={f.date} aria-invalid={Boolean(errors[`cashFlows.${i}.date`])}
              onChange={(e) => setFlows((fs) => fs.map((x, j) => (j === i ? { ...x, date: e.target.value } : x)))} />
            <Input inputMode="decimal" aria-label={t("flowAmount")} placeholder="0.00" value={f.amount} aria-invalid={Boolean(errors[`cashFlows.${i}.amountFen`])}
              onChange={(e) => setFlows((fs) => fs.map((x, j) => (j === i ? { ...x, amount: e.target.value } : x)))} />
            <Select aria-label={t("flowDirection")} value={f.direction}
              onChange={(e) => setFlows((fs) => fs.map((x, j) => (j === i ? { ...x, direction: e.target.value as FlowDraft["direction"] } : x)))}>
              <option value="disbursement">{t("disbursement")}</option>
              <option value="repayment">{t("repayment")}</option>
            </Select>
            <Button type="button" variant="ghost" onClick={() => setFlows((fs) => fs.filter((_, j) => j !== i))}>{t("remove")}</Button>
            {(errors[`cashFlows.${i}.date`] || errors[`cashFlows.${i}.amountFen`]) && (
              <p className="col-span-full text-sm text-red-700" role="alert">{errors[`cashFlows.${i}.date`] ?? errors[`cashFlows.${i}.amountFen`]}</p>
            )}
          </div>
        ))}
        <Button type="button" variant="secondary" className="self-start"
          onClick={() => setFlows((fs) => [...fs, { date: "", amount: "", direction: fs.length === 0 ? "disbursement" : "repayment" }])}>
          {t("addFlow")}
        </Button>
      </fieldset>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={create.isPending || update.isPending}>{tc("save")}</Button>
        <Button type="button" variant="secondary" onClick={() => onDone(false)}>{tc("cancel")}</Button>
      </div>
    </form>
  );
}
