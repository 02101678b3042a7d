import { z } from "zod";
import { zDate, zId, zLine } from "@/server/schemas/common";
import { listAudit, verifyOrgAuditChain } from "@/server/services/audit";
import { permitted, router } from "../init";

export const ZAuditFilter = z.strictObject({
  actorUserId: zId.optional(),
  entityType: z
    .string()
    .trim()
    .max(50)
    .regex(/^[a-z_-]+$/)
    .optional(),
  entityId: zLine(100).optional(),
  from: zDate.optional(),
  to: zDate.optional(),
  cursor: z.number().int().positive().nullish(),
  /** Added by tRPC's infinite queries; pages only go forward. */
  direction: z.enum(["forward", "backward"]).optional(),
  limit: z.number().int().min(1).max(200).optional(),
});

export const auditRouter = router({
  list: permitted("audit.read")
    .input(ZAuditFilter)
    .query(({ ctx, input }) => listAudit(ctx.actor, input)),
  /** Recomputes the organization's audit hash chain. */
  verify: permitted("audit.read").mutation(({ ctx }) => verifyOrgAuditChain(ctx.actor)),
});
