import type { Membership } from "@/server/services/membership";
import { CalendarBanner } from "./calendar-banner";
import { NavMenu } from "./nav-menu";
import { NotificationBell } from "./notification-bell";
import { ShellFrame } from "./shell-frame";

/**
 * The frame of the staff pages, whose bell refreshes its count every minute through the tRPC client, with
 * the banner that warns when the coming weeks' holidays are not loaded.
 */
export function AppShell({ membership, children }: { membership: Membership; children: React.ReactNode }) {
  return (
    <ShellFrame membership={membership} bell={(unread) => <NotificationBell initial={unread} />} menu={(props) => <NavMenu {...props} />}>
      <CalendarBanner />
      {children}
    </ShellFrame>
  );
}
