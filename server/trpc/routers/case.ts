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

type Ctx = { actor: { orgId: string; userId: string; role: "admin" | "counselor" | "client" }; requestId: string };
const actorOf = (ctx: Ctx) => ({ ...ctx.actor, requestId: ctx.requestId });

export const caseRouter = router({
  list: permitted("case.read")
    .input(z.strictObject({ clientId: zId.optional() }))
    .query(({ ctx, input }) => listCases(actorOf(ctx), input)),
  get: permitted("case.read").input(ZCaseId).query(({ ctx, input }) => getCase(actorOf(ctx), input.caseId)),
  open: permitted("case.manage").input(ZOpenCase).mutation(({ ctx, input }) => openCase(actorOf(ctx), input)),
  transition: permitted("case.manage").input(ZTransition).mutation(({ ctx, input }) => transitionCase(actorOf(ctx), input)),
  setContactHours: permitted("case.manage")
    .input(ZSetContactHours)
    .mutation(({ ctx, input }) => setContactHours(actorOf(ctx), input)),
  nextContactWindow: permitted("case.manage")
    .input(ZNextWindow)
    .query(({ ctx, input }) => nextWindowForCase(actorOf(ctx), input)),

  proposals: permitted("case.read").input(ZCaseId).query(({ ctx, input }) => listProposals(actorOf(ctx), input.caseId)),
  /** Terms for a first proposal, from the client's saved plan (null when the plan does not cover the debt). */
  draftFromPlan: permitted("case.manage").input(ZCaseId).query(({ ctx, input }) => draftFromPlan(actorOf(ctx), input.caseId)),
  createProposal: permitted("case.manage")
    .input(ZCreateProposal)
    .mutation(({ ctx, input }) => createProposal(actorOf(ctx), input)),
  sendProposal: permitted("case.manage").input(ZProposalRef).mutation(({ ctx, input }) => sendProposal(actorOf(ctx), input)),
  approveProposal: permitted("case.approveProposal")
    .input(ZProposalRef)
    .mutation(({ ctx, input }) => approveProposal(actorOf(ctx), input)),
  recordResponse: permitted("case.manage")
    .input(ZRecordResponse)
    .mutation(({ ctx, input }) => recordResponse(actorOf(ctx), input)),
  acceptCounterOffer: permitted("case.manage")
    .input(ZAcceptCounterOffer)
    .mutation(({ ctx, input }) => acceptCounterOffer(actorOf(ctx), input)),
  /** What the proposals tab may offer now (propose, change or breach an agreement…) and the terms' basis. */
  negotiation: permitted("case.manage").input(ZNegotiation).query(({ ctx, input }) => negotiationState(actorOf(ctx), input.caseId)),
  changeAgreement: permitted("case.manage")
    .input(ZChangeAgreement)
    .mutation(({ ctx, input }) => changeAgreement(actorOf(ctx), input)),
  recordBreach: permitted("case.manage").input(ZRecordBreach).mutation(({ ctx, input }) => recordBreach(actorOf(ctx), input)),

  tasks: permitted("agenda.read")
    .input(z.strictObject({ caseId: zId.optional(), includeDone: z.boolean().optional() }))
    .query(({ ctx, input }) => listTasks(actorOf(ctx), input)),
  createTask: permitted("case.manage").input(ZCreateTask).mutation(({ ctx, input }) => createTask(actorOf(ctx), input)),
  completeTask: permitted("case.manage").input(ZCompleteTask).mutation(({ ctx, input }) => completeTask(actorOf(ctx), input)),

  referrals: permitted("case.manage").input(ZCaseId).query(({ ctx, input }) => listReferrals(actorOf(ctx), input.caseId)),
  createReferral: permitted("case.manage")
    .input(ZCreateReferral)
    .mutation(({ ctx, input }) => createReferral(actorOf(ctx), input)),
  updateReferral: permitted("case.manage")
    .input(ZUpdateReferral)
    .mutation(({ ctx, input }) => updateReferral(actorOf(ctx), input)),
});
