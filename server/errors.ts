/**
 * The one error model. Services and domain code throw AppError; server/trpc/init.ts maps its code to a
 * tRPC code in one place. `messageKey` names a translation under `errors.` so the user reads it in
 * their language; `fields` carries per-field problems, each a translation key too.
 */
export const APP_ERROR_CODES = [
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "INVALID_INPUT",
  "RATE_LIMITED",
  "TOO_LARGE",
  "UNSUPPORTED",
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export type FieldErrors = Record<string, string[]>;

/** A field problem with the figures its words need (e.g. the amounts of terms that do not add up). */
export type FieldIssue = { path: string; code: string; params?: Record<string, unknown> };

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly messageKey: string;
  readonly fields?: FieldErrors;
  readonly params?: Record<string, string | number>;
  readonly issues?: FieldIssue[];
  readonly retryAfterSeconds?: number;

  constructor(
    code: AppErrorCode,
    opts: {
      messageKey?: string;
      fields?: FieldErrors;
      params?: Record<string, string | number>;
      issues?: FieldIssue[];
      retryAfterSeconds?: number;
      cause?: unknown;
    } = {},
  ) {
    super(opts.messageKey ?? code, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.messageKey = opts.messageKey ?? defaultKey(code);
    this.fields = opts.fields;
    this.params = opts.params;
    this.issues = opts.issues;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }
}

function defaultKey(code: AppErrorCode): string {
  return (
    {
      UNAUTHORIZED: "unauthorized",
      FORBIDDEN: "forbidden",
      NOT_FOUND: "notFound",
      CONFLICT: "conflict",
      INVALID_INPUT: "invalidInput",
      RATE_LIMITED: "rateLimited",
      TOO_LARGE: "tooLarge",
      UNSUPPORTED: "unsupported",
    } as const
  )[code];
}

/** A single field problem: `fieldError("email", "emailTaken")`. */
export function fieldError(field: string, key: string, params?: Record<string, string | number>) {
  return new AppError("INVALID_INPUT", { messageKey: key, fields: { [field]: [key] }, params });
}

export const notFound = () => new AppError("NOT_FOUND");
export const forbidden = () => new AppError("FORBIDDEN");

/**
 * A DomainError from server/domain as a field error: its code is the translation key (under `errors.`),
 * its field the input it names (prefixed, e.g. "scenarios.0."), or "_" when it names none.
 */
export function fromDomainError(err: { code: string; field?: string }, prefix = ""): AppError {
  return fieldError(err.field ? `${prefix}${err.field}` : prefix ? prefix.replace(/\.$/, "") : "_", err.code);
}

/**
 * The reasons an input schema (server/schemas/common.ts) gives for a refused field, each put into plain
 * words under `errors.input.<key>` in both languages: the bounds of server/domain/bounds.ts and the checks
 * of text, days and instants.
 */
export const INPUT_PROBLEMS = [
  "amountNotNumber",
  "amountTooLarge",
  "amountNegative",
  "amountNotWhole",
  "amountZero",
  "versionInvalid",
  "idInvalid",
  "textTooLong",
  "brokenCharacter",
  "controlCharacter",
  "oneLine",
  "dateFormat",
  "dateNotReal",
  "dateOutOfRange",
  "dateInFuture",
  "dateTooFarAhead",
  "instantInvalid",
  "instantOutOfRange",
  "requestUnreadable",
] as const;
export type InputProblem = (typeof INPUT_PROBLEMS)[number];

/** The message key of an input problem: "input.amountTooLarge". */
export function inputProblem(problem: InputProblem): `input.${InputProblem}` {
  return `input.${problem}`;
}
