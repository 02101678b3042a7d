"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";

export function OrgSwitch({ current, options }: { current: string; options: Array<{ orgId: string; name: string; role: string }> }) {
  const router = useRouter();
  const t = useTranslations();
  if (options.length < 2) return null;
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      <span className="sr-only sm:not-sr-only">{t("nav.organization")}</span>
      <select
        className="min-h-11 rounded-lg border border-slate-300 bg-white px-2"
        value={current}
        onChange={(e) => {
          document.cookie = `xs_org=${e.target.value}; path=/; max-age=31536000; samesite=lax`;
          router.push("/home");
          router.refresh();
        }}
      >
        {options.map((o) => (
          <option key={o.orgId} value={o.orgId}>
            {o.name} · {t(`roles.${o.role}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
