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
  prefetch(trpc.client.list.queryOptions({}));
  return (
    <AppShell membership={membership}>
      <h1 className="mb-6 text-2xl font-bold">{t("title")}</h1>
      <HydrateClient>
        <ClientList />
      </HydrateClient>
    </AppShell>
  );
}
