/** The channels a notification goes out on besides the app: e-mail now (SMS would sit beside it). */
import { and, asc, eq, gte, isNull } from "drizzle-orm";
import { createTranslator } from "next-intl";
import enMessages from "@/messages/en/notifications.json";
import zhMessages from "@/messages/zh-CN/notifications.json";
import { withTenant } from "@/db/client";
import { notifications, organizations, users, type NotificationKind, type NotificationParams } from "@/db/schema";
import { formatFen } from "@/server/domain/money";
import { env } from "@/server/env";
import { deliver } from "./mail";
import { quietHoursOf } from "./sms";
import { inQuietHours } from "@/server/domain/sms-rules";

/** Only recent notifications are e-mailed: one made while e-mail was off is not sent days later. */
const EMAIL_WINDOW_MS = 2 * 86_400_000;

/**
 * E-mails the organization's recent notifications that were not e-mailed yet, when SMTP is configured.
 * Each row is claimed (emailed_at set where it was null) in its own transaction before the message goes
 * out, so two servers running this at once never send the same notification twice: at most once, and a
 * failed send is logged, not retried (the notification is still in the app).
 */
export async function emailNotifications(orgId: string, now: Date = new Date()): Promise<number> {
  if (!env().SMTP_URL) return 0;
  // Nothing leaves during the agency's quiet hours (default 22:00–08:00 Beijing); the next run after them sends.
  if (inQuietHours(now, await quietHoursOf(orgId))) return 0;
  const pending = await withTenant({ orgId }, (tx) =>
    tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(
        and(
          eq(notifications.orgId, orgId),
          isNull(notifications.emailedAt),
          isNull(notifications.resolvedAt),
          gte(notifications.createdAt, new Date(now.getTime() - EMAIL_WINDOW_MS)),
        ),
      )
      .orderBy(asc(notifications.createdAt))
      .limit(1000),
  );
  let sent = 0;
  for (const { id } of pending) {
    const claimed = await withTenant({ orgId }, async (tx) => {
      const [row] = await tx
        .update(notifications)
        .set({ emailedAt: now })
        .where(
          and(eq(notifications.orgId, orgId), eq(notifications.id, id), isNull(notifications.emailedAt), isNull(notifications.resolvedAt)),
        )
        .returning({ kind: notifications.kind, params: notifications.params, href: notifications.href, userId: notifications.userId });
      if (!row) return null;
      const [person] = await tx.select({ email: users.email, locale: users.locale }).from(users).where(eq(users.id, row.userId)).limit(1);
      const [org] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId)).limit(1);
      // A person who signs in by mobile number only has no address to mail (SMS comes later).
      return person?.email ? { ...row, ...person, email: person.email, orgName: org?.name ?? "" } : null;
    });
    if (!claimed) continue;
    const text = notificationText(claimed.kind, claimed.params, claimed.locale === "en" ? "en" : "zh-CN");
    await deliver({
      to: claimed.email,
      subject: `${claimed.orgName} · ${text}`,
      text: `${text}\n\n${env().APP_URL}${claimed.href}\n`,
      headers: { "X-Xieshang-Notification": id },
    });
    sent++;
  }
  return sent;
}

/** The sentence a notification shows, in the person's language (the same messages as the app). */
export function notificationText(kind: NotificationKind, params: NotificationParams, locale: "zh-CN" | "en"): string {
  const messages = locale === "en" ? enMessages : zhMessages;
  const t = createTranslator({ locale, messages, namespace: "notifications" });
  const answer = params.answer ? t(`answers.${params.answer as "accepted"}`) : "";
  return t(`kinds.${kind}`, {
    clientName: params.clientName ?? "",
    lenderName: params.lenderName ?? "",
    date: params.date ?? "",
    amount: params.amountFen === undefined ? "" : formatFen(params.amountFen),
    answer,
  });
}
