import { getTranslations } from "next-intl/server";
import { AppShell } from "@/app/_components/app-shell";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/page-guard";
import { PortalHome } from "./portal-home";

export async function generateMetadata() {
  return { title: (await getTranslations("portal"))("title") };
}

export default async function PortalPage() {
  const membership = await requireRole(["client"], "/portal");
  prefetch(trpc.portal.overview.queryOptions());
  return (
    <AppShell membership={membership}>
      <HydrateClient>
        <PortalHome />
      </HydrateClient>
    </AppShell>
  );
}
