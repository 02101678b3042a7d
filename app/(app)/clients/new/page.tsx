import { getTranslations } from "next-intl/server";
import { AppShell } from "@/app/_components/app-shell";
import { Card } from "@/app/_components/ui";
import { HydrateClient } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/page-guard";
import { IntakeForm } from "../_components/intake-form";

export async function generateMetadata() {
  return { title: (await getTranslations("assessment.intake"))("newTitle") };
}

export default async function NewClientPage() {
  const membership = await requireRole(["admin", "counselor"], "/clients/new");
  const t = await getTranslations("assessment.intake");
  return (
    <AppShell membership={membership}>
      <h1 className="mb-2 text-2xl font-bold">{t("newTitle")}</h1>
      <p className="mb-6 max-w-prose text-sm text-slate-700">{t("newLead")}</p>
      <HydrateClient>
        <Card>
          <IntakeForm isAdmin={membership.role === "admin"} />
        </Card>
      </HydrateClient>
    </AppShell>
  );
}
