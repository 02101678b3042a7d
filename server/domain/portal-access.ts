/**
 * Where a client file stands with its portal login: one answer, read the same way by the counselor and
 * the admin. The login (the file's linked person and their membership here) wins over any invitation;
 * without one, the file's latest invitation says whether she was invited, and whether that still holds.
 */
export const PORTAL_ACCESS_STATES = ["none", "invited", "expired", "revoked", "active", "deactivated"] as const;
export type PortalAccessState = (typeof PORTAL_ACCESS_STATES)[number];

export type PortalLoginFacts = { deactivatedAt: Date | null };
export type PortalInvitationFacts = { expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null };

export function portalAccessState(
  login: PortalLoginFacts | null,
  latestInvitation: PortalInvitationFacts | null,
  now: Date,
): PortalAccessState {
  if (login) return login.deactivatedAt ? "deactivated" : "active";
  const inv = latestInvitation;
  // An accepted invitation whose login is gone (the file was erased) leaves the file without one.
  if (!inv || inv.acceptedAt) return "none";
  if (inv.revokedAt) return "revoked";
  return invitationExpired(inv.expiresAt, now) ? "expired" : "invited";
}

/** An invitation's link works up to and including its expiry instant. */
export function invitationExpired(expiresAt: Date, now: Date): boolean {
  return expiresAt.getTime() < now.getTime();
}

/** An invitation can be sent (again) unless the file already has a login. */
export function canInvite(state: PortalAccessState): boolean {
  return state !== "active" && state !== "deactivated";
}
