import { z } from "zod";

/**
 * What an HTML control gives a form (text) to what the procedure's schema takes, so a form can validate with
 * the procedure's own schema: a blank text is "not given" (undefined), a number field's text is a number.
 */

const blank = (v: unknown) => typeof v === "string" && v.trim() === "";

/** A blank text is undefined, then the schema (an optional phone, ID number, note…). */
export function blankAsUndefined<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (blank(v) ? undefined : v), schema);
}

/** A number typed as text: blank is undefined, anything else Number(text) (NaN is refused by z.number()). */
export function numberFromText<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (blank(v) ? undefined : typeof v === "string" ? Number(v.trim()) : v), schema);
}

/** A choice whose empty option means "none": "" is undefined. */
export function emptyChoiceAsUndefined<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === "" ? undefined : v), schema);
}
