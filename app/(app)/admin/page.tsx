import { getTranslations } from "next-intl/server";
import { AppShell } from "@/app/_components/app-shell";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/page-guard";
import { FirstWeek } from "./first-week";
import { InvitePanel } from "./invite-panel";
import { MembersPanel } from "./members-panel";
import { SampleData } from "./sample-data";

export async function generateMetadata() {
  return { title: (await getTranslations("admin"))("title") };
}

export default async function AdminHome() {
  const membership = await requireRole(["admin"], "/admin");
  const t = await getTranslations("admin");
  prefetch(trpc.org.members.queryOptions());
  prefetch(trpc.org.invitations.queryOptions());
  return (
    <AppShell membership={membership}>
      <h1 className="mb-6 text-2xl font-bold">{t("title")}</h1>
      <FirstWeek />
      <HydrateClient>
        <SampleData />
        <div className="grid gap-6 lg:grid-cols-[1fr_1.4fr]">
          <div id="invite">
            <InvitePanel />
          </div>
          <MembersPanel selfId={membership.userId} />
        </div>
      </HydrateClient>
    </AppShell>
  );
}
