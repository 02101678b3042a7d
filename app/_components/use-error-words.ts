"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
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
