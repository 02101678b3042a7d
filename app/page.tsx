import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "./_components/language-switch";

export default async function Landing() {
  const t = await getTranslations();
  const features = [1, 2, 3] as const;
  return (
    <div className="min-h-dvh bg-gradient-to-b from-brand-50 to-white">
      <header className="mx-auto flex max-w-5xl items-center justify-between px-4 py-3">
        <span className="text-lg font-bold text-brand-700">{t("app.name")}</span>
        <div className="flex items-center gap-1">
          <LanguageSwitch />
          <Link href="/login" className="flex min-h-11 items-center rounded-lg px-3 text-sm text-slate-800 hover:bg-white">
            {t("nav.login")}
          </Link>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 pb-16 pt-8 sm:pt-16">
        <h1 className="max-w-3xl text-3xl font-bold leading-tight text-slate-900 sm:text-5xl">{t("landing.title")}</h1>
        <p className="mt-4 max-w-2xl text-lg text-slate-700">{t("landing.lead")}</p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link
            href="/signup"
            className="flex min-h-11 items-center rounded-lg bg-brand-700 px-5 font-medium text-white hover:bg-brand-800"
          >
            {t("landing.ctaSignup")}
          </Link>
          <Link
            href="/login"
            className="flex min-h-11 items-center rounded-lg border border-slate-300 bg-white px-5 font-medium text-slate-800 hover:bg-slate-100"
          >
            {t("landing.ctaLogin")}
          </Link>
        </div>
        <ul className="mt-12 grid gap-4 sm:grid-cols-3">
          {features.map((n) => (
            <li key={n} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
              <h2 className="font-semibold text-slate-900">{t(`landing.f${n}t`)}</h2>
              <p className="mt-2 text-sm text-slate-700">{t(`landing.f${n}`)}</p>
            </li>
          ))}
        </ul>
        <p className="mt-10 max-w-3xl rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">{t("landing.honest")}</p>
      </main>
    </div>
  );
}
