import { z } from "zod";
import { ZCreateInvitationInput } from "@/server/schemas/auth";
import { zId, zRole } from "@/server/schemas/common";
import { createInvitation, listInvitations, revokeInvitation } from "@/server/services/invitations";
import { firstWeek } from "@/server/services/first-week";
import { listMembers, setMemberActive, setMemberRole } from "@/server/services/members";
import { orgProcedure, permitted, router } from "../init";

export const orgRouter = router({
  /** Who am I here: the active organization and my role in it. */
  current: orgProcedure.query(({ ctx }) => ({ orgId: ctx.orgId, role: ctx.role })),
  members: permitted("member.list").query(({ ctx }) => listMembers(ctx.actor)),
  setMemberRole: permitted("member.update")
    .input(z.strictObject({ userId: zId, role: zRole }))
    .mutation(({ ctx, input }) => setMemberRole(ctx.actor, input.userId, input.role)),
  setMemberActive: permitted("member.update")
    .input(z.strictObject({ userId: zId, active: z.boolean() }))
    .mutation(({ ctx, input }) => setMemberActive(ctx.actor, input.userId, input.active)),
  /** A new agency's first steps, each ticked by the data (server/domain/first-week.ts). */
  firstWeek: permitted("invitation.list").query(({ ctx }) => firstWeek(ctx.actor)),
  invitations: permitted("invitation.list").query(({ ctx }) => listInvitations(ctx.actor)),
  invite: permitted("invitation.create")
    .input(ZCreateInvitationInput)
    .mutation(({ ctx, input }) => createInvitation(ctx.actor, input)),
  revokeInvitation: permitted("invitation.revoke")
    .input(z.strictObject({ id: zId }))
    .mutation(({ ctx, input }) => revokeInvitation(ctx.actor, input.id)),
});
