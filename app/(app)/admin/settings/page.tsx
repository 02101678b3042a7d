import { getTranslations } from "next-intl/server";
import { AppShell } from "@/app/_components/app-shell";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/page-guard";
import { MessageSettingsSection } from "./message-settings-section";
import { SettingsForm } from "./settings-form";
import { ConsentSettingsSection } from "./consent-settings";

export async function generateMetadata() {
  return { title: (await getTranslations("orgSettings"))("title") };
}

export default async function SettingsPage() {
  const membership = await requireRole(["admin"], "/admin/settings");
  const t = await getTranslations("orgSettings");
  prefetch(trpc.settings.get.queryOptions());
  prefetch(trpc.consent.settings.queryOptions());
  return (
    <AppShell membership={membership}>
      <h1 className="mb-6 text-2xl font-bold">{t("title")}</h1>
      <HydrateClient>
        <SettingsForm />
        <ConsentSettingsSection />
        <div className="mt-6">
          <MessageSettingsSection />
        </div>
      </HydrateClient>
    </AppShell>
  );
}
