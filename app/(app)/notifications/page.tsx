import { getTranslations } from "next-intl/server";
import { AppShell } from "@/app/_components/app-shell";
import { requireRole } from "@/server/auth/page-guard";
import { NotificationList } from "./notification-list";

export async function generateMetadata() {
  return { title: (await getTranslations("notifications"))("title") };
}

/** Every member's own notifications (staff and clients alike). */
export default async function NotificationsPage() {
  const membership = await requireRole(["admin", "counselor", "client"], "/notifications");
  const t = await getTranslations("notifications");
  return (
    <AppShell membership={membership}>
      <h1 className="mb-6 text-2xl font-bold">{t("title")}</h1>
      <NotificationList />
    </AppShell>
  );
}
