"use client";

// The case page's proposals tab (loaded with next/dynamic when opened): proposals, the lender's answers and
// the terms form.

import { useMutation, useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Alert, Button, Card, EmptyState, Field, Input, Select } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { LenderHistoryPanel } from "@/app/(app)/_workspace/lender-history-panel";
import { DOCUMENT_KINDS, PROPOSAL_CHANNELS } from "@/server/domain/vocabulary";
import { formatFen, yuanToFen } from "./format";
import { today, useRefresh } from "./case-shared";
import { useCasesError } from "./use-cases-error";

const CHANNELS = PROPOSAL_CHANNELS;
const METHODS = ["interest-free", "equal-instalment", "equal-principal"] as const;

type Terms = {
  waiver?: { interestFen?: number; penaltyFen?: number; feesFen?: number };
  instalments?: { amountFen: number; method: (typeof METHODS)[number]; months: number; annualRatePct: string; firstDueDate: string };
  deferral?: { months: number };
  lumpSum?: { amountFen: number; dueDate: string };
  creditCorrection?: { request: string; evidenceDocumentIds: string[] };
  note?: string;
};

function TermsView({ terms }: { terms: Terms }) {
  const t = useTranslations("cases");
  return (
    <ul className="list-disc pl-5 text-sm">
      {terms.waiver && (
        <li>
          {t("terms.waiver")}:{" "}
          {[
            terms.waiver.interestFen ? `${t("terms.interestFen")} ${formatFen(terms.waiver.interestFen)}` : null,
            terms.waiver.penaltyFen ? `${t("terms.penaltyFen")} ${formatFen(terms.waiver.penaltyFen)}` : null,
            terms.waiver.feesFen ? `${t("terms.feesFen")} ${formatFen(terms.waiver.feesFen)}` : null,
          ]
            .filter(Boolean)
            .join("; ")}
        </li>
      )}
      {terms.instalments && (
        <li>
          {t("terms.instalments")}: {formatFen(terms.instalments.amountFen)} × {terms.instalments.months} ·{" "}
          {t(`methods.${terms.instalments.method}`)} · {terms.instalments.annualRatePct}% · {terms.instalments.firstDueDate}
        </li>
      )}
      {terms.deferral && (
        <li>
          {t("terms.deferral")}: {terms.deferral.months}
        </li>
      )}
      {terms.lumpSum && (
        <li>
          {t("terms.lumpSum")}: {formatFen(terms.lumpSum.amountFen)} · {terms.lumpSum.dueDate}
        </li>
      )}
      {terms.creditCorrection && (
        <li>
          {t("terms.creditCorrection")}: {terms.creditCorrection.request}
        </li>
      )}
      {terms.note && <li>{terms.note}</li>}
    </ul>
  );
}

