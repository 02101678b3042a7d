import { z } from "zod";
import { ZCreateClientInput, ZUpdateClientInput } from "@/server/schemas/assessment";
import { zId, zLine, zVersion } from "@/server/schemas/common";
import { clientActivity } from "@/server/services/client-activity";
import { listClients, myClientRecord } from "@/server/services/clients";
import { createClient, getClient, revealNationalId, updateClient } from "@/server/services/intake";
import { closeClient, eraseClient } from "@/server/services/privacy";
import { permitted, router } from "../init";

export const clientRouter = router({
  list: permitted("client.list")
    .input(z.strictObject({ search: zLine(100).optional() }))
    .query(({ ctx, input }) => listClients(ctx.actor, input)),
  mine: permitted("client.read").query(({ ctx }) => myClientRecord(ctx.actor)),
  /** Intake: opens a client file (a counselor's new client is assigned to them). */
  create: permitted("client.create")
    .input(ZCreateClientInput)
    .mutation(({ ctx, input }) => createClient(ctx.actor, input)),
  get: permitted("client.read")
    .input(z.strictObject({ id: zId }))
    .query(({ ctx, input }) => getClient(ctx.actor, input.id)),
  /** The client page's tabs: cases with repayment, documents, contact log, payments, timeline. */
  activity: permitted("client.activity")
    .input(z.strictObject({ id: zId }))
    .query(({ ctx, input }) => clientActivity(ctx.actor, input.id)),
  update: permitted("client.update")
    .input(ZUpdateClientInput)
    .mutation(({ ctx, input }) => updateClient(ctx.actor, input)),
  revealNationalId: permitted("client.readNationalId")
    .input(z.strictObject({ id: zId }))
    .mutation(({ ctx, input }) => revealNationalId(ctx.actor, input.id)),
  /** Closes the file once every case has ended (erasure is possible only after this). */
  close: permitted("client.update")
    .input(z.strictObject({ id: zId, version: zVersion }))
    .mutation(({ ctx, input }) => closeClient(ctx.actor, { clientId: input.id, version: input.version })),
  /** PIPL erasure of a closed client: identity removed, amounts and outcomes kept unlinked. Admin only. */
  erase: permitted("client.erase")
    .input(z.strictObject({ id: zId }))
    .mutation(({ ctx, input }) => eraseClient(ctx.actor, { clientId: input.id })),
});
