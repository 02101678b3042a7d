import { z } from "zod";

/** Trimmed, lower-cased e-mail address. */
export const zEmail = z.string().trim().toLowerCase().max(254).pipe(z.email());

/** Plain text from a person: no NUL or other control characters but newlines and tabs. */
export const zText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    // eslint-disable-next-line no-control-regex
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), { message: "controlCharacters" });

export const zName = zText(100).pipe(z.string().min(1));

export const zId = z.uuid();

/** Money in integer fen: never fractional, never negative, within a safe integer. */
export const zFen = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const zDate = z.iso.date();

export const zRole = z.enum(["admin", "counselor", "client"]);
