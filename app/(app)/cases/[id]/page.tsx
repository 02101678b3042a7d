import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AppShell } from "@/app/_components/app-shell";
import { HydrateClient, prefetch, serverCaller, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/page-guard";
import { isUuid } from "@/server/schemas/common";
import { CaseWorkspace } from "../_components/case-workspace";
import { caseTab } from "../_components/tabs";

export async function generateMetadata() {
  return { title: (await getTranslations("cases"))("case") };
}

export default async function CasePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ tab?: string | string[] }>;
}) {
  const { id } = await params;
  const { tab } = await searchParams;
  const membership = await requireRole(["admin", "counselor"], `/cases/${id}`);
  if (!isUuid(id)) notFound();
  const caller = await serverCaller();
  // Not visible (another counselor's client, another organization) → the same "not found" as a bad id.
  const found = await caller.case.get({ caseId: id }).catch(() => null);
  if (!found) notFound();
  const dueSuggestions = await caller.calendar.followUpDates();
  const input = { caseId: id };
  prefetch(trpc.case.get.queryOptions(input));
  prefetch(trpc.case.proposals.queryOptions(input));
  prefetch(trpc.case.negotiation.queryOptions(input));
  prefetch(trpc.payment.schedule.queryOptions(input));
  prefetch(trpc.contact.list.queryOptions(input));
  prefetch(trpc.document.list.queryOptions(input));
  prefetch(trpc.document.checklist.queryOptions(input));
  prefetch(trpc.case.tasks.queryOptions(input));
  prefetch(trpc.case.referrals.queryOptions(input));
  // The court tab reads its track while it renders: opened by its link (?tab=legal), the server fetches it first.
  if (caseTab(tab) === "legal") {
    prefetch(trpc.legal.forCase.queryOptions(input));
    prefetch(trpc.mediationBody.list.queryOptions());
  }
  return (
    <AppShell membership={membership}>
      <HydrateClient>
        <CaseWorkspace caseId={id} canApprove={membership.role === "admin"} dueSuggestions={dueSuggestions} />
      </HydrateClient>
    </AppShell>
  );
}
