import { z } from "zod";
import { zPhone } from "./assessment";
import { zEmail, zId } from "./common";

/** A field left empty in the form is not given. */
const blankIsAbsent = (s: string | undefined) => (s?.trim() ? s : undefined);

/**
 * Invites a client file's person to the portal. With neither a number nor an e-mail, the invitation
 * goes to the mobile number on the file; what staff type replaces it.
 */
export const ZInviteToPortalInput = z.strictObject({
  clientId: zId,
  phone: z.string().optional().transform(blankIsAbsent).pipe(zPhone.optional()),
  email: z.string().optional().transform(blankIsAbsent).pipe(zEmail.optional()),
});
export type InviteToPortalInput = z.output<typeof ZInviteToPortalInput>;

export const ZPortalAccessInput = z.strictObject({ clientId: zId });

export const ZRevokePortalInvitationInput = z.strictObject({ clientId: zId, invitationId: zId });
