import { ZCaseId } from "@/server/schemas/cases";
import { documentChecklist, listDocuments } from "@/server/services/documents";
import { permitted, router } from "../init";

/** Listing and the checklist; the bytes go through app/api/documents (upload POST, download GET). */
export const documentRouter = router({
  list: permitted("document.read")
    .input(ZCaseId)
    .query(({ ctx, input }) => listDocuments({ ...ctx.actor, requestId: ctx.requestId }, input.caseId)),
  checklist: permitted("document.read")
    .input(ZCaseId)
    .query(({ ctx, input }) => documentChecklist({ ...ctx.actor, requestId: ctx.requestId }, input.caseId)),
});
