import { getTranslations } from "next-intl/server";
import { AppShell } from "@/app/_components/app-shell";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/page-guard";
import { MediationDirectory } from "./mediation-directory";

export async function generateMetadata() {
  return { title: (await getTranslations("legal.directory"))("title") };
}

/** The organization's mediation bodies: kept by the admin, read by counselors (cases pick from it). */
export default async function MediationBodiesPage() {
  const membership = await requireRole(["admin", "counselor"], "/mediation-bodies");
  const t = await getTranslations("legal.directory");
  prefetch(trpc.mediationBody.list.queryOptions({ includeArchived: true }));
  return (
    <AppShell membership={membership}>
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-6 max-w-prose text-sm text-slate-700">{t("intro")}</p>
      <HydrateClient>
        <MediationDirectory canManage={membership.role === "admin"} />
      </HydrateClient>
    </AppShell>
  );
}
