"use client";

// The case page's contact log tab: the hash-chained entries and the form to append one.

import { useMutation, useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { ConductFlagChip } from "@/app/_components/rule-words";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert, Button, Card, ChoiceField, Field, Input, Select } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { CONTACT_CHANNELS, CONTACT_PARTIES } from "@/server/domain/vocabulary";
import { ContactAttachmentPicker, ContactAttachments } from "./contact-attachments";
import { formatInstant } from "./format";
import { useRefresh } from "./case-shared";
import { putServerErrors, useErrorWords } from "@/app/_components/use-error-words";
import { shanghaiDateTime, shanghaiLocalInstant } from "@/server/domain/time";
import { ZAppendContact } from "@/server/schemas/cases";
import { zodResolver } from "@hookform/resolvers/zod";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";

const DIRECTIONS = ["outbound", "inbound"] as const;

/**
 * The procedure's schema (ZAppendContact) without the case id the page adds: the time as typed in Beijing
 * time, and "no entry" for the correction as an empty choice.
 */
const ZContactForm = ZAppendContact.omit({ caseId: true }).extend({
  at: z
    .string()
    .transform((text, ctx) => shanghaiLocalInstant(text) ?? (ctx.addIssue({ code: "custom", message: "input.instantInvalid" }), z.NEVER)),
  correctsEntryId: z.preprocess((v) => (v === "" ? undefined : v), ZAppendContact.shape.correctsEntryId),
});
type ContactFormInput = z.input<typeof ZContactForm>;
type ContactFormOutput = z.output<typeof ZContactForm>;

export function Contacts({ caseId }: { caseId: string }) {
  const t = useTranslations("cases");
  const trpc = useTRPC();
  const refresh = useRefresh();
  const explain = useErrorWords();
  const [error, setError] = useState<string | null>(null);
  const { data: entries } = useSuspenseQuery(trpc.contact.list.queryOptions({ caseId }));
  const verify = useQuery({ ...trpc.contact.verify.queryOptions({ caseId }), enabled: false });
  const blank = (): ContactFormInput => ({
    at: shanghaiDateTime(new Date()).replace(" ", "T"),
    channel: "phone",
    direction: "outbound",
    party: "lender-staff",
    connected: false,
    thirdPartyContacted: false,
    summary: "",
    correctsEntryId: "",
    attachmentDocumentIds: [],
  });
  const form = useForm<ContactFormInput, unknown, ContactFormOutput>({ resolver: zodResolver(ZContactForm), defaultValues: blank() });
  const errors = form.formState.errors;
  const append = useMutation(trpc.contact.append.mutationOptions());
  const submit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      await append.mutateAsync({
        ...values,
        caseId,
        connected: values.channel === "phone" ? values.connected : undefined,
        thirdPartyContacted: values.thirdPartyContacted || undefined,
      });
      form.reset({ ...form.getValues(), summary: "", correctsEntryId: "", attachmentDocumentIds: [] });
      void refresh();
    } catch (e) {
      // Words on the fields the server named, and the whole answer above the form (a field may have no place here).
      const words = explain(e);
      putServerErrors(form.setError, words);
      setError(words.text);
    }
  });
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
              <li key={e.id} className="rounded-lg border border-slate-200 p-3" data-testid="contact-entry">
                <p className="text-slate-600">
                  #{e.seq} · {formatInstant(e.at)} · {t(`contactChannels.${e.channel}`)} · {t(`directions.${e.direction}`)} ·{" "}
                  {t(`parties.${e.party}`)}
                  {e.correctsEntryId ? ` · ${t("corrects", { seq: seqOf(e.correctsEntryId) ?? "?" })}` : ""}
                  {e.correctedBy.length > 0 ? ` · ${t("correctedBy")}` : ""}
                </p>
                <p className="whitespace-pre-wrap">{e.summary}</p>
                <ContactAttachments caseId={caseId} ids={e.attachmentDocumentIds} />
                {e.conductFlags.length > 0 && (
                  <p className="mt-1 flex flex-wrap gap-1">
                    {e.conductFlags.map((f) => (
                      <ConductFlagChip key={`${f.flag}-${f.ruleId}-${f.version}`} flag={f} />
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
        <form className="mt-2 grid gap-3 sm:grid-cols-2" onSubmit={submit} noValidate>
          <Field label={t("at")} error={explain.field(errors.at)}>
            {({ id, describedBy, invalid }) => (
              <Input id={id} type="datetime-local" {...form.register("at")} aria-invalid={invalid} aria-describedby={describedBy} />
            )}
          </Field>
          <Controller
            control={form.control}
            name="channel"
            render={({ field }) => (
              <ChoiceField
                label={t("contactChannel")}
                value={field.value}
                options={CONTACT_CHANNELS}
                optionLabel={(o) => t(`contactChannels.${o}`)}
                onChange={field.onChange}
              />
            )}
          />
          <Controller
            control={form.control}
            name="direction"
            render={({ field }) => (
              <ChoiceField
                label={t("direction")}
                value={field.value}
                options={DIRECTIONS}
                optionLabel={(o) => t(`directions.${o}`)}
                onChange={field.onChange}
              />
            )}
          />
          <Controller
            control={form.control}
            name="party"
            render={({ field }) => (
              <ChoiceField
                label={t("party")}
                value={field.value}
                options={CONTACT_PARTIES}
                optionLabel={(o) => t(`parties.${o}`)}
                onChange={field.onChange}
              />
            )}
          />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" {...form.register("connected")} /> {t("connected")}
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" {...form.register("thirdPartyContacted")} /> {t("thirdPartyContacted")}
          </label>
          <div className="sm:col-span-2">
            <Field label={t("summary")} error={explain.field(errors.summary)}>
              {({ id, describedBy, invalid }) => (
                <textarea
                  id={id}
                  className="min-h-24 w-full rounded-lg border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-600"
                  {...form.register("summary")}
                  aria-invalid={invalid}
                  aria-describedby={describedBy}
                  maxLength={4000}
                />
              )}
            </Field>
          </div>
          {entries.length > 0 && (
            <Field label={t("correctsWhich")}>
              {({ id }) => (
                <Select id={id} {...form.register("correctsEntryId")}>
                  <option value="">{t("correctsNone")}</option>
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
            <Controller
              control={form.control}
              name="attachmentDocumentIds"
              render={({ field }) => <ContactAttachmentPicker caseId={caseId} selected={field.value ?? []} onChange={field.onChange} />}
            />
          </div>
          <Button type="submit" disabled={append.isPending} className="sm:col-span-2">
            {t("addContact")}
          </Button>
        </form>
      </Card>
    </div>
  );
}
