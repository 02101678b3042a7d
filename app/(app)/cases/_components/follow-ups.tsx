"use client";

import { useMutation, useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type FieldValues, type UseFormReturn } from "react-hook-form";
import { z } from "zod";
import { Alert, Button, Card } from "@/app/_components/ui";
import { ChoiceInput, FormInput, FormTextarea } from "@/app/_components/form-fields";
import { useTRPC } from "@/app/_trpc/client";
import { todayInShanghai } from "@/server/domain/time";
import { REFERRAL_KINDS, REFERRAL_STATUSES, type ReferralKind, type ReferralStatus } from "@/server/domain/vocabulary";
import { NO_ANSWER_DAYS, type DueSuggestion } from "./follow-up-dates";
import { useRefresh } from "./case-shared";
import { formatInstant } from "./format";
import { putServerErrors, useErrorWords } from "@/app/_components/use-error-words";
import { blankAsUndefined } from "@/app/_components/form-values";
import { ZCreateReferral, ZCreateTask, ZUpdateReferral } from "@/server/schemas/cases";

/** The procedures' own fields, without the ids the page adds. */
const ZTaskForm = ZCreateTask.omit({ caseId: true });
// The plain referral form (a mediation referral names a body on the court & mediation tab): the schema's fields without its mediation refinement.
const ZReferralForm = z.strictObject(ZCreateReferral.shape).omit({ caseId: true, mediationBodyId: true });
const ZReferralUpdateForm = ZUpdateReferral.pick({ status: true }).extend({ outcome: blankAsUndefined(ZUpdateReferral.shape.outcome) });
type Form<S extends z.ZodType> = { input: z.input<S>; output: z.output<S> };

type Said = { tone: "error" | "success"; text: string } | null;

/**
 * Adds a follow-up or a referral: on success the text field is emptied and a line says so; a refusal's field
 * errors go on their fields, anything else in the line.
 */
async function addAndSay<V extends FieldValues>(
  form: UseFormReturn<V, unknown, unknown>,
  add: () => Promise<unknown>,
  emptied: Partial<V>,
  done: string,
  say: (said: Said) => void,
  explain: ReturnType<typeof useErrorWords>,
  refresh: () => unknown,
) {
  say(null);
  try {
    await add();
  } catch (e) {
    const words = explain(e);
    say(putServerErrors(form.setError, words) === null ? null : { tone: "error", text: words.text });
    return;
  }
  form.reset({ ...form.getValues(), ...emptied });
  say({ tone: "success", text: done });
  void refresh();
}