/** A small terms form: waiver amounts and/or instalments (the common combination). */
function TermsForm({
  onSubmit,
  submitLabel,
  pending,
  initial,
}: {
  onSubmit: (terms: Terms) => void;
  submitLabel: string;
  pending: boolean;
  /** Prefilled terms (a first proposal from the client's saved plan). */
  initial?: Terms | null;
}) {
  const t = useTranslations("cases");
  const yuan = (fen: number | undefined) => (fen ? (fen / 100).toFixed(2) : "");
  const [penalty, setPenalty] = useState(() => yuan(initial?.waiver?.penaltyFen));
  const [interest, setInterest] = useState(() => yuan(initial?.waiver?.interestFen));
  const [fees, setFees] = useState(() => yuan(initial?.waiver?.feesFen));
  const [amount, setAmount] = useState(() => yuan(initial?.instalments?.amountFen));
  const [months, setMonths] = useState(() => String(initial?.instalments?.months ?? 12));
  const [method, setMethod] = useState<(typeof METHODS)[number]>(() => initial?.instalments?.method ?? "interest-free");
  const [rate, setRate] = useState(() => initial?.instalments?.annualRatePct ?? "0");
  const [first, setFirst] = useState(() => initial?.instalments?.firstDueDate ?? today());
  const [note, setNote] = useState("");
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const terms: Terms = {};
    // Only the amounts filled in: superjson keeps `undefined` keys, and the audit hash refuses them.
    const w: NonNullable<Terms["waiver"]> = {};
    const [p, i, f] = [yuanToFen(penalty), yuanToFen(interest), yuanToFen(fees)];
    if (p) w.penaltyFen = p;
    if (i) w.interestFen = i;
    if (f) w.feesFen = f;
    if (Object.keys(w).length > 0) terms.waiver = w;
    const amountFen = yuanToFen(amount);
    if (amountFen) terms.instalments = { amountFen, method, months: Number(months), annualRatePct: rate, firstDueDate: first };
    if (note.trim()) terms.note = note.trim();
    onSubmit(terms);
  };
  const money = (label: string, value: string, set: (v: string) => void) => (
    <Field label={label}>{({ id }) => <Input id={id} inputMode="decimal" value={value} onChange={(e) => set(e.target.value)} />}</Field>
  );
  return (
    <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2">
      {money(t("terms.penaltyFen"), penalty, setPenalty)}
      {money(t("terms.interestFen"), interest, setInterest)}
      {money(t("terms.feesFen"), fees, setFees)}
      {money(t("terms.amountFen"), amount, setAmount)}
      <Field label={t("terms.method")}>
        {({ id }) => (
          <Select id={id} value={method} onChange={(e) => setMethod(e.target.value as (typeof METHODS)[number])}>
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`methods.${m}`)}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t("terms.months")}>
        {({ id }) => <Input id={id} type="number" min={1} max={60} value={months} onChange={(e) => setMonths(e.target.value)} />}
      </Field>
      <Field label={t("terms.annualRatePct")}>{({ id }) => <Input id={id} inputMode="decimal" value={rate} onChange={(e) => setRate(e.target.value)} />}</Field>
      <Field label={t("terms.firstDueDate")}>{({ id }) => <Input id={id} type="date" value={first} onChange={(e) => setFirst(e.target.value)} />}</Field>
      <div className="sm:col-span-2">
        <Field label={t("terms.note")}>{({ id }) => <Input id={id} value={note} onChange={(e) => setNote(e.target.value)} />}</Field>
      </div>
      <Button type="submit" disabled={pending} className="sm:col-span-2">
        {submitLabel}
      </Button>
    </form>
  );
}

