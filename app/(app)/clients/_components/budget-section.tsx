"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Controller, useFieldArray, useForm, useWatch, type Control, type UseFormRegister } from "react-hook-form";
import { z } from "zod";
import { Alert, Button, Card, Field, Input, Select } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { EXPENSE_CATEGORIES, INCOME_KINDS, type ExpenseCategory, type IncomeKind } from "@/server/domain/budget-kinds";
import { FenCheck } from "@/app/_components/fen-check";
import { formatFen } from "@/server/domain/money";
import { numberFromText } from "@/app/_components/form-values";
import { MoneyInput } from "@/app/_components/money-input";
import { putServerErrors, useErrorWords } from "@/app/_components/use-error-words";
import { todayInShanghai } from "@/server/domain/time";
import { zFen } from "@/server/schemas/common";
import { ZSaveBudgetInput } from "@/server/schemas/assessment";

/**
 * The procedure's budget as the form holds it: each line's amount in fen from MoneyInput, a line left blank
 * is not saved; the dependents as typed.
 */
const line = <K extends readonly [string, ...string[]]>(kinds: K) => z.object({ kind: z.enum(kinds), monthlyFen: zFen.optional() });
const ZBudgetForm = z.object({
  incomes: z.array(line(INCOME_KINDS)).max(30),
  expenses: z.array(line(EXPENSE_CATEGORIES)).max(60),
  dependents: numberFromText(ZSaveBudgetInput.shape.dependents),
  effectiveDate: ZSaveBudgetInput.shape.effectiveDate,
});
type BudgetFormInput = z.input<typeof ZBudgetForm>;
type BudgetFormOutput = z.output<typeof ZBudgetForm>;

/** The budget in force with its summary, and an editor that saves a new dated snapshot. */
export function BudgetSection({ clientId }: { clientId: string }) {
  const t = useTranslations("assessment.budget");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const words = useErrorWords();
  const current = useQuery(trpc.budget.current.queryOptions({ clientId }));
  const save = useMutation(trpc.budget.save.mutationOptions());
  const [editing, setEditing] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<BudgetFormInput, unknown, BudgetFormOutput>({ resolver: zodResolver(ZBudgetForm) });
  const errors = form.formState.errors;

  function startEdit() {
    const b = current.data;
    form.reset({
      incomes: b
        ? b.incomes.map((i) => ({ kind: i.kind as IncomeKind, monthlyFen: i.monthlyFen }))
        : [{ kind: "salary", monthlyFen: undefined }],
      expenses: b
        ? b.expenses.map((e) => ({ kind: e.category as ExpenseCategory, monthlyFen: e.monthlyFen }))
        : (["housing", "food", "utilities", "transport"] as const).map((kind) => ({ kind, monthlyFen: undefined })),
      dependents: String(b?.dependents ?? 0),
      effectiveDate: todayInShanghai(),
    });
    setFormError(null);
    setEditing(true);
  }

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    const given = <K,>(lines: Array<{ kind: K; monthlyFen?: number }>) =>
      lines.flatMap((l) => (l.monthlyFen ? [{ kind: l.kind, monthlyFen: l.monthlyFen }] : []));
    try {
      await save.mutateAsync({
        clientId,
        effectiveDate: values.effectiveDate,
        incomes: given(values.incomes),
        expenses: given(values.expenses).map(({ kind, monthlyFen }) => ({ category: kind, monthlyFen })),
        dependents: values.dependents,
      });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.budget.current.queryKey({ clientId }) }),
        queryClient.invalidateQueries({ queryKey: trpc.plan.get.queryKey({ clientId }) }),
      ]);
      setEditing(false);
    } catch (error) {
      setFormError(putServerErrors(form.setError, words(error)));
    }
  });

  const b = current.data;
  return (
    <section id="budget">
      <Card
        title={t("title")}
        actions={
          !editing && (
            <Button variant="secondary" onClick={startEdit}>
              {b ? t("edit") : t("start")}
            </Button>
          )
        }
      >
        {!editing && !b && <p className="text-sm text-slate-700">{t("none")}</p>}
        {!editing && b && (
          <div className="flex flex-col gap-3">
            <p className="text-sm text-slate-600">{t("effective", { date: b.effectiveDate })}</p>
            <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="budget-summary">
              {(
                [
                  ["income", b.summary.incomeFen],
                  ["expenses", b.summary.expenseFen],
                  ["disposable", b.summary.disposableFen],
                  ["buffer", b.summary.bufferFen],
                  ["affordable", b.summary.affordableFen],
                ] as const
              ).map(([k, fen]) => (
                <div key={k} className={k === "affordable" ? "rounded-lg bg-brand-50 p-2" : "p-2"}>
                  <dt className="text-xs text-slate-600">{k === "buffer" ? t("bufferPct", { pct: b.bufferPct }) : t(k)}</dt>
                  <dd className={`${k === "affordable" ? "text-lg font-semibold" : "text-base"} [overflow-wrap:anywhere]`}>
                    {formatFen(fen)}
                    <FenCheck fen={fen} />
                  </dd>
                </div>
              ))}
            </dl>
            {b.summary.disposableFen <= 0 && <Alert tone="warning">{t("shortfall")}</Alert>}
          </div>
        )}
        {editing && (
          <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
            {formError && <Alert tone="error">{formError}</Alert>}
            <LineEditor
              legend={t("incomes")}
              control={form.control}
              register={form.register}
              name="incomes"
              options={INCOME_KINDS}
              label={(k) => t(`incomeKinds.${k}`)}
              addLabel={t("addIncome")}
              removeLabel={t("remove")}
              amountLabel={t("monthlyAmount")}
              newKind="other"
            />
            <LineEditor
              legend={t("expenseLines")}
              control={form.control}
              register={form.register}
              name="expenses"
              options={EXPENSE_CATEGORIES}
              label={(k) => t(`categories.${k}`)}
              addLabel={t("addExpense")}
              removeLabel={t("remove")}
              amountLabel={t("monthlyAmount")}
              newKind="other"
            />
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label={t("dependents")} error={words.field(errors.dependents)}>
                {({ id, describedBy, invalid }) => (
                  <Input
                    id={id}
                    type="number"
                    min={0}
                    inputMode="numeric"
                    aria-invalid={invalid}
                    aria-describedby={describedBy}
                    {...form.register("dependents")}
                  />
                )}
              </Field>
              <Field label={t("effectiveDate")} error={words.field(errors.effectiveDate)}>
                {({ id, describedBy, invalid }) => (
                  <Input id={id} type="date" aria-invalid={invalid} aria-describedby={describedBy} {...form.register("effectiveDate")} />
                )}
              </Field>
            </div>
            <div className="flex flex-wrap gap-2">
              <Button type="submit" disabled={save.isPending}>
                {tc("save")}
              </Button>
              <Button type="button" variant="secondary" onClick={() => setEditing(false)}>
                {tc("cancel")}
              </Button>
            </div>
          </form>
        )}
      </Card>
    </section>
  );
}

