"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { Alert, Button, EmptyState, Field, Input, Select } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { CASE_STATES, type CaseState } from "@/server/domain/case-state";
import { FenCheck } from "@/app/_components/fen-check";
import { formatFen } from "@/server/domain/money";
import { useErrorWords } from "@/app/_components/use-error-words";
import { DataTable } from "@/app/_components/data-table";
import { moneyOrNull } from "@/app/_components/money-input";

/** The sorts caseload.list accepts (server/schemas/workspace.ts; not imported: it pulls the db schema in). */
const CASELOAD_SORTS = ["name", "overdue", "nextDue", "owed"] as const;
type CaseloadSort = (typeof CASELOAD_SORTS)[number];

/** A yuan amount from the URL as fen; anything that is not one is no filter. */
function yuanParam(v: string | null): number | undefined {
  if (!v) return undefined;
  const fen = moneyOrNull(v);
  return fen !== null && fen >= 0 ? fen : undefined;
}

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  (list as readonly string[]).includes(v ?? "") ? (v as T) : undefined;

export function CaseloadTable({ isAdmin }: { isAdmin: boolean }) {
  const t = useTranslations("caseload");
  const tb = useTranslations("balance.caseload");
  const tErrors = useTranslations("errors");
  const ts = useTranslations("cases.states");
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const apiError = useErrorWords();
  const queryClient = useQueryClient();
  const minOverdue = Number(params.get("overdue"));
  const owedMinFen = yuanParam(params.get("owedMin"));
  const owedMaxFen = yuanParam(params.get("owedMax"));
  // A reversed range is said beside the field, and not sent.
  const owedReversed = owedMinFen !== undefined && owedMaxFen !== undefined && owedMinFen > owedMaxFen;
  const filter = {
    search: params.get("q") || undefined,
    status: oneOf<CaseState>(CASE_STATES, params.get("status")),
    lenderId: params.get("lender") || undefined,
    minOverdueDays: Number.isInteger(minOverdue) && minOverdue > 0 ? minOverdue : undefined,
    needsReview: params.get("review") === "1" ? true : undefined,
    minOwedFen: owedMinFen,
    maxOwedFen: owedReversed ? undefined : owedMaxFen,
    sort: oneOf<CaseloadSort>(CASELOAD_SORTS, params.get("sort")) ?? "name",
    dir: params.get("dir") === "desc" ? ("desc" as const) : ("asc" as const),
  };
  const [search, setSearch] = useState(filter.search ?? "");
  const [owedMin, setOwedMin] = useState(params.get("owedMin") ?? "");
  const [owedMax, setOwedMax] = useState(params.get("owedMax") ?? "");
  const { data: lenders } = useSuspenseQuery(trpc.lender.list.queryOptions({}));
  const members = useQuery({ ...trpc.org.members.queryOptions(), enabled: isAdmin });
  const list = useInfiniteQuery(
    trpc.caseload.list.infiniteQueryOptions({ ...filter, limit: 25 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
  );
  const [selected, setSelected] = useState<string[]>([]);
  const [counselorId, setCounselorId] = useState("");
  const assign = useMutation(
    trpc.caseload.assign.mutationOptions({
      onSuccess: async () => {
        setSelected([]);
        await queryClient.invalidateQueries({ queryKey: trpc.caseload.list.pathKey() });
      },
    }),
  );
  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    router.replace(`${pathname}?${next.toString()}`);
  };
  const rows = list.data?.pages.flatMap((p) => p.rows) ?? [];
  type Row = (typeof rows)[number];
  const counselors = (members.data ?? []).filter((m) => m.role === "counselor" && !m.deactivatedAt);

  return (
    <div className="flex flex-col gap-4">
      <form
        className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-3 lg:grid-cols-4"
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: search.trim(), owedMin: owedMin.trim(), owedMax: owedMax.trim() });
        }}
      >
        <Field label={t("search")}>
          {({ id }) => (
            <Input
              id={id}
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              onBlur={() => set({ q: search.trim() })}
            />
          )}
        </Field>
        <Field label={t("status")}>
          {({ id }) => (
            <Select id={id} value={filter.status ?? ""} onChange={(e) => set({ status: e.target.value })}>
              <option value="">{t("anyStatus")}</option>
              {CASE_STATES.map((s) => (
                <option key={s} value={s}>
                  {ts(s)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t("lender")}>
          {({ id }) => (
            <Select id={id} value={filter.lenderId ?? ""} onChange={(e) => set({ lender: e.target.value })}>
              <option value="">{t("anyLender")}</option>
              {lenders.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t("minOverdueDays")}>
          {({ id }) => (
            <Input
              id={id}
              type="number"
              min={0}
              inputMode="numeric"
              value={filter.minOverdueDays ?? ""}
              onChange={(e) => set({ overdue: e.target.value })}
            />
          )}
        </Field>
        <Field label={t("sort")}>
          {({ id }) => (
            <Select
              id={id}
              value={`${filter.sort}:${filter.dir}`}
              onChange={(e) => {
                const [sort = "name", dir = "asc"] = e.target.value.split(":");
                set({ sort, dir });
              }}
            >
              {CASELOAD_SORTS.flatMap((s) =>
                (["asc", "desc"] as const).map((d) => (
                  <option key={`${s}:${d}`} value={`${s}:${d}`}>
                    {s === "owed" ? tb("sortOwed") : t(s === "name" ? "sortName" : s === "overdue" ? "sortOverdue" : "sortNextDue")} ·{" "}
                    {t(d)}
                  </option>
                )),
              )}
            </Select>
          )}
        </Field>
        <Field label={tb("minOwed")} error={params.get("owedMin") && owedMinFen === undefined ? tb("amountInvalid") : undefined}>
          {({ id, describedBy, invalid }) => (
            <Input
              id={id}
              inputMode="decimal"
              aria-describedby={describedBy}
              aria-invalid={invalid}
              value={owedMin}
              onChange={(e) => setOwedMin(e.target.value)}
              onBlur={() => set({ owedMin: owedMin.trim() })}
            />
          )}
        </Field>
        <Field
          label={tb("maxOwed")}
          error={
            params.get("owedMax") && owedMaxFen === undefined
              ? tb("amountInvalid")
              : owedReversed
                ? tErrors("owedRangeReversed")
                : undefined
          }
        >
          {({ id, describedBy, invalid }) => (
            <Input
              id={id}
              inputMode="decimal"
              aria-describedby={describedBy}
              aria-invalid={invalid}
              value={owedMax}
              onChange={(e) => setOwedMax(e.target.value)}
              onBlur={() => set({ owedMax: owedMax.trim() })}
            />
          )}
        </Field>
        <label className="flex min-h-11 items-center gap-2 self-end text-sm">
          <input
            type="checkbox"
            className="h-5 w-5"
            checked={filter.needsReview === true}
            onChange={(e) => set({ review: e.target.checked ? "1" : "" })}
          />
          {t("needsReview")}
        </label>
      </form>

      {isAdmin && selected.length > 0 && (
        <div className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4">
          <Field label={t("assignSelected", { count: selected.length })}>
            {({ id }) => (
              <Select id={id} value={counselorId} onChange={(e) => setCounselorId(e.target.value)}>
                <option value="">{t("chooseCounselor")}</option>
                {counselors.map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Button disabled={!counselorId || assign.isPending} onClick={() => assign.mutate({ clientIds: selected, counselorId })}>
            {t("assign")}
          </Button>
        </div>
      )}
      {assign.error && <Alert tone="error">{apiError(assign.error).message}</Alert>}
      {assign.data && <Alert tone="success">{t("assigned", { count: assign.data.assigned })}</Alert>}
      {list.error && <Alert tone="error">{apiError(list.error).message}</Alert>}

      <DataTable
        rows={rows}
        rowKey={(r) => r.clientId}
        empty={
          list.isPending ? undefined : (
            <EmptyState>
              {params.toString() === "" ? (
                // No client at all yet (a new agency): say what to do next.
                <>
                  {t("emptyNew")}{" "}
                  <Link href="/clients/new" className="font-medium text-brand-700 underline">
                    {t("emptyNewLink")}
                  </Link>
                </>
              ) : (
                t("empty")
              )}
            </EmptyState>
          )
        }
        className="min-w-[44rem]"
        headRowClassName="border-b border-slate-200 *:whitespace-nowrap"
        rowClassName="border-b border-slate-100 *:whitespace-nowrap"
        bodyTestId="client-rows"
        columns={[
          ...(isAdmin
            ? [
                {
                  id: "select",
                  header: <span className="sr-only">{t("assign")}</span>,
                  headerClassName: "px-3 py-2",
                  cell: (r: Row) => (
                    <input
                      type="checkbox"
                      className="h-5 w-5"
                      aria-label={r.fullName}
                      checked={selected.includes(r.clientId)}
                      onChange={(e) => setSelected((s) => (e.target.checked ? [...s, r.clientId] : s.filter((x) => x !== r.clientId)))}
                    />
                  ),
                },
              ]
            : []),
          {
            id: "client",
            header: t("columns.client"),
            cell: (r) => (
              <Link href={`/clients/${r.clientId}`} className="font-medium text-brand-700 underline">
                {r.fullName}
              </Link>
            ),
          },
          { id: "counselor", header: t("columns.counselor"), cell: (r) => r.counselorName ?? "—" },
          { id: "debts", header: t("columns.debts"), cell: (r) => r.debtCount, className: "px-3 py-2 tabular-nums" },
          {
            id: "owed",
            header: t("columns.owed"),
            className: "px-3 py-2 tabular-nums",
            cellTestId: "caseload-owed",
            cell: (r) => (
              <>
                {formatFen(r.totalOwedFen)}
                <FenCheck fen={r.totalOwedFen} />
              </>
            ),
          },
          { id: "overdue", header: t("columns.overdue"), cell: (r) => r.maxOverdueDays, className: "px-3 py-2 tabular-nums" },
          { id: "status", header: t("columns.status"), cell: (r) => (r.worstCaseStatus ? ts(r.worstCaseStatus) : "—") },
          {
            id: "nextDue",
            header: t("columns.nextDue"),
            cell: (r) => r.nextDueDate ?? "—",
            className: "px-3 py-2 tabular-nums",
            cellTestId: "caseload-next-due",
          },
          {
            id: "review",
            header: t("columns.review"),
            cell: (r) =>
              r.planNeedsReview && (
                <span>
                  <span aria-hidden="true">●</span>
                  <span className="sr-only">{t("needsReview")}</span>
                </span>
              ),
          },
        ]}
      />
      {list.hasNextPage && (
        <Button variant="secondary" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t("more")}
        </Button>
      )}
    </div>
  );
}
