"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { showFirstInvalid } from "@/app/_components/first-invalid";
import { Alert, Button, ChoiceField, Field, Input, Select } from "@/app/_components/ui";
import { MAX_AMOUNT_FEN } from "@/server/domain/bounds";
import { PAYMENT_METHODS } from "@/server/domain/vocabulary";
import { todayInShanghai } from "@/server/domain/time";
import { reportPayment } from "./actions";
import { uploadFile } from "./upload";
import { useErrorWords } from "@/app/_components/use-error-words";
import { moneyOrNull } from "@/app/_components/money-input";

const METHODS = PAYMENT_METHODS;

type Payable = { caseId: string; lenderName: string; nextDue: { remainingFen: number } | null };

/**
 * A client reports a payment with its receipt. The idempotency key belongs to what was filled in: a retry
 * of the same content (a double tap, a resend after a lost answer) sends the same key and records one
 * payment; changed content, or a new report after a success, gets a new key. After a success the form is
 * emptied, its file field included. The report goes through a server action (the same procedure, checked
 * on the server), then the page re-renders.
 *
 * A small state form, not react-hook-form over ZRecordPayment like the counselor's: the portal's first visit
 * must stay within its 130 kB of JavaScript (bench/page-weight.ts), and react-hook-form with zod took it from
 * 125.6 to 167.6 kB (decision 021). It keeps the same parser (moneyOrNull) and bound, and puts the
 * procedure's field errors beside their fields.
 */
export function ReportPayment({ payable }: { payable: Payable[] }) {
  const t = useTranslations("portal");
  const tc = useTranslations("cases");
  const tRoot = useTranslations();
  const router = useRouter();
  const apiError = useErrorWords();
  const attempt = useRef<{ content: string; key: string } | null>(null);
  // A file input cannot be emptied through its value: a new key mounts a new, empty one.
  const [fileField, setFileField] = useState(0);
  const [caseId, setCaseId] = useState(payable[0]?.caseId ?? "");
  const [amount, setAmount] = useState("");
  const [paidOn, setPaidOn] = useState(() => todayInShanghai());
  const [method, setMethod] = useState<(typeof METHODS)[number]>("bank-transfer");
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

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

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setMessage(null);
    const amountFen = moneyOrNull(amount);
    if (amountFen === null || amountFen <= 0) {
      setErrors({ amountFen: t("amountInvalid") });
      showFirstInvalid(formRef.current);
      return;
    }
    // The API's bound, checked here too so the answer comes at once (the server refuses it the same way).
    if (amountFen > MAX_AMOUNT_FEN) {
      setErrors({ amountFen: tRoot("errors.input.amountTooLarge") });
      showFirstInvalid(formRef.current);
      return;
    }
    setErrors({});
    setPending(true);
    try {
      await send(amountFen);
    } finally {
      setPending(false);
    }
  }

  async function send(amountFen: number) {
    const content = JSON.stringify([caseId, amountFen, paidOn, method, file && [file.name, file.size, file.lastModified]]);
    if (attempt.current?.content !== content) attempt.current = { content, key: crypto.randomUUID() };
    const key = attempt.current.key;
    let receiptDocumentId: string | undefined;
    if (file) {
      const up = await uploadFile(file, { kind: "receipt", caseId });
      if (!up.ok) {
        setErrors({ receipt: apiError({ error: { ...up, params: { maxMb: 20 } } }).message });
        return;
      }
      receiptDocumentId = up.id;
    }
    const result = await reportPayment({ caseId, amountFen, paidOn, method, receiptDocumentId, idempotencyKey: key }).catch(() => null);
    if (result?.ok) {
      setMessage({ tone: "success", text: t("reported") });
      attempt.current = null;
      setAmount("");
      setPaidOn(todayInShanghai());
      setMethod("bank-transfer");
      setFile(null);
      setFileField((n) => n + 1);
      router.refresh();
    } else {
      // No result: the action could not be reached (network, server down); the key is kept for the retry.
      const { message: text, fields } = apiError(result ? { data: result.error } : null);
      setErrors(fields);
      setMessage({ tone: "error", text });
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
        <Field label={t("reportFor")}>
          {({ id }) => (
            <Select id={id} value={caseId} onChange={(e) => setCaseId(e.target.value)}>
              {payable.map((p) => (
                <option key={p.caseId} value={p.caseId}>
                  {p.lenderName}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t("amount")} hint={t("amountHint")} error={errors.amountFen}>
          {({ id, describedBy, invalid }) => (
            <Input
              id={id}
              inputMode="decimal"
              autoComplete="off"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              aria-invalid={invalid}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <Field label={t("paidOn")} error={errors.paidOn}>
          {({ id, describedBy, invalid }) => (
            <Input
              id={id}
              type="date"
              value={paidOn}
              onChange={(e) => setPaidOn(e.target.value)}
              aria-invalid={invalid}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <ChoiceField
          label={t("method")}
          value={method}
          options={METHODS}
          optionLabel={(o) => tc(`paymentMethods.${o}`)}
          onChange={setMethod}
        />
        <Field label={t("receipt")} error={errors.receipt}>
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
        <Button type="submit" disabled={pending}>
          {t("submit")}
        </Button>
      </form>
    </section>
  );
}
