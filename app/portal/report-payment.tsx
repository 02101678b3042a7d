"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useForm, type DefaultValues } from "react-hook-form";
import type { z } from "zod";
import { showFirstInvalid } from "@/app/_components/first-invalid";
import { PaymentFields } from "@/app/_components/payment-fields";
import { Alert, Button, Field, Select } from "@/app/_components/ui";
import { todayInShanghai } from "@/server/domain/time";
import { ZRecordPayment } from "@/server/schemas/cases";
import { reportPayment } from "./actions";
import { uploadFile } from "./upload";
import { putServerErrors, useErrorWords } from "@/app/_components/use-error-words";

/** The procedure's fields the client fills in (the receipt is a file, uploaded first; the key is the form's). */
const ZReportForm = ZRecordPayment.pick({ caseId: true, amountFen: true, paidOn: true, method: true });
type ReportInput = z.input<typeof ZReportForm>;
type Report = z.output<typeof ZReportForm>;

type Payable = { caseId: string; lenderName: string; nextDue: { remainingFen: number } | null };

/**
 * A client reports a payment with its receipt. The idempotency key belongs to what was filled in: a retry
 * of the same content (a double tap, a resend after a lost answer) sends the same key and records one
 * payment; changed content, or a new report after a success, gets a new key. After a success the form is
 * emptied, its file field included. The report goes through a server action (the same procedure, checked
 * on the server), then the page re-renders.
 */
export function ReportPayment({ payable }: { payable: Payable[] }) {
  const t = useTranslations("portal");
  const tc = useTranslations("cases");
  const router = useRouter();
  const words = useErrorWords();
  const attempt = useRef<{ content: string; key: string } | null>(null);
  // A file input cannot be emptied through its value: a new key mounts a new, empty one.
  const [fileField, setFileField] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [receiptError, setReceiptError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const blank = (): DefaultValues<ReportInput> => ({
    caseId: payable[0]?.caseId ?? "",
    amountFen: undefined,
    paidOn: todayInShanghai(),
    method: "bank-transfer",
  });
  const form = useForm<ReportInput, unknown, Report>({ resolver: zodResolver(ZReportForm), defaultValues: blank() });
  const errors = form.formState.errors;

  if (payable.length === 0) {
    return (
      <section aria-labelledby="report" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="report" className="text-lg font-semibold">
          {t("reportTitle")}
        </h2>
        <p className="mt-2 text-sm text-slate-700">{t("nothingToReport")}</p>
      </section>
    );
  }

  const submit = form.handleSubmit(
    async (values) => {
      setMessage(null);
      setReceiptError(null);
      await send(values);
    },
    () => showFirstInvalid(formRef.current),
  );

  async function send(values: Report) {
    const content = JSON.stringify([values, file && [file.name, file.size, file.lastModified]]);
    if (attempt.current?.content !== content) attempt.current = { content, key: crypto.randomUUID() };
    const key = attempt.current.key;
    let receiptDocumentId: string | undefined;
    if (file) {
      const up = await uploadFile(file, { kind: "receipt", caseId: values.caseId });
      if (!up.ok) {
        setReceiptError(words({ error: { ...up, params: { maxMb: 20 } } }).message);
        return;
      }
      receiptDocumentId = up.id;
    }
    const result = await reportPayment({ ...values, receiptDocumentId, idempotencyKey: key }).catch(() => null);
    if (result?.ok) {
      setMessage({ tone: "success", text: t("reported") });
      attempt.current = null;
      form.reset(blank());
      setFile(null);
      setFileField((n) => n + 1);
      router.refresh();
    } else {
      // No result: the action could not be reached (network, server down); the key is kept for the retry.
      const said = words(result ? { data: result.error } : null);
      putServerErrors(form.setError, said);
      setMessage({ tone: "error", text: said.message });
      showFirstInvalid(formRef.current);
    }
  }

  return (
    <section aria-labelledby="report" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="report" className="text-lg font-semibold">
        {t("reportTitle")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t("reportLead")}</p>
      <form ref={formRef} className="mt-4 flex flex-col gap-4" onSubmit={submit} noValidate>
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
        <Field label={t("reportFor")} error={words.field(errors.caseId)}>
          {({ id, describedBy, invalid }) => (
            <Select id={id} aria-invalid={invalid} aria-describedby={describedBy} {...form.register("caseId")}>
              {payable.map((p) => (
                <option key={p.caseId} value={p.caseId}>
                  {p.lenderName}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <PaymentFields
          form={form}
          labels={{ amount: t("amount"), amountHint: t("amountHint"), paidOn: t("paidOn"), method: t("method") }}
          methodLabel={(o) => tc(`paymentMethods.${o}`)}
        />
        <Field label={t("receipt")} error={receiptError ?? undefined}>
          {({ id, describedBy }) => (
            <input
              key={fileField}
              id={id}
              type="file"
              accept=".pdf,.jpg,.jpeg,.png,.heic,application/pdf,image/*"
              className="block w-full text-sm"
              aria-describedby={describedBy}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          )}
        </Field>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {t("submit")}
        </Button>
      </form>
    </section>
  );
}
