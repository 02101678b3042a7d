/**
 * The one error model. Services and domain code throw AppError; ERROR_TABLE below turns its code into a
 * tRPC code (server/trpc/init.ts) and an HTTP status (server/http/route.ts). `messageKey` names a translation under `errors.` so the user reads it in
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

/**
 * The one error table: each code's tRPC code, HTTP status (route handlers; tRPC derives the same one from
 * its code) and default message key under `errors.`.
 */
export const ERROR_TABLE = {
  UNAUTHORIZED: { trpc: "UNAUTHORIZED", http: 401, messageKey: "unauthorized" },
  FORBIDDEN: { trpc: "FORBIDDEN", http: 403, messageKey: "forbidden" },
  NOT_FOUND: { trpc: "NOT_FOUND", http: 404, messageKey: "notFound" },
  CONFLICT: { trpc: "CONFLICT", http: 409, messageKey: "conflict" },
  INVALID_INPUT: { trpc: "BAD_REQUEST", http: 400, messageKey: "invalidInput" },
  RATE_LIMITED: { trpc: "TOO_MANY_REQUESTS", http: 429, messageKey: "rateLimited" },
  TOO_LARGE: { trpc: "PAYLOAD_TOO_LARGE", http: 413, messageKey: "tooLarge" },
  UNSUPPORTED: { trpc: "UNSUPPORTED_MEDIA_TYPE", http: 415, messageKey: "unsupported" },
} as const satisfies Record<AppErrorCode, { trpc: string; http: number; messageKey: string }>;

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
    this.messageKey = opts.messageKey ?? ERROR_TABLE[code].messageKey;
    this.fields = opts.fields;
    this.params = opts.params;
    this.issues = opts.issues;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }
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
