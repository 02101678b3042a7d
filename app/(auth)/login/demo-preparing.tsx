"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect } from "react";

/** Shown on the login page while the demo data is written (decision 019); reloads the page when it is ready. */
export function DemoPreparing() {
  const t = useTranslations("demoStart");
  const router = useRouter();
  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      if (stopped) return;
      const res = await fetch("/api/ready", { cache: "no-store" }).catch(() => null);
      if (res?.ok) router.refresh();
      else setTimeout(poll, 1500);
    };
    const first = setTimeout(poll, 1500);
    return () => {
      stopped = true;
      clearTimeout(first);
    };
  }, [router]);
  return (
    <p role="status" data-demo-preparing className="mb-4 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
      {t("preparing")}
    </p>
  );
}
