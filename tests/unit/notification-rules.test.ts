import { describe, expect, it } from "vitest";
import { answerNotificationKeys, notificationDrafts, type AgendaFacts } from "@/server/domain/notification-rules";

const named = { clientId: "c1", clientName: "王某", lenderName: "借呗", href: "/cases/k1" };
const instalment = (seq: number, dueDate: string) => ({ ...named, agreementId: "a1", seq, dueDate, remainingFen: 12_345 });
const none: AgendaFacts = {
  followUps: [],
  expiredProposals: [],
  instalmentsDue: [],
  missedInstalments: [],
  documentRequests: [],
  reportedPayments: [],
};

describe("the notification rule table", () => {
  it("tells staff of an instalment due and the client only within three days of it", () => {
    const drafts = notificationDrafts(
      { ...none, instalmentsDue: [instalment(1, "2026-03-04"), instalment(2, "2026-03-05")] },
      [],
      "2026-03-01",
    );
    expect(drafts.map((d) => [d.to, d.kind, d.dedupeKey])).toEqual([
      ["staff", "instalment-due", "instalment-due:a1:1"],
      ["client", "client-payment-due", "client-payment-due:a1:1"],
      ["staff", "instalment-due", "instalment-due:a1:2"],
    ]);
    expect(drafts[1]).toMatchObject({ href: "/portal", params: { lenderName: "借呗", date: "2026-03-04", amountFen: 12_345 } });
    expect(drafts[1]!.params).not.toHaveProperty("clientName");
  });

  it("tells the client of a lender's answer, and of a request for documents only while it still stands", () => {
    const asked = { id: "r1", kind: "documents-requested", receivedOn: "2026-03-01", clientId: "c1", lenderName: "借呗" };
    const answered = { ...asked, id: "r2", kind: "accepted" };
    const stillAsking = { ...none, documentRequests: [{ ...named, responseId: "r1", requestedOn: "2026-03-01" }] };
    expect(notificationDrafts(none, [asked, answered], "2026-03-02").map((d) => d.dedupeKey)).toEqual(["client-answer:r2"]);
    expect(notificationDrafts(stillAsking, [asked], "2026-03-02").map((d) => [d.to, d.dedupeKey])).toEqual([
      ["staff", answerNotificationKeys.staff("r1")],
      ["client", answerNotificationKeys.client("r1")],
    ]);
  });

  it("keys each fact once, so a second run makes nothing new", () => {
    const agenda: AgendaFacts = {
      followUps: [{ ...named, taskId: "t1", dueDate: "2026-03-01", title: null }],
      expiredProposals: [{ ...named, proposalId: "p1", dueDate: "2026-02-20" }],
      instalmentsDue: [instalment(3, "2026-03-02")],
      missedInstalments: [instalment(1, "2026-02-01")],
      documentRequests: [],
      reportedPayments: [{ ...named, paymentId: "y1", dueDate: "2026-03-01", amountFen: 500 }],
    };
    const keys = notificationDrafts(agenda, [], "2026-03-01").map((d) => `${d.to}:${d.dedupeKey}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(notificationDrafts(agenda, [], "2026-03-01")).toEqual(notificationDrafts(agenda, [], "2026-03-01"));
  });
});
