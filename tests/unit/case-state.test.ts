import { describe, expect, it } from "vitest";
import {
  ALLOWED_TRANSITIONS,
  assertTransition,
  canTransition,
  CASE_EVENTS,
  CASE_SEVERITY,
  CASE_STATES,
  type CaseEvent,
  type CaseState,
  eventApplies,
  isAtRest,
  isCaseState,
  isNegotiable,
  isOpenCase,
  isTerminal,
  LENDER_CONTACT_STATES,
} from "../../server/domain/case-state";
import { DomainError } from "../../server/domain/errors";

// Written out again here, independently of ALLOWED_TRANSITIONS, so a change to the graph is deliberate.
const EXPECTED = new Set([
  "intake>preparing",
  "intake>withdrawn",
  "intake>closed",
  "preparing>proposed",
  "preparing>agreed",
  "preparing>escalated",
  "preparing>withdrawn",
  "preparing>closed",
  "proposed>negotiating",
  "proposed>agreed",
  "proposed>rejected",
  "proposed>escalated",
  "proposed>withdrawn",
  "negotiating>proposed",
  "negotiating>agreed",
  "negotiating>rejected",
  "negotiating>escalated",
  "negotiating>withdrawn",
  "agreed>repaying",
  "agreed>negotiating",
  "agreed>closed",
  "repaying>completed",
  "repaying>negotiating",
  "repaying>escalated",
  "completed>closed",
  "rejected>preparing",
  "rejected>agreed",
  "rejected>escalated",
  "rejected>closed",
  "escalated>preparing",
  "escalated>agreed",
  "escalated>closed",
  "withdrawn>closed",
]);

const ALL_PAIRS = CASE_STATES.flatMap((from) => CASE_STATES.map((to) => [from, to] as const));
const allowedPairs = ALL_PAIRS.filter(([from, to]) => EXPECTED.has(`${from}>${to}`));
const forbiddenPairs = ALL_PAIRS.filter(([from, to]) => !EXPECTED.has(`${from}>${to}`));

describe("case state machine", () => {
  it("has the eleven states in main-line order", () => {
    expect(CASE_STATES).toEqual([
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
    ]);
    expect(ALL_PAIRS).toHaveLength(121);
    expect(allowedPairs).toHaveLength(EXPECTED.size);
  });

  it("ALLOWED_TRANSITIONS is exactly the documented graph", () => {
    const actual = new Set(CASE_STATES.flatMap((from) => ALLOWED_TRANSITIONS[from].map((to) => `${from}>${to}`)));
    expect(actual).toEqual(EXPECTED);
  });

  it.each(allowedPairs)("allows %s → %s", (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each(forbiddenPairs)("refuses %s → %s", (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    let error: unknown;
    try {
      assertTransition(from, to);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("transition_not_allowed");
    expect((error as DomainError).message).toContain(from);
    expect((error as DomainError).message).toContain(to);
  });

  it("no state moves to itself", () => {
    for (const state of CASE_STATES) expect(canTransition(state, state)).toBe(false);
  });

  it("closed is the only terminal state", () => {
    expect(CASE_STATES.filter(isTerminal)).toEqual(["closed"]);
    expect(isTerminal("completed")).toBe(false);
    expect(isTerminal("withdrawn")).toBe(false);
  });

  it("every state can reach closed, so no case gets stuck", () => {
    for (const start of CASE_STATES) {
      const seen = new Set<CaseState>([start]);
      const queue: CaseState[] = [start];
      for (let state = queue.shift(); state !== undefined; state = queue.shift()) {
        for (const next of ALLOWED_TRANSITIONS[state]) {
          if (!seen.has(next)) {
            seen.add(next);
            queue.push(next);
          }
        }
      }
      expect(seen.has("closed"), start).toBe(true);
    }
  });

  it("an agreed case cannot be withdrawn, and nothing returns to intake", () => {
    for (const state of ["agreed", "repaying", "completed"] as const) {
      expect(canTransition(state, "withdrawn")).toBe(false);
    }
    for (const state of CASE_STATES) expect(canTransition(state, "intake")).toBe(false);
  });

  it("isCaseState narrows strings from storage", () => {
    expect(isCaseState("negotiating")).toBe(true);
    expect(isCaseState("Negotiating")).toBe(false);
    expect(isCaseState("settled")).toBe(false);
    expect(isCaseState(undefined)).toBe(false);
  });
});

describe("case states by name and the effects of events", () => {
  it("every step an event takes is a transition the state machine allows", () => {
    for (const [event, routes] of Object.entries(CASE_EVENTS)) {
      for (const [from, steps] of Object.entries(routes) as Array<[CaseState, readonly CaseState[]]>) {
        let at = from;
        for (const to of steps) {
          expect(canTransition(at, to), `${event}: ${at} → ${to}`).toBe(true);
          at = to;
        }
        expect(eventApplies(event as CaseEvent, from)).toBe(true);
      }
    }
    expect(eventApplies("firstPaymentConfirmed", "repaying")).toBe(false);
  });

  it("a proposal sent ends in proposed from every state it may be sent in, and never from an agreement", () => {
    for (const [from, steps] of Object.entries(CASE_EVENTS.proposalSent) as Array<[CaseState, readonly CaseState[]]>) {
      expect(steps.at(-1) ?? from).toBe("proposed");
      expect(isNegotiable(from)).toBe(true);
    }
    expect(eventApplies("proposalSent", "agreed")).toBe(false);
  });

  it("names the sets: open, at rest, the ones the lender is contacted in, and ranks every state once", () => {
    expect(CASE_STATES.filter((s) => !isOpenCase(s))).toEqual(["completed", "withdrawn", "closed"]);
    expect(CASE_STATES.filter(isAtRest)).toEqual(["completed", "rejected", "withdrawn", "closed"]);
    expect(LENDER_CONTACT_STATES).toEqual(["intake", "preparing", "proposed", "negotiating", "rejected"]);
    expect([...CASE_SEVERITY].sort()).toEqual([...CASE_STATES].sort());
    for (const s of CASE_STATES) if (isTerminal(s)) expect(isAtRest(s)).toBe(true);
  });
});
