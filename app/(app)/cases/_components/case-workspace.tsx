"use client";

import { useMutation, useQuery, useSuspenseQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { ConsentPanel } from "./consent-panel";
import { useState } from "react";
import { Alert, Button, Card, Field, Input, Select } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { BalanceNotes } from "../../_workspace/balance-notes";
import { parseSystemReason } from "@/server/domain/case-reasons";
import { ALLOWED_TRANSITIONS, type CaseState } from "@/server/domain/case-state";
import type { DueSuggestion } from "./follow-up-dates";
import { ReferralsCard, TasksCard } from "./follow-ups";
import { formatFen, formatInstant } from "./format";
import { useRefresh } from "./case-shared";
import { CASE_TABS, caseTab, type CaseTab } from "./tabs";
import { useErrorWords } from "@/app/_components/use-error-words";

// The other tabs (one file each) are downloaded when one is opened, not on a first visit.
const tabLoading = () => <div className="h-48 animate-pulse rounded-xl bg-slate-100" />;
const Proposals = dynamic(() => import("./proposals-tab").then((m) => m.Proposals), { loading: tabLoading });
const Schedule = dynamic(() => import("./schedule-tab").then((m) => m.Schedule), { loading: tabLoading });
const Contacts = dynamic(() => import("./contacts-tab").then((m) => m.Contacts), { loading: tabLoading });
const Documents = dynamic(() => import("./documents-tab").then((m) => m.Documents), { loading: tabLoading });
const Legal = dynamic(() => import("./legal-tab").then((m) => m.LegalTab), { loading: tabLoading });
const Complaints = dynamic(() => import("./complaints-tab").then((m) => m.Complaints), { loading: tabLoading });

export function CaseWorkspace({
  caseId,
  canApprove,
  dueSuggestions,
}: {
  caseId: string;
  canApprove: boolean;
  dueSuggestions: DueSuggestion[];
}) {
  const t = useTranslations("cases");
  const common = useTranslations("common");
  // The tab lives in the URL (?tab=proposals): a reload, a shared link, back and forward keep it.
  const tab = caseTab(useSearchParams().get("tab"));
  const open = (key: CaseTab) => {
    const url = new URL(window.location.href);
    if (key === "overview") url.searchParams.delete("tab");
    else url.searchParams.set("tab", key);
    // Next.js keeps useSearchParams in step with the history API, without a round trip to the server.
    window.history.pushState(null, "", url);
  };
  const trpc = useTRPC();
  const { data: c } = useSuspenseQuery(trpc.case.get.queryOptions({ caseId }));
  return (
    <div className="flex flex-col gap-4">
      <header>
        {c.client && (
          <Link href={`/clients/${c.client.id}`} className="inline-flex min-h-11 items-center text-sm text-brand-700 underline">
            {t("backToClient", { name: c.client.fullName })}
          </Link>
        )}
        <h1 className="text-2xl font-bold">
          {c.client?.fullName} · {c.debt.lenderName}
        </h1>
        <p className="text-sm text-slate-700">
          {t("status")}
          {common("colon")}
          <strong data-testid="case-status">{t(`states.${c.status}`)}</strong>
        </p>
      </header>
      <nav className="flex flex-wrap gap-2" aria-label={t("case")}>
        {CASE_TABS.map((key) => (
          <Button key={key} variant={tab === key ? "primary" : "secondary"} onClick={() => open(key)} aria-pressed={tab === key}>
            {t(`tabs.${key}`)}
          </Button>
        ))}
      </nav>
      <ConsentPanel caseId={caseId} />
      {tab === "overview" && <Overview caseId={caseId} dueSuggestions={dueSuggestions} />}
      {tab === "proposals" && <Proposals caseId={caseId} canApprove={canApprove} lenderId={c.debt.lenderId} />}
      {tab === "schedule" && <Schedule caseId={caseId} />}
      {tab === "contacts" && <Contacts caseId={caseId} />}
      {tab === "documents" && <Documents caseId={caseId} />}
      {tab === "legal" && <Legal caseId={caseId} />}
      {tab === "complaints" && <Complaints caseId={caseId} />}
    </div>
  );
}

function Overview({ caseId, dueSuggestions }: { caseId: string; dueSuggestions: DueSuggestion[] }) {
  const t = useTranslations("cases");
  const tc = useTranslations("calendar");
  const trpc = useTRPC();
  const refresh = useRefresh();
  const explain = useErrorWords();
  const [error, setError] = useState<string | null>(null);
  const { data: c } = useSuspenseQuery(trpc.case.get.queryOptions({ caseId }));
  const windowQuery = useQuery(trpc.case.nextContactWindow.queryOptions({ caseId }));
  const [to, setTo] = useState<CaseState | "">("");
  const [reason, setReason] = useState("");
  const transition = useMutation(
    trpc.case.transition.mutationOptions({
      onSuccess: () => {
        setTo("");
        setReason("");
        setError(null);
        void refresh();
      },
      onError: (e) => setError(explain(e).text),
    }),
  );
  const tb = useTranslations("balance");
  const b = c.balance;
  // A move made by another action reads in the page's language; a reason a person typed stays as typed.
  const reasonText = (reason: string) => {
    const r = parseSystemReason(reason);
    if (!r) return reason;
    return r.key === "response"
      ? t("systemReasons.response", { seq: r.seq, answer: t(`responseKinds.${r.answer}`) })
      : t(`systemReasons.${r.key}`, "seq" in r ? { seq: r.seq } : {});
  };
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title={t("overview")}>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-600">{t("client")}</dt>
          <dd>{c.client?.fullName}</dd>
          <dt className="text-slate-600">{t("lender")}</dt>
          <dd>{c.debt.lenderName}</dd>
          <dt className="text-slate-600">{t("debtTotal")}</dt>
          <dd>
            <span className="font-semibold" data-testid="case-owed">
              {formatFen(b.owedFen)}
            </span>
            <span className="block text-xs text-slate-600">{tb(`kind.${b.kind}`)}</span>
            {b.agreedTotalFen !== null && b.kind !== "estimate" && (
              <span className="block text-xs text-slate-600">
                {tb("agreedTotal", { total: formatFen(b.agreedTotalFen), paid: formatFen(b.paidFen) })}
              </span>
            )}
            <BalanceNotes
              side={{
                growthFen: b.growthFen,
                since: b.asOf,
                dailyGrowthFen: b.dailyGrowthFen,
                pendingFen: b.pendingFen,
                reliefFen: b.reliefFen,
              }}
            />
          </dd>
          <dt className="text-slate-600">{t("overdueSince")}</dt>
          <dd>{c.debt.overdueSince ?? "—"}</dd>
          <dt className="text-slate-600">{t("openedAt")}</dt>
          <dd>{formatInstant(c.openedAt).slice(0, 10)}</dd>
        </dl>
        <div className="mt-4 rounded-lg bg-slate-50 p-3 text-sm">
          <p className="font-medium">{t("nextWindow")}</p>
          {windowQuery.data ? (
            <p data-testid="next-window">
              {formatInstant(windowQuery.data.start)} – {formatInstant(windowQuery.data.end).slice(11)} (
              {t(`windowSource.${windowQuery.data.source as "lender" | "organization"}`)})
            </p>
          ) : windowQuery.error ? (
            <p>{explain(windowQuery.error).text}</p>
          ) : null}
          {windowQuery.data?.estimated && (
            <p className="text-xs font-medium text-amber-800" data-testid="next-window-estimated">
              {tc("estimatedWindow")}
            </p>
          )}
          <p className="text-xs text-slate-600">{t("nextWindowHint")}</p>
        </div>
      </Card>
      <Card title={t("history")}>
        <ol className="space-y-1 text-sm">
          {c.events.map((e) => (
            <li key={e.id}>
              {formatInstant(e.at)} · {e.fromStatus ? `${t(`states.${e.fromStatus}`)} → ` : ""}
              {t(`states.${e.toStatus}`)}
              {e.reason ? ` · ${reasonText(e.reason)}` : ""}
            </li>
          ))}
        </ol>
        {ALLOWED_TRANSITIONS[c.status].length > 0 && (
          <form
            className="mt-4 flex flex-col gap-3"
            onSubmit={(ev) => {
              ev.preventDefault();
              if (to) transition.mutate({ caseId, to, reason: reason || undefined, version: c.version });
            }}
          >
            {error && <Alert tone="error">{error}</Alert>}
            <Field label={t("transitionTo")} hint={t("transitionHint")}>
              {({ id, describedBy }) => (
                <Select id={id} aria-describedby={describedBy} value={to} onChange={(e) => setTo(e.target.value as CaseState)}>
                  <option value="">—</option>
                  {ALLOWED_TRANSITIONS[c.status].map((s) => (
                    <option key={s} value={s}>
                      {t(`states.${s}`)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t("reason")}>
              {({ id }) => <Input id={id} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} />}
            </Field>
            <Button type="submit" disabled={!to || transition.isPending}>
              {t("transition")}
            </Button>
          </form>
        )}
      </Card>
      <TasksCard caseId={caseId} suggestions={dueSuggestions} />
      <ReferralsCard caseId={caseId} />
    </div>
  );
}
