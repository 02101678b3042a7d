import { z } from "zod";
import { ZAcceptInvitationInput, ZSignUpInput, zInvitationToken } from "@/server/schemas/auth";
import { getUser, signUp } from "@/server/services/auth";
import { acceptInvitation, describeInvitation } from "@/server/services/invitations";
import { listMyOrganizations } from "@/server/services/membership";
import { authedProcedure, publicProcedure, router } from "../init";

export const authRouter = router({
  signUp: publicProcedure.input(ZSignUpInput).mutation(async ({ input, ctx }) => {
    const { orgId } = await signUp(input, ctx.requestId);
    return { orgId, email: input.email };
  }),
  describeInvitation: publicProcedure
    .input(z.strictObject({ token: zInvitationToken }))
    .query(({ input }) => describeInvitation(input.token)),
  acceptInvitation: publicProcedure
    .input(ZAcceptInvitationInput)
    .mutation(({ input, ctx }) => acceptInvitation(input, ctx.requestId)),
  me: authedProcedure.query(async ({ ctx }) => {
    const [user, organizations] = await Promise.all([getUser(ctx.userId), listMyOrganizations(ctx.userId)]);
    return { user, organizations };
  }),
});
