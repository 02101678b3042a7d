import { z } from "zod";
import {
  ZAcceptCounterOffer,
  ZCaseId,
  ZChangeAgreement,
  ZCompleteTask,
  ZCreateProposal,
  ZCreateReferral,
  ZCreateTask,
  ZNextWindow,
  ZOpenCase,
  ZNegotiation,
  ZProposalRef,
  ZRecordBreach,
  ZRecordResponse,
  ZSetContactHours,
  ZTransition,
  ZUpdateReferral,
} from "@/server/schemas/cases";
import { zId } from "@/server/schemas/common";
import { changeAgreement, negotiationState, recordBreach } from "@/server/services/agreements";
import { getCase, listCases, nextWindowForCase, openCase, setContactHours, transitionCase } from "@/server/services/cases";
import { completeTask, createReferral, createTask, listReferrals, listTasks, updateReferral } from "@/server/services/followups";
import {
  acceptCounterOffer,
  approveProposal,
  createProposal,
  draftFromPlan,
  listProposals,
  recordResponse,
  sendProposal,
} from "@/server/services/proposals";
import { permitted, router } from "../init";

export const caseRouter = router({
  list: permitted("case.read")
    .input(z.strictObject({ clientId: zId.optional() }))
    .query(({ ctx, input }) => listCases(ctx.actor, input)),
  get: permitted("case.read")
    .input(ZCaseId)
    .query(({ ctx, input }) => getCase(ctx.actor, input.caseId)),
  open: permitted("case.manage")
    .input(ZOpenCase)
    .mutation(({ ctx, input }) => openCase(ctx.actor, input)),
  transition: permitted("case.manage")
    .input(ZTransition)
    .mutation(({ ctx, input }) => transitionCase(ctx.actor, input)),
  setContactHours: permitted("case.manage")
    .input(ZSetContactHours)
    .mutation(({ ctx, input }) => setContactHours(ctx.actor, input)),
  nextContactWindow: permitted("case.manage")
    .input(ZNextWindow)
    .query(({ ctx, input }) => nextWindowForCase(ctx.actor, input)),

  proposals: permitted("case.read")
    .input(ZCaseId)
    .query(({ ctx, input }) => listProposals(ctx.actor, input.caseId)),
  /** Terms for a first proposal, from the client's saved plan (null when the plan does not cover the debt). */
  draftFromPlan: permitted("case.manage")
    .input(ZCaseId)
    .query(({ ctx, input }) => draftFromPlan(ctx.actor, input.caseId)),
  createProposal: permitted("case.manage")
    .input(ZCreateProposal)
    .mutation(({ ctx, input }) => createProposal(ctx.actor, input)),
  sendProposal: permitted("case.manage")
    .input(ZProposalRef)
    .mutation(({ ctx, input }) => sendProposal(ctx.actor, input)),
  approveProposal: permitted("case.approveProposal")
    .input(ZProposalRef)
    .mutation(({ ctx, input }) => approveProposal(ctx.actor, input)),
  recordResponse: permitted("case.manage")
    .input(ZRecordResponse)
    .mutation(({ ctx, input }) => recordResponse(ctx.actor, input)),
  acceptCounterOffer: permitted("case.manage")
    .input(ZAcceptCounterOffer)
    .mutation(({ ctx, input }) => acceptCounterOffer(ctx.actor, input)),
  /** What the proposals tab may offer now (propose, change or breach an agreement…) and the terms' basis. */
  negotiation: permitted("case.manage")
    .input(ZNegotiation)
    .query(({ ctx, input }) => negotiationState(ctx.actor, input.caseId)),
  changeAgreement: permitted("case.manage")
    .input(ZChangeAgreement)
    .mutation(({ ctx, input }) => changeAgreement(ctx.actor, input)),
  recordBreach: permitted("case.manage")
    .input(ZRecordBreach)
    .mutation(({ ctx, input }) => recordBreach(ctx.actor, input)),

  tasks: permitted("agenda.read")
    .input(z.strictObject({ caseId: zId.optional(), includeDone: z.boolean().optional() }))
    .query(({ ctx, input }) => listTasks(ctx.actor, input)),
  createTask: permitted("case.manage")
    .input(ZCreateTask)
    .mutation(({ ctx, input }) => createTask(ctx.actor, input)),
  completeTask: permitted("case.manage")
    .input(ZCompleteTask)
    .mutation(({ ctx, input }) => completeTask(ctx.actor, input)),

  referrals: permitted("case.manage")
    .input(ZCaseId)
    .query(({ ctx, input }) => listReferrals(ctx.actor, input.caseId)),
  createReferral: permitted("case.manage")
    .input(ZCreateReferral)
    .mutation(({ ctx, input }) => createReferral(ctx.actor, input)),
  updateReferral: permitted("case.manage")
    .input(ZUpdateReferral)
    .mutation(({ ctx, input }) => updateReferral(ctx.actor, input)),
});
