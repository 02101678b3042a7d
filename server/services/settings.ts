import { eq } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { organizations } from "@/db/schema";
import { parseBusinessHours } from "@/server/domain/calendar";
import { AppError } from "@/server/errors";
import type { SettingsUpdateInput } from "@/server/schemas/workspace";
import type { Actor } from "./access";
import { writeAudit } from "./audit";
import { domain } from "./cases";

const SETTINGS_COLUMNS = {
  bufferPct: organizations.bufferPct,
  minPerCreditorFen: organizations.minPerCreditorFen,
  requireProposalApproval: organizations.requireProposalApproval,
  require2fa: organizations.require2fa,
  businessHours: organizations.businessHours,
};

/** The organization's settings (admin). */
export async function getSettings(actor: Actor) {
  return withTenant(actor, async (tx) => {
    const [row] = await tx.select(SETTINGS_COLUMNS).from(organizations).where(eq(organizations.id, actor.orgId)).limit(1);
    if (!row) throw new AppError("NOT_FOUND");
    return row;
  });
}

/**
 * Replaces the settings. Business hours are checked by the calendar's own parser (order, overlap), so what is
 * saved is exactly what nextContactWindow accepts. Last writer wins (the organization row has no version);
 * every change is in the audit log with before and after.
 */
export async function updateSettings(actor: Actor, input: SettingsUpdateInput) {
  domain(() => parseBusinessHours(input.businessHours));
  return withTenant(actor, async (tx) => {
    const [before] = await tx.select(SETTINGS_COLUMNS).from(organizations).where(eq(organizations.id, actor.orgId)).limit(1).for("update");
    if (!before) throw new AppError("NOT_FOUND");
    const [after] = await tx
      .update(organizations)
      .set({
        bufferPct: input.bufferPct,
        minPerCreditorFen: input.minPerCreditorFen,
        requireProposalApproval: input.requireProposalApproval,
        require2fa: input.require2fa,
        businessHours: input.businessHours.map(({ start, end }) => ({ start, end })),
      })
      .where(eq(organizations.id, actor.orgId))
      .returning(SETTINGS_COLUMNS);
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "org.settings.update",
      entityType: "organization",
      entityId: actor.orgId,
      before,
      after,
      requestId: actor.requestId,
    });
    return after!;
  });
}
