import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 px-4 text-center">
      <h1 className="text-xl font-semibold">{t("pageNotFound")}</h1>
      <Link href="/home" className="text-brand-700 underline">
        {t("goHome")}
      </Link>
    </main>
  );
}
