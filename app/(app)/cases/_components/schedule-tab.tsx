"use client";

// The case page's schedule tab: the agreed instalments and the payments against them.

import { useMutation, useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { Alert, Button, Card, EmptyState } from "@/app/_components/ui";
import { PaymentFields } from "@/app/_components/payment-fields";
import { PaymentReport } from "@/app/_components/payment-report";
import { useTRPC } from "@/app/_trpc/client";
import { formatFen, newIdempotencyKey } from "./format";
import { today, useRefresh } from "./case-shared";
import { putServerErrors, useErrorWords } from "@/app/_components/use-error-words";
import { DataTable } from "@/app/_components/data-table";
import { ZRecordPayment } from "@/server/schemas/cases";

/** The procedure's payment fields the counselor fills in (the page adds the case and the idempotency key). */
const ZPaymentForm = ZRecordPayment.pick({ amountFen: true, paidOn: true, method: true });
/** An amount left empty, not an amount, or 0: the form asks for what was paid in its own words. */
const NO_AMOUNT = ["input.amountNotNumber", "input.amountZero"];
type PaymentFormInput = z.input<typeof ZPaymentForm>;
type PaymentFormOutput = z.output<typeof ZPaymentForm>;

export function Schedule({ caseId }: { caseId: string }) {
  const t = useTranslations("cases");
  const trpc = useTRPC();
  const refresh = useRefresh();
  const explain = useErrorWords();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const { data } = useSuspenseQuery(trpc.payment.schedule.queryOptions({ caseId }));
  const form = useForm<PaymentFormInput, unknown, PaymentFormOutput>({
    resolver: zodResolver(ZPaymentForm),
    defaultValues: { amountFen: undefined, paidOn: today(), method: "lender-app" },
  });
  // One key per filled-in form: a double click or a retry sends the same key and records one payment.
  const key = useRef(newIdempotencyKey());
  const record = useMutation(trpc.payment.record.mutationOptions());
  const submit = form.handleSubmit(async (values) => {
    setMessage(null);
    try {
      await record.mutateAsync({ ...values, caseId, idempotencyKey: key.current });
    } catch (e) {
      const words = explain(e);
      putServerErrors(form.setError, words);
      setMessage({ tone: "error", text: words.text });
      return;
    }
    key.current = newIdempotencyKey();
    form.reset({ ...form.getValues(), amountFen: undefined });
    setMessage({ tone: "success", text: t("paymentSaved") });
    void refresh();
  });
  const confirm = useMutation(
    trpc.payment.confirm.mutationOptions({
      onSuccess: () => void refresh(),
      onError: (e) => setMessage({ tone: "error", text: explain(e).text }),
    }),
  );
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
          {t("totals", {
            due: formatFen(data.totalDueFen),
            paid: formatFen(data.totalPaidFen),
            outstanding: formatFen(data.outstandingFen),
          })}
        </p>
        {data.agreement.replacesAgreementId && <CarriedNote rows={data.rows} from={data.agreement.agreedOn} />}
        {data.missedCount > 0 && <Alert tone="warning">{t("missedCount", { count: data.missedCount })}</Alert>}
        {data.overpaidFen > 0 && <Alert tone="info">{t("overpaid", { amount: formatFen(data.overpaidFen) })}</Alert>}
        {data.pendingFen > 0 && <Alert tone="info">{t("pending", { amount: formatFen(data.pendingFen) })}</Alert>}
        <div className="mt-3">
          <DataTable
            rows={data.rows}
            rowKey={(r) => String(r.seq)}
            framed={false}
            testId="schedule"
            headRowClassName="text-left text-slate-600"
            rowClassName="border-t border-slate-100"
            columns={[
              { id: "seq", header: t("seq"), cell: (r) => r.seq, headerClassName: "py-1 pr-2", className: "py-1 pr-2" },
              { id: "dueDate", header: t("dueDate"), cell: (r) => r.dueDate, headerClassName: "py-1 pr-2", className: "py-1 pr-2" },
              {
                id: "amount",
                header: t("amount"),
                cell: (r) => formatFen(r.amountFen),
                headerClassName: "py-1 pr-2 text-right",
                className: "py-1 pr-2 text-right",
              },
              {
                id: "paid",
                header: t("paid"),
                cell: (r) => formatFen(r.paidFen),
                headerClassName: "py-1 pr-2 text-right",
                className: "py-1 pr-2 text-right",
              },
              {
                id: "status",
                header: t("status"),
                headerClassName: "py-1",
                className: "py-1",
                cell: (r) => (
                  <span className={r.status === "missed" || r.overdue ? "font-medium text-red-700" : undefined}>
                    {t(`instalmentStatus.${r.status}`)}
                    {r.status === "partial" && r.overdue ? ` · ${t("overdue")}` : ""}
                  </span>
                ),
              },
            ]}
          />
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
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="schedule-payment">
              <div className="flex min-w-0 flex-col gap-1">
                <span>
                  {p.paidOn} · {formatFen(p.amountFen)} · {t(`paymentMethods.${p.method}`)} · {t(`paymentStatus.${p.status}`)}
                </span>
                <PaymentReport receipt={p.receipt} reportedBy={p.reportedBy} reportedAt={p.reportedAt} />
              </div>
              {p.status === "reported" && (
                <Button
                  variant="secondary"
                  disabled={confirm.isPending}
                  onClick={() => confirm.mutate({ caseId, paymentId: p.id })}
                  aria-label={`${t("confirm")}: ${p.paidOn} · ${formatFen(p.amountFen)}`}
                >
                  {t("confirm")}
                </Button>
              )}
            </li>
          ))}
        </ul>
        <form className="grid gap-3 sm:grid-cols-3" onSubmit={submit} noValidate>
          <PaymentFields
            form={form}
            labels={{ amount: t("paymentAmount"), paidOn: t("paidOn"), method: t("paymentMethod") }}
            amountError={NO_AMOUNT.includes(form.formState.errors.amountFen?.message ?? "") ? t("badPaymentAmount") : undefined}
            methodLabel={(o) => t(`paymentMethods.${o}`)}
          />
          <Button type="submit" disabled={form.formState.isSubmitting} className="sm:col-span-3">
            {t("recordPayment")}
          </Button>
        </form>
      </Card>
    </div>
  );
}

/** A change replaced an earlier agreement: the instalments due by its date are what was paid under that one. */
function CarriedNote({ rows, from }: { rows: Array<{ seq: number; dueDate: string }>; from: string }) {
  const t = useTranslations("negotiation.agreement");
  const carried = rows.filter((r) => r.dueDate <= from).length;
  return <p className="mb-2 text-sm text-slate-700">{t("carried", { date: from, count: carried })}</p>;
}
