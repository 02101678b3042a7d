"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Alert, Button, Card } from "@/app/_components/ui";
import { useErrorWords } from "@/app/_components/use-error-words";
import { useTRPC } from "@/app/_trpc/client";

/**
 * "Try with sample data" on the admin home of a new agency: load three sample clients, and while any are
 * there a banner that says so with the one action that removes them all (decision 019). Not in the demo agency.
 */
export function SampleData() {
  const t = useTranslations("sample");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const words = useErrorWords();
  const status = useQuery(trpc.sample.status.queryOptions());
  const done = async () => {
    await queryClient.invalidateQueries();
    router.refresh();
  };
  const load = useMutation(trpc.sample.load.mutationOptions({ onSuccess: done }));
  const remove = useMutation(trpc.sample.remove.mutationOptions({ onSuccess: done }));
  const failure = load.error ?? remove.error;
  if (!status.data || status.data.isDemo) return null;
  const count = status.data.clients;
  return (
    <div className="mb-6" aria-live="polite">
      {failure && <Alert tone="error">{words(failure).text}</Alert>}
      {remove.data && count === 0 && <Alert tone="success">{t("removed", { count: remove.data.removed })}</Alert>}
      {count > 0 ? (
        <section data-testid="sample-banner" className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-950">
          <p className="font-medium">{t("bannerTitle", { count })}</p>
          <p className="mt-1 text-sm">{t("bannerBody")}</p>
          <Button
            className="mt-3"
            variant="secondary"
            disabled={remove.isPending}
            onClick={() => {
              if (window.confirm(t("removeConfirm"))) remove.mutate();
            }}
          >
            {remove.isPending ? t("removing") : t("remove")}
          </Button>
        </section>
      ) : (
        <Card title={t("title")}>
          <p className="text-sm text-slate-700">{t("lead")}</p>
          <Button className="mt-3" disabled={load.isPending} onClick={() => load.mutate()}>
            {load.isPending ? t("loading") : t("load")}
          </Button>
        </Card>
      )}
    </div>
  );
}
