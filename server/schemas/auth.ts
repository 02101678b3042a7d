import { z } from "zod";
import { textProblem } from "@/server/domain/bounds";
import { inputProblem } from "@/server/errors";
import { zEmail, zId, zName, zRole } from "./common";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
/**
 * No control character (nobody types them; some hashing code stops at a NUL) and no lone surrogate (it
 * would be hashed as U+FFFD, so two different passwords would match).
 */
const passwordText = (min: number) =>
  z
    .string()
    .min(min)
    .max(PASSWORD_MAX)
    .superRefine((s, ctx) => {
      const problem = textProblem(s, false);
      if (problem) ctx.addIssue({ code: "custom", message: inputProblem(problem === "oneLine" ? "controlCharacter" : problem) });
    });
export const zPassword = passwordText(PASSWORD_MIN);
/** A password typed to confirm an action (any stored password is checked, but never a control character). */
const zPasswordAttempt = passwordText(1);
/** A 6-digit authenticator code or a recovery code ("a1b2c-3d4e5"; spaces and dashes as typed). */
const zTwoFactorCode = z
  .string()
  .trim()
  .min(6)
  .max(20)
  .regex(/^[0-9A-Za-z -]+$/, { message: "twoFactorCodeWrong" });

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

/**
 * The link carries "<orgId>.<token>", so the organization is known before anything is looked up; the
 * organization part must be a real UUID (36 dashes passed the old pattern and failed in PostgreSQL).
 */
export const zInvitationToken = z
  .string()
  .regex(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/, "invalidToken")
  .refine((s) => zId.safeParse(s.slice(0, 36)).success, "invalidToken");

export const ZAcceptInvitationInput = z.strictObject({
  token: zInvitationToken,
  name: zName,
  password: zPassword,
});
export type AcceptInvitationInput = z.infer<typeof ZAcceptInvitationInput>;
