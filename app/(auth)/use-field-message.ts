"use client";

import { useTranslations } from "next-intl";
import type { FieldError } from "react-hook-form";

/**
 * Words for a form field's error. Client-side zod errors carry zod's issue code in `type`; server
 * errors set through setError carry an already translated message.
 */
export function useFieldMessage() {
  const t = useTranslations();
  return (error: FieldError | undefined, kind?: "email" | "password"): string | undefined => {
    if (!error) return undefined;
    const code = String(error.type ?? "");
    if (kind === "password" && code === "too_small") return t("errors.passwordTooShort");
    if (kind === "password" && code === "too_big") return t("errors.passwordTooLong");
    if (kind === "email" && (code === "invalid_format" || code === "invalid_string")) return t("validation.email");
    if (code === "too_small" && error.message?.includes("1")) return t("validation.required");
    // A schema's own reason ("input.controlCharacter", "required") is its message.
    if (error.message && t.has(`errors.${error.message}`)) return t(`errors.${error.message}`, { requestId: "-" });
    if (error.message && t.has(`validation.${error.message}`)) return t(`validation.${error.message}`);
    if (t.has(`validation.${code}`)) return t(`validation.${code}`);
    return error.message;
  };
}
