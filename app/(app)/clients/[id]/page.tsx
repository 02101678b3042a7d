import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AppShell } from "@/app/_components/app-shell";
import { HydrateClient, prefetch, serverCaller, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/page-guard";
import { isUuid } from "@/server/schemas/common";
import { ClientFile } from "../_components/client-file";
import { CLIENT_TABS, type ClientTab } from "../_components/tabs";

export async function generateMetadata() {
  return { title: (await getTranslations("assessment.file"))("title") };
}

export default async function ClientPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ tab?: string | string[] }>;
}) {
  const { id } = await params;
  const asked = (await searchParams).tab;
  // An unknown or missing tab opens the overview.
  const tab: ClientTab = CLIENT_TABS.find((k) => k === asked) ?? "overview";
  if (!isUuid(id)) notFound();
  const membership = await requireRole(["admin", "counselor"], `/clients/${id}`);
  // Not visible (another counselor's client, another organization) → the same "not found" as a bad id.
  const found = await (await serverCaller()).client.get({ id }).catch(() => null);
  if (!found) notFound();
  prefetch(trpc.client.get.queryOptions({ id }));
  prefetch(trpc.debt.list.queryOptions({ clientId: id }));
  if (tab === "budget") prefetch(trpc.budget.current.queryOptions({ clientId: id }));
  if (tab === "plan") prefetch(trpc.plan.get.queryOptions({ clientId: id }));
  if (tab === "debts") prefetch(trpc.lender.list.queryOptions());
  if (!["budget", "debts", "plan", "messages"].includes(tab)) prefetch(trpc.client.activity.queryOptions({ id }));
  if (tab === "overview") prefetch(trpc.portalAccess.state.queryOptions({ clientId: id }));
  return (
    <AppShell membership={membership}>
      <HydrateClient>
        <ClientFile clientId={id} isAdmin={membership.role === "admin"} tab={tab} />
      </HydrateClient>
    </AppShell>
  );
}
