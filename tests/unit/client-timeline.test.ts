import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/messages/en/core.json";
import zh from "@/messages/zh-CN/core.json";
import { CASE_STATES } from "@/server/domain/case-state";
import { clientTimeline, type TimelineRecord } from "@/server/domain/client-timeline";

const at = (iso: string) => new Date(iso);
const A = "case-a";
const B = "case-b";

describe("the client's timeline", () => {
  it("tells each happening once: moves told by the proposal or the answer recorded with them are left out", () => {
    const records: TimelineRecord[] = [
      // Case A opened; days later a proposal is sent (intake → preparing → proposed in one action)…
      { kind: "status", caseId: A, at: at("2026-03-01T02:00:00.000Z"), status: "intake" },
      { kind: "status", caseId: A, at: at("2026-03-05T02:00:00.100Z"), status: "preparing" },
      { kind: "status", caseId: A, at: at("2026-03-05T02:00:00.100Z"), status: "proposed" },
      { kind: "proposal-sent", caseId: A, at: at("2026-03-05T02:00:00.150Z") },
      // …and accepted: the answer tells it, the move to agreed is the same happening.
      { kind: "answer", caseId: A, at: at("2026-03-10T03:00:00.000Z"), answer: "accepted" },
      { kind: "status", caseId: A, at: at("2026-03-10T03:00:00.020Z"), status: "agreed" },
      // The first confirmed payment starts the repayment: nothing else tells that.
      { kind: "status", caseId: A, at: at("2026-04-01T03:00:00.000Z"), status: "repaying" },
      // Case B: only opened, at 00:30 Beijing time (the day is Beijing's, not UTC's).
      { kind: "status", caseId: B, at: at("2026-03-04T16:30:00.000Z"), status: "intake" },
    ];
    expect(clientTimeline(records).map((e) => [e.day, e.caseId, e.phrase])).toEqual([
      ["2026-04-01", A, "status.repaying"],
      ["2026-03-10", A, "answer.accepted"],
      ["2026-03-05", A, "proposal-sent"],
      ["2026-03-05", B, "status.intake"],
      ["2026-03-01", A, "status.intake"],
    ]);
  });

  it("keeps a move nobody else tells: preparing days before sending, an accepted counter-offer", () => {
    const records: TimelineRecord[] = [
      { kind: "status", caseId: A, at: at("2026-03-02T03:00:00Z"), status: "preparing" },
      { kind: "status", caseId: A, at: at("2026-03-05T03:00:00Z"), status: "proposed" },
      { kind: "proposal-sent", caseId: A, at: at("2026-03-05T03:00:00.050Z") },
      { kind: "answer", caseId: A, at: at("2026-03-10T03:00:00Z"), answer: "counter-offer" },
      { kind: "status", caseId: A, at: at("2026-03-10T03:00:00.010Z"), status: "negotiating" },
      { kind: "status", caseId: A, at: at("2026-03-12T03:00:00Z"), status: "agreed" },
      // Another case's answer in the same moment does not hide this case's move.
      { kind: "answer", caseId: B, at: at("2026-03-12T03:00:00Z"), answer: "accepted" },
    ];
    expect(clientTimeline(records).map((e) => e.phrase)).toEqual([
      "answer.accepted",
      "status.agreed",
      "answer.counter-offer",
      "proposal-sent",
      "status.preparing",
    ]);
  });

  it("has a plain sentence for every phrase in both languages, with no internal state word", () => {
    const phrases = [
      ...CASE_STATES.map((s) => `status.${s}`),
      "proposal-sent",
      ...["accepted", "rejected", "counter-offer", "documents-requested"].map((a) => `answer.${a}`),
    ];
    for (const [locale, messages, banned] of [
      ["zh-CN", zh, /接案|准备中|已提出方案|协商中|已转介/],
      ["en", en, /\bintake\b|\bpreparing\b|\bescalated\b/i],
    ] as const) {
      const t = createTranslator({
        locale,
        messages,
        namespace: "portal.event",
        onError: (e) => {
          throw e;
        },
      });
      for (const p of phrases) {
        const sentence = t(p as "proposal-sent", { lender: "京东金条" });
        expect(sentence).toContain("京东金条");
        expect(sentence).not.toMatch(banned);
      }
    }
  });
});
