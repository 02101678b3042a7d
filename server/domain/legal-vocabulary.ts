/** The words of the court and mediation tracks (stored as text; the zod schemas in server/schemas/legal.ts check them). */

/** How a lawsuit ended at first instance: a judgment, a court mediation document (调解书), withdrawn (撤诉) or dismissed (驳回). */
export const LAWSUIT_OUTCOMES = ["judgment", "mediation-document", "withdrawn", "dismissed"] as const;
export type LawsuitOutcome = (typeof LAWSUIT_OUTCOMES)[number];

/** Enforcement (执行): applied for, under way, done (执行完毕), or ended for now with nothing found (终结本次执行). */
export const ENFORCEMENT_STATUSES = ["applied", "in-progress", "concluded", "terminated-for-now"] as const;
export type EnforcementStatus = (typeof ENFORCEMENT_STATUSES)[number];

/** Kinds of mediation body in an organization's directory. */
export const MEDIATION_BODY_KINDS = ["financial-dispute-centre", "court-platform", "peoples-committee"] as const;
export type MediationBodyKind = (typeof MEDIATION_BODY_KINDS)[number];

/** A mediation: open until it ends in an agreement, fails, or the client withdraws. */
export const MEDIATION_STATUSES = ["open", "agreed", "failed", "withdrawn"] as const;
export type MediationStatus = (typeof MEDIATION_STATUSES)[number];

/** Where an agreement came from: the counselor's negotiation with the lender, or a mediation. */
export const AGREEMENT_SOURCES = ["negotiation", "mediation"] as const;
export type AgreementSource = (typeof AGREEMENT_SOURCES)[number];
