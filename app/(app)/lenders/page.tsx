import { getTranslations } from "next-intl/server";
import { AppShell } from "@/app/_components/app-shell";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/page-guard";
import { LenderDirectory } from "./lender-directory";

export async function generateMetadata() {
  return { title: (await getTranslations("assessment.lenders"))("title") };
}

export default async function LendersPage() {
  const membership = await requireRole(["admin"], "/lenders");
  const t = await getTranslations("assessment.lenders");
  prefetch(trpc.lender.list.queryOptions({ includeArchived: true }));
  return (
    <AppShell membership={membership}>
      <h1 className="mb-2 text-2xl font-bold">{t("title")}</h1>
      <p className="mb-6 max-w-prose text-sm text-slate-700">{t("lead")}</p>
      <HydrateClient>
        <LenderDirectory />
      </HydrateClient>
    </AppShell>
  );
}
