"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { MessageComposer } from "@/app/_components/message-composer";
import { MessageList } from "@/app/_components/message-list";
import { Alert, Button, Card } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";

const beijing = (d: Date | string) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" }).format(new Date(d));

/**
 * The client file's thread (services/messages.ts): the messages, a search, the composer; opening it marks
 * it read (and the bell's message notifications with it). Beside it, her SMS consent and the recent SMS.
 */
export function MessagesTab({ clientId }: { clientId: string }) {
  const t = useTranslations("thread");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [q, setQ] = useState("");
  const [asked, setAsked] = useState("");
  const thread = useQuery({ ...trpc.message.thread.queryOptions(asked ? { clientId, q: asked } : { clientId }), refetchInterval: 30_000 });
  const markRead = useMutation(trpc.message.markRead.mutationOptions());
  const unread = thread.data?.unread ?? 0;
  useEffect(() => {
    if (asked || unread === 0 || markRead.isPending) return;
    markRead.mutate(
      { clientId },
      {
        onSuccess: () => {
          void queryClient.invalidateQueries({ queryKey: trpc.notification.unreadCount.queryKey() });
          void queryClient.invalidateQueries({ queryKey: trpc.message.thread.queryKey({ clientId }) });
        },
      },
    );
  }, [unread, asked, clientId]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.message.thread.queryKey({ clientId }) });
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
      <div className="flex min-w-0 flex-col gap-4">
        <p className="text-sm text-slate-700">{t("staffIntro")}</p>
        <form
          role="search"
          className="flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            setAsked(q.trim());
          }}
        >
          <label htmlFor="thread-q" className="sr-only">
            {t("searchLabel")}
          </label>
          <input
            id="thread-q"
            value={q}
            maxLength={100}
            onChange={(e) => setQ(e.target.value)}
            placeholder={t("searchLabel")}
            className="min-h-11 min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-3 text-base"
          />
          <Button type="submit" variant="secondary">
            {t("search")}
          </Button>
        </form>
        {asked && thread.data && (
          <p className="text-sm text-slate-700" role="status">
            {t("searchResults", { count: thread.data.items.length, q: asked })}{" "}
            <button
              type="button"
              className="text-brand-800 underline"
              onClick={() => {
                setQ("");
                setAsked("");
              }}
            >
              {t("clearSearch")}
            </button>
          </p>
        )}
        <section className="rounded-xl border border-slate-200 bg-slate-50 p-3" aria-live="polite">
          {thread.data ? <MessageList items={thread.data.items} /> : <div className="h-32 animate-pulse rounded-lg bg-slate-100" />}
        </section>
        {thread.data?.truncated && !asked && <p className="text-xs text-slate-600">{t("truncated")}</p>}
        <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <MessageComposer clientId={clientId} onSent={refresh} />
        </section>
      </div>
      <SmsConsentCard clientId={clientId} />
    </div>
  );
}

function SmsConsentCard({ clientId }: { clientId: string }) {
  const t = useTranslations("smsConsent");
  const locale = useLocale() === "en" ? "en" : "zh-CN";
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const consent = useQuery(trpc.sms.consent.queryOptions({ clientId, locale }));
  const set = useMutation(trpc.sms.setConsent.mutationOptions());
  const [error, setError] = useState(false);
  const change = (given: boolean) =>
    set.mutate(
      { clientId, given, locale },
      {
        onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.sms.consent.queryKey({ clientId, locale }) }),
        onError: () => setError(true),
      },
    );
  const d = consent.data;
  return (
    <Card title={t("title")}>
      {!d ? (
        <div className="h-24 animate-pulse rounded-lg bg-slate-100" />
      ) : (
        <div className="flex flex-col gap-3 text-sm" data-testid="staff-sms-consent">
          <p className="font-medium" data-testid="sms-consent-state">
            {d.consented ? t("on") : t("off")}
            {d.history[0] && (
              <span className="block font-normal text-slate-600">
                {t("since", { via: t(`via.${d.history[0].via}`), at: beijing(d.history[0].at) })}
              </span>
            )}
          </p>
          {!d.consented && <p className="rounded-lg bg-slate-50 p-3 text-slate-800">{d.wording}</p>}
          {d.consented ? (
            <Button variant="secondary" disabled={set.isPending} onClick={() => change(false)}>
              {t("recordOptOut")}
            </Button>
          ) : (
            <Button variant="secondary" disabled={set.isPending} onClick={() => change(true)}>
              {t("recordForClient")}
            </Button>
          )}
          {error && <Alert tone="error">{t("title")}</Alert>}
          {d.recent.length > 0 && (
            <div>
              <h3 className="font-semibold">{t("recent")}</h3>
              <ul className="mt-1 flex flex-col gap-1">
                {d.recent.map((s) => (
                  <li key={s.id} className="flex flex-wrap justify-between gap-x-2 text-slate-700" data-testid="sms-row">
                    <span>{t(`purpose.${s.purpose}`)}</span>
                    <span>
                      {t(`state.${s.state}`)}
                      {s.state === "skipped" &&
                        s.detail &&
                        ` · ${t.has(`skip.${s.detail}`) ? t(`skip.${s.detail}` as "skip.stale") : s.detail}`}{" "}
                      · {beijing(s.sentAt ?? s.createdAt)}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </Card>
  );
}
