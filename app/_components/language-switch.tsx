"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { LOCALE_COOKIE } from "@/app/_i18n/config";

export function LanguageSwitch() {
  const locale = useLocale();
  const router = useRouter();
  const t = useTranslations("nav");
  const next = locale === "en" ? "zh-CN" : "en";
  return (
    <button
      type="button"
      className="min-h-11 rounded-lg px-3 text-sm text-slate-700 hover:bg-slate-100"
      title={t("language")}
      lang={next}
      onClick={() => {
        document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
        router.refresh();
      }}
    >
      {next === "en" ? "English" : "中文"}
    </button>
  );
}
