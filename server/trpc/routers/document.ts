import { ZCaseId } from "@/server/schemas/cases";
import { ZResolveDocumentRequest } from "@/server/schemas/requests";
import { resolveRequest } from "@/server/services/document-requests";
import { documentChecklist, listDocuments } from "@/server/services/documents";
import { permitted, router } from "../init";

/** Listing and the checklist; the bytes go through app/api/documents (upload POST, download GET). */
export const documentRouter = router({
  list: permitted("document.read")
    .input(ZCaseId)
    .query(({ ctx, input }) => listDocuments(ctx.actor, input.caseId)),
  checklist: permitted("document.read")
    .input(ZCaseId)
    .query(({ ctx, input }) => documentChecklist(ctx.actor, input.caseId)),
  /** A counselor marks a lender's request answered by a document on file, or not needed, with a reason. */
  resolveRequest: permitted("document.resolveRequest")
    .input(ZResolveDocumentRequest)
    .mutation(({ ctx, input }) => resolveRequest(ctx.actor, input)),
});
