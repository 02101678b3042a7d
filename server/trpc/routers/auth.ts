import { z } from "zod";
import { ZAcceptInvitationInput, ZDisableTwoFactor, ZSignUpInput, ZTwoFactorCode, zInvitationToken } from "@/server/schemas/auth";
import { beginTwoFactor, disableTwoFactor, enableTwoFactor, twoFactorStatus } from "@/server/services/two-factor";
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
  acceptInvitation: publicProcedure.input(ZAcceptInvitationInput).mutation(({ input, ctx }) => acceptInvitation(input, ctx.requestId)),
  me: authedProcedure.query(async ({ ctx }) => {
    const [user, organizations] = await Promise.all([getUser(ctx.userId), listMyOrganizations(ctx.userId)]);
    return { user, organizations };
  }),
  twoFactorStatus: authedProcedure.query(({ ctx }) => twoFactorStatus(ctx.userId)),
  /** Starts TOTP enrolment: a QR code for the authenticator app (not active until confirmed). */
  beginTwoFactor: authedProcedure.mutation(({ ctx }) => beginTwoFactor(ctx.userId)),
  /** Confirms enrolment with a code; returns the recovery codes once. */
  enableTwoFactor: authedProcedure.input(ZTwoFactorCode).mutation(({ ctx, input }) => enableTwoFactor(ctx.userId, input.code)),
  disableTwoFactor: authedProcedure.input(ZDisableTwoFactor).mutation(({ ctx, input }) => disableTwoFactor(ctx.userId, input)),
});
