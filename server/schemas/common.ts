import { z } from "zod";
import {
  MAX_AMOUNT_FEN,
  MAX_DUE_YEARS_AHEAD,
  MAX_VERSION,
  addYears,
  dayProblem,
  instantInRange,
  textProblem,
} from "@/server/domain/bounds";
import { todayInShanghai } from "@/server/domain/time";
import { inputProblem } from "@/server/errors";

/**
 * The building blocks of every procedure's input, so each inherits the same bounds (server/domain/bounds.ts)
 * and the same reasons. A refusal's message is a key under `errors.input` ("input.amountTooLarge"), which
 * the error formatter passes on as the field's code and the pages put into words beside the field.
 */

/** Trimmed, lower-cased e-mail address. */
export const zEmail = z.string().trim().toLowerCase().max(254).pipe(z.email());

function checkedText(max: number, multiLine: boolean) {
  return z
    .string()
    .trim()
    .max(max, { message: inputProblem("textTooLong") })
    .superRefine((s, ctx) => {
      const problem = textProblem(s, multiLine);
      if (problem) ctx.addIssue({ code: "custom", message: inputProblem(problem) });
    });
}

/**
 * Text from a person that may run over several lines (notes, summaries, reasons): no lone surrogate and
 * no control character but newline, tab and carriage return.
 */
export const zText = (max: number) => checkedText(max, true);

/** One line of text (names, titles, numbers as typed): as zText, and no line break or tab either. */
export const zLine = (max: number) => checkedText(max, false);

/** A one-line text that must not be empty. */
export const zRequiredLine = (max: number) => zLine(max).pipe(z.string().min(1, { message: "required" }));

/** A multi-line text that must not be empty. */
export const zRequiredText = (max: number) => zText(max).pipe(z.string().min(1, { message: "required" }));

export const zName = zRequiredLine(100);

export const zId = z.uuid({ message: inputProblem("idInvalid") });

/** The one strict check for an id in a route's path or query: a real UUID, so nothing else reaches SQL. */
export function isUuid(value: unknown): value is string {
  return zId.safeParse(value).success;
}

/**
 * Money in integer fen: whole, not negative, and at most MAX_AMOUNT_FEN (¥100,000,000). The bound comes
 * first so a number past the safe-integer range is refused as too large, not as "not whole".
 */
export const zFen = z
  .number({ message: inputProblem("amountNotNumber") })
  .max(MAX_AMOUNT_FEN, { message: inputProblem("amountTooLarge") })
  .min(0, { message: inputProblem("amountNegative") })
  .int({ message: inputProblem("amountNotWhole") });

/** A positive amount in fen. */
export const zPositiveFen = zFen.refine((n) => n > 0, { message: inputProblem("amountZero") });

/**
 * A row's version for optimistic concurrency: a whole number from 1 up to MAX_VERSION (the next write
 * stores version + 1 in an int4 column; a larger number failed there with a 500).
 */
export const zVersion = z
  .number({ message: inputProblem("versionInvalid") })
  .max(MAX_VERSION, { message: inputProblem("versionInvalid") })
  .min(1, { message: inputProblem("versionInvalid") })
  .int({ message: inputProblem("versionInvalid") });

/** The version an editor started from; 0 when there was nothing yet. */
export const zExpectedVersion = z
  .number({ message: inputProblem("versionInvalid") })
  .max(MAX_VERSION, { message: inputProblem("versionInvalid") })
  .min(0, { message: inputProblem("versionInvalid") })
  .int({ message: inputProblem("versionInvalid") });

const DAY_PROBLEM_KEYS = { format: "dateFormat", notReal: "dateNotReal", outOfRange: "dateOutOfRange" } as const;

/** A calendar day "YYYY-MM-DD" that exists ("2026-02-30" does not) and lies within 1900–2100. */
export const zDate = z.string({ message: inputProblem("dateFormat") }).superRefine((s, ctx) => {
  const problem = dayProblem(s);
  if (problem) ctx.addIssue({ code: "custom", message: inputProblem(DAY_PROBLEM_KEYS[problem]) });
});

/** A day that has happened: today or earlier (a lender's answer, an agreement's date). */
export const zPastDate = zDate.refine((s) => dayProblem(s) !== null || s <= todayInShanghai(), {
  message: inputProblem("dateInFuture"),
});

/** A due date: a real day no more than MAX_DUE_YEARS_AHEAD years from today. */
export const zDueDate = zDate.refine((s) => dayProblem(s) !== null || s <= addYears(todayInShanghai(), MAX_DUE_YEARS_AHEAD), {
  message: inputProblem("dateTooFarAhead"),
});

// ISO 8601 with a time zone (Z or ±hh:mm) and a real calendar day and time: "2026-02-30T10:00:00Z" is refused,
// where `new Date()` would have rolled it over to 2 March.
const zStrictInstantText = z.iso.datetime({ offset: true });

/**
 * An instant: a Date (superjson carries them), or a strict ISO 8601 text with its zone; within 1900–2100.
 * Loose texts ("March 1", a bare number) are refused rather than guessed.
 */
export const zInstant = z.union([z.date(), z.string()], { message: inputProblem("instantInvalid") }).transform((value, ctx) => {
  const instant = typeof value === "string" ? (zStrictInstantText.safeParse(value).success ? new Date(value) : null) : value;
  if (!instant || Number.isNaN(instant.getTime())) {
    ctx.addIssue({ code: "custom", message: inputProblem("instantInvalid") });
    return z.NEVER;
  }
  if (!instantInRange(instant)) {
    ctx.addIssue({ code: "custom", message: inputProblem("instantOutOfRange") });
    return z.NEVER;
  }
  return instant;
});

export const zRole = z.enum(["admin", "counselor", "client"]);
