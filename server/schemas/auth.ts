import { z } from "zod";
import { zEmail, zId, zName, zRole } from "./common";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const zPassword = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);

export const ZSignUpInput = z.strictObject({
  organizationName: zName,
  name: zName,
  email: zEmail,
  password: zPassword,
});
export type SignUpInput = z.infer<typeof ZSignUpInput>;

export const ZLoginInput = z.strictObject({
  email: zEmail,
  password: z.string().min(1).max(PASSWORD_MAX),
  /** A 6-digit code from the authenticator app, or a recovery code (only when two-factor is on). */
  otp: z.string().trim().max(20).optional(),
});

export const ZTwoFactorCode = z.strictObject({ code: z.string().trim().min(6).max(20) });
export const ZDisableTwoFactor = z.strictObject({ password: z.string().min(1).max(PASSWORD_MAX), code: z.string().trim().min(6).max(20) });

export const ZCreateInvitationInput = z.strictObject({
  email: zEmail,
  role: zRole,
  clientId: zId.optional(),
});
export type CreateInvitationInput = z.infer<typeof ZCreateInvitationInput>;

/** The link carries "<orgId>.<token>", so the organization is known before anything is looked up. */
export const zInvitationToken = z.string().regex(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/, "invalidToken");

export const ZAcceptInvitationInput = z.strictObject({
  token: zInvitationToken,
  name: zName,
  password: zPassword,
});
export type AcceptInvitationInput = z.infer<typeof ZAcceptInvitationInput>;
