import { getTranslations } from "next-intl/server";
import { AppShell } from "@/app/_components/app-shell";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/page-guard";
import { AuditViewer } from "./audit-viewer";

export async function generateMetadata() {
  return { title: (await getTranslations("audit"))("title") };
}

export default async function AuditPage() {
  const membership = await requireRole(["admin"], "/admin/audit");
  const t = await getTranslations("audit");
  prefetch(trpc.org.members.queryOptions());
  return (
    <AppShell membership={membership}>
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-6 max-w-3xl text-sm text-slate-700">{t("lead")}</p>
      <HydrateClient>
        <AuditViewer />
      </HydrateClient>
    </AppShell>
  );
}