export function Proposals({ caseId, canApprove, lenderId }: { caseId: string; canApprove: boolean; lenderId: string }) {
  const t = useTranslations("cases");
  const format = useFormatter();
  const trpc = useTRPC();
  const refresh = useRefresh();
  const explain = useCasesError();
  const [error, setError] = useState<string | null>(null);
  const [channel, setChannel] = useState<(typeof CHANNELS)[number]>("app");
  const [validUntil, setValidUntil] = useState(() => new Date(Date.now() + 8 * 3600_000 + 14 * 86400_000).toISOString().slice(0, 10));
  const { data: list } = useSuspenseQuery(trpc.case.proposals.queryOptions({ caseId }));
  const draft = useQuery({ ...trpc.case.draftFromPlan.queryOptions({ caseId }), enabled: list.length === 0 });
  const handlers = {
    onSuccess: () => {
      setError(null);
      void refresh();
    },
    onError: (e: unknown) => setError(explain(e)),
  };
  const create = useMutation(trpc.case.createProposal.mutationOptions(handlers));
  const send = useMutation(trpc.case.sendProposal.mutationOptions(handlers));
  const approve = useMutation(trpc.case.approveProposal.mutationOptions(handlers));
  const accept = useMutation(trpc.case.acceptCounterOffer.mutationOptions(handlers));
  return (
    <div className="flex flex-col gap-4">
      {error && <Alert tone="error">{error}</Alert>}
      {list.length === 0 && <EmptyState>{t("noProposals")}</EmptyState>}
      {list.map((p) => (
        <Card
          key={p.id}
          title={t("proposalNo", { seq: p.seq })}
          actions={
            <a className="text-sm text-brand-700 underline" href={`/api/cases/${caseId}/letter?proposalId=${p.id}`} target="_blank" rel="noreferrer">
              {t("letter")}
            </a>
          }
        >
          <p className="mb-2 text-sm">
            {t(`proposalStatus.${p.status}`)}
            {p.status === "draft" && p.approvedBy ? ` · ${t("approved")}` : ""} · {t(`channels.${p.channel}`)} · {t("validUntil")} {p.validUntil}
          </p>
          <TermsView terms={p.terms} />
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
                        <TermsView terms={r.terms} />
                        <Button className="mt-2" onClick={() => accept.mutate({ caseId, responseId: r.id })} disabled={accept.isPending}>
                          {t("acceptCounter")}
                        </Button>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {(p.status === "sent" || p.status === "answered" || p.status === "expired") && (
            <RecordResponse caseId={caseId} proposalId={p.id} onError={setError} />
          )}
        </Card>
      ))}
      <Card title={t("newProposal")}>
        <div className="mb-3 grid gap-3 sm:grid-cols-2">
          <Field label={t("channel")}>
            {({ id }) => (
              <Select id={id} value={channel} onChange={(e) => setChannel(e.target.value as (typeof CHANNELS)[number])}>
                {CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {t(`channels.${c}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t("validUntil")}>{({ id }) => <Input id={id} type="date" value={validUntil} onChange={(e) => setValidUntil(e.target.value)} />}</Field>
        </div>
        {list.length === 0 && draft.isPending ? null : (
          <>
            {draft.data && <p className="mb-3 rounded bg-sky-50 p-2 text-sm text-sky-900">{t("fromPlan")}</p>}
            <TermsForm
              key={draft.data ? "plan" : "blank"}
              initial={draft.data}
              submitLabel={t("create")}
              pending={create.isPending}
              onSubmit={(terms) => create.mutate({ caseId, terms, channel, validUntil })}
            />
          </>
        )}
      </Card>
      <LenderHistoryPanel lenderId={lenderId} />
    </div>
  );
}

function RecordResponse({ caseId, proposalId, onError }: { caseId: string; proposalId: string; onError: (m: string | null) => void }) {
  const t = useTranslations("cases");
  const trpc = useTRPC();
  const refresh = useRefresh();
  const explain = useCasesError();
  const [kind, setKind] = useState<"accepted" | "rejected" | "counter-offer" | "documents-requested">("accepted");
  const [receivedOn, setReceivedOn] = useState(today());
  const [reason, setReason] = useState("");
  const [docs, setDocs] = useState<(typeof DOCUMENT_KINDS)[number][]>([]);
  const record = useMutation(
    trpc.case.recordResponse.mutationOptions({
      onSuccess: () => {
        onError(null);
        void refresh();
      },
      onError: (e) => onError(explain(e)),
    }),
  );
  return (
    <details className="mt-4">
      <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("recordResponse")}</summary>
      <div className="mt-3 flex flex-col gap-3">
        <Field label={t("responses")}>
          {({ id }) => (
            <Select id={id} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
              {(["accepted", "rejected", "counter-offer", "documents-requested"] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`responseKinds.${k}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t("receivedOn")}>{({ id }) => <Input id={id} type="date" value={receivedOn} onChange={(e) => setReceivedOn(e.target.value)} />}</Field>
        {kind === "rejected" && (
          <Field label={t("rejectReason")}>{({ id }) => <Input id={id} value={reason} onChange={(e) => setReason(e.target.value)} />}</Field>
        )}
        {kind === "documents-requested" && (
          <fieldset className="grid grid-cols-2 gap-1 text-sm">
            <legend className="mb-1 font-medium">{t("documentsRequested")}</legend>
            {DOCUMENT_KINDS.map((k) => (
              <label key={k} className="flex items-center gap-2">
                <input type="checkbox" checked={docs.includes(k)} onChange={(e) => setDocs(e.target.checked ? [...docs, k] : docs.filter((d) => d !== k))} />
                {t(`documentKinds.${k}`)}
              </label>
            ))}
          </fieldset>
        )}
        {kind === "counter-offer" ? (
          <TermsForm
            submitLabel={t("save")}
            pending={record.isPending}
            onSubmit={(terms) => record.mutate({ caseId, proposalId, kind, receivedOn, terms })}
          />
        ) : (
          <Button
            disabled={record.isPending}
            onClick={() => {
              if (kind === "accepted") record.mutate({ caseId, proposalId, kind, receivedOn });
              if (kind === "rejected") record.mutate({ caseId, proposalId, kind, receivedOn, reason });
              if (kind === "documents-requested") record.mutate({ caseId, proposalId, kind, receivedOn, documents: docs });
            }}
          >
            {t("save")}
          </Button>
        )}
      </div>
    </details>
  );
}
