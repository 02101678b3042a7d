import { z } from "zod";
import { ZAnswerComplaint, ZComplaintCase, ZExtendComplaint, ZFileComplaint } from "@/server/schemas/complaints";
import { zDate } from "@/server/schemas/common";
import { answerComplaint, extendComplaint, fileComplaint, listComplaints, myComplaints } from "@/server/services/complaints";
import { complaintOutcomes } from "@/server/services/outcomes-complaints";
import { permitted, router } from "../init";

/** The complaints ladder of a case (staff), the client's own complaints (portal), and the in-time figure (outcomes). */
export const complaintRouter = router({
  list: permitted("complaint.read")
    .input(ZComplaintCase)
    .query(({ ctx, input }) => listComplaints(ctx.actor, input.caseId)),
  file: permitted("complaint.manage")
    .input(ZFileComplaint)
    .mutation(({ ctx, input }) => fileComplaint(ctx.actor, input)),
  extend: permitted("complaint.manage")
    .input(ZExtendComplaint)
    .mutation(({ ctx, input }) => extendComplaint(ctx.actor, input)),
  answer: permitted("complaint.manage")
    .input(ZAnswerComplaint)
    .mutation(({ ctx, input }) => answerComplaint(ctx.actor, input)),
  mine: permitted("complaint.readOwn").query(({ ctx }) => myComplaints(ctx.actor)),
  outcomes: permitted("outcome.read")
    .input(z.strictObject({ from: zDate.optional(), to: zDate.optional() }))
    .query(({ ctx, input }) => complaintOutcomes(ctx.actor, input)),
});
