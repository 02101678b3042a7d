import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AppShell } from "@/app/_components/app-shell";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/page-guard";
import { ClientIndex } from "./_components/client-index";

export async function generateMetadata() {
  return { title: (await getTranslations("assessment.clients"))("title") };
}

export default async function ClientsPage() {
  const membership = await requireRole(["admin", "counselor"], "/clients");
  const t = await getTranslations("assessment.clients");
  prefetch(trpc.client.list.queryOptions({}));
  return (
    <AppShell membership={membership}>
      <div className="mb-6 flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <div className="flex flex-wrap gap-2">
          {membership.role === "admin" && (
            <Link
              href="/lenders"
              className="flex min-h-11 items-center rounded-lg border border-slate-300 bg-white px-4 text-sm font-medium"
            >
              {t("lenders")}
            </Link>
          )}
          <Link
            href="/clients/new"
            className="flex min-h-11 items-center rounded-lg bg-brand-700 px-4 text-sm font-medium text-white hover:bg-brand-800"
          >
            {t("new")}
          </Link>
        </div>
      </div>
      <HydrateClient>
        <ClientIndex />
      </HydrateClient>
    </AppShell>
  );
}
