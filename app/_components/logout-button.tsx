"use client";

import { useTranslations } from "next-intl";
import { signOutTo } from "./auth-client";

export function LogoutButton() {
  const t = useTranslations("nav");
  return (
    <button
      type="button"
      className="min-h-11 rounded-lg px-3 text-sm text-slate-700 hover:bg-slate-100"
      onClick={() => {
        document.cookie = "xs_org=; path=/; max-age=0";
        void signOutTo("/login");
      }}
    >
      {t("logout")}
    </button>
  );
}
