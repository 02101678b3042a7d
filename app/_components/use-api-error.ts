"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";

type ErrorData = {
  messageKey?: string;
  fields?: Record<string, string[]>;
  requestId?: string;
  params?: Record<string, string | number>;
};

/**
 * Turns a tRPC error into words: the message and a message per field, through the translations.
 * Field codes are either our keys under `errors.` or zod issue codes under `validation.`.
 */
export function useApiError() {
  const t = useTranslations();
  return useCallback(
    (error: unknown): { message: string; fields: Record<string, string> } => {
      const data = ((error as { data?: ErrorData } | null)?.data ?? {}) as ErrorData;
      const key = data.messageKey ?? "internal";
      const message = t.has(`errors.${key}`)
        ? t(`errors.${key}`, { requestId: data.requestId ?? "-", ...data.params })
        : t("errors.internal", { requestId: data.requestId ?? "-" });
      const fields: Record<string, string> = {};
      for (const [field, codes] of Object.entries(data.fields ?? {})) {
        const code = codes[0] ?? "custom";
        fields[field] = t.has(`errors.${code}`)
          ? t(`errors.${code}`, { requestId: "-", ...data.params })
          : t.has(`validation.${code}`)
            ? t(`validation.${code}`)
            : t("validation.custom");
      }
      return { message, fields };
    },
    [t],
  );
}
