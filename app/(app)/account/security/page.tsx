import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { AppShell } from "@/app/_components/app-shell";
import { Alert } from "@/app/_components/ui";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { pageMembership } from "@/server/auth/session";
import { TwoFactorPanel } from "./two-factor-panel";

export async function generateMetadata() {
  return { title: (await getTranslations("security"))("title") };
}

/** Every signed-in person's own security settings; reachable even before the required 2FA is set up. */
export default async function SecurityPage({ searchParams }: { searchParams: Promise<{ required?: string }> }) {
  const membership = await pageMembership();
  if (!membership) redirect("/login?next=/account/security");
  const t = await getTranslations("security");
  const { required } = await searchParams;
  prefetch(trpc.auth.twoFactorStatus.queryOptions());
  return (
    <AppShell membership={membership}>
      <h1 className="mb-4 text-2xl font-bold">{t("title")}</h1>
      {(required || membership.needsTwoFactor) && (
        <div className="mb-4">
          <Alert tone="warning">{t("required")}</Alert>
        </div>
      )}
      <HydrateClient>
        <TwoFactorPanel />
      </HydrateClient>
    </AppShell>
  );
}
