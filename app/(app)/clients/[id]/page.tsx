import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AppShell } from "@/app/_components/app-shell";
import { HydrateClient, prefetch, serverCaller, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/page-guard";
import { ClientFile } from "../_components/client-file";

export async function generateMetadata() {
  return { title: (await getTranslations("assessment.file"))("title") };
}

export default async function ClientPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const membership = await requireRole(["admin", "counselor"], `/clients/${id}`);
  // Not visible (another counselor's client, another organization) → the same "not found" as a bad id.
  const found = await (await serverCaller()).client.get({ id }).catch(() => null);
  if (!found) notFound();
  prefetch(trpc.client.get.queryOptions({ id }));
  prefetch(trpc.debt.list.queryOptions({ clientId: id }));
  prefetch(trpc.budget.current.queryOptions({ clientId: id }));
  prefetch(trpc.plan.get.queryOptions({ clientId: id }));
  prefetch(trpc.lender.list.queryOptions());
  return (
    <AppShell membership={membership}>
      <HydrateClient>
        <ClientFile clientId={id} isAdmin={membership.role === "admin"} />
      </HydrateClient>
    </AppShell>
  );
}
