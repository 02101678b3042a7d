import { z } from "zod";
import { ZCaseId } from "@/server/schemas/cases";
import { zId } from "@/server/schemas/common";
import {
  ZConsentSettings,
  ZCreateAuthorisation,
  ZRequestSignOff,
  ZRespondSignOff,
  ZRevokeAuthorisation,
  ZSignAuthorisation,
} from "@/server/schemas/consent";
import {
  caseConsent,
  createAuthorisation,
  getConsentSettings,
  listAuthorisations,
  portalConsent,
  revokeAuthorisation,
  signAuthorisation,
  updateConsentSettings,
} from "@/server/services/authorisations";
import { caseSignOffs, requestSignOff, respondSignOff } from "@/server/services/sign-offs";
import { permitted, router } from "../init";

/** The client in the loop: her authorisation (授权委托书), her sign-off of what is sent, the agency's rules. */
export const consentRouter = router({
  settings: permitted("settings.read").query(({ ctx }) => getConsentSettings(ctx.actor)),
  updateSettings: permitted("settings.update")
    .input(ZConsentSettings)
    .mutation(({ ctx, input }) => updateConsentSettings(ctx.actor, input)),
  authorisations: permitted("authorisation.read")
    .input(z.strictObject({ clientId: zId }))
    .query(({ ctx, input }) => listAuthorisations(ctx.actor, input.clientId)),
  createAuthorisation: permitted("authorisation.manage")
    .input(ZCreateAuthorisation)
    .mutation(({ ctx, input }) => createAuthorisation(ctx.actor, input)),
  signAuthorisation: permitted("authorisation.sign")
    .input(ZSignAuthorisation)
    .mutation(({ ctx, input }) => signAuthorisation(ctx.actor, input, { ip: ctx.ip })),
  revokeAuthorisation: permitted("authorisation.sign")
    .input(ZRevokeAuthorisation)
    .mutation(({ ctx, input }) => revokeAuthorisation(ctx.actor, input)),
  caseStatus: permitted("authorisation.read")
    .input(ZCaseId)
    .query(({ ctx, input }) => caseConsent(ctx.actor, input.caseId)),
  signOffs: permitted("signOff.read")
    .input(ZCaseId)
    .query(({ ctx, input }) => caseSignOffs(ctx.actor, input.caseId)),
  requestSignOff: permitted("signOff.request")
    .input(ZRequestSignOff)
    .mutation(({ ctx, input }) => requestSignOff(ctx.actor, input)),
  respondSignOff: permitted("signOff.respond")
    .input(ZRespondSignOff)
    .mutation(({ ctx, input }) => respondSignOff(ctx.actor, input)),
  mine: permitted("portal.read").query(({ ctx }) => portalConsent(ctx.actor)),
});
