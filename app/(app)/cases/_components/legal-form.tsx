"use client";

/** The court tab's pieces shared by its lawsuit and mediation forms. */

import { useTranslations } from "next-intl";
import { useState, type ReactNode, type RefObject } from "react";
import type { FieldValues } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/app/_components/ui";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";
import { useCheckedForm } from "./checked-form";
import { FormMessage } from "./terms-fields";

export const blank = (s: string) => (s.trim() === "" ? undefined : s.trim());

/**
 * One of the tab's forms: useCheckedForm over the procedure's own schema (its problems in the shared words),
 * with "saved" beside the button after a success; `reset` empties it again (a new lawsuit, hearing, session).
 */
export function useLegalForm<V extends FieldValues, S extends z.ZodType>(
  o: Omit<Parameters<typeof useCheckedForm<V, S>>[0], "words" | "onSent"> & { reset?: boolean },
) {
  const t = useTranslations("legal");
  const [saved, setSaved] = useState(false);
  const checked = useCheckedForm<V, S>({
    ...o,
    words: "shared",
    send: (input) => {
      setSaved(false);
      return o.send(input);
    },
    onSent: (form) => {
      if (o.reset) form.reset();
      setSaved(true);
    },
  });
  return { ...checked, message: saved ? t("saved") : null };
}

export type LegalForm = {
  formRef: RefObject<HTMLFormElement | null>;
  onSubmit: () => void;
  summary: { count: number; message?: string };
  message: string | null;
};

/** A form folded under its title (the tab stays short); `open` unfolds it at first (the first lawsuit, the first mediation). */
export function FormFrame({
  title,
  form,
  pending,
  children,
  submit,
  open = false,
}: {
  title: string;
  form: LegalForm;
  pending: boolean;
  children: ReactNode;
  submit: string;
  open?: boolean;
}) {
  return (
    <details className="mt-3 rounded-lg border border-slate-200 bg-slate-50" open={open} data-testid="legal-form">
      <summary className="flex min-h-11 cursor-pointer items-center px-3 text-sm font-semibold text-brand-800">{title}</summary>
      <form ref={form.formRef} className="flex flex-col gap-3 border-t border-slate-200 p-3" onSubmit={form.onSubmit} noValidate>
        <FormMessage {...form.summary} />
        <div className="grid gap-3 sm:grid-cols-2">{children}</div>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={pending}>
            {submit}
          </Button>
          {form.message && (
            <span className="text-sm text-slate-700" role="status">
              {form.message}
            </span>
          )}
        </div>
      </form>
    </details>
  );
}

export type Track = inferRouterOutputs<AppRouter>["legal"]["forCase"];
export type Lawsuit = Track["lawsuits"][number];
export type Mediation = Track["mediations"][number];
export type Body = { id: string; name: string; kind: string };
