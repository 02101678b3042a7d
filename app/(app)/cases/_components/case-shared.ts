"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";

/** Today in Shanghai as YYYY-MM-DD (the default date of the forms). */
export function today(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Refetches what a change to a case touches: the case, its payments, contacts and documents. */
export function useRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.case.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.payment.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.contact.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.document.pathKey() }),
    ]);
}

