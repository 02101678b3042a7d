import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AppShell } from "@/app/_components/app-shell";
import { EmptyState } from "@/app/_components/ui";
import { serverCaller } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/page-guard";
import { shanghaiDate } from "@/server/domain/time";

export async function generateMetadata() {
  return { title: (await getTranslations("cases"))("title") };
}

export default async function CasesPage() {
  const membership = await requireRole(["admin", "counselor"], "/cases");
  const t = await getTranslations("cases");
  const caller = await serverCaller();
  const [list, tasks] = await Promise.all([caller.case.list({}), caller.case.tasks({})]);
  return (
    <AppShell membership={membership}>
      <h1 className="mb-6 text-2xl font-bold">{t("title")}</h1>
      {tasks.length > 0 && (
        <section className="mb-6 rounded-xl border border-amber-200 bg-amber-50 p-4">
          <h2 className="mb-2 font-semibold">{t("tasks")}</h2>
          <ul className="space-y-1 text-sm">
            {tasks.map((task) => (
              <li key={task.id}>
                <Link className="underline" href={`/cases/${task.caseId}`}>
                  {task.dueOn} · {task.clientName} · {task.title ?? t(`taskKinds.${task.kind}`)}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {list.length === 0 ? (
        <EmptyState>
          {t("noCases")}{" "}
          <Link href="/clients" className="font-medium text-brand-700 underline">
            {t("noCasesLink")}
          </Link>
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" data-testid="cases">
          {list.map((c) => (
            <li key={c.id}>
              <Link href={`/cases/${c.id}`} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 hover:bg-slate-50">
                <span className="font-medium">
                  {c.clientName} · {c.lenderName}
                </span>
                <span className="text-sm text-slate-600">
                  {t(`states.${c.status}`)} · {shanghaiDate(c.openedAt)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </AppShell>
  );
}
