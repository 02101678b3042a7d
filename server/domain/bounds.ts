/**
 * The bounds every input is held to, in one place (server/schemas/common.ts applies them to every
 * procedure; pages use them to flag figures that stored data from before the bounds pushed out of range).
 *
 * Why these numbers:
 * - Money is integer fen in a JS number, exact only up to 2^53 − 1 fen (about ¥90 trillion). A single
 *   amount of at most ¥100,000,000 (10^10 fen) is far above any consumer debt, payment or monthly budget
 *   line an agency sees, and keeps any sum of up to 900,000 such amounts exact: a client's totals, an
 *   agreement's schedule, an organization's outcomes. Without a bound, one debt of 2^53 − 1 fen was
 *   accepted and every page that added it up failed.
 * - Versions are PostgreSQL `integer` columns and a write stores version + 1, so the largest version a
 *   request may name is one below the int4 maximum.
 * - Days run from 1900 to 2100: wide enough for any loan, birth or agreement date, narrow enough that no
 *   date arithmetic leaves the four-digit years PostgreSQL and the pages print ("0000-01-01" was stored).
 * - Due dates (a task, a proposal's validity, a first instalment, a settlement) lie within five years of
 *   today: an instalment plan runs at most 60 months and starts well before that.
 * - Request bodies a server action parses are bounded in size and nesting depth before they are parsed,
 *   so a body nested 50,000 levels deep is refused instead of exhausting the parser's stack.
 */

/** ¥100,000,000: the most one amount (a debt part, a payment, a budget line, a term) may be. */
export const MAX_AMOUNT_FEN = 10_000_000_000;

/** The largest version a request may name: the next write stores version + 1 in an int4 column. */
export const MAX_VERSION = 2_147_483_646;

/** The earliest and latest calendar day any field accepts. */
export const MIN_DAY = "1900-01-01";
export const MAX_DAY = "2100-12-31";

/** How far ahead a due date may lie. */
export const MAX_DUE_YEARS_AHEAD = 5;

/** Bodies of the portal's server actions: at most this many bytes and this many levels of nesting. */
export const MAX_ACTION_BODY_BYTES = 64 * 1024;
export const MAX_BODY_DEPTH = 32;

const DAY_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * What is wrong with a day written "YYYY-MM-DD": not in that shape, not a day on the calendar
 * ("2026-02-30", "2025-02-29"), or outside MIN_DAY … MAX_DAY; null when it is a good day.
 */
export function dayProblem(value: string): "format" | "notReal" | "outOfRange" | null {
  const match = DAY_SHAPE.exec(value);
  if (!match) return "format";
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return "notReal";
  if (value < MIN_DAY || value > MAX_DAY) return "outOfRange";
  return null;
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** The day `years` calendar years after `day` (29 February → 28 February when the target is not leap). */
export function addYears(day: string, years: number): string {
  const match = DAY_SHAPE.exec(day);
  if (!match) throw new RangeError(`not a day: ${day}`);
  const year = Number(match[1]) + years;
  const month = Number(match[2]);
  const d = Math.min(Number(match[3]), daysInMonth(year, month));
  return `${String(year).padStart(4, "0")}-${match[2]}-${String(d).padStart(2, "0")}`;
}

const MIN_INSTANT_MS = Date.UTC(1900, 0, 1);
const MAX_INSTANT_MS = Date.UTC(2101, 0, 1) - 1;

/** An instant within the same 1900–2100 range (a valid Date). */
export function instantInRange(instant: Date): boolean {
  const ms = instant.getTime();
  return !Number.isNaN(ms) && ms >= MIN_INSTANT_MS && ms <= MAX_INSTANT_MS;
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one (code units, no u flag).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// C0 controls but tab, line feed and carriage return; DEL; the C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// The same plus tab, line feed, carriage return and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * What is wrong with a text a person typed: a lone UTF-16 surrogate (half of an emoji, from a broken
 * copy or a forged request; PostgreSQL refuses it in JSON, so it failed deep inside a save), an
 * invisible control character, or a line break where one line is expected. Null when it is fine.
 */
export function textProblem(value: string, multiLine: boolean): "brokenCharacter" | "controlCharacter" | "oneLine" | null {
  if (LONE_SURROGATE.test(value)) return "brokenCharacter";
  if (CONTROL_MULTI_LINE.test(value)) return "controlCharacter";
  if (!multiLine && CONTROL_ONE_LINE.test(value)) return value.includes("\t") ? "controlCharacter" : "oneLine";
  return null;
}

/**
 * Whether a JSON text nests no deeper than `maxDepth` arrays and objects. Reads the text once, skipping
 * strings, without parsing it: cheap to run before a parser that would recurse once per level.
 */
export function jsonDepthWithin(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > maxDepth) return false;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return true;
}

/**
 * A figure a person should check: beyond what valid input can make (over `limit`, by default one
 * amount's bound) or too large to add up exactly. Data saved before the bounds can hold such figures.
 */
export function fenNeedsCheck(fen: number, limit = MAX_AMOUNT_FEN): boolean {
  return !Number.isSafeInteger(fen) || Math.abs(fen) > limit;
}
