"use client";

// The case page's tabs other than the overview: downloaded when one is opened (case-workspace.tsx loads
// this module with next/dynamic), not on a first visit.

import { useMutation, useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import { Alert, Button, ChoiceField, Card, EmptyState, Field, Input, Select } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { LenderHistoryPanel } from "@/app/(app)/_workspace/lender-history-panel";
import { CONTACT_CHANNELS, CONTACT_PARTIES, DOCUMENT_KINDS, PAYMENT_METHODS, PROPOSAL_CHANNELS } from "@/server/domain/vocabulary";
import { ContactAttachmentPicker, ContactAttachments } from "./contact-attachments";
import { formatFen, formatInstant, newIdempotencyKey, yuanToFen } from "./format";
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

export function Schedule({ caseId }: { caseId: string }) {
  const t = useTranslations("cases");
  const trpc = useTRPC();
  const refresh = useRefresh();
  const explain = useCasesError();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const { data } = useSuspenseQuery(trpc.payment.schedule.queryOptions({ caseId }));
  const [amount, setAmount] = useState("");
  const [paidOn, setPaidOn] = useState(today());
  const [method, setMethod] = useState<(typeof PAYMENT_METHODS)[number]>("lender-app");
  // One key per filled-in form: a double click or a retry sends the same key and records one payment.
  const key = useRef(newIdempotencyKey());
  const record = useMutation(
    trpc.payment.record.mutationOptions({
      onSuccess: () => {
        key.current = newIdempotencyKey();
        setAmount("");
        setMessage({ tone: "success", text: t("paymentSaved") });
        void refresh();
      },
      onError: (e) => setMessage({ tone: "error", text: explain(e) }),
    }),
  );
  const confirm = useMutation(trpc.payment.confirm.mutationOptions({ onSuccess: () => void refresh(), onError: (e) => setMessage({ tone: "error", text: explain(e) }) }));
  if (!data) return <EmptyState>{t("noAgreement")}</EmptyState>;
  return (
    <div className="flex flex-col gap-4">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <Card
        title={t("schedule")}
        actions={
          <a className="text-sm text-brand-700 underline" href={`/api/cases/${caseId}/calendar`}>
            {t("downloadIcs")}
          </a>
        }
      >
        <p className="mb-2 text-sm">
          {t("agreedOn")} {data.agreement.agreedOn} ·{" "}
          {t("totals", { due: formatFen(data.totalDueFen), paid: formatFen(data.totalPaidFen), outstanding: formatFen(data.outstandingFen) })}
        </p>
        {data.missedCount > 0 && <Alert tone="warning">{t("missedCount", { count: data.missedCount })}</Alert>}
        {data.overpaidFen > 0 && <Alert tone="info">{t("overpaid", { amount: formatFen(data.overpaidFen) })}</Alert>}
        {data.pendingFen > 0 && <Alert tone="info">{t("pending", { amount: formatFen(data.pendingFen) })}</Alert>}
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-sm" data-testid="schedule">
            <thead>
              <tr className="text-left text-slate-600">
                <th className="py-1 pr-2">{t("seq")}</th>
                <th className="py-1 pr-2">{t("dueDate")}</th>
                <th className="py-1 pr-2 text-right">{t("amount")}</th>
                <th className="py-1 pr-2 text-right">{t("paid")}</th>
                <th className="py-1">{t("status")}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.seq} className="border-t border-slate-100">
                  <td className="py-1 pr-2">{r.seq}</td>
                  <td className="py-1 pr-2">{r.dueDate}</td>
                  <td className="py-1 pr-2 text-right">{formatFen(r.amountFen)}</td>
                  <td className="py-1 pr-2 text-right">{formatFen(r.paidFen)}</td>
                  <td className={r.status === "missed" || r.overdue ? "py-1 font-medium text-red-700" : "py-1"}>
                    {t(`instalmentStatus.${r.status}`)}
                    {r.status === "partial" && r.overdue ? ` · ${t("overdue")}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {data.agreement.art70 && (
          <div className="mt-4 text-sm">
            <h3 className="font-medium">{t("art70")}</h3>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4">
              {Object.entries(data.agreement.art70).map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="text-slate-600">{t(`art70Items.${k as "other"}`)}</dt>
                  <dd>{typeof v === "boolean" ? (v ? t("yes") : t("no")) : k === "balanceFen" ? formatFen(Number(v)) : String(v)}</dd>
                </div>
              ))}
            </dl>
          </div>
        )}
      </Card>
      <Card title={t("payments")}>
        <ul className="mb-4 divide-y divide-slate-100 text-sm">
          {data.payments.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                {p.paidOn} · {formatFen(p.amountFen)} · {t(`paymentMethods.${p.method}`)} · {t(`paymentStatus.${p.status}`)}
              </span>
              {p.status === "reported" && (
                <Button variant="secondary" onClick={() => confirm.mutate({ caseId, paymentId: p.id })}>
                  {t("confirm")}
                </Button>
              )}
            </li>
          ))}
        </ul>
        <form
          className="grid gap-3 sm:grid-cols-3"
          onSubmit={(ev) => {
            ev.preventDefault();
            const amountFen = yuanToFen(amount);
            if (!amountFen) {
              setMessage({ tone: "error", text: t("badPaymentAmount") });
              return;
            }
            record.mutate({ caseId, amountFen, paidOn, method, idempotencyKey: key.current });
          }}
        >
          <Field label={t("paymentAmount")}>
            {({ id }) => <Input id={id} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />}
          </Field>
          <Field label={t("paidOn")}>{({ id }) => <Input id={id} type="date" value={paidOn} onChange={(e) => setPaidOn(e.target.value)} />}</Field>
          <Field label={t("paymentMethod")}>
            {({ id }) => (
              <Select id={id} value={method} onChange={(e) => setMethod(e.target.value as (typeof PAYMENT_METHODS)[number])}>
                {PAYMENT_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {t(`paymentMethods.${m}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Button type="submit" disabled={record.isPending} className="sm:col-span-3">
            {t("recordPayment")}
          </Button>
        </form>
      </Card>
    </div>
  );
}

export function Contacts({ caseId }: { caseId: string }) {
  const t = useTranslations("cases");
  const trpc = useTRPC();
  const refresh = useRefresh();
  const explain = useCasesError();
  const [error, setError] = useState<string | null>(null);
  const { data: entries } = useSuspenseQuery(trpc.contact.list.queryOptions({ caseId }));
  const verify = useQuery({ ...trpc.contact.verify.queryOptions({ caseId }), enabled: false });
  const [at, setAt] = useState(() => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 16));
  const [channel, setChannel] = useState<(typeof CONTACT_CHANNELS)[number]>("phone");
  const [direction, setDirection] = useState<"inbound" | "outbound">("outbound");
  const [party, setParty] = useState<(typeof CONTACT_PARTIES)[number]>("lender-staff");
  const [connected, setConnected] = useState(false);
  const [thirdParty, setThirdParty] = useState(false);
  const [summary, setSummary] = useState("");
  const [corrects, setCorrects] = useState("");
  const [attachments, setAttachments] = useState<string[]>([]);
  const append = useMutation(
    trpc.contact.append.mutationOptions({
      onSuccess: () => {
        setSummary("");
        setCorrects("");
        setAttachments([]);
        setError(null);
        void refresh();
      },
      onError: (e) => setError(explain(e)),
    }),
  );
  const seqOf = (id: string | null) => entries.find((e) => e.id === id)?.seq;
  return (
    <div className="flex flex-col gap-4">
      <Card
        title={t("contacts")}
        actions={
          <Button variant="secondary" onClick={() => void verify.refetch()} data-testid="verify-log">
            {t("verify")}
          </Button>
        }
      >
        <p className="mb-2 text-xs text-slate-600">{t("contactsHint")}</p>
        {verify.data &&
          (verify.data.ok ? (
            <Alert tone="success">{t("verifyOk", { count: verify.data.count })}</Alert>
          ) : (
            <Alert tone="error">{t("verifyBroken", { seq: verify.data.brokenSeq ?? "?" })}</Alert>
          ))}
        {entries.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noContacts")}</p>
        ) : (
          <ol className="mt-3 space-y-3 text-sm">
            {entries.map((e) => (
              <li key={e.id} className="rounded-lg border border-slate-200 p-3">
                <p className="text-slate-600">
                  #{e.seq} · {formatInstant(e.at)} · {t(`contactChannels.${e.channel}`)} · {t(`directions.${e.direction}`)} · {t(`parties.${e.party}`)}
                  {e.correctsEntryId ? ` · ${t("corrects", { seq: seqOf(e.correctsEntryId) ?? "?" })}` : ""}
                  {e.correctedBy.length > 0 ? ` · ${t("correctedBy")}` : ""}
                </p>
                <p className="whitespace-pre-wrap">{e.summary}</p>
                <ContactAttachments caseId={caseId} ids={e.attachmentDocumentIds} />
                {e.conductFlags.length > 0 && (
                  <p className="mt-1 flex flex-wrap gap-1">
                    {e.conductFlags.map((f) => (
                      <span key={f} className="rounded bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800">
                        {t(`flags.${f}`)}
                      </span>
                    ))}
                  </p>
                )}
              </li>
            ))}
          </ol>
        )}
        <p className="mt-2 text-xs text-slate-600">{t("flagsHint")}</p>
      </Card>
      <Card title={t("addContact")}>
        {error && <Alert tone="error">{error}</Alert>}
        <form
          className="mt-2 grid gap-3 sm:grid-cols-2"
          onSubmit={(ev) => {
            ev.preventDefault();
            append.mutate({
              caseId,
              at: new Date(`${at}:00+08:00`),
              channel,
              direction,
              party,
              connected: channel === "phone" ? connected : undefined,
              thirdPartyContacted: thirdParty || undefined,
              summary,
              correctsEntryId: corrects || undefined,
              attachmentDocumentIds: attachments.length > 0 ? attachments : undefined,
            });
          }}
        >
          <Field label={t("at")}>{({ id }) => <Input id={id} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />}</Field>
          <Field label={t("channel")}>
            {({ id }) => (
              <Select id={id} value={channel} onChange={(e) => setChannel(e.target.value as (typeof CONTACT_CHANNELS)[number])}>
                {CONTACT_CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {t(`contactChannels.${c}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t("direction")}>
            {({ id }) => (
              <Select id={id} value={direction} onChange={(e) => setDirection(e.target.value as "inbound" | "outbound")}>
                <option value="outbound">{t("directions.outbound")}</option>
                <option value="inbound">{t("directions.inbound")}</option>
              </Select>
            )}
          </Field>
          <Field label={t("party")}>
            {({ id }) => (
              <Select id={id} value={party} onChange={(e) => setParty(e.target.value as (typeof CONTACT_PARTIES)[number])}>
                {CONTACT_PARTIES.map((p) => (
                  <option key={p} value={p}>
                    {t(`parties.${p}`)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={connected} onChange={(e) => setConnected(e.target.checked)} /> {t("connected")}
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={thirdParty} onChange={(e) => setThirdParty(e.target.checked)} /> {t("thirdPartyContacted")}
          </label>
          <div className="sm:col-span-2">
            <Field label={t("summary")}>
              {({ id }) => (
                <textarea
                  id={id}
                  className="min-h-24 w-full rounded-lg border border-slate-300 px-3 py-2"
                  value={summary}
                  onChange={(e) => setSummary(e.target.value)}
                  required
                  maxLength={4000}
                />
              )}
            </Field>
          </div>
          {entries.length > 0 && (
            <Field label={t("corrects", { seq: "…" })}>
              {({ id }) => (
                <Select id={id} value={corrects} onChange={(e) => setCorrects(e.target.value)}>
                  <option value="">—</option>
                  {entries.map((e) => (
                    <option key={e.id} value={e.id}>
                      #{e.seq} {e.summary.slice(0, 30)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          )}
          <div className="sm:col-span-2">
            <ContactAttachmentPicker caseId={caseId} selected={attachments} onChange={setAttachments} />
          </div>
          <Button type="submit" disabled={append.isPending} className="sm:col-span-2">
            {t("addContact")}
          </Button>
        </form>
      </Card>
    </div>
  );
}

export function Documents({ caseId }: { caseId: string }) {
  const t = useTranslations("cases");
  const trpc = useTRPC();
  const refresh = useRefresh();
  const explain = useCasesError();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [kind, setKind] = useState<(typeof DOCUMENT_KINDS)[number]>("loan-contract");
  const { data: docs } = useSuspenseQuery(trpc.document.list.queryOptions({ caseId }));
  const { data: checklist } = useSuspenseQuery(trpc.document.checklist.queryOptions({ caseId }));
  const upload = async (ev: FormEvent<HTMLFormElement>) => {
    ev.preventDefault();
    const form = new FormData(ev.currentTarget);
    form.set("caseId", caseId);
    form.set("kind", kind);
    setBusy(true);
    try {
      const res = await fetch("/api/documents", { method: "POST", body: form });
      if (!res.ok) setMessage({ tone: "error", text: explain(await res.json().catch(() => ({}))) });
      else {
        setMessage({ tone: "success", text: t("uploaded") });
        (ev.target as HTMLFormElement).reset();
        void refresh();
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title={t("checklist")}>
        <ul className="space-y-1 text-sm" data-testid="checklist">
          {checklist.items.map((i) => (
            <li key={i.kind} className="flex justify-between gap-2">
              <span>
                {t(`documentKinds.${i.kind}`)}
                {i.requested ? ` · ${t("requestedByLender")}` : ""}
              </span>
              <span className={i.present ? "text-emerald-700" : "font-medium text-red-700"}>{i.present ? t("present") : t("missing")}</span>
            </li>
          ))}
        </ul>
      </Card>
      <Card title={t("documents")}>
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
        {docs.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noDocuments")}</p>
        ) : (
          <ul className="mb-4 divide-y divide-slate-100 text-sm">
            {docs.map((d) => (
              <li key={d.id} className="flex flex-wrap justify-between gap-2 py-2">
                <span>
                  {t(`documentKinds.${d.kind}`)} · {d.filename}
                </span>
                <a className="text-brand-700 underline" href={`/api/documents/${d.id}`}>
                  {t("download")}
                </a>
              </li>
            ))}
          </ul>
        )}
        <form className="flex flex-col gap-3" onSubmit={upload}>
          <ChoiceField label={t("kind")} value={kind} options={DOCUMENT_KINDS} optionLabel={(k) => t(`documentKinds.${k}`)} onChange={setKind} />
          <Field label={t("file")} hint={t("uploadHint")}>
            {({ id, describedBy }) => (
              <input id={id} aria-describedby={describedBy} name="file" type="file" required accept=".pdf,.jpg,.jpeg,.png,.heic,.docx" className="text-sm" />
            )}
          </Field>
          <Button type="submit" disabled={busy}>
            {t("upload")}
          </Button>
        </form>
      </Card>
    </div>
  );
}
