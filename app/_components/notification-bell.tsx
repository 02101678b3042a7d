"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { BellLink } from "./bell-link";

/** The bell in the staff pages' shell: the unread count, refreshed every minute and after marking read. */
export function NotificationBell({ initial }: { initial: number }) {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.notification.unreadCount.queryOptions(undefined, { initialData: initial, refetchInterval: 60_000 }));
  return <BellLink count={data ?? initial} />;
}
