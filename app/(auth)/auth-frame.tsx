import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/app/_components/language-switch";

export async function AuthFrame({ title, lead, children }: { title: string; lead?: string; children: React.ReactNode }) {
  const t = await getTranslations("app");
  return (
    <div className="min-h-dvh bg-gradient-to-b from-brand-50 to-white">
      <header className="mx-auto flex max-w-md items-center justify-between px-4 py-3">
        <Link href="/" className="text-lg font-bold text-brand-700">
          {t("name")}
        </Link>
        <LanguageSwitch />
      </header>
      <main id="main" className="mx-auto max-w-md px-4 pb-16 pt-4">
        <h1 className="text-2xl font-bold text-slate-900">{title}</h1>
        {lead && <p className="mt-2 text-slate-700">{lead}</p>}
        <div className="mt-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">{children}</div>
      </main>
    </div>
  );
}
