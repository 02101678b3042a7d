/**
 * The life of one negotiation case (one client, one lender).
 *
 * Main line: intake → preparing → proposed → negotiating → agreed → repaying → completed → closed.
 * Exits: rejected (the lender said no), escalated (handed to a lawyer or legal aid), withdrawn (the client
 * stopped; authorisation is revocable at any time before an agreement), closed (archived, the only terminal
 * state). Every other state reaches closed by some path, so no case is stuck.
 *
 * Choices worth knowing:
 * - proposed → agreed directly: a lender may accept the first proposal without any back-and-forth.
 * - negotiating → proposed: a counter-offer is a new proposal, recorded as such.
 * - agreed → negotiating and repaying → negotiating: an agreement can fall apart before the first payment,
 *   and a missed instalment usually means renegotiating rather than starting over.
 * - withdrawn is not allowed once agreed: the client is then bound to an agreement; stopping payments is
 *   a default (repaying → negotiating/escalated), not a withdrawal.
 * - rejected → preparing and escalated → preparing: trying again after a refusal, or after the lawyer
 *   hands the case back, starts from preparing a new proposal, keeping the history of the same case.
 * - preparing/rejected/escalated → agreed: an agreement reached in mediation (a mediation body, often
 *   after a lawsuit or a refusal) rather than by a proposal to the lender.
 * - No state moves to itself and nothing moves back to intake: edits inside a state are not transitions.
 */
import { DomainError } from "./errors";

export const CASE_STATES = [
  "intake",
  "preparing",
  "proposed",
  "negotiating",
  "agreed",
  "repaying",
  "completed",
  "rejected",
  "escalated",
  "withdrawn",
  "closed",
] as const;

export type CaseState = (typeof CASE_STATES)[number];

export const ALLOWED_TRANSITIONS: Readonly<Record<CaseState, readonly CaseState[]>> = {
  intake: ["preparing", "withdrawn", "closed"],
  preparing: ["proposed", "agreed", "escalated", "withdrawn", "closed"],
  proposed: ["negotiating", "agreed", "rejected", "escalated", "withdrawn"],
  negotiating: ["proposed", "agreed", "rejected", "escalated", "withdrawn"],
  agreed: ["repaying", "negotiating", "closed"],
  repaying: ["completed", "negotiating", "escalated"],
  completed: ["closed"],
  rejected: ["preparing", "agreed", "escalated", "closed"],
  escalated: ["preparing", "agreed", "closed"],
  withdrawn: ["closed"],
  closed: [],
};

export function isCaseState(value: unknown): value is CaseState {
  return typeof value === "string" && (CASE_STATES as readonly string[]).includes(value);
}

export function canTransition(from: CaseState, to: CaseState): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

export function assertTransition(from: CaseState, to: CaseState): void {
  if (!canTransition(from, to)) {
    throw new DomainError("transition_not_allowed", `A case cannot move from ${from} to ${to}`, "state");
  }
}

export function isTerminal(state: CaseState): boolean {
  return ALLOWED_TRANSITIONS[state].length === 0;
}

/** States in which a case has an agreement in force (or just made): no new proposal, only a change or a breach. */
export const UNDER_AGREEMENT_STATES = ["agreed", "repaying"] as const satisfies readonly CaseState[];

/** States in which nothing more is negotiated: the agreement was kept, or the case stopped. */
export const NOT_NEGOTIABLE_STATES = ["agreed", "repaying", "completed", "withdrawn", "closed"] as const satisfies readonly CaseState[];

export function isNegotiable(state: CaseState): boolean {
  return !(NOT_NEGOTIABLE_STATES as readonly CaseState[]).includes(state);
}

/** Where a case may go when its agreement is broken: back to negotiating, to a lawyer, or archived. */
export const BREACH_TARGETS = ["negotiating", "escalated", "closed"] as const satisfies readonly CaseState[];
export type BreachTarget = (typeof BREACH_TARGETS)[number];

/** The breach targets the state machine allows from `from` (none when no agreement is in force). */
export function breachTargets(from: CaseState): BreachTarget[] {
  if (!(UNDER_AGREEMENT_STATES as readonly CaseState[]).includes(from)) return [];
  return BREACH_TARGETS.filter((to) => canTransition(from, to));
}

/** States in which the case has ended: the agreement was kept, the client stopped, or it was archived. */
export const ENDED_STATES = ["completed", "withdrawn", "closed"] as const satisfies readonly CaseState[];

/** An open case: not ended (a refused or escalated case is still open; it may be tried again). */
export function isOpenCase(state: CaseState): boolean {
  return !(ENDED_STATES as readonly CaseState[]).includes(state);
}

/**
 * States in which nothing is waiting on the agency: ended, or refused by the lender with nothing new tried.
 * A client's file may be closed only when every case is in one of them.
 */
export const AT_REST_STATES = [...ENDED_STATES, "rejected"] as const satisfies readonly CaseState[];

export function isAtRest(state: CaseState): boolean {
  return (AT_REST_STATES as readonly CaseState[]).includes(state);
}

/** Negotiable states in which the counselor talks to the lender (an escalated case is a lawyer's). */
export const LENDER_CONTACT_STATES = CASE_STATES.filter((s) => isNegotiable(s) && s !== "escalated");

/**
 * What an event does to a case: from each state it may happen in, the steps the case takes (none: it stays).
 * From a state not listed the event is not allowed now (services/cases.ts moveCaseOn refuses it).
 */
export const CASE_EVENTS = {
  /** A proposal goes to the lender: the case is "proposed" (through "preparing" when it was not there yet). */
  proposalSent: {
    intake: ["preparing", "proposed"],
    preparing: ["proposed"],
    rejected: ["preparing", "proposed"],
    escalated: ["preparing", "proposed"],
    negotiating: ["proposed"],
    proposed: [],
  },
  /** A counter-offer or a request for documents: the talks go on. */
  lenderReplied: { proposed: ["negotiating"], negotiating: [] },
  lenderRejected: { proposed: ["rejected"], negotiating: ["rejected"] },
  /** The lender accepted a proposal, or the client accepted the lender's counter-offer. */
  agreed: { proposed: ["agreed"], negotiating: ["agreed"] },
  /** A mediation ended in an agreement (services/mediations.ts): from any state a case can be negotiated in. */
  mediationAgreed: {
    intake: ["preparing", "agreed"],
    preparing: ["agreed"],
    proposed: ["agreed"],
    negotiating: ["agreed"],
    rejected: ["agreed"],
    escalated: ["agreed"],
  },
  firstPaymentConfirmed: { agreed: ["repaying"] },
  allInstalmentsPaid: { repaying: ["completed"] },
} as const satisfies Record<string, Partial<Record<CaseState, readonly CaseState[]>>>;
export type CaseEvent = keyof typeof CASE_EVENTS;

/** Whether `event` may happen to a case in `state`. */
export function eventApplies(event: CaseEvent, state: CaseState): boolean {
  return state in CASE_EVENTS[event];
}

/**
 * Which case status is "worst" for a client with several cases, most urgent first: a refusal or an
 * escalation needs the counselor before anything else; closed cases matter least.
 */
export const CASE_SEVERITY = [
  "rejected",
  "escalated",
  "negotiating",
  "proposed",
  "preparing",
  "intake",
  "repaying",
  "agreed",
  "completed",
  "withdrawn",
  "closed",
] as const satisfies readonly CaseState[];
