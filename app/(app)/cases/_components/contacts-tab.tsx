"use client";

// The case page's contact log tab: the hash-chained entries and the form to append one.

import { useMutation, useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert, Button, Card, ChoiceField, Field, Input, Select } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { CONTACT_CHANNELS, CONTACT_PARTIES } from "@/server/domain/vocabulary";
import { ContactAttachmentPicker, ContactAttachments } from "./contact-attachments";
import { formatInstant } from "./format";
import { useRefresh } from "./case-shared";
import { useErrorWords } from "@/app/_components/use-error-words";
import { shanghaiDateTime } from "@/server/domain/time";

const DIRECTIONS = ["outbound", "inbound"] as const;

export function Contacts({ caseId }: { caseId: string }) {
  const t = useTranslations("cases");
  const trpc = useTRPC();
  const refresh = useRefresh();
  const explain = useErrorWords();
  const [error, setError] = useState<string | null>(null);
  const { data: entries } = useSuspenseQuery(trpc.contact.list.queryOptions({ caseId }));
  const verify = useQuery({ ...trpc.contact.verify.queryOptions({ caseId }), enabled: false });
  const [at, setAt] = useState(() => shanghaiDateTime(new Date()).replace(" ", "T"));
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
      onError: (e) => setError(explain(e).text),
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
          <ChoiceField label={t("contactChannel")} value={channel} options={CONTACT_CHANNELS} optionLabel={(o) => t(`contactChannels.${o}`)} onChange={setChannel} />
          <ChoiceField label={t("direction")} value={direction} options={DIRECTIONS} optionLabel={(o) => t(`directions.${o}`)} onChange={setDirection} />
          <ChoiceField label={t("party")} value={party} options={CONTACT_PARTIES} optionLabel={(o) => t(`parties.${o}`)} onChange={setParty} />
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
            <Field label={t("correctsWhich")}>
              {({ id }) => (
                <Select id={id} value={corrects} onChange={(e) => setCorrects(e.target.value)}>
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
