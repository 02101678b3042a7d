"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { useApiError } from "@/app/_components/use-api-error";
import { fenToYuanString, parseYuan } from "@/server/domain/money";
import type { AppRouter } from "@/server/trpc/root";

/** Yuan as typed ("1,234.5") → fen, or null when empty or not an amount. */
export function yuanToFen(text: string): number | null {
  const clean = text.replace(/[,，\s¥￥]/g, "");
  if (clean === "") return null;
  try {
    return parseYuan(clean);
  } catch {
    return null;
  }
}

export function fenToInput(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? "" : fenToYuanString(fen);
}

/**
 * Error words for this area: our own field codes live under `assessment.errors` (the shared `errors`
 * namespace belongs to the core file); anything else falls back to the app-wide mapping.
 */
export function useAssessmentError() {
  const t = useTranslations("assessment.errors");
  const apiError = useApiError();
  return useCallback(
    (error: unknown): { message: string; fields: Record<string, string> } => {
      const base = apiError(error);
      const data = ((error as { data?: { fields?: Record<string, string[]>; messageKey?: string } } | null)?.data ?? {});
      const fields = { ...base.fields };
      for (const [field, codes] of Object.entries(data.fields ?? {})) {
        const code = codes[0];
        if (code && t.has(code)) fields[field] = t(code);
      }
      const message = data.messageKey && t.has(data.messageKey) ? t(data.messageKey) : base.message;
      return { message, fields };
    },
    [apiError, t],
  );
}

export function todayIso(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

export type Outputs = inferRouterOutputs<AppRouter>;
