/**
 * The client's timeline: what happened with each lender, told once, in the order it happened (newest
 * first). The portal turns each entry's `phrase` into a sentence in her words (portal.event.*), never an
 * internal state name.
 *
 * One action often writes several records in the same moment: sending a proposal moves the case through
 * "preparing" to "proposed" and marks the proposal sent; recording an answer moves the case too. The client
 * hears it once: a move told by the proposal or the answer recorded with it (same case, within a minute) is
 * left out: preparing and proposed ← proposal sent, negotiating ← counter-offer or documents requested,
 * rejected ← rejected, agreed ← accepted. Every other move (the case opened, repayments started, paid off,
 * referred, stopped, closed) is told by itself.
 */
import type { CaseState } from "./case-state";
import { shanghaiDate } from "./time";

export type AnswerKind = "accepted" | "rejected" | "counter-offer" | "documents-requested";

export type TimelineRecord =
  | { kind: "status"; caseId: string; at: Date; status: CaseState }
  | { kind: "proposal-sent"; caseId: string; at: Date }
  | { kind: "answer"; caseId: string; at: Date; answer: AnswerKind };

export type TimelinePhrase = `status.${CaseState}` | "proposal-sent" | `answer.${AnswerKind}`;

export type TimelineEntry = { at: string; day: string; caseId: string; phrase: TimelinePhrase };

const SAME_MOMENT_MS = 60_000;

/** Which records tell a move of the case better than the move itself. */
const TOLD_BY: Partial<Record<CaseState, (r: TimelineRecord) => boolean>> = {
  preparing: (r) => r.kind === "proposal-sent",
  proposed: (r) => r.kind === "proposal-sent",
  negotiating: (r) => r.kind === "answer" && (r.answer === "counter-offer" || r.answer === "documents-requested"),
  rejected: (r) => r.kind === "answer" && r.answer === "rejected",
  agreed: (r) => r.kind === "answer" && r.answer === "accepted",
};

function phraseOf(r: TimelineRecord): TimelinePhrase {
  switch (r.kind) {
    case "status":
      return `status.${r.status}`;
    case "proposal-sent":
      return "proposal-sent";
    case "answer":
      return `answer.${r.answer}`;
  }
}

/** `records` in the order they happened (that order breaks a tie of instants). */
export function clientTimeline(records: readonly TimelineRecord[]): TimelineEntry[] {
  const near = (a: TimelineRecord, b: TimelineRecord) =>
    a.caseId === b.caseId && Math.abs(a.at.getTime() - b.at.getTime()) <= SAME_MOMENT_MS;
  const kept = records.filter((r) => {
    if (r.kind !== "status") return true;
    const toldBy = TOLD_BY[r.status];
    return !(toldBy && records.some((o) => o !== r && near(o, r) && toldBy(o)));
  });
  // Newest first; of two records at the same instant, the later one first.
  return kept
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.at.getTime() - a.r.at.getTime() || b.i - a.i)
    .map(({ r }) => ({ at: r.at.toISOString(), day: shanghaiDate(r.at), caseId: r.caseId, phrase: phraseOf(r) }));
}
