/**
 * The closed vocabularies of the data model: shared by the database schema, the API's input schemas and
 * the forms. Pure, so a browser bundle that validates a form does not pull in the database code.
 */

export const HARDSHIP_REASONS = ["unemployment", "illness", "business-failure", "income-cut", "over-borrowing", "other"] as const;
export type HardshipReason = (typeof HARDSHIP_REASONS)[number];

export const EMPLOYMENT_KINDS = ["employed", "self-employed", "unemployed", "retired", "student", "other"] as const;
export type EmploymentKind = (typeof EMPLOYMENT_KINDS)[number];

export const LICENCE_TYPES = ["bank", "consumer-finance", "microloan", "loan-facilitation", "other"] as const;
export type LicenceType = (typeof LICENCE_TYPES)[number];

export const RATE_UNITS = ["annual", "monthly", "daily"] as const;
export type DebtRateUnit = (typeof RATE_UNITS)[number];

export const CREDIT_REPORTED = ["yes", "no", "unknown"] as const;
export type CreditReported = (typeof CREDIT_REPORTED)[number];

/** How far collection has gone; "lawsuit" = the lender has sued (诉讼), "outsourced" = 委外催收. */
export const COLLECTION_STATUSES = ["none", "in-house", "outsourced", "legal-letter", "lawsuit", "other"] as const;
export type CollectionStatus = (typeof COLLECTION_STATUSES)[number];

/** disbursement = money the lender paid out to the client; repayment = money the client paid back. */
export const CASH_FLOW_DIRECTIONS = ["disbursement", "repayment"] as const;
export type CashFlowDirection = (typeof CASH_FLOW_DIRECTIONS)[number];

/**
 * A cash flow the client paid that is a fee rather than a repayment to the lender (a guarantee company's
 * fee, insurance sold with the loan, a membership): recorded with its kind so the IRR includes it and the
 * debt view can say how much of the cost it is. Only repayment flows carry a kind.
 */
export const FEE_KINDS = ["guarantee", "insurance", "membership", "service", "other"] as const;
export type FeeKind = (typeof FEE_KINDS)[number];

/** What a debt is, where a rule depends on it (Art. 70 and 恶意透支 are about credit cards). */
export const DEBT_KINDS = ["loan", "credit-card"] as const;
export type DebtKind = (typeof DEBT_KINDS)[number];

export const PLAN_STATUSES = ["draft", "active", "closed"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

// Negotiation cases.
export const PROPOSAL_CHANNELS = ["phone", "app", "email", "letter", "in-person"] as const;
export type ProposalChannel = (typeof PROPOSAL_CHANNELS)[number];
export const PROPOSAL_STATUSES = ["draft", "awaiting-approval", "sent", "answered", "expired"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export const RESPONSE_KINDS = ["accepted", "rejected", "counter-offer", "documents-requested"] as const;
export type ResponseKind = (typeof RESPONSE_KINDS)[number];
export const PAYMENT_METHODS = ["bank-transfer", "lender-app", "alipay", "wechat", "cash", "other"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const DOCUMENT_KINDS = [
  "loan-contract",
  "overdue-notice",
  "income-proof",
  "unemployment-proof",
  "medical-proof",
  "id",
  "bank-statement",
  "communication-record",
  "agreement",
  "receipt",
  "authorisation",
  "letter",
  "other",
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const CONTACT_CHANNELS = ["phone", "sms", "app", "email", "letter", "in-person", "wechat", "other"] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export const CONTACT_PARTIES = ["lender-staff", "collector", "client", "lawyer", "third-party", "other"] as const;
export type ContactParty = (typeof CONTACT_PARTIES)[number];
export const REFERRAL_KINDS = ["lawyer", "legal-aid", "financial-adviser", "mediation"] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];
export const REFERRAL_STATUSES = ["open", "accepted", "declined", "completed"] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
/** How a lender's request for a document was resolved (db/schema/requests.ts). */
export const REQUEST_RESOLUTIONS = ["uploaded", "on-file", "not-needed"] as const;
export type RequestResolution = (typeof REQUEST_RESOLUTIONS)[number];

/** What a notification is about (server/services/notifications.ts makes each from the agenda's events). */
export const NOTIFICATION_KINDS = [
  "follow-up-due",
  "proposal-expired",
  "instalment-due",
  "instalment-missed",
  "documents-requested",
  "payment-reported",
  "client-payment-due",
  "client-answer",
  "client-documents-requested",
  "court-deadline",
  "client-court-deadline",
  "complaint-due",
  "complaint-overdue",
  "authorisation-to-sign",
  "authorisation-signed",
  "authorisation-revoked",
  "sign-off-requested",
  "sign-off-answered",
  "message-received",
  "client-message-received",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The words a notification shows: names, dates and amounts, filled into the kind's message. */
export type NotificationParams = {
  clientName?: string;
  lenderName?: string;
  date?: string;
  amountFen?: number;
  answer?: string;
  title?: string;
};
