import Link from "next/link";
import { useTranslations } from "next-intl";

type Consent = { authorisations: Array<{ state: string }>; signOffs: Array<{ status: string }> } | null;

/** The portal home's way to her authorisation and confirmations, with how many wait for her. */
export function ConsentLink({ consent }: { consent: Consent }) {
  const t = useTranslations("portalConsent");
  const waiting = consent
    ? consent.authorisations.filter((a) => a.state === "draft").length + consent.signOffs.filter((s) => s.status === "pending").length
    : 0;
  return (
    <Link
      href="/portal/consent"
      data-testid="portal-consent-link"
      className={`mb-4 flex min-h-11 items-center justify-between rounded-xl border px-4 py-3 text-sm font-medium ${
        waiting ? "border-amber-300 bg-amber-50 text-amber-900" : "border-slate-200 bg-white text-brand-800"
      }`}
    >
      <span>{waiting ? t("linkPending", { count: waiting }) : t("link")}</span>
      <span aria-hidden="true">→</span>
    </Link>
  );
}
