import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Membership } from "@/server/services/membership";
import { serverCaller } from "@/app/_trpc/caller";
import { LanguageSwitch } from "./language-switch";
import { LogoutButton } from "./logout-button";
import type { NavLink } from "./nav-menu";
import { OrgSwitch } from "./org-switch";

/**
 * The frame of every signed-in page: brand, the role's links, the bell, organization, language, log out.
 * The bell is passed in so that this module imports no client code that needs the tRPC client: the
 * staff pages use the live bell (app-shell.tsx), the client portal the server-rendered link.
 */
export async function ShellFrame({
  membership,
  bell,
  menu,
  children,
}: {
  membership: Membership;
  bell: (unread: number) => React.ReactNode;
  /** The admin's grouped links (a client component, so only the staff shell passes it). */
  menu?: (props: { label: string; phoneLabel: string; primary: NavLink[]; more: NavLink[] }) => React.ReactNode;
  children: React.ReactNode;
}) {
  const t = await getTranslations();
  const tc = await getTranslations("cases");
  const caller = await serverCaller();
  const { organizations: orgs } = await caller.auth.me();
  // The shell must render even if the count cannot be read (e.g. two-factor enrolment pending).
  const unread = await caller.notification.unreadCount().catch(() => 0);
  const current = orgs.find((o) => o.orgId === membership.orgId);
  // An admin's ten pages: the day-to-day ones in the header row, the management ones in a menu (`menu`, passed
  // in by the staff shell like the bell); the other roles have few enough links to show them all.
  const primary: NavLink[] =
    membership.role === "admin"
      ? [
          { href: "/agenda", label: t("agenda.title") },
          // An admin sees every client of the agency, not a caseload of her own.
          { href: "/caseload", label: t("caseload.titleAll") },
          { href: "/cases", label: tc("navLink") },
          { href: "/admin/outcomes", label: t("outcomes.title") },
        ]
      : membership.role === "counselor"
        ? [
            { href: "/agenda", label: t("agenda.title") },
            { href: "/caseload", label: t("nav.clients") },
            { href: "/cases", label: tc("navLink") },
          ]
        : [
            { href: "/portal", label: t("nav.portal") },
            { href: "/portal/messages", label: t("nav.messages") },
          ];
  const more: NavLink[] =
    membership.role === "admin"
      ? [
          { href: "/admin", label: t("nav.members") },
          { href: "/lenders", label: t("nav.lenders") },
          { href: "/mediation-bodies", label: t("legal.directory.title") },
          { href: "/admin/settings", label: t("orgSettings.title") },
          { href: "/admin/audit", label: t("nav.audit") },
          { href: "/admin/rules", label: t("rules.admin.nav") },
        ]
      : [];
  const grouped = more.length > 0 && menu !== undefined;
  const inline = grouped ? primary : [...primary, ...more];
  return (
    <div className="min-h-dvh">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2">
          <Link href="/home" className="mr-2 text-lg font-bold text-brand-700">
            {t("app.name")}
          </Link>
          <nav aria-label={t("nav.menu")} className="flex flex-wrap gap-1">
            {inline.map((l) => (
              <Link
                key={l.href}
                href={l.href}
                className={`${grouped ? "hidden sm:flex" : "flex"} min-h-11 items-center rounded-lg px-3 text-sm text-slate-700 hover:bg-slate-100`}
              >
                {l.label}
              </Link>
            ))}
            {grouped && menu({ label: t("nav.manage"), phoneLabel: t("nav.menu"), primary, more })}
          </nav>
          <div className="ml-auto flex flex-wrap items-center gap-1">
            {current && orgs.length < 2 && (
              <span className="hidden text-sm text-slate-600 sm:inline">
                {current.name} · {t(`roles.${membership.role}`)}
              </span>
            )}
            {bell(unread)}
            <OrgSwitch current={membership.orgId} options={orgs} />
            <Link href="/account/security" className="flex min-h-11 items-center rounded-lg px-3 text-sm text-slate-700 hover:bg-slate-100">
              {t("nav.security")}
            </Link>
            <LanguageSwitch />
            <LogoutButton />
          </div>
        </div>
      </header>
      {current?.isDemo && (
        // The seeded demo organization: its people, figures and history are made up (db/seed.ts).
        <div
          role="note"
          data-testid="demo-banner"
          className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-center text-sm text-amber-900"
        >
          <span className="font-semibold">{t("app.demoBanner")}</span> {t("app.demoBannerBody")}
        </div>
      )}
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
