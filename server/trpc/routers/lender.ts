import { z } from "zod";
import { ZLenderInput, ZUpdateLenderInput } from "@/server/schemas/assessment";
import { zId } from "@/server/schemas/common";
import { createLender, listLenders, setLenderArchived, updateLender } from "@/server/services/lenders";
import { permitted, router } from "../init";

export const lenderRouter = router({
  list: permitted("lender.read")
    .input(z.strictObject({ includeArchived: z.boolean().optional() }).optional())
    .query(({ ctx, input }) => listLenders(ctx.actor, input ?? {})),
  create: permitted("lender.manage")
    .input(ZLenderInput)
    .mutation(({ ctx, input }) => createLender(ctx.actor, input)),
  update: permitted("lender.manage")
    .input(ZUpdateLenderInput)
    .mutation(({ ctx, input }) => updateLender(ctx.actor, input)),
  setArchived: permitted("lender.manage")
    .input(z.strictObject({ id: zId, archived: z.boolean() }))
    .mutation(({ ctx, input }) => setLenderArchived(ctx.actor, input)),
});
