/**
 * The one way an error becomes words on the client. Every error the server sends carries the same data
 * (`errorData` in server/trpc/init.ts, the route wrapper's JSON in server/http/route.ts): a message key,
 * field codes and their figures, the request id. A key is looked up in one order: the areas' own words
 * (casesErrors, assessment.errors), then the shared errors, then zod's issue codes (validation).
 *
 * Pure: the hook (use-error-words.ts) binds it to the page's translator; tests call it with a stub.
 */

export type ErrorData = {
  messageKey?: string;
  fields?: Record<string, string[]>;
  params?: Record<string, string | number>;
  requestId?: string;
};

/** next-intl's root translator, as far as these functions use it. */
export type RootTranslator = {
  (key: string, values?: Record<string, string | number>): string;
  has: (key: string) => boolean;
};

export type ErrorWords = {
  /** The error as a sentence (the message key's words, or the generic one with the request id). */
  message: string;
  /** Words per field the server named. */
  fields: Record<string, string>;
  /**
   * One line for a place with no fields to put words on: an area's own words first, else the message with the
   * first field whose words it does not already say.
   */
  text: string;
};

const AREAS = ["casesErrors", "assessment.errors"] as const;

/** The error data of a tRPC error (`{ data }`), a route handler's JSON (`{ error }`) or a server action's result (the data itself). */
export function errorDataOf(error: unknown): ErrorData {
  if (!error || typeof error !== "object") return {};
  const e = error as { data?: unknown; error?: unknown; messageKey?: unknown };
  if (e.data && typeof e.data === "object") return e.data as ErrorData;
  if (e.error && typeof e.error === "object") return e.error as ErrorData;
  if (typeof e.messageKey === "string") return e as ErrorData;
  return {};
}

function areaWords(t: RootTranslator, key: string, params: Record<string, string | number> = {}): string | null {
  for (const area of AREAS) if (t.has(`${area}.${key}`)) return t(`${area}.${key}`, params);
  return null;
}

/** The words of one code: an area's, the shared errors', zod's issue code's; null when none has it. */
export function codeWords(t: RootTranslator, code: string, params: Record<string, string | number> = {}): string | null {
  return (
    areaWords(t, code, params) ??
    (t.has(`errors.${code}`) ? t(`errors.${code}`, { requestId: "-", ...params }) : null) ??
    (t.has(`validation.${code}`) ? t(`validation.${code}`) : null)
  );
}

export function errorWords(t: RootTranslator, error: unknown): ErrorWords {
  const data = errorDataOf(error);
  const requestId = data.requestId ?? "-";
  const key = data.messageKey ?? "internal";
  const message =
    areaWords(t, key, data.params) ??
    (t.has(`errors.${key}`) ? t(`errors.${key}`, { requestId, ...data.params }) : t("errors.internal", { requestId }));
  const fields: Record<string, string> = {};
  for (const [field, codes] of Object.entries(data.fields ?? {})) {
    fields[field] = codeWords(t, codes[0] ?? "custom", data.params) ?? t("validation.custom");
  }
  const own = [data.messageKey, ...Object.values(data.fields ?? {}).flat()].filter((k): k is string => Boolean(k));
  let text: string | null = null;
  for (const k of own) if ((text = areaWords(t, k, data.params))) break;
  if (!text) {
    // A field whose words are the message's own (a refusal that names its field) adds nothing: never say it twice.
    const first = Object.entries(fields).find(([, words]) => words !== message && !message.includes(words));
    text = first ? `${message} (${first[0]}: ${first[1]})` : message;
  }
  return { message, fields, text };
}

/** A react-hook-form field error: zod's issue code in `type` (client-side), or a code or words in `message`. */
export type FieldProblem = { type?: unknown; message?: string };

/** Words for a form field's error; `kind` names the few fields whose limits have their own words. */
export function fieldWords(t: RootTranslator, error: FieldProblem | undefined, kind?: "email" | "password"): string | undefined {
  if (!error) return undefined;
  const code = String(error.type ?? "");
  if (kind === "password" && code === "too_small") return t("errors.passwordTooShort");
  if (kind === "password" && code === "too_big") return t("errors.passwordTooLong");
  if (kind === "email" && (code === "invalid_format" || code === "invalid_string")) return t("validation.email");
  if (code === "too_small" && error.message?.includes("1")) return t("validation.required");
  // A schema's own reason ("input.controlCharacter", "required") is its message; words set by the server pass through.
  return (error.message ? codeWords(t, error.message) : null) ?? codeWords(t, code) ?? error.message;
}
