import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { demoSeedPending } from "@/server/demo-seed-state";
import { sessionUserId } from "@/server/auth/session";
import { AuthFrame } from "../auth-frame";
import { DemoPreparing } from "./demo-preparing";
import { LoginForm } from "./login-form";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("loginTitle") };
}

export default async function LoginPage() {
  if (await sessionUserId()) redirect("/home");
  const preparing = demoSeedPending();
  const t = await getTranslations("auth");
  return (
    <AuthFrame title={t("loginTitle")} lead={t("loginLead")}>
      {preparing && <DemoPreparing />}
      <Suspense>
        <LoginForm />
      </Suspense>
      <p className="mt-4 text-sm text-slate-700">
        {t("noAccount")}{" "}
        <Link href="/signup" className="text-brand-700 underline">
          {(await getTranslations("nav"))("signup")}
        </Link>
      </p>
    </AuthFrame>
  );
}
