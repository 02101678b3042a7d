"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { useApiError } from "@/app/_components/use-api-error";

type ErrorData = { messageKey?: string; fields?: Record<string, string[]>; params?: Record<string, string | number> };

/**
 * Words for an API error: this area's keys (casesErrors.*) first, then the shared ones (errors.*). Works for
 * tRPC errors ({ data }) and for the upload route's JSON ({ error }).
 */
export function useCasesError() {
  const t = useTranslations("casesErrors");
  const shared = useApiError();
  return useCallback(
    (error: unknown): string => {
      const e = error as { data?: ErrorData; error?: ErrorData } | null;
      const data = e?.data ?? e?.error ?? {};
      const keys = [data.messageKey, ...Object.values(data.fields ?? {}).flat()].filter(Boolean) as string[];
      for (const key of keys) if (t.has(key)) return t(key, data.params ?? {});
      const { message, fields } = shared(error);
      const first = Object.entries(fields)[0];
      return first ? `${message} (${first[0]}: ${first[1]})` : message;
    },
    [t, shared],
  );
}
