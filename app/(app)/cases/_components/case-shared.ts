"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { todayInShanghai } from "@/server/domain/time";

/** Today in Shanghai as YYYY-MM-DD (the default date of the forms). */
export function today(): string {
  return todayInShanghai();
}

/**
 * Refetches everything a change to a case can change, wherever it is shown: the case and its tabs (case,
 * payments, contacts, documents), the lender history beside the proposal form and the outcomes (outcomes),
 * the caseload's figures and states (caseload), the agenda's follow-ups and payments due (agenda), the
 * client's file, debts and activity (client, debt) and the bell (notification). Queries not on screen are
 * only marked stale; the ones on screen refetch at once.
 */
export const CASE_MUTATION_TOUCHES = [
  "case",
  "payment",
  "contact",
  "document",
  "outcomes",
  "caseload",
  "agenda",
  "client",
  "debt",
  "notification",
  "legal",
  "mediationBody",
  "complaint",
  "consent",
] as const;

export function useRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => Promise.all(CASE_MUTATION_TOUCHES.map((area) => queryClient.invalidateQueries({ queryKey: trpc[area].pathKey() })));
}
