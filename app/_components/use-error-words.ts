"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { errorWords, fieldWords, type ErrorWords, type FieldProblem } from "./error-words";

/**
 * The one client hook that puts an error into words (error-words.ts): `words(error)` for any error the
 * server sent (tRPC, a route handler, a server action), `words.field(fieldError, kind?)` for a form field.
 */
export function useErrorWords() {
  const t = useTranslations();
  return useMemo(
    () =>
      Object.assign((error: unknown): ErrorWords => errorWords(t, error), {
        field: (error: FieldProblem | undefined, kind?: "email" | "password") => fieldWords(t, error, kind),
      }),
    [t],
  );
}

/**
 * The server's refusal on a react-hook-form: each field error set on its field (in words), and the message
 * returned for beside the submit button when no field took it (null when one did).
 */
export function putServerErrors<T extends FieldValues>(setError: UseFormSetError<T>, words: ErrorWords): string | null {
  const fields = Object.entries(words.fields);
  for (const [field, text] of fields) setError(field as Path<T>, { type: "server", message: text });
  return fields.length ? null : words.message;
}
