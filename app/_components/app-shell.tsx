import type { Membership } from "@/server/services/membership";
import { NotificationBell } from "./notification-bell";
import { ShellFrame } from "./shell-frame";

/** The frame of the staff pages, whose bell refreshes its count every minute through the tRPC client. */
export function AppShell({ membership, children }: { membership: Membership; children: React.ReactNode }) {
  return (
    <ShellFrame membership={membership} bell={(unread) => <NotificationBell initial={unread} />}>
      {children}
    </ShellFrame>
  );
}
