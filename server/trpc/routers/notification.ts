import { ZNotificationList, ZNotificationMarkRead } from "@/server/schemas/workspace";
import { listNotifications, markAllRead, markRead, unreadCount } from "@/server/services/notifications";
import { permitted, router } from "../init";

/** The signed-in member's own notifications in the active organization. */
export const notificationRouter = router({
  list: permitted("notification.read")
    .input(ZNotificationList)
    .query(({ ctx, input }) => listNotifications(ctx.actor, input)),
  unreadCount: permitted("notification.read").query(({ ctx }) => unreadCount(ctx.actor)),
  markRead: permitted("notification.read")
    .input(ZNotificationMarkRead)
    .mutation(({ ctx, input }) => markRead(ctx.actor, input)),
  markAllRead: permitted("notification.read").mutation(({ ctx }) => markAllRead(ctx.actor)),
});
