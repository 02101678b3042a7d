import { ZAssign, ZCaseloadList } from "@/server/schemas/workspace";
import { assignClients } from "@/server/services/assignment";
import { listCaseload } from "@/server/services/caseload";
import { permitted, router } from "../init";

export const caseloadRouter = router({
  /** The caseload table, keyset-paginated (pass the previous page's nextCursor). */
  list: permitted("caseload.read")
    .input(ZCaseloadList)
    .query(({ ctx, input }) => listCaseload(ctx.actor, input)),
  /** Bulk (re)assignment of clients to one counselor; all or nothing. Admin. */
  assign: permitted("client.assign")
    .input(ZAssign)
    .mutation(({ ctx, input }) => assignClients(ctx.actor, input)),
});
