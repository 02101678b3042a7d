import { describe, expect, it } from "vitest";
import { parseSystemReason, systemReasonText, type SystemReason } from "@/server/domain/case-reasons";

describe("reasons of the moves other actions make", () => {
  it("read back what they say, so the page can say it in the reader's language", () => {
    const all: SystemReason[] = [
      { key: "proposalSent", seq: 3 },
      { key: "response", seq: 12, answer: "counter-offer" },
      { key: "response", seq: 1, answer: "documents-requested" },
      { key: "counterOfferAccepted" },
      { key: "firstPaymentConfirmed" },
      { key: "allInstalmentsPaid" },
    ];
    for (const r of all) expect(parseSystemReason(systemReasonText(r))).toEqual(r);
    // The stored lines stay what they were (existing rows read the same).
    expect(systemReasonText({ key: "proposalSent", seq: 1 })).toBe("proposal #1 sent");
    expect(systemReasonText({ key: "response", seq: 1, answer: "accepted" })).toBe("response to proposal #1: accepted");
  });

  it("leave a reason a person typed as it was", () => {
    for (const typed of ["客户要求暂停", "proposal #1 sent to the wrong lender", "response to proposal #1: maybe", ""]) {
      expect(parseSystemReason(typed)).toBeNull();
    }
  });
});
