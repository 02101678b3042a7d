import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { sessionUserId } from "@/server/auth/session";
import { AuthFrame } from "../auth-frame";
import { SignUpForm } from "./signup-form";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("signupTitle") };
}

export default async function SignUpPage() {
  if (await sessionUserId()) redirect("/home");
  const t = await getTranslations("auth");
  return (
    <AuthFrame title={t("signupTitle")} lead={t("signupLead")}>
      <SignUpForm />
      <p className="mt-4 text-sm text-slate-700">
        {t("haveAccount")}{" "}
        <Link href="/login" className="text-brand-700 underline">
          {t("submitLogin")}
        </Link>
      </p>
    </AuthFrame>
  );
}
