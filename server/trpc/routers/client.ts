import { z } from "zod";
import { zText } from "@/server/schemas/common";
import { listClients, myClientRecord } from "@/server/services/clients";
import { permitted, router } from "../init";

export const clientRouter = router({
  list: permitted("client.list")
    .input(z.strictObject({ search: zText(100).optional() }))
    .query(({ ctx, input }) => listClients({ ...ctx.actor, requestId: ctx.requestId }, input)),
  mine: permitted("client.read").query(({ ctx }) => myClientRecord(ctx.actor)),
});
