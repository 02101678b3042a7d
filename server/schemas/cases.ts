import { z } from "zod";
import {
  CONTACT_CHANNELS,
  CONTACT_PARTIES,
  DOCUMENT_KINDS,
  PAYMENT_METHODS,
  PROPOSAL_CHANNELS,
  REFERRAL_KINDS,
  REFERRAL_STATUSES,
} from "@/server/domain/vocabulary";
import { BREACH_TARGETS, CASE_STATES } from "@/server/domain/case-state";
import { SCHEDULE_METHODS } from "@/server/domain/schedule";
import type { Terms } from "@/server/domain/terms";
import { zDate, zDueDate, zFen, zId, zInstant, zPastDate, zPositiveFen, zRequiredLine, zRequiredText, zText, zVersion } from "./common";

/** An annual rate in percent as an exact decimal string, 0–100, up to 4 decimals. */
const zRatePct = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,4})?$/)
  .refine((s) => Number(s) <= 100, { message: "too_big" });
const zClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);

export const ZBusinessHours = z
  .array(z.strictObject({ start: zClock, end: zClock }))
  .min(1)
  .max(6);

/** One shape for a proposal's, a counter-offer's and an agreement's terms; at least one kind. */
export const ZProposalTerms = z
  .strictObject({
    waiver: z
      .strictObject({ interestFen: zFen.optional(), penaltyFen: zFen.optional(), feesFen: zFen.optional() })
      .refine((w) => (w.interestFen ?? 0) + (w.penaltyFen ?? 0) + (w.feesFen ?? 0) > 0, {
        message: "waiverEmpty",
      })
      .optional(),
    instalments: z
      .strictObject({
        amountFen: zPositiveFen,
        method: z.enum(SCHEDULE_METHODS),
        months: z.number().int().min(1).max(60),
        annualRatePct: zRatePct,
        firstDueDate: zDueDate,
      })
      .optional(),
    deferral: z.strictObject({ months: z.number().int().min(1).max(24) }).optional(),
    lumpSum: z.strictObject({ amountFen: zPositiveFen, dueDate: zDueDate }).optional(),
    creditCorrection: z
      .strictObject({ request: zRequiredText(2000), evidenceDocumentIds: z.array(zId).max(20) })
      .optional(),
    note: zText(2000).optional(),
  })
  .refine((t) => t.waiver || t.instalments || t.deferral || t.lumpSum || t.creditCorrection, {
    message: "termsEmpty",
    path: ["_"],
  })
  .refine((t) => !(t.instalments && t.lumpSum), { message: "instalmentsOrLumpSum", path: ["lumpSum"] });

export type ProposalTermsInput = z.infer<typeof ZProposalTerms>;

