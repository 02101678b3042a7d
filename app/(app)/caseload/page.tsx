import { getTranslations } from "next-intl/server";
import { AppShell } from "@/app/_components/app-shell";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/page-guard";
import { CaseloadTable } from "./caseload-table";

export async function generateMetadata() {
  return { title: (await getTranslations("caseload"))("title") };
}

/** The caseload table; search, filters and sort live in the URL. */
export default async function CaseloadPage() {
  const membership = await requireRole(["admin", "counselor"], "/caseload");
  const t = await getTranslations("caseload");
  prefetch(trpc.lender.list.queryOptions({}));
  if (membership.role === "admin") prefetch(trpc.org.members.queryOptions());
  return (
    <AppShell membership={membership}>
      <h1 className="mb-6 text-2xl font-bold">{membership.role === "admin" ? t("titleAll") : t("title")}</h1>
      <HydrateClient>
        <CaseloadTable isAdmin={membership.role === "admin"} />
      </HydrateClient>
    </AppShell>
  );
}
