"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert, Button, Card, Field, Input, Select } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { EXPENSE_CATEGORIES, INCOME_KINDS, type ExpenseCategory, type IncomeKind } from "@/server/domain/budget-kinds";
import { FenCheck } from "@/app/_components/fen-check";
import { formatFen } from "@/server/domain/money";
import { fenToInput } from "./helpers";
import { useErrorWords } from "@/app/_components/use-error-words";
import { todayInShanghai } from "@/server/domain/time";
import { moneyOrNull } from "@/app/_components/money-input";

type Line<K> = { kind: K; amount: string };

/** The budget in force with its summary, and an editor that saves a new dated snapshot. */
export function BudgetSection({ clientId }: { clientId: string }) {
  const t = useTranslations("assessment.budget");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const apiError = useErrorWords();
  const current = useQuery(trpc.budget.current.queryOptions({ clientId }));
  const save = useMutation(trpc.budget.save.mutationOptions());
  const [editing, setEditing] = useState(false);
  const [incomes, setIncomes] = useState<Line<IncomeKind>[]>([]);
  const [expenses, setExpenses] = useState<Line<ExpenseCategory>[]>([]);
  const [dependents, setDependents] = useState("0");
  const [effectiveDate, setEffectiveDate] = useState(todayInShanghai());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  function startEdit() {
    const b = current.data;
    setIncomes(
      b ? b.incomes.map((i) => ({ kind: i.kind as IncomeKind, amount: fenToInput(i.monthlyFen) })) : [{ kind: "salary", amount: "" }],
    );
    setExpenses(
      b
        ? b.expenses.map((e) => ({ kind: e.category as ExpenseCategory, amount: fenToInput(e.monthlyFen) }))
        : (["housing", "food", "utilities", "transport"] as const).map((kind) => ({ kind, amount: "" })),
    );
    setDependents(String(b?.dependents ?? 0));
    setEffectiveDate(todayInShanghai());
    setErrors({});
    setFormError(null);
    setEditing(true);
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setErrors({});
    setFormError(null);
    const bad: Record<string, string> = {};
    const toLines = <K,>(lines: Line<K>[], prefix: string) =>
      lines
        .map((l, i) => {
          const fen = moneyOrNull(l.amount);
          if (fen === null && l.amount.trim() !== "") bad[`${prefix}.${i}.monthlyFen`] = t("badAmount");
          return { kind: l.kind, monthlyFen: fen ?? 0 };
        })
        .filter((l) => l.monthlyFen > 0);
    const inc = toLines(incomes, "incomes");
    const exp = toLines(expenses, "expenses");
    if (Object.keys(bad).length) {
      setErrors(bad);
      return;
    }
    try {
      await save.mutateAsync({
        clientId,
        effectiveDate,
        incomes: inc.map((l) => ({ kind: l.kind, monthlyFen: l.monthlyFen })),
        expenses: exp.map((l) => ({ category: l.kind, monthlyFen: l.monthlyFen })),
        dependents: Number(dependents) || 0,
      });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.budget.current.queryKey({ clientId }) }),
        queryClient.invalidateQueries({ queryKey: trpc.plan.get.queryKey({ clientId }) }),
      ]);
      setEditing(false);
    } catch (error) {
      const { message, fields } = apiError(error);
      setErrors(fields);
      setFormError(message);
    }
  }

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
              lines={incomes}
              setLines={setIncomes}
              options={INCOME_KINDS}
              label={(k) => t(`incomeKinds.${k}`)}
              errors={errors}
              prefix="incomes"
              addLabel={t("addIncome")}
              removeLabel={t("remove")}
              amountLabel={t("monthlyAmount")}
              newKind="other"
            />
            <LineEditor
              legend={t("expenseLines")}
              lines={expenses}
              setLines={setExpenses}
              options={EXPENSE_CATEGORIES}
              label={(k) => t(`categories.${k}`)}
              errors={errors}
              prefix="expenses"
              addLabel={t("addExpense")}
              removeLabel={t("remove")}
              amountLabel={t("monthlyAmount")}
              newKind="other"
            />
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label={t("dependents")} error={errors.dependents}>
                {({ id }) => (
                  <Input
                    id={id}
                    type="number"
                    min={0}
                    inputMode="numeric"
                    value={dependents}
                    onChange={(e) => setDependents(e.target.value)}
                  />
                )}
              </Field>
              <Field label={t("effectiveDate")} error={errors.effectiveDate}>
                {({ id }) => <Input id={id} type="date" value={effectiveDate} onChange={(e) => setEffectiveDate(e.target.value)} />}
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
  lines: Line<K>[];
  setLines: (f: (l: Line<K>[]) => Line<K>[]) => void;
  options: readonly K[];
  label: (k: K) => string;
  errors: Record<string, string>;
  prefix: string;
  addLabel: string;
  removeLabel: string;
  amountLabel: string;
  newKind: K;
}) {
  const { lines, setLines } = props;
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 font-medium">{props.legend}</legend>
      {lines.map((line, i) => (
        <div key={i} className="grid grid-cols-[1fr_1fr_auto] items-end gap-2">
          <Select
            aria-label={props.legend}
            value={line.kind}
            onChange={(e) => setLines((ls) => ls.map((l, j) => (j === i ? { ...l, kind: e.target.value as K } : l)))}
          >
            {props.options.map((k) => (
              <option key={k} value={k}>
                {props.label(k)}
              </option>
            ))}
          </Select>
          <div>
            <Input
              aria-label={`${props.label(line.kind)} ${props.amountLabel}`}
              inputMode="decimal"
              placeholder="0.00"
              value={line.amount}
              aria-invalid={Boolean(props.errors[`${props.prefix}.${i}.monthlyFen`])}
              onChange={(e) => setLines((ls) => ls.map((l, j) => (j === i ? { ...l, amount: e.target.value } : l)))}
            />
            {props.errors[`${props.prefix}.${i}.monthlyFen`] && (
              <p className="text-sm text-red-700" role="alert">
                {props.errors[`${props.prefix}.${i}.monthlyFen`]}
              </p>
            )}
          </div>
          <Button type="button" variant="ghost" onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))}>
            {props.removeLabel}
          </Button>
        </div>
      ))}
      <Button
        type="button"
        variant="secondary"
        className="self-start"
        onClick={() => setLines((ls) => [...ls, { kind: props.newKind, amount: "" }])}
      >
        {props.addLabel}
      </Button>
    </fieldset>
  );
}
