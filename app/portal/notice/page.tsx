import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { BellLink } from "@/app/_components/bell-link";
import { ShellFrame } from "@/app/_components/shell-frame";
import { requireRole } from "@/server/auth/page-guard";
import { NoticeForm } from "./notice-form";

export async function generateMetadata() {
  return { title: (await getTranslations("legal.notice"))("title") };
}

/** Guidance on "court" and "arbitration" messages, with the check: plain words, never a legal verdict. */
export default async function NoticePage() {
  const membership = await requireRole(["client"], "/portal/notice");
  const t = await getTranslations("legal.notice");
  const tp = await getTranslations("portal");
  return (
    <ShellFrame membership={membership} bell={(unread) => <BellLink count={unread} />}>
      <div className="mx-auto flex max-w-xl flex-col gap-4">
        <Link href="/portal" className="text-sm text-brand-700 underline">
          ← {tp("title")}
        </Link>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-base text-slate-800">{t("intro")}</p>
        <p className="text-base font-medium text-slate-900">{t("personalAccountRule")}</p>
        <p className="text-base text-slate-800">{t("verify")}</p>
        <NoticeForm />
      </div>
    </ShellFrame>
  );
}
