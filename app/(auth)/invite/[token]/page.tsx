import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/app/_components/ui";
import { zInvitationToken } from "@/server/schemas/auth";
import { serverCaller } from "@/app/_trpc/server";
import { AuthFrame } from "../../auth-frame";
import { AcceptForm } from "./accept-form";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token: raw } = await params;
  const token = decodeURIComponent(raw);
  const t = await getTranslations();
  const parsed = zInvitationToken.safeParse(token);
  const info = parsed.success
    ? await (await serverCaller()).auth.describeInvitation({ token: parsed.data })
    : ({ ok: false, problem: "invitationInvalid" } as const);
  if (!info.ok) {
    return (
      <AuthFrame title={t("auth.inviteProblem")}>
        <Alert tone="error">{t(`errors.${info.problem}`, { requestId: "-" })}</Alert>
        <p className="mt-4 text-sm text-slate-700">{t("auth.askAdmin")}</p>
        <Link href="/login" className="mt-4 inline-block text-brand-700 underline">
          {t("nav.login")}
        </Link>
      </AuthFrame>
    );
  }
  return (
    <AuthFrame
      title={t("auth.inviteTitle")}
      lead={t("auth.inviteLead", { organization: info.organizationName, role: t(`roles.${info.role}`) })}
    >
      <AcceptForm
        token={token}
        email={info.email}
        phoneLast4={info.phoneLast4}
        hasAccount={info.hasAccount}
        suggestedName={info.suggestedName}
      />
    </AuthFrame>
  );
}
