import { z } from "zod";
import { CASE_STATES } from "@/server/domain/case-state";
import { ZBusinessHours } from "./cases";
import { zDate, zFen, zId, zLine } from "./common";

/** An opaque page cursor as the server wrote it (base64url); anything else is refused before it is decoded. */
const zCursor = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9_-]*$/, { message: "invalidCursor" });

export const CASELOAD_SORTS = ["name", "overdue", "nextDue", "owed"] as const;
export type CaseloadSort = (typeof CASELOAD_SORTS)[number];

/** Caseload table: search, filters, sort and a keyset cursor (opaque; from the previous page). */
export const ZCaseloadList = z.strictObject({
  search: zLine(100).optional(),
  status: z.enum(CASE_STATES).optional(),
  lenderId: zId.optional(),
  minOverdueDays: z.number().int().min(0).max(100_000).optional(),
  needsReview: z.boolean().optional(),
  /** What the client owes today (server/domain/balance.ts), at least / at most, in fen. */
  minOwedFen: zFen.optional(),
  maxOwedFen: zFen.optional(),
  sort: z.enum(CASELOAD_SORTS).default("name"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  limit: z.number().int().min(1).max(100).default(25),
  cursor: zCursor(500).nullish(),
  /** Added by tRPC's infinite queries; pages only go forward. */
  direction: z.enum(["forward", "backward"]).optional(),
});
export type CaseloadListInput = z.input<typeof ZCaseloadList>;

export const ZAssign = z.strictObject({
  clientIds: z.array(zId).min(1).max(500),
  counselorId: zId,
});

/** Outcomes date range (Beijing days, inclusive); default: the last 12 months up to today. */
export const ZOutcomeRange = z
  .strictObject({ from: zDate.optional(), to: zDate.optional() })
  .refine((r) => !r.from || !r.to || r.from <= r.to, { message: "rangeReversed", path: ["to"] });
export type OutcomeRangeInput = z.infer<typeof ZOutcomeRange>;

export const ZLenderHistory = z.strictObject({ lenderId: zId });

/** Buffer percent as an exact decimal string with at most two decimals, 0–50. */
const zBufferPct = z
  .string()
  .trim()
  .regex(/^\d{1,2}(\.\d{1,2})?$/)
  .refine((s) => Number(s) <= 50, { message: "too_big" });

export const ZSettingsUpdate = z.strictObject({
  bufferPct: zBufferPct,
  minPerCreditorFen: zFen.max(100_000_000),
  requireProposalApproval: z.boolean(),
  require2fa: z.boolean(),
  businessHours: ZBusinessHours,
});
export type SettingsUpdateInput = z.infer<typeof ZSettingsUpdate>;

/** The caller's notifications: newest first, keyset pages. */
export const ZNotificationList = z.strictObject({
  unreadOnly: z.boolean().optional(),
  cursor: zCursor(200).nullish(),
  /** Added by tRPC's infinite queries; pages only go forward. */
  direction: z.enum(["forward", "backward"]).optional(),
});

export const ZNotificationMarkRead = z.strictObject({ ids: z.array(zId).min(1).max(200) });
