import { z } from "zod";
import { zId } from "@/server/schemas/common";
import {
  ZAddHearing,
  ZAddSession,
  ZCheckNotice,
  ZCreateLawsuit,
  ZEndMediation,
  ZMediationBodyInput,
  ZRecordConfirmation,
  ZRecordEnforcement,
  ZRecordJudgment,
  ZRecordMediationAgreement,
  ZStartMediation,
  ZUpdateLawsuit,
  ZUpdateMediationBody,
} from "@/server/schemas/legal";
import {
  addHearing,
  caseLegal,
  checkCourtNotice,
  createLawsuit,
  portalLegal,
  recordEnforcement,
  recordJudgment,
  updateLawsuit,
} from "@/server/services/legal";
import {
  addMediationSession,
  createMediationBody,
  endMediation,
  listMediationBodies,
  recordConfirmation,
  recordMediationAgreement,
  setMediationBodyArchived,
  startMediation,
  updateMediationBody,
} from "@/server/services/mediations";
import { permitted, router } from "../init";

/** A case's court and mediation track (issue 14), the client's view of it, and the fake-notice check. */
export const legalRouter = router({
  forCase: permitted("legal.read")
    .input(z.strictObject({ caseId: zId }))
    .query(({ ctx, input }) => caseLegal(ctx.actor, input.caseId)),
  portal: permitted("portal.read").query(({ ctx }) => portalLegal(ctx.actor)),
  createLawsuit: permitted("legal.manage")
    .input(ZCreateLawsuit)
    .mutation(({ ctx, input }) => createLawsuit(ctx.actor, input)),
  updateLawsuit: permitted("legal.manage")
    .input(ZUpdateLawsuit)
    .mutation(({ ctx, input }) => updateLawsuit(ctx.actor, input)),
  addHearing: permitted("legal.manage")
    .input(ZAddHearing)
    .mutation(({ ctx, input }) => addHearing(ctx.actor, input)),
  recordJudgment: permitted("legal.manage")
    .input(ZRecordJudgment)
    .mutation(({ ctx, input }) => recordJudgment(ctx.actor, input)),
  recordEnforcement: permitted("legal.manage")
    .input(ZRecordEnforcement)
    .mutation(({ ctx, input }) => recordEnforcement(ctx.actor, input)),
  startMediation: permitted("legal.manage")
    .input(ZStartMediation)
    .mutation(({ ctx, input }) => startMediation(ctx.actor, input)),
  addSession: permitted("legal.manage")
    .input(ZAddSession)
    .mutation(({ ctx, input }) => addMediationSession(ctx.actor, input)),
  recordMediationAgreement: permitted("legal.manage")
    .input(ZRecordMediationAgreement)
    .mutation(({ ctx, input }) => recordMediationAgreement(ctx.actor, input)),
  endMediation: permitted("legal.manage")
    .input(ZEndMediation)
    .mutation(({ ctx, input }) => endMediation(ctx.actor, input)),
  recordConfirmation: permitted("legal.manage")
    .input(ZRecordConfirmation)
    .mutation(({ ctx, input }) => recordConfirmation(ctx.actor, input)),
  checkNotice: permitted("notice.check")
    .input(ZCheckNotice)
    .query(({ input }) => checkCourtNotice(input.text)),
});

/** The organization's directory of mediation bodies. */
export const mediationBodyRouter = router({
  list: permitted("mediationBody.read")
    .input(z.strictObject({ includeArchived: z.boolean().optional() }).optional())
    .query(({ ctx, input }) => listMediationBodies(ctx.actor, input ?? {})),
  create: permitted("mediationBody.manage")
    .input(ZMediationBodyInput)
    .mutation(({ ctx, input }) => createMediationBody(ctx.actor, input)),
  update: permitted("mediationBody.manage")
    .input(ZUpdateMediationBody)
    .mutation(({ ctx, input }) => updateMediationBody(ctx.actor, input)),
  setArchived: permitted("mediationBody.manage")
    .input(z.strictObject({ id: zId, archived: z.boolean() }))
    .mutation(({ ctx, input }) => setMediationBodyArchived(ctx.actor, input)),
});
