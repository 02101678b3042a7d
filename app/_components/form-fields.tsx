"use client";

import type { InputHTMLAttributes } from "react";
import { Controller, get, type FieldError, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import { MoneyInput } from "./money-input";
import { ChoiceField, Field, Input } from "./ui";
import { useErrorWords } from "./use-error-words";

/**
 * The fields every react-hook-form form repeats, each a labelled control tied to its error in words
 * (useErrorWords): a registered input, a money amount (MoneyInput, fen), a choice over a vocabulary.
 */

// The form's own types do not matter here, only its fields' names: the form is taken as it is.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyForm<V extends FieldValues> = UseFormReturn<V, any, any>;

type Common<V extends FieldValues> = { form: AnyForm<V>; name: Path<V>; label: string; hint?: string; error?: string };

/** The field's error in words, unless the form says it otherwise (`error`). */
function useFieldError<V extends FieldValues>(form: AnyForm<V>, name: Path<V>, error?: string) {
  const words = useErrorWords();
  return error ?? words.field(get(form.formState.errors, name) as FieldError | undefined);
}

/** A registered text, date, number… input. */
export function FormInput<V extends FieldValues>({
  form,
  name,
  label,
  hint,
  error,
  ...input
}: Common<V> & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "form">) {
  const problem = useFieldError(form, name, error);
  return (
    <Field label={label} hint={hint} error={problem}>
      {({ id, describedBy, invalid }) => (
        <Input id={id} aria-invalid={invalid} aria-describedby={describedBy} {...input} {...form.register(name)} />
      )}
    </Field>
  );
}

/** A registered multi-line text. */
export function FormTextarea<V extends FieldValues>({
  form,
  name,
  label,
  hint,
  error,
  className,
  maxLength,
  rows,
}: Common<V> & {
  className?: string;
  maxLength?: number;
  rows?: number;
}) {
  const problem = useFieldError(form, name, error);
  return (
    <Field label={label} hint={hint} error={problem}>
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          className={
            className ??
            "min-h-20 w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-600"
          }
          maxLength={maxLength}
          rows={rows}
          {...form.register(name)}
        />
      )}
    </Field>
  );
}

/** An amount in yuan typed through MoneyInput; the form holds fen (undefined when empty). */
export function MoneyField<V extends FieldValues>({ form, name, label, hint, error, required }: Common<V> & { required?: boolean }) {
  const words = useErrorWords();
  return (
    <Controller
      control={form.control}
      name={name}
      render={({ field, fieldState }) => (
        <Field label={label} hint={hint} error={error ?? words.field(fieldState.error)}>
          {({ id, describedBy, invalid }) => (
            <MoneyInput
              id={id}
              ref={field.ref}
              name={field.name}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              required={required}
            />
          )}
        </Field>
      )}
    />
  );
}

/** A choice over a vocabulary (ChoiceField), each option in words. */
export function ChoiceInput<V extends FieldValues, T extends string>({
  form,
  name,
  label,
  hint,
  error,
  options,
  optionLabel,
  placeholder,
}: Common<V> & { options: readonly T[]; optionLabel: (option: T) => string; placeholder?: string }) {
  const words = useErrorWords();
  return (
    <Controller
      control={form.control}
      name={name}
      render={({ field, fieldState }) => (
        <ChoiceField
          label={label}
          hint={hint}
          error={error ?? words.field(fieldState.error)}
          value={(field.value as T | "" | undefined) ?? ""}
          options={options}
          optionLabel={optionLabel}
          placeholder={placeholder}
          onChange={field.onChange}
        />
      )}
    />
  );
}
