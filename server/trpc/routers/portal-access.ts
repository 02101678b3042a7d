import { ZInviteToPortalInput, ZPortalAccessInput, ZRevokePortalInvitationInput } from "@/server/schemas/portal-access";
import { inviteToPortal, revealInvitationLink, revokePortalInvitation } from "@/server/services/invitations";
import { portalAccessOf } from "@/server/services/portal-access";
import { permitted, router } from "../init";

/** A client file's portal login: its state, the invitation bound to the file, its link, its revocation. */
export const portalAccessRouter = router({
  state: permitted("portalAccess.read")
    .input(ZPortalAccessInput)
    .query(({ ctx, input }) => portalAccessOf(ctx.actor, input.clientId)),
  invite: permitted("portalAccess.invite")
    .input(ZInviteToPortalInput)
    .mutation(({ ctx, input }) => inviteToPortal(ctx.actor, input)),
  /** The pending invitation's link again, to copy (audited). */
  revealLink: permitted("portalAccess.invite")
    .input(ZPortalAccessInput)
    .mutation(({ ctx, input }) => revealInvitationLink(ctx.actor, input.clientId)),
  revoke: permitted("portalAccess.invite")
    .input(ZRevokePortalInvitationInput)
    .mutation(({ ctx, input }) => revokePortalInvitation(ctx.actor, input)),
});