function LineEditor<K extends string>(props: {
  legend: string;
  control: Control<BudgetFormInput, unknown, BudgetFormOutput>;
  register: UseFormRegister<BudgetFormInput>;
  name: "incomes" | "expenses";
  options: readonly K[];
  label: (k: K) => string;
  addLabel: string;
  removeLabel: string;
  amountLabel: string;
  newKind: K;
}) {
  const { control, register, name } = props;
  const words = useErrorWords();
  const lines = useFieldArray({ control, name });
  const kinds = useWatch({ control, name }); // the kind each line has now, for its amount's label
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 font-medium">{props.legend}</legend>
      {lines.fields.map((line, i) => (
        <div key={line.id} className="grid grid-cols-[1fr_1fr_auto] items-start gap-2">
          <Select aria-label={props.legend} {...register(`${name}.${i}.kind`)}>
            {props.options.map((k) => (
              <option key={k} value={k}>
                {props.label(k)}
              </option>
            ))}
          </Select>
          <Controller
            control={control}
            name={`${name}.${i}.monthlyFen`}
            render={({ field, fieldState }) => (
              <div>
                <MoneyInput
                  ref={field.ref}
                  name={field.name}
                  aria-label={`${props.label((kinds?.[i]?.kind ?? line.kind) as K)} ${props.amountLabel}`}
                  placeholder="0.00"
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  aria-invalid={Boolean(fieldState.error)}
                />
                {fieldState.error && (
                  <p className="text-sm text-red-700" role="alert">
                    {words.field(fieldState.error)}
                  </p>
                )}
              </div>
            )}
          />
          <Button type="button" variant="ghost" onClick={() => lines.remove(i)}>
            {props.removeLabel}
          </Button>
        </div>
      ))}
      <Button
        type="button"
        variant="secondary"
        className="self-start"
        onClick={() => lines.append({ kind: props.newKind, monthlyFen: undefined } as never)}
      >
        {props.addLabel}
      </Button>
    </fieldset>
  );
}
