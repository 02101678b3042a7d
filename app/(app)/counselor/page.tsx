import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AppShell } from "@/app/_components/app-shell";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/page-guard";
import { ClientList } from "./client-list";

export async function generateMetadata() {
  return { title: (await getTranslations("counselor"))("title") };
}

export default async function CounselorHome() {
  const membership = await requireRole(["admin", "counselor"], "/counselor");
  const t = await getTranslations("counselor");
  const ta = await getTranslations("assessment.clients");
  prefetch(trpc.client.list.queryOptions({}));
  return (
    <AppShell membership={membership}>
      <div className="mb-6 flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <Link href="/clients/new" className="flex min-h-11 items-center rounded-lg bg-brand-700 px-4 text-sm font-medium text-white hover:bg-brand-800">
          {ta("new")}
        </Link>
      </div>
      <HydrateClient>
        <ClientList />
      </HydrateClient>
    </AppShell>
  );
}
