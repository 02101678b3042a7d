import { getTranslations } from "next-intl/server";
import { AppShell } from "@/app/_components/app-shell";
import { EmptyState } from "@/app/_components/ui";
import { serverCaller } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/page-guard";

export async function generateMetadata() {
  return { title: (await getTranslations("portal"))("title") };
}

export default async function PortalHome() {
  const membership = await requireRole(["client"], "/portal");
  const t = await getTranslations("portal");
  const me = await (await serverCaller()).client.mine();
  return (
    <AppShell membership={membership}>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {me && <p className="mt-1 text-slate-700">{t("hello", { name: me.fullName })}</p>}
      <div className="mt-6 flex flex-col gap-4">
        <EmptyState>{t("emptyPlan")}</EmptyState>
        <p className="text-sm text-slate-700">{me?.counselorName ? t("counselor", { name: me.counselorName }) : t("noCounselor")}</p>
        <p className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">{t("keepRecords")}</p>
      </div>
    </AppShell>
  );
}
