import { ZAppendContact, ZCaseId } from "@/server/schemas/cases";
import { appendContact, listContacts, verifyContacts } from "@/server/services/contacts";
import { permitted, router } from "../init";

/** The contact log is for staff only: a client sees the case timeline, not the log. */
export const contactRouter = router({
  list: permitted("contact.read")
    .input(ZCaseId)
    .query(({ ctx, input }) => listContacts(ctx.actor, input.caseId)),
  append: permitted("contact.record")
    .input(ZAppendContact)
    .mutation(({ ctx, input }) => appendContact(ctx.actor, input)),
  verify: permitted("contact.read")
    .input(ZCaseId)
    .query(({ ctx, input }) => verifyContacts(ctx.actor, input.caseId)),
});
