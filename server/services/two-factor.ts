import { randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import { withUser } from "@/db/client";
import { recoveryCodes, users } from "@/db/schema";
import { decrypt, encrypt, sha256Hex } from "@/server/crypto";
import { AppError, fieldError } from "@/server/errors";
import { verifyPassword } from "./passwords";

/**
 * TOTP two-factor sign-in (RFC 6238 through otplib: 6 digits, 30-second steps, one step of clock drift
 * either way) with ten one-time recovery codes. The secret is stored encrypted like other personal data.
 */
const ISSUER = "Xieshang 协商";
const RECOVERY_CODE_COUNT = 10;
const TOLERANCE_SECONDS = 30;

function normalizeCode(code: string): string {
  return code.replace(/[\s-]/g, "").toLowerCase();
}

export async function twoFactorStatus(userId: string) {
  return withUser(userId, async (tx) => {
    const [u] = await tx.select({ enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId));
    const unused = await tx
      .select({ h: recoveryCodes.codeHash })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
    return { enabled: Boolean(u?.enabledAt), recoveryCodesLeft: u?.enabledAt ? unused.length : 0 };
  });
}

/** Starts enrolment: a new secret (not active until a code from it is confirmed), as a QR code and text. */
export async function beginTwoFactor(userId: string) {
  const secret = generateSecret();
  const email = await withUser(userId, async (tx) => {
    const [u] = await tx
      .select({ email: users.email, phoneLast4: users.phoneLast4, enabledAt: users.totpEnabledAt })
      .from(users)
      .where(eq(users.id, userId));
    if (!u) throw new AppError("UNAUTHORIZED");
    if (u.enabledAt) throw new AppError("CONFLICT", { messageKey: "twoFactorAlreadyOn" });
    await tx
      .update(users)
      .set({ totpSecret: encrypt(secret) })
      .where(eq(users.id, userId));
    // The authenticator app's label: the e-mail, or the masked number for a person who signs in by phone.
    return u.email ?? `*******${u.phoneLast4 ?? ""}`;
  });
  const uri = generateURI({ issuer: ISSUER, label: email, secret });
  return { secret, uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
}

/**
 * The time step of a valid TOTP code, or null. A code of the step last accepted, or an earlier one, is refused:
 * a code seen over someone's shoulder or replayed from a captured request does not sign in a second time.
 */
async function totpStep(sealedSecret: string | null, code: string, lastStep: number | null): Promise<number | null> {
  if (!sealedSecret || !/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret: decrypt(sealedSecret),
    token: code,
    epochTolerance: TOLERANCE_SECONDS,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

/** Confirms enrolment with a code from the app; returns the recovery codes, shown once. */
export async function enableTwoFactor(userId: string, code: string) {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = randomBytes(5).toString("hex");
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  await withUser(userId, async (tx) => {
    const [u] = await tx
      .select({ secret: users.totpSecret, enabledAt: users.totpEnabledAt, lastStep: users.totpLastStep })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!u?.secret) throw new AppError("CONFLICT", { messageKey: "twoFactorNotStarted" });
    if (u.enabledAt) throw new AppError("CONFLICT", { messageKey: "twoFactorAlreadyOn" });
    const step = await totpStep(u.secret, normalizeCode(code), u.lastStep);
    if (step === null) throw fieldError("code", "twoFactorCodeWrong");
    const now = new Date();
    // Codes of an earlier enrolment stop working.
    await tx
      .update(recoveryCodes)
      .set({ usedAt: now })
      .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
    await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: sha256Hex(normalizeCode(c)) })));
    await tx.update(users).set({ totpEnabledAt: now, totpLastStep: step }).where(eq(users.id, userId));
  });
  return { recoveryCodes: codes };
}

export async function disableTwoFactor(userId: string, input: { password: string; code: string }) {
  await withUser(userId, async (tx) => {
    const [u] = await tx
      .select({ hash: users.passwordHash, secret: users.totpSecret, enabledAt: users.totpEnabledAt, lastStep: users.totpLastStep })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!u?.enabledAt) throw new AppError("CONFLICT", { messageKey: "twoFactorNotOn" });
    if (!(await verifyPassword(u.hash, input.password))) throw fieldError("password", "existingAccountPassword");
    if (!(await checkSecondFactor(tx, userId, u, input.code))) throw fieldError("code", "twoFactorCodeWrong");
    await tx.update(users).set({ totpSecret: null, totpEnabledAt: null }).where(eq(users.id, userId));
  });
  return { enabled: false };
}

type Tx = Parameters<Parameters<typeof withUser>[1]>[0];

/**
 * A current TOTP code not used before, or an unused recovery code: either is then used up. The caller holds the
 * person's row locked (FOR UPDATE), so two requests with one code cannot both pass.
 */
async function checkSecondFactor(
  tx: Tx,
  userId: string,
  u: { secret: string | null; lastStep: number | null },
  code: string,
): Promise<boolean> {
  const normalized = normalizeCode(code);
  const step = await totpStep(u.secret, normalized, u.lastStep);
  if (step !== null) {
    await tx.update(users).set({ totpLastStep: step }).where(eq(users.id, userId));
    return true;
  }
  const used = await tx
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, sha256Hex(normalized)), isNull(recoveryCodes.usedAt)))
    .returning({ h: recoveryCodes.codeHash });
  return used.length === 1;
}

/** For sign-in: whether the person has two-factor on, and if so whether this code passes. */
export async function secondFactorForLogin(userId: string, code: string | undefined): Promise<"not-required" | "ok" | "missing" | "wrong"> {
  return withUser(userId, async (tx) => {
    const [u] = await tx
      .select({ secret: users.totpSecret, enabledAt: users.totpEnabledAt, lastStep: users.totpLastStep })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!u?.enabledAt) return "not-required";
    if (!code) return "missing";
    return (await checkSecondFactor(tx, userId, u, code)) ? "ok" : "wrong";
  });
}
