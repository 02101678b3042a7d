import { z } from "zod";
import { ZCreateDebtInput, ZDebtTriageInput, ZUpdateDebtInput } from "@/server/schemas/assessment";
import { zId, zVersion } from "@/server/schemas/common";
import { ZImportInput, importDebts } from "@/server/services/debt-import";
import { archiveDebt, createDebt, listDebts, setDebtTriage, updateDebt } from "@/server/services/debts";
import { permitted, router } from "../init";

export const debtRouter = router({
  /** A client's debts with breakdown, overdue days, daily growth, IRR flags, and the client's totals. */
  list: permitted("debt.read")
    .input(z.strictObject({ clientId: zId }))
    .query(({ ctx, input }) => listDebts(ctx.actor, input.clientId)),
  create: permitted("debt.manage")
    .input(ZCreateDebtInput)
    .mutation(({ ctx, input }) => createDebt(ctx.actor, input)),
  update: permitted("debt.manage")
    .input(ZUpdateDebtInput)
    .mutation(({ ctx, input }) => updateDebt(ctx.actor, input)),
  /** Class facts (kind, secured, enforcement, card notices), a place in the priority order with its reason, credit dates. */
  setTriage: permitted("debt.manage")
    .input(ZDebtTriageInput)
    .mutation(({ ctx, input }) => setDebtTriage(ctx.actor, input)),
  archive: permitted("debt.manage")
    .input(z.strictObject({ id: zId, version: zVersion }))
    .mutation(({ ctx, input }) => archiveDebt(ctx.actor, input)),
  /** CSV or Excel: commit = false checks every row; commit = true saves all rows, or none if any is wrong. */
  import: permitted("debt.manage")
    .input(ZImportInput)
    .mutation(({ ctx, input }) => importDebts(ctx.actor, input)),
});
