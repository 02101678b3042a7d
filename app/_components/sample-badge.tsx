import { useTranslations } from "next-intl";

/** Marks a sample client ("try with sample data", decision 019). */
export function SampleBadge() {
  const t = useTranslations("sample");
  return (
    <span data-testid="sample-badge" className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 align-middle text-xs font-medium text-amber-900">
      {t("badge")}
    </span>
  );
}
