"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import clsx from "clsx";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Alert, Button, EmptyState } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import type { NotificationKind, NotificationParams } from "@/server/domain/vocabulary";
import { formatFen } from "@/server/domain/money";
import { useErrorWords } from "@/app/_components/use-error-words";

const when = (d: Date) => new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" }).format(d);

export function NotificationList() {
  const t = useTranslations("notifications");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const apiError = useErrorWords();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useInfiniteQuery(
    trpc.notification.list.infiniteQueryOptions({ unreadOnly }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
  );
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.notification.list.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.notification.unreadCount.pathKey() });
  };
  const markRead = useMutation(trpc.notification.markRead.mutationOptions({ onSuccess: refresh }));
  const markAll = useMutation(trpc.notification.markAllRead.mutationOptions({ onSuccess: refresh }));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = list.data?.pages[0]?.unread ?? 0;
  const failure = list.error ?? markRead.error ?? markAll.error;
  // Opening the list may have made new notifications: the bell shows the list's own count.
  const loaded = list.data !== undefined;
  useEffect(() => {
    if (loaded) queryClient.setQueryData(trpc.notification.unreadCount.queryKey(), unread);
  }, [loaded, unread, queryClient, trpc]);

  const text = (kind: NotificationKind, p: NotificationParams) =>
    t(`kinds.${kind}`, {
      clientName: p.clientName ?? "",
      lenderName: p.lenderName ?? "",
      date: p.date ?? "",
      amount: p.amountFen === undefined ? "" : formatFen(p.amountFen),
      answer: p.answer ? t(`answers.${p.answer as "accepted"}`) : "",
    });

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-2">
        <div role="group" aria-label={t("title")} className="flex gap-1">
          <Button variant={unreadOnly ? "secondary" : "primary"} aria-pressed={!unreadOnly} onClick={() => setUnreadOnly(false)}>
            {t("all")}
          </Button>
          <Button variant={unreadOnly ? "primary" : "secondary"} aria-pressed={unreadOnly} onClick={() => setUnreadOnly(true)}>
            {t("unreadOnly")}
          </Button>
        </div>
        <Button variant="secondary" className="ml-auto" disabled={unread === 0 || markAll.isPending} onClick={() => markAll.mutate()}>
          {t("markAllRead")}
        </Button>
      </div>
      {failure && <Alert tone="error">{apiError(failure).message}</Alert>}
      {list.isPending ? (
        <p role="status">{t("loading")}</p>
      ) : items.length === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <ul className="flex flex-col divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white" data-testid="notification-list">
          {items.map((n) => (
            <li key={n.id} className={clsx("flex flex-wrap items-center gap-2 px-4 py-3", !n.readAt && "bg-sky-50")}>
              <div className="flex min-w-0 flex-1 flex-col">
                <span className={clsx("break-words", !n.readAt && "font-semibold", n.resolvedAt && "text-slate-600")}>
                  {!n.readAt && <span className="sr-only">{t("unread")}: </span>}
                  {text(n.kind, n.params)}
                  {n.resolvedAt && (
                    <span
                      className="ml-2 inline-block rounded bg-emerald-50 px-1.5 text-xs font-medium text-emerald-800"
                      data-testid="notification-resolved"
                    >
                      {t("resolved")}
                    </span>
                  )}
                </span>
                <span className="text-xs text-slate-600">{when(new Date(n.createdAt))}</span>
              </div>
              <Link
                href={n.href}
                className="flex min-h-11 items-center text-sm font-medium text-brand-700 underline"
                onClick={() => !n.readAt && markRead.mutate({ ids: [n.id] })}
              >
                {t("open")}
              </Link>
              {!n.readAt && (
                <Button variant="ghost" disabled={markRead.isPending} onClick={() => markRead.mutate({ ids: [n.id] })}>
                  {t("markRead")}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <Button variant="secondary" disabled={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
          {t("more")}
        </Button>
      )}
    </div>
  );
}