/** Follow-ups of one case: the open ones with a "done" button, and a form to add one with a due date. */
export function TasksCard({ caseId, suggestions }: { caseId: string; suggestions: DueSuggestion[] }) {
  const t = useTranslations("cases");
  const tc = useTranslations("calendar");
  const trpc = useTRPC();
  const refresh = useRefresh();
  const explain = useErrorWords();
  const { data: tasks } = useSuspenseQuery(trpc.case.tasks.queryOptions({ caseId }));
  const today = todayInShanghai();
  const form = useForm<Form<typeof ZTaskForm>["input"], unknown, Form<typeof ZTaskForm>["output"]>({
    resolver: zodResolver(ZTaskForm),
    defaultValues: { title: "", dueOn: suggestions.find((s) => s.days === NO_ANSWER_DAYS)?.date ?? today },
  });
  const [message, setMessage] = useState<Said>(null);
  const create = useMutation(trpc.case.createTask.mutationOptions());
  const submit = form.handleSubmit((values) =>
    addAndSay(form, () => create.mutateAsync({ ...values, caseId }), { title: "" }, t("taskAdded"), setMessage, explain, refresh),
  );
  const dueOn = form.watch("dueOn");
  const title = form.watch("title");
  const complete = useMutation(
    trpc.case.completeTask.mutationOptions({
      onSuccess: () => void refresh(),
      onError: (e) => setMessage({ tone: "error", text: explain(e).text }),
    }),
  );
  const noAnswer = suggestions.find((s) => s.days === NO_ANSWER_DAYS);
  return (
    <Card title={t("tasks")}>
      {tasks.length === 0 ? (
        <p className="text-sm text-slate-600">{t("noTasks")}</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="task-list">
          {tasks.map((task) => (
            <li key={task.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span className={task.dueOn < today ? "font-medium text-red-700" : undefined}>
                {task.dueEstimated ? tc("dueEstimated", { date: task.dueOn }) : task.dueOn} · {task.title ?? t(`taskKinds.${task.kind}`)}
                {task.dueOn < today ? ` · ${t("taskOverdue")}` : ""}
              </span>
              <Button variant="secondary" onClick={() => complete.mutate({ taskId: task.id })} disabled={complete.isPending}>
                {t("done")}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form className="mt-4 flex flex-col gap-3 border-t border-slate-100 pt-4" onSubmit={submit} noValidate>
        <h3 className="text-sm font-semibold">{t("newTask")}</h3>
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
        {noAnswer && (
          <Button
            type="button"
            variant="ghost"
            className="h-auto justify-start whitespace-normal border border-dashed border-brand-700/40 bg-brand-50 text-left text-brand-800 hover:bg-brand-100"
            onClick={() => {
              form.setValue("title", t("taskSuggestNoAnswerTitle", { days: NO_ANSWER_DAYS }), { shouldValidate: true });
              form.setValue("dueOn", noAnswer.date, { shouldValidate: true });
            }}
          >
            <span aria-hidden="true">＋</span>
            {t("taskSuggestNoAnswer", {
              days: NO_ANSWER_DAYS,
              date: noAnswer.estimated ? tc("dateEstimated", { date: noAnswer.date }) : noAnswer.date,
            })}
          </Button>
        )}
        <FormInput form={form} name="title" label={t("taskTitle")} required maxLength={200} />
        <FormInput
          form={form}
          name="dueOn"
          label={t("taskDueOn")}
          hint={suggestions.some((s) => s.estimated) ? t("taskCalendarEstimated") : t("taskDueHint")}
          type="date"
          min={today}
          required
        />
        {suggestions.length > 0 && (
          <div className="flex flex-wrap gap-2" role="group" aria-label={t("taskQuickPick")}>
            {suggestions.map((s) => (
              <Button
                key={s.days}
                type="button"
                variant={dueOn === s.date ? "primary" : "secondary"}
                aria-pressed={dueOn === s.date}
                onClick={() => form.setValue("dueOn", s.date, { shouldValidate: true })}
              >
                {t("inWorkingDays", { days: s.days, date: s.estimated ? tc("dateEstimated", { date: s.date }) : s.date })}
              </Button>
            ))}
          </div>
        )}
        <Button type="submit" disabled={form.formState.isSubmitting || title.trim() === ""}>
          {t("addTask")}
        </Button>
      </form>
    </Card>
  );
}

/** Referrals of one case to a lawyer, legal aid or a financial adviser, each tracked to an outcome. */
export function ReferralsCard({ caseId }: { caseId: string }) {
  const t = useTranslations("cases");
  const trpc = useTRPC();
  const refresh = useRefresh();
  const explain = useErrorWords();
  const { data: referrals } = useSuspenseQuery(trpc.case.referrals.queryOptions({ caseId }));
  const form = useForm<Form<typeof ZReferralForm>["input"], unknown, Form<typeof ZReferralForm>["output"]>({
    resolver: zodResolver(ZReferralForm),
    defaultValues: { kind: "legal-aid", toName: "" },
  });
  const [message, setMessage] = useState<Said>(null);
  const create = useMutation(trpc.case.createReferral.mutationOptions());
  const submit = form.handleSubmit((values) =>
    addAndSay(form, () => create.mutateAsync({ ...values, caseId }), { toName: "" }, t("referralAdded"), setMessage, explain, refresh),
  );
  const toName = form.watch("toName");
  return (
    <Card title={t("referrals")}>
      <p className="mb-3 text-xs text-slate-600">{t("referralsHint")}</p>
      {referrals.length === 0 ? (
        <p className="text-sm text-slate-600">{t("noReferrals")}</p>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="referral-list">
          {referrals.map((r) => (
            <ReferralItem key={r.id} caseId={caseId} referral={r} />
          ))}
        </ul>
      )}
      <form className="mt-4 flex flex-col gap-3 border-t border-slate-100 pt-4" onSubmit={submit} noValidate>
        <h3 className="text-sm font-semibold">{t("newReferral")}</h3>
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
        <ChoiceInput
          form={form}
          name="kind"
          label={t("referralKind")}
          // A referral to mediation names a body of the directory: it is made on the court & mediation tab.
          options={REFERRAL_KINDS.filter((k) => k !== "mediation")}
          optionLabel={(k) => t(`referralKinds.${k}`)}
        />
        <FormInput form={form} name="toName" label={t("referralTo")} hint={t("referralToHint")} required maxLength={200} />
        <Button type="submit" disabled={form.formState.isSubmitting || toName.trim() === ""}>
          {t("addReferral")}
        </Button>
      </form>
    </Card>
  );
}

type Referral = {
  id: string;
  kind: ReferralKind;
  toName: string;
  status: ReferralStatus;
  outcome: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
};

function ReferralItem({ caseId, referral: r }: { caseId: string; referral: Referral }) {
  const t = useTranslations("cases");
  const common = useTranslations("common");
  const trpc = useTRPC();
  const refresh = useRefresh();
  const explain = useErrorWords();
  const [editing, setEditing] = useState(false);
  const form = useForm<Form<typeof ZReferralUpdateForm>["input"], unknown, Form<typeof ZReferralUpdateForm>["output"]>({
    resolver: zodResolver(ZReferralUpdateForm),
    defaultValues: { status: r.status, outcome: r.outcome ?? "" },
  });
  const [error, setError] = useState<string | null>(null);
  const update = useMutation(trpc.case.updateReferral.mutationOptions());
  const submit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      await update.mutateAsync({ ...values, caseId, referralId: r.id, version: r.version });
    } catch (e) {
      setError(putServerErrors(form.setError, explain(e)));
      return;
    }
    setEditing(false);
    void refresh();
  });
  const statusTone =
    r.status === "completed"
      ? "bg-emerald-100 text-emerald-800"
      : r.status === "declined"
        ? "bg-red-100 text-red-800"
        : "bg-slate-100 text-slate-800";
  return (
    <li className="rounded-lg border border-slate-200 p-3 text-sm" data-testid="referral">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p>
          <strong>{t(`referralKinds.${r.kind}`)}</strong> · {r.toName}
        </p>
        <span className={`rounded px-2 py-0.5 text-xs font-medium ${statusTone}`}>{t(`referralStatus.${r.status}`)}</span>
      </div>
      <p className="text-xs text-slate-600">
        {t("referredOn", { date: formatInstant(r.createdAt).slice(0, 10) })}
        {r.updatedAt.getTime() !== r.createdAt.getTime() ? ` · ${t("updatedOn", { date: formatInstant(r.updatedAt).slice(0, 10) })}` : ""}
      </p>
      {r.outcome && (
        <p className="mt-1 whitespace-pre-wrap">
          {t("referralOutcome")}
          {common("colon")}
          {r.outcome}
        </p>
      )}
      {!editing ? (
        <Button
          variant="ghost"
          className="mt-1 px-2"
          onClick={() => {
            form.reset({ status: r.status, outcome: r.outcome ?? "" });
            setError(null);
            setEditing(true);
          }}
        >
          {t("updateReferral")}
        </Button>
      ) : (
        <form className="mt-2 flex flex-col gap-3" onSubmit={submit} noValidate>
          {error && <Alert tone="error">{error}</Alert>}
          <ChoiceInput
            form={form}
            name="status"
            label={t("referralStatusLabel")}
            options={REFERRAL_STATUSES}
            optionLabel={(s) => t(`referralStatus.${s}`)}
          />
          <FormTextarea form={form} name="outcome" label={t("referralOutcome")} hint={t("referralOutcomeHint")} maxLength={2000} />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={update.isPending}>
              {t("save")}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setEditing(false)}>
              {t("cancel")}
            </Button>
          </div>
        </form>
      )}
    </li>
  );
}
