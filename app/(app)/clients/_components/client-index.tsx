"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useDeferredValue, useState } from "react";
import { SampleBadge } from "@/app/_components/sample-badge";
import { EmptyState, Input } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";

/** The clients the signed-in staff member may see, each linking to the client's file. */
export function ClientIndex() {
  const t = useTranslations("assessment.clients");
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const deferred = useDeferredValue(search.trim());
  const { data } = useQuery(trpc.client.list.queryOptions(deferred ? { search: deferred } : {}));
  return (
    <div className="flex flex-col gap-4">
      <label className="max-w-md">
        <span className="sr-only">{t("search")}</span>
        <Input type="search" placeholder={t("search")} value={search} onChange={(e) => setSearch(e.target.value)} />
      </label>
      {!data ? null : data.length === 0 ? (
        <EmptyState>
          {deferred ? (
            t("noMatch", { search: deferred })
          ) : (
            <>
              {t("empty")}{" "}
              <Link href="/clients/new" className="font-medium text-brand-700 underline">
                {t("emptyLink")}
              </Link>
            </>
          )}
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white" data-testid="client-index">
          {data.map((c) => (
            <li key={c.id}>
              <Link
                href={`/clients/${c.id}`}
                className="flex min-h-14 flex-wrap items-center justify-between gap-2 px-4 py-3 hover:bg-slate-50"
              >
                <span className="font-medium text-brand-700">
                  {c.fullName}
                  {c.sample && <SampleBadge />}
                </span>
                <span className="text-sm text-slate-600">
                  {[c.city, c.phoneLast4 ? `•••${c.phoneLast4}` : null, c.counselorName].filter(Boolean).join(" · ")}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
