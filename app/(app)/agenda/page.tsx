import { getTranslations } from "next-intl/server";
import { AppShell } from "@/app/_components/app-shell";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/page-guard";
import { AgendaList } from "./agenda-list";

export async function generateMetadata() {
  return { title: (await getTranslations("agenda"))("title") };
}

export default async function AgendaPage() {
  const membership = await requireRole(["admin", "counselor"], "/agenda");
  const t = await getTranslations("agenda");
  prefetch(trpc.agenda.today.queryOptions());
  return (
    <AppShell membership={membership}>
      <h1 className="mb-6 text-2xl font-bold">{t("title")}</h1>
      <HydrateClient>
        <AgendaList />
      </HydrateClient>
    </AppShell>
  );
}
