"use client";

// What every terms-style form on the case page shares (a proposal, the lender's answer, a change of the
// agreement, a breach): react-hook-form over the procedure's own zod schema with an optional check on top
// (terms-form.ts), the server's errors put on their fields, the first problem scrolled into view, then the
// case page's data refreshed.

import { useCallback, useEffect, useMemo, useRef, type BaseSyntheticEvent, type RefObject } from "react";
import {
  get,
  useForm,
  type DefaultValues,
  type FieldError,
  type FieldErrors,
  type FieldValues,
  type SubmitErrorHandler,
  type SubmitHandler,
  type UseFormReturn,
} from "react-hook-form";
import type { z } from "zod";
import { useErrorWords } from "@/app/_components/use-error-words";
import { useRefresh } from "./case-shared";
import { FORM_LEVEL, schemaResolver, useServerErrors, useTermsFormWords, type Words } from "./terms-form";

/** Scrolls the form's first problem (a marked field, else the message beside the button) into view and focuses it. */
export function useErrorFocus(formRef: RefObject<HTMLFormElement | null>) {
  return useCallback(() => {
    requestAnimationFrame(() => {
      const form = formRef.current;
      const target =
        form?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid="true"]') ??
        form?.querySelector<HTMLElement>("[data-form-error]");
      if (!target) return;
      target.scrollIntoView({ block: "center" });
      if (target.matches("input, select, textarea")) target.focus({ preventScroll: true });
    });
  }, [formRef]);
}

/** How many problems a form has and its own message (the one that names no field). */
export function errorSummary(errors: FieldErrors<FieldValues>): { count: number; message?: string } {
  const own = (get(errors, FORM_LEVEL) as FieldError | undefined)?.message;
  let count = 0;
  const walk = (node: unknown) => {
    if (!node || typeof node !== "object") return;
    if ("message" in node && "type" in node) count++;
    else for (const [k, v] of Object.entries(node)) if (k !== FORM_LEVEL && k !== "ref") walk(v);
  };
  walk(errors);
  return { count: own ? 0 : count, message: own };
}

/** A field's error message as the resolver or the server set it (already in words). */
export const messageAt = (errors: FieldErrors<FieldValues>, path: string) => (get(errors, path) as FieldError | undefined)?.message;

type FormIssue = { path: string | null; message: string };

/**
 * Submits after clearing the errors the server put on fields last time: react-hook-form keeps an error set
 * with setError until it is cleared, so a corrected field's old refusal would otherwise stay and, in a form
 * without a resolver, stop it from ever submitting again.
 */
export function submitClean<V extends FieldValues, O>(
  form: UseFormReturn<V, unknown, O>,
  onValid: SubmitHandler<O>,
  onInvalid?: SubmitErrorHandler<V>,
) {
  return (e?: BaseSyntheticEvent) => {
    form.clearErrors();
    return form.handleSubmit(onValid, onInvalid)(e);
  };
}

export function useCheckedForm<V extends FieldValues, S extends z.ZodType>({
  schema,
  toInput,
  check,
  defaultValues,
  fields,
  send,
  onSent,
  refresh: refreshAfter,
  words: wordsKind = "terms",
}: {
  schema: S;
  /** The procedure's input from the form's values (the page's ids added). */
  toInput: (values: V) => unknown;
  /** Problems beyond the schema (the terms check), once the schema passes. */
  check?: (input: z.output<S>, values: V, words: Words) => FormIssue[];
  defaultValues: DefaultValues<V>;
  /** The paths a server error may be put on; anything else goes beside the button. */
  fields: readonly string[];
  send: (input: z.output<S>) => Promise<unknown>;
  /** After a success, before the page's data is refreshed. */
  onSent?: (form: UseFormReturn<V, unknown, z.output<S>>) => void;
  /** What is refetched after a success (default: everything a case change touches, useRefresh). */
  refresh?: () => Promise<unknown>;
  /**
   * How a schema problem is said: "terms" by what a terms field is (money, months, a date…), "shared" by its
   * code in the shared words (useErrorWords().field: required, too long, a schema's own key).
   */
  words?: "terms" | "shared";
}) {
  const caseRefresh = useRefresh();
  const refresh = refreshAfter ?? caseRefresh;
  const termsWords = useTermsFormWords();
  const shared = useErrorWords();
  const words = useMemo<Words>(
    () =>
      wordsKind === "terms"
        ? termsWords
        : { ...termsWords, field: (path, code, message) => ({ path, message: shared.field({ type: code, message }) ?? message ?? code }) },
    [wordsKind, termsWords, shared],
  );
  const serverErrors = useServerErrors();
  const formRef = useRef<HTMLFormElement>(null);
  const focus = useErrorFocus(formRef);
  // The resolver is made once per schema; it reads the page's latest ids and basis when it runs.
  const latest = useRef({ toInput, check });
  useEffect(() => {
    latest.current = { toInput, check };
  });
  const resolver = useMemo(
    () =>
      schemaResolver(
        schema,
        (v: V) => latest.current.toInput(v),
        words,
        (input, v) => latest.current.check?.(input, v, words) ?? [],
      ),
    [schema, words],
  );
  const form = useForm<V, unknown, z.output<S>>({ resolver, defaultValues, shouldFocusError: false });
  const onSubmit = submitClean(
    form,
    async (input) => {
      try {
        await send(input);
      } catch (error) {
        serverErrors(form, error, fields);
        focus();
        return;
      }
      onSent?.(form);
      await refresh();
    },
    () => focus(),
  );
  return { form, formRef, onSubmit, summary: errorSummary(form.formState.errors) };
}
