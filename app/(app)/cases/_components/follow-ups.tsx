"use client";

import { useMutation, useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert, Button, ChoiceField, Card, Field, Input } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { todayInShanghai } from "@/server/domain/time";
import { REFERRAL_KINDS, REFERRAL_STATUSES, type ReferralKind, type ReferralStatus } from "@/server/domain/vocabulary";
import { NO_ANSWER_DAYS, type DueSuggestion } from "./follow-up-dates";
import { useRefresh } from "./case-shared";
import { formatInstant } from "./format";
import { useErrorWords } from "@/app/_components/use-error-words";

/** Follow-ups of one case: the open ones with a "done" button, and a form to add one with a due date. */
export function TasksCard({ caseId, suggestions }: { caseId: string; suggestions: DueSuggestion[] }) {
  const t = useTranslations("cases");
  const tc = useTranslations("calendar");
  const trpc = useTRPC();
  const refresh = useRefresh();
  const explain = useErrorWords();
  const { data: tasks } = useSuspenseQuery(trpc.case.tasks.queryOptions({ caseId }));
  const today = todayInShanghai();
  const [title, setTitle] = useState("");
  const [dueOn, setDueOn] = useState(() => suggestions.find((s) => s.days === NO_ANSWER_DAYS)?.date ?? today);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const create = useMutation(
    trpc.case.createTask.mutationOptions({
      onSuccess: () => {
        setTitle("");
        setMessage({ tone: "success", text: t("taskAdded") });
        void refresh();
      },
      onError: (e) => setMessage({ tone: "error", text: explain(e).text }),
    }),
  );
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
      <form
        className="mt-4 flex flex-col gap-3 border-t border-slate-100 pt-4"
        onSubmit={(ev) => {
          ev.preventDefault();
          setMessage(null);
          create.mutate({ caseId, title: title.trim(), dueOn });
        }}
      >
        <h3 className="text-sm font-semibold">{t("newTask")}</h3>
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
        {noAnswer && (
          <Button
            type="button"
            variant="ghost"
            className="h-auto justify-start whitespace-normal border border-dashed border-brand-700/40 bg-brand-50 text-left text-brand-800 hover:bg-brand-100"
            onClick={() => {
              setTitle(t("taskSuggestNoAnswerTitle", { days: NO_ANSWER_DAYS }));
              setDueOn(noAnswer.date);
            }}
          >
            <span aria-hidden="true">＋</span>
            {t("taskSuggestNoAnswer", {
              days: NO_ANSWER_DAYS,
              date: noAnswer.estimated ? tc("dateEstimated", { date: noAnswer.date }) : noAnswer.date,
            })}
          </Button>
        )}
        <Field label={t("taskTitle")}>
          {({ id }) => <Input id={id} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />}
        </Field>
        <Field label={t("taskDueOn")} hint={suggestions.some((s) => s.estimated) ? t("taskCalendarEstimated") : t("taskDueHint")}>
          {({ id, describedBy }) => (
            <Input
              id={id}
              aria-describedby={describedBy}
              type="date"
              value={dueOn}
              min={today}
              onChange={(e) => setDueOn(e.target.value)}
              required
            />
          )}
        </Field>
        {suggestions.length > 0 && (
          <div className="flex flex-wrap gap-2" role="group" aria-label={t("taskQuickPick")}>
            {suggestions.map((s) => (
              <Button
                key={s.days}
                type="button"
                variant={dueOn === s.date ? "primary" : "secondary"}
                aria-pressed={dueOn === s.date}
                onClick={() => setDueOn(s.date)}
              >
                {t("inWorkingDays", { days: s.days, date: s.estimated ? tc("dateEstimated", { date: s.date }) : s.date })}
              </Button>
            ))}
          </div>
        )}
        <Button type="submit" disabled={create.isPending || title.trim() === ""}>
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
  const [kind, setKind] = useState<ReferralKind>("legal-aid");
  const [toName, setToName] = useState("");
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const create = useMutation(
    trpc.case.createReferral.mutationOptions({
      onSuccess: () => {
        setToName("");
        setMessage({ tone: "success", text: t("referralAdded") });
        void refresh();
      },
      onError: (e) => setMessage({ tone: "error", text: explain(e).text }),
    }),
  );
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
      <form
        className="mt-4 flex flex-col gap-3 border-t border-slate-100 pt-4"
        onSubmit={(ev) => {
          ev.preventDefault();
          setMessage(null);
          create.mutate({ caseId, kind, toName: toName.trim() });
        }}
      >
        <h3 className="text-sm font-semibold">{t("newReferral")}</h3>
        {message && <Alert tone={message.tone}>{message.text}</Alert>}
        <ChoiceField
          label={t("referralKind")}
          value={kind}
          // A referral to mediation names a body of the directory: it is made on the court & mediation tab.
          options={REFERRAL_KINDS.filter((k) => k !== "mediation")}
          optionLabel={(k) => t(`referralKinds.${k}`)}
          onChange={setKind}
        />
        <Field label={t("referralTo")} hint={t("referralToHint")}>
          {({ id, describedBy }) => (
            <Input
              id={id}
              aria-describedby={describedBy}
              value={toName}
              onChange={(e) => setToName(e.target.value)}
              required
              maxLength={200}
            />
          )}
        </Field>
        <Button type="submit" disabled={create.isPending || toName.trim() === ""}>
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
  const [status, setStatus] = useState<ReferralStatus>(r.status);
  const [outcome, setOutcome] = useState(r.outcome ?? "");
  const [error, setError] = useState<string | null>(null);
  const update = useMutation(
    trpc.case.updateReferral.mutationOptions({
      onSuccess: () => {
        setEditing(false);
        setError(null);
        void refresh();
      },
      onError: (e) => setError(explain(e).text),
    }),
  );
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
            setStatus(r.status);
            setOutcome(r.outcome ?? "");
            setEditing(true);
          }}
        >
          {t("updateReferral")}
        </Button>
      ) : (
        <form
          className="mt-2 flex flex-col gap-3"
          onSubmit={(ev) => {
            ev.preventDefault();
            update.mutate({ caseId, referralId: r.id, status, outcome: outcome.trim() || undefined, version: r.version });
          }}
        >
          {error && <Alert tone="error">{error}</Alert>}
          <ChoiceField
            label={t("referralStatusLabel")}
            value={status}
            options={REFERRAL_STATUSES}
            optionLabel={(s) => t(`referralStatus.${s}`)}
            onChange={setStatus}
          />
          <Field label={t("referralOutcome")} hint={t("referralOutcomeHint")}>
            {({ id, describedBy }) => (
              <textarea
                id={id}
                aria-describedby={describedBy}
                className="min-h-20 w-full rounded-lg border border-slate-300 px-3 py-2"
                value={outcome}
                onChange={(e) => setOutcome(e.target.value)}
                maxLength={2000}
              />
            )}
          </Field>
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
