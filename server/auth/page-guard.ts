import "server-only";
import { notFound, redirect } from "next/navigation";
import type { Role } from "@/db/schema";
import type { Membership } from "@/server/services/membership";
import { pageMembership } from "./session";

/**
 * Page-level check (in the page, not a layout): no session → login; a role the page is not for →
 * not found, so a client opening a staff URL learns nothing.
 */
export async function requireRole(roles: readonly Role[], next: string): Promise<Membership> {
  const membership = await pageMembership();
  if (!membership) redirect(`/login?next=${encodeURIComponent(next)}`);
  if (!roles.includes(membership.role)) notFound();
  if (membership.needsTwoFactor) redirect("/account/security?required=1");
  return membership;
}
