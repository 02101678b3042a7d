import { getTranslations } from "next-intl/server";
import { AppShell } from "@/app/_components/app-shell";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/page-guard";
import { ComplaintFigures } from "./complaint-figures";
import { OutcomesDashboard } from "./outcomes-dashboard";

export async function generateMetadata() {
  return { title: (await getTranslations("outcomes"))("title") };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Admin outcomes; the date range lives in the URL (?from=&to=). */
export default async function OutcomesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const membership = await requireRole(["admin"], "/admin/outcomes");
  const t = await getTranslations("outcomes");
  const sp = await searchParams;
  const pick = (v: string | string[] | undefined) => (typeof v === "string" && DAY.test(v) ? v : undefined);
  const range = { from: pick(sp.from), to: pick(sp.to) };
  prefetch(trpc.outcomes.summary.queryOptions(range));
  return (
    <AppShell membership={membership}>
      <h1 className="mb-6 text-2xl font-bold">{t("title")}</h1>
      <HydrateClient>
        <OutcomesDashboard from={range.from} to={range.to} />
      </HydrateClient>
      <ComplaintFigures from={range.from} to={range.to} />
    </AppShell>
  );
}
