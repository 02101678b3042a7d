"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useDeferredValue, useState } from "react";
import { EmptyState, Input } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";

export function ClientList() {
  const t = useTranslations("counselor");
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const deferred = useDeferredValue(search.trim());
  const { data, isLoading } = useQuery(trpc.client.list.queryOptions(deferred ? { search: deferred } : {}));
  return (
    <div className="flex flex-col gap-4">
      <label className="max-w-md">
        <span className="sr-only">{t("search")}</span>
        <Input type="search" placeholder={t("search")} value={search} onChange={(e) => setSearch(e.target.value)} />
      </label>
      {isLoading || !data ? null : data.length === 0 ? (
        <EmptyState>{deferred ? t("emptySearch") : t("empty")}</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">{t("name")}</th>
                <th scope="col" className="px-4 py-3 font-medium">{t("phone")}</th>
                <th scope="col" className="px-4 py-3 font-medium">{t("city")}</th>
                <th scope="col" className="px-4 py-3 font-medium">{t("counselor")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100" data-testid="client-rows">
              {data.map((c) => (
                <tr key={c.id}>
                  <td className="px-4 py-3 font-medium">
                    <Link href={`/clients/${c.id}`} className="text-brand-700 underline">{c.fullName}</Link>
                  </td>
                  <td className="px-4 py-3">{c.phoneLast4 ? `•••${c.phoneLast4}` : "—"}</td>
                  <td className="px-4 py-3">{c.city ?? "—"}</td>
                  <td className="px-4 py-3">{c.counselorName ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
