import Link from "next/link";
import { useTranslations } from "next-intl";

/**
 * The bell: a link to the notifications with the unread count. Rendered on the server as it is (the
 * client portal), or inside the live NotificationBell on the staff pages.
 */
export function BellLink({ count }: { count: number }) {
  const t = useTranslations("notifications");
  return (
    <Link
      href="/notifications"
      aria-label={count > 0 ? t("bell", { count }) : t("bellNone")}
      className="relative flex min-h-11 min-w-11 items-center justify-center rounded-lg px-2 text-slate-700 hover:bg-slate-100"
      data-testid="notification-bell"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth={1.8}>
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" strokeLinecap="round" strokeLinejoin="round" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {count > 0 && (
        <span
          className="absolute right-0.5 top-1 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs font-semibold leading-5 text-white"
          data-testid="notification-count"
        >
          {count > 99 ? "99+" : count}
        </span>
      )}
    </Link>
  );
}