/** The schema checks the domain's one shape of terms: a kind added to one and not the other does not compile. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _termsShapeMatches: Same<ProposalTermsInput, Terms> = true;

export const ZArt70 = z.strictObject({
  balanceFen: zFen,
  balanceStructure: zRequiredText(2000),
  scheduleSummary: zRequiredText(2000),
  annualFeeCharged: z.boolean(),
  interestCharged: z.boolean(),
  otherFeesCharged: z.boolean(),
  noNewCardsUntilSettled: z.boolean(),
  breachTerms: zRequiredText(2000),
  other: zText(2000).optional(),
});

const zReason = zText(1000).optional();

export const ZOpenCase = z.strictObject({ debtId: zId, contactHours: ZBusinessHours.optional() });
export const ZCaseId = z.strictObject({ caseId: zId });
export const ZTransition = z.strictObject({
  caseId: zId,
  to: z.enum(CASE_STATES),
  reason: zReason,
  version: zVersion,
});
export const ZSetContactHours = z.strictObject({
  caseId: zId,
  contactHours: ZBusinessHours.nullable(),
  version: zVersion,
});

export const ZCreateProposal = z.strictObject({
  caseId: zId,
  terms: ZProposalTerms,
  channel: z.enum(PROPOSAL_CHANNELS),
  validUntil: zDueDate,
});
export const ZProposalRef = z.strictObject({ caseId: zId, proposalId: zId });

const zAgreementExtras = {
  art70: ZArt70.optional(),
  evidenceDocumentIds: z.array(zId).max(20).optional(),
  agreedOn: zPastDate.optional(),
};

export const ZRecordResponse = z.discriminatedUnion("kind", [
  z.strictObject({
    caseId: zId,
    proposalId: zId,
    kind: z.literal("accepted"),
    receivedOn: zPastDate,
    note: zText(2000).optional(),
    ...zAgreementExtras,
  }),
  z.strictObject({
    caseId: zId,
    proposalId: zId,
    kind: z.literal("rejected"),
    receivedOn: zPastDate,
    reason: zRequiredText(1000),
    note: zText(2000).optional(),
  }),
  z.strictObject({
    caseId: zId,
    proposalId: zId,
    kind: z.literal("counter-offer"),
    receivedOn: zPastDate,
    terms: ZProposalTerms,
    note: zText(2000).optional(),
  }),
  z.strictObject({
    caseId: zId,
    proposalId: zId,
    kind: z.literal("documents-requested"),
    receivedOn: zPastDate,
    documents: z.array(z.enum(DOCUMENT_KINDS)).min(1).max(DOCUMENT_KINDS.length),
    note: zText(2000).optional(),
  }),
]);
export type RecordResponseInput = z.infer<typeof ZRecordResponse>;

export const ZAcceptCounterOffer = z.strictObject({ caseId: zId, responseId: zId, ...zAgreementExtras });

export const ZRecordPayment = z.strictObject({
  caseId: zId,
  amountFen: zPositiveFen,
  paidOn: zDate,
  method: z.enum(PAYMENT_METHODS),
  receiptDocumentId: zId.optional(),
  note: zText(500).optional(),
  /** Generated by the browser once per submission (a UUID or similar). */
  idempotencyKey: z.string().trim().min(8).max(100).regex(/^[\w-]+$/),
});
export const ZConfirmPayment = z.strictObject({ caseId: zId, paymentId: zId });

export const ZAppendContact = z.strictObject({
  caseId: zId,
  at: zInstant,
  channel: z.enum(CONTACT_CHANNELS),
  direction: z.enum(["inbound", "outbound"]),
  party: z.enum(CONTACT_PARTIES),
  connected: z.boolean().optional(),
  thirdPartyContacted: z.boolean().optional(),
  summary: zRequiredText(4000),
  correctsEntryId: zId.optional(),
  attachmentDocumentIds: z.array(zId).max(20).optional(),
});

export const ZNextWindow = z.strictObject({ caseId: zId, from: zInstant.optional() });

export const ZCreateReferral = z.strictObject({
  caseId: zId,
  kind: z.enum(REFERRAL_KINDS),
  toName: zRequiredLine(200),
});
export const ZUpdateReferral = z.strictObject({
  caseId: zId,
  referralId: zId,
  status: z.enum(REFERRAL_STATUSES),
  outcome: zText(2000).optional(),
  version: zVersion,
});

export const ZCreateTask = z.strictObject({ caseId: zId, title: zRequiredLine(200), dueOn: zDueDate });
export const ZCompleteTask = z.strictObject({ taskId: zId });

export const ZDocumentKind = z.enum(DOCUMENT_KINDS);

/** What the proposals tab may offer now, and what terms are checked against (case.negotiation). */
export const ZNegotiation = ZCaseId;

/**
 * A change agreed with the lender under the active agreement: new terms for what remains, from a date. The
 * instalments already paid stay in the schedule and the payments so far count.
 */
export const ZChangeAgreement = z
  .strictObject({
    caseId: zId,
    agreementId: zId,
    version: zVersion,
    effectiveFrom: zPastDate,
    terms: ZProposalTerms,
    note: zText(2000).optional(),
    art70: ZArt70.optional(),
    evidenceDocumentIds: z.array(zId).max(20).optional(),
  })
  // A change says how what remains is repaid: without instalments or a lump sum it would leave nothing to pay.
  .refine((i) => i.terms.instalments !== undefined || i.terms.lumpSum !== undefined, {
    message: "changeNeedsRepayment",
    path: ["terms", "instalments", "amountFen"],
  });
export type ChangeAgreementInput = z.infer<typeof ZChangeAgreement>;

/** The active agreement was not kept: it becomes broken and the case moves on, with the reason. */
export const ZRecordBreach = z.strictObject({
  caseId: zId,
  agreementId: zId,
  version: zVersion,
  brokenOn: zPastDate,
  reason: zRequiredText(1000),
  to: z.enum(BREACH_TARGETS),
});
export type RecordBreachInput = z.infer<typeof ZRecordBreach>;
