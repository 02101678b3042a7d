import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { BellLink } from "@/app/_components/bell-link";
import { ShellFrame } from "@/app/_components/shell-frame";
import { EmptyState } from "@/app/_components/ui";
import { serverCaller } from "@/app/_trpc/caller";
import { requireRole } from "@/server/auth/page-guard";
import { RevokeForm, SignForm, SignOffAnswer } from "./consent-forms";

export async function generateMetadata() {
  return { title: (await getTranslations("portalConsent"))("title") };
}

const STATE_TONE: Record<string, string> = {
  draft: "bg-sky-100 text-sky-900",
  signed: "bg-emerald-100 text-emerald-900",
  "not-yet-valid": "bg-slate-100 text-slate-800",
  expired: "bg-amber-100 text-amber-900",
  revoked: "bg-red-100 text-red-900",
};
const SIGN_OFF_TONE: Record<string, string> = {
  pending: "bg-sky-100 text-sky-900",
  confirmed: "bg-emerald-100 text-emerald-900",
  "change-requested": "bg-amber-100 text-amber-900",
};

/**
 * The client's authorisations and what she is asked to confirm, phone first. Rendered on the server; the
 * signing, revoking and answering forms are small islands calling server actions (consent-actions.ts).
 */
export default async function PortalConsentPage() {
  const membership = await requireRole(["client"], "/portal/consent");
  const caller = await serverCaller();
  const data = await caller.consent.mine();
  const t = await getTranslations("portalConsent");
  const tc = await getTranslations("consent");
  return (
    <ShellFrame membership={membership} bell={(unread) => <BellLink count={unread} />}>
      <div className="flex flex-col gap-5">
        <div>
          <Link href="/portal" className="inline-flex min-h-11 items-center text-sm text-brand-700 underline">
            {t("back")}
          </Link>
          <h1 className="text-2xl font-bold">{t("title")}</h1>
        </div>
        <section aria-labelledby="authorisations" className="flex flex-col gap-3">
          <h2 id="authorisations" className="text-lg font-semibold">
            {t("authorisations")}
          </h2>
          {!data || data.authorisations.length === 0 ? (
            <EmptyState>{t("none")}</EmptyState>
          ) : (
            data.authorisations.map((a) => (
              <article key={a.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="portal-authorisation">
                <span className={`rounded px-2 py-0.5 text-sm font-medium ${STATE_TONE[a.state]}`} data-testid="portal-authorisation-state">
                  {tc(`states.${a.state}`)}
                </span>
                <p className="mt-2 text-sm">{t("summary", { org: data.orgName, from: a.validFrom, to: a.validTo })}</p>
                <ul className="ml-5 list-disc text-sm">
                  {a.purposes.map((p) => (
                    <li key={p}>{tc(`purposes.${p}`)}</li>
                  ))}
                </ul>
                <p className="mt-1 text-sm">
                  {t("lenders", { lenders: a.allLenders ? t("allLenders") : a.lenders.map((l) => l.name).join("、") })}
                </p>
                <p className="mt-2">
                  <a
                    className="inline-flex min-h-11 items-center text-brand-700 underline"
                    href={`/api/documents/${a.signedDocumentId ?? a.documentId}`}
                    target="_blank"
                    rel="noreferrer"
                  >
                    {a.status === "draft" ? t("read") : tc("signedDocument")}
                  </a>
                </p>
                {a.status === "draft" && a.state === "draft" && <SignForm authorisationId={a.id} documentSha256={a.documentSha256} />}
                {a.status !== "revoked" && <RevokeForm authorisationId={a.id} />}
              </article>
            ))
          )}
        </section>
        <section aria-labelledby="sign-offs" className="flex flex-col gap-3">
          <h2 id="sign-offs" className="text-lg font-semibold">
            {t("signOffs")}
          </h2>
          {!data || data.signOffs.length === 0 ? (
            <EmptyState>{t("noSignOffs")}</EmptyState>
          ) : (
            data.signOffs.map((s) => (
              <article key={s.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="portal-sign-off">
                <div className="flex flex-wrap items-center gap-2">
                  <span
                    className={`rounded px-2 py-0.5 text-sm font-medium ${SIGN_OFF_TONE[s.status]}`}
                    data-testid="portal-sign-off-state"
                  >
                    {tc(`signOffStates.${s.status}`)}
                  </span>
                  <span className="text-sm font-medium">{tc(`signOffKinds.${s.kind}`)}</span>
                  <span className="text-sm text-slate-700">{t("toLender", { lender: s.lenderName })}</span>
                </div>
                {s.documentId ? (
                  <p className="mt-2">
                    <a
                      className="inline-flex min-h-11 items-center text-brand-700 underline"
                      href={`/api/documents/${s.documentId}`}
                      target="_blank"
                      rel="noreferrer"
                    >
                      {t("openPdf")}
                    </a>
                  </p>
                ) : (
                  <ul className="mt-2 ml-5 list-disc text-sm" data-testid="sign-off-lines">
                    {s.lines.map((line, i) => (
                      <li key={i}>{line}</li>
                    ))}
                  </ul>
                )}
                {s.comment && <p className="mt-2 text-sm text-slate-700">{t("yourComment", { comment: s.comment })}</p>}
                {s.status === "pending" && <SignOffAnswer signOffId={s.id} />}
              </article>
            ))
          )}
        </section>
      </div>
    </ShellFrame>
  );
}
