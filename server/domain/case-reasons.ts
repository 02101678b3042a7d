/**
 * Why a case moved when the move was a side effect of another action (sending a proposal, recording an
 * answer, confirming a payment). The reason is stored as a stable English line (the audit log and the case
 * events keep it), and shown to a person in her language: `parseSystemReason` gives back what the line
 * says, so the case page can translate it; any other reason (typed by a person) is shown as written.
 */
import type { AnswerKind } from "./client-timeline";

export type SystemReason =
  | { key: "proposalSent"; seq: number }
  | { key: "response"; seq: number; answer: AnswerKind }
  | { key: "counterOfferAccepted" }
  | { key: "firstPaymentConfirmed" }
  | { key: "allInstalmentsPaid" };

const ANSWERS: readonly AnswerKind[] = ["accepted", "rejected", "counter-offer", "documents-requested"];

/** The stored line. */
export function systemReasonText(r: SystemReason): string {
  switch (r.key) {
    case "proposalSent":
      return `proposal #${r.seq} sent`;
    case "response":
      return `response to proposal #${r.seq}: ${r.answer}`;
    case "counterOfferAccepted":
      return "counter-offer accepted";
    case "firstPaymentConfirmed":
      return "first payment confirmed";
    case "allInstalmentsPaid":
      return "all instalments paid";
  }
}

/** What a stored line says, or null for a reason a person typed. */
export function parseSystemReason(text: string): SystemReason | null {
  let m = /^proposal #(\d+) sent$/.exec(text);
  if (m) return { key: "proposalSent", seq: Number(m[1]) };
  m = /^response to proposal #(\d+): ([a-z-]+)$/.exec(text);
  if (m && (ANSWERS as readonly string[]).includes(m[2]!)) return { key: "response", seq: Number(m[1]), answer: m[2] as AnswerKind };
  if (text === "counter-offer accepted") return { key: "counterOfferAccepted" };
  if (text === "first payment confirmed") return { key: "firstPaymentConfirmed" };
  if (text === "all instalments paid") return { key: "allInstalmentsPaid" };
  return null;
}
