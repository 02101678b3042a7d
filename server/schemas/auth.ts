import { z } from "zod";
import { zEmail, zId, zName, zRole } from "./common";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
/** No NUL or other control characters (nobody types them; some hashing code stops at a NUL). */
// eslint-disable-next-line no-control-regex
const noControl = (s: string) => !/[\u0000-\u001f\u007f]/.test(s);
export const zPassword = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX).refine(noControl, { message: "controlCharacters" });
/** A password typed to confirm an action (any stored password is checked, but never a control character). */
const zPasswordAttempt = z.string().min(1).max(PASSWORD_MAX).refine(noControl, { message: "controlCharacters" });
/** A 6-digit authenticator code or a recovery code ("a1b2c-3d4e5"; spaces and dashes as typed). */
const zTwoFactorCode = z.string().trim().min(6).max(20).regex(/^[0-9A-Za-z -]+$/, { message: "twoFactorCodeWrong" });

export const ZSignUpInput = z.strictObject({
  organizationName: zName,
  name: zName,
  email: zEmail,
  password: zPassword,
});
export type SignUpInput = z.infer<typeof ZSignUpInput>;

export const ZLoginInput = z.strictObject({
  /** A mobile number or an e-mail address, as typed (server/domain/login-id.ts reads it). */
  login: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(PASSWORD_MAX),
  /** A 6-digit code from the authenticator app, or a recovery code (only when two-factor is on). */
  otp: z.string().trim().max(20).optional(),
});

export const ZTwoFactorCode = z.strictObject({ code: zTwoFactorCode });
export const ZDisableTwoFactor = z.strictObject({ password: zPasswordAttempt, code: zTwoFactorCode });

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
