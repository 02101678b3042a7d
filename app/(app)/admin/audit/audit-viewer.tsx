"use client";

import { useInfiniteQuery, useMutation, useSuspenseQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { DataTable } from "@/app/_components/data-table";
import { Alert, Button, EmptyState, Field, Input, Select } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { shanghaiDateTime } from "@/server/domain/time";

const ENTITY_TYPES = [
  "organization",
  "membership",
  "invitation",
  "client",
  "lender",
  "debt",
  "budget",
  "plan",
  "case",
  "proposal",
  "agreement",
  "payment",
  "contact_entry",
  "document",
  "referral",
  "task",
  "settings",
  "notification",
];

/** The audit trail with filters kept in the URL (shareable, survives reload). */
export function AuditViewer() {
  const t = useTranslations("audit");
  const tw = useTranslations("auditWords");
  // Codes become words; a code without a translation yet (a newer action) is shown as it is.
  const actionWord = (code: string) =>
    tw.has(`actions.${code.replace(/\./g, "_")}`) ? tw(`actions.${code.replace(/\./g, "_")}` as "actions.display") : code;
  const entityWord = (code: string) => (tw.has(`entities.${code}`) ? tw(`entities.${code}` as "entities.client") : code);
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const filter = {
    actorUserId: params.get("actor") || undefined,
    entityType: params.get("entity") || undefined,
    from: params.get("from") || undefined,
    to: params.get("to") || undefined,
  };
  const { data: members } = useSuspenseQuery(trpc.org.members.queryOptions());
  const list = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions({ ...filter, limit: 50 }, { getNextPageParam: (last) => last.nextBefore ?? undefined }),
  );
  const verify = useMutation(trpc.audit.verify.mutationOptions());
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    router.replace(`${pathname}?${next.toString()}`);
  };
  const rows = list.data?.pages.flatMap((p) => p.rows) ?? [];

  return (
    <div className="flex flex-col gap-4">
      <form className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-4" onSubmit={(e) => e.preventDefault()}>
        <Field label={t("actor")}>
          {({ id }) => (
            <Select id={id} value={filter.actorUserId ?? ""} onChange={(e) => set("actor", e.target.value)}>
              <option value="">{t("all")}</option>
              {members.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t("entity")}>
          {({ id }) => (
            <Select id={id} value={filter.entityType ?? ""} onChange={(e) => set("entity", e.target.value)}>
              <option value="">{t("all")}</option>
              {ENTITY_TYPES.map((e) => (
                <option key={e} value={e}>
                  {entityWord(e)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t("from")}>
          {({ id }) => <Input id={id} type="date" value={filter.from ?? ""} onChange={(e) => set("from", e.target.value)} />}
        </Field>
        <Field label={t("to")}>
          {({ id }) => <Input id={id} type="date" value={filter.to ?? ""} onChange={(e) => set("to", e.target.value)} />}
        </Field>
      </form>
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" onClick={() => verify.mutate()} disabled={verify.isPending}>
          {t("verify")}
        </Button>
        {verify.data && (
          <Alert tone={verify.data.ok ? "success" : "error"}>
            {verify.data.ok ? t("verifyOk", { count: verify.data.count }) : t("verifyBroken", { seq: verify.data.brokenAt })}
          </Alert>
        )}
      </div>
      {list.isLoading ? null : (
        <DataTable
          rows={rows}
          rowKey={(r) => String(r.seq)}
          empty={<EmptyState>{t("empty")}</EmptyState>}
          headRowClassName="bg-slate-50 text-slate-700"
          bodyClassName="divide-y divide-slate-100"
          bodyTestId="audit-rows"
          columns={[
            { id: "seq", header: "#", cell: (r) => r.seq, className: "px-3 py-2 text-slate-600", sortValue: (r) => r.seq },
            { id: "at", header: t("at"), cell: (r) => shanghaiDateTime(r.at), className: "whitespace-nowrap px-3 py-2" },
            { id: "actor", header: t("actor"), cell: (r) => r.actorName ?? "—", sortValue: (r) => r.actorName },
            { id: "action", header: t("action"), cell: (r) => <span title={r.action}>{actionWord(r.action)}</span> },
            {
              id: "entity",
              header: t("entity"),
              cell: (r) => (
                <>
                  {entityWord(r.entityType)}
                  {r.entityId ? <span className="font-mono text-xs text-slate-600"> · {r.entityId.slice(0, 8)}</span> : ""}
                </>
              ),
            },
          ]}
        />
      )}
      {list.hasNextPage && (
        <Button variant="secondary" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {t("more")}
        </Button>
      )}
    </div>
  );
}
