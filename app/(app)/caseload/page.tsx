import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AppShell } from "@/app/_components/app-shell";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/page-guard";
import { CaseloadTable } from "./caseload-table";

export async function generateMetadata() {
  return { title: (await getTranslations("caseload"))("title") };
}

/** The caseload table (a counselor's home; /counselor redirects here); search, filters and sort live in the URL. */
export default async function CaseloadPage() {
  const membership = await requireRole(["admin", "counselor"], "/caseload");
  const t = await getTranslations("caseload");
  const ta = await getTranslations("assessment.clients");
  prefetch(trpc.lender.list.queryOptions({}));
  if (membership.role === "admin") prefetch(trpc.org.members.queryOptions());
  return (
    <AppShell membership={membership}>
      <div className="mb-6 flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{membership.role === "admin" ? t("titleAll") : t("title")}</h1>
        <Link
          href="/clients/new"
          className="flex min-h-11 items-center rounded-lg bg-brand-700 px-4 text-sm font-medium text-white hover:bg-brand-800"
        >
          {ta("new")}
        </Link>
      </div>
      <HydrateClient>
        <CaseloadTable isAdmin={membership.role === "admin"} />
      </HydrateClient>
    </AppShell>
  );
}
