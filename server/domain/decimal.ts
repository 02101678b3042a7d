/**
 * Decimal arithmetic for computations that produce fractions of a fen (interest, shares, buffers), and the
 * one way back to whole fen. Kept apart from ./money so that pages which only format and parse amounts do
 * not load the decimal library. Rounding rules: see ./money.
 */
import Decimal from "decimal.js";
import { DomainError } from "./errors";

/** Decimal with enough precision that (1 + r)^360 and products of two safe integers stay exact or near it. */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;

/** Rounds a decimal amount of fen to a whole fen, half-up by default. */
export function toFen(value: Decimal, rounding: Decimal.Rounding = Decimal.ROUND_HALF_UP): number {
  const fen = value.toDecimalPlaces(0, rounding).toNumber();
  if (!Number.isSafeInteger(fen)) {
    throw new DomainError("amount_too_large", "the amount is too large", "amount");
  }
  return fen;
}
