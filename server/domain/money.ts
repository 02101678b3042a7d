/**
 * Money is an integer number of fen (1 yuan = 100 fen) held in a JS `number` that must stay a safe integer.
 *
 * Rounding rules of this module:
 * - Formatting and parsing are exact: no rounding ever happens here. `parseYuan` refuses a third decimal
 *   instead of rounding it away, because a silently changed amount is worse than an error. (A total past
 *   2^53 − 1 fen, which only amounts stored before the input bounds can make, is printed as the float it is,
 *   and the page flags it for checking.)
 * - Any computation that produces a fraction of a fen (interest, shares, buffers) is done in `Dec` (decimal,
 *   40 significant digits) and brought back to fen by `toFen`, half-up (0.5 fen → 1 fen) unless the caller
 *   asks for another mode. Half-up is what Chinese lenders and the common loan calculators use. Both live in
 *   ./decimal, so that pages which only format and parse amounts do not load the decimal library.
 */
import { DomainError } from "./errors";

export type Locale = "zh-CN" | "en";

/**
 * A stable error code from a field path: "debts.0.principalFen" → "invalid_principal", so codes do not
 * depend on where in the input the amount sat.
 */
export function invalidCode(field: string): string {
  const name = (field.split(".").pop() ?? field).replace(/Fen$/, "");
  return `invalid_${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
}

/** Throws unless `fen` is a safe integer (and, unless allowed, not negative). */
export function assertFen(fen: number, field: string, options: { allowNegative?: boolean; allowZero?: boolean } = {}): void {
  const { allowNegative = false, allowZero = true } = options;
  if (!Number.isSafeInteger(fen)) {
    throw new DomainError(invalidCode(field), `${field} must be a whole number of fen`, field);
  }
  if (!allowNegative && fen < 0) {
    throw new DomainError(invalidCode(field), `${field} must not be negative`, field);
  }
  if (!allowZero && fen === 0) {
    throw new DomainError(invalidCode(field), `${field} must be greater than zero`, field);
  }
}

// Integer split in bigint, so no digit is lost: `n / 100` of a large number can round up to the next whole
// number. Safe integers are exact; a whole float past 2^53 (a total of amounts stored before the input
// bounds) is split exactly as the float it is.
function splitFen(fen: number): { negative: boolean; yuan: string; cents: number } {
  const abs = BigInt(Math.abs(fen));
  return { negative: fen < 0, yuan: String(abs / 100n), cents: Number(abs % 100n) };
}

/**
 * Throws unless `fen` is a whole number a page can print: a safe integer, or a whole float past the safe
 * range (only sums of amounts stored before server/domain/bounds.ts can get there; fenNeedsCheck flags
 * them for the person). NaN, infinities and fractions are bugs and still throw.
 */
function assertPrintableFen(fen: number): void {
  if (Number.isSafeInteger(fen) || (Number.isInteger(fen) && Number.isFinite(fen))) return;
  assertFen(fen, "amount", { allowNegative: true });
}

/** "1234.56" (no grouping, no symbol): the form used in inputs, exports and letters. */
export function fenToYuanString(fen: number): string {
  assertPrintableFen(fen);
  const { negative, yuan, cents } = splitFen(fen);
  return `${negative ? "-" : ""}${yuan}.${String(cents).padStart(2, "0")}`;
}

/**
 * "¥1,234.56", "-¥1,234.56". Both locales show the same thing: the product only deals in CNY, and `Intl` would
 * print "CN¥" in English, which clients do not recognise. The locale parameter is kept for when that changes.
 */
export function formatFen(fen: number, _locale: Locale = "zh-CN"): string {
  assertPrintableFen(fen);
  const { negative, yuan, cents } = splitFen(fen);
  const grouped = yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}¥${grouped}.${String(cents).padStart(2, "0")}`;
}

// Plain digits, or digits grouped by commas in threes; at most two decimals. An optional ¥/￥ and a minus.
const YUAN_PATTERN = /^(-)?[¥￥]?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/** Exact parse of a yuan amount typed by a person: "1,234.5" → 123450. */
export function parseYuan(text: string, field = "amount"): number {
  const trimmed = text.trim();
  if (/^-?[¥￥]?[\d,]*\.\d{3,}$/.test(trimmed)) {
    throw new DomainError(invalidCode(field), `${field} has more than two decimals`, field);
  }
  const match = YUAN_PATTERN.exec(trimmed);
  if (!match) {
    throw new DomainError(invalidCode(field), `${field} is not an amount in yuan`, field);
  }
  const [, minus, integerPart = "", decimals = ""] = match;
  // Exact in integers: yuan × 100 + the (padded) decimals, as a bigint so no digit is ever rounded.
  const fen = BigInt(integerPart.replaceAll(",", "")) * 100n + BigInt(decimals.padEnd(2, "0"));
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new DomainError(invalidCode(field), `${field} is too large`, field);
  }
  // A bigint has no -0, so "-0.00" is 0.
  return Number(minus ? -fen : fen);
}

/**
 * Exact sum of whole amounts. Inputs are bounded (server/domain/bounds.ts), so a total of them stays a safe
 * integer; only amounts stored before the bounds can push it past 2^53 − 1. Then the total is the float
 * sum, not an error: the pages that add such amounts up still render, and show the figure with a note
 * (fenNeedsCheck). Computations that need exact fen (schedules, allocations) check their inputs with
 * assertFen and refuse it there. A value that is not whole is a bug and throws.
 */
export function sumFen(values: readonly number[]): number {
  let total = 0;
  for (const value of values) {
    assertPrintableFen(value);
    total += value;
  }
  return total;
}

/**
 * What a person types on a Chinese keyboard, in the form `parseYuan` reads: full-width digits, comma and
 * point (１，２３４．５), spaces and a trailing 元 are common; they change nothing in the amount.
 */
export function normalizeYuanText(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/，/g, ",")
    .replace(/[．。]/g, ".")
    .replace(/\s+/g, "")
    .replace(/元$/, "");
}
