import { ZCaseId, ZConfirmPayment, ZRecordPayment } from "@/server/schemas/cases";
import { confirmPayment, getAgreementSchedule, recordPayment } from "@/server/services/payments";
import { permitted, router } from "../init";

export const paymentRouter = router({
  schedule: permitted("payment.read")
    .input(ZCaseId)
    .query(({ ctx, input }) => getAgreementSchedule(ctx.actor, input.caseId)),
  record: permitted("payment.report")
    .input(ZRecordPayment)
    .mutation(({ ctx, input }) => recordPayment(ctx.actor, input)),
  confirm: permitted("payment.confirm")
    .input(ZConfirmPayment)
    .mutation(({ ctx, input }) => confirmPayment(ctx.actor, input)),
});
