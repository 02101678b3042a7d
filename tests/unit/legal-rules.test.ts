import { describe, expect, it } from "vitest";
import { notificationDrafts, type AgendaFacts } from "@/server/domain/notification-rules";
import { legalOutcomes, legalReportRows } from "@/server/domain/outcomes-legal";

const none: AgendaFacts = {
  followUps: [],
  expiredProposals: [],
  instalmentsDue: [],
  missedInstalments: [],
  documentRequests: [],
  reportedPayments: [],
};
const deadline = (key: string, dueDate: string) => ({
  clientId: "c1",
  clientName: "王某",
  lenderName: "借呗",
  href: "/cases/k1?tab=legal",
  key,
  kind: "civil-answer",
  dueDate,
});

describe("court deadlines in the notification rule table", () => {
  it("tells the staff and the client from 7 days ahead until the day, and not once it has passed", () => {
    const drafts = notificationDrafts(
      {
        ...none,
        courtDeadlines: [
          deadline("civil-answer:l1", "2026-03-08"),
          deadline("civil-answer:l2", "2026-03-09"),
          deadline("civil-answer:l3", "2026-02-28"),
        ],
      },
      [],
      "2026-03-01",
    );
    expect(drafts.map((d) => [d.to, d.kind, d.dedupeKey])).toEqual([
      ["staff", "court-deadline", "court-deadline:civil-answer:l1"],
      ["client", "client-court-deadline", "client-court-deadline:civil-answer:l1"],
    ]);
    expect(drafts[1]).toMatchObject({ href: "/portal", params: { lenderName: "借呗", date: "2026-03-08", answer: "civil-answer" } });
    expect(drafts[1]!.params).not.toHaveProperty("clientName");
  });
});

describe("lawsuit and mediation outcomes", () => {
  const range = { from: "2026-01-01", to: "2026-06-30" };
  const r = legalOutcomes(
    range,
    [
      { outcome: "judgment", outcomeOn: "2026-03-01", createdDay: "2026-01-10" },
      { outcome: "withdrawn", outcomeOn: "2026-04-01", createdDay: "2026-02-10" },
      { outcome: "judgment", outcomeOn: "2025-12-01", createdDay: "2025-10-10" },
      { outcome: null, outcomeOn: null, createdDay: "2026-05-01" },
      { outcome: null, outcomeOn: null, createdDay: "2026-07-05" },
    ],
    [
      { status: "agreed", startedOn: "2026-02-01", endedOn: "2026-02-11", judiciallyConfirmed: true },
      { status: "agreed", startedOn: "2026-03-01", endedOn: "2026-03-31", judiciallyConfirmed: false },
      { status: "failed", startedOn: "2026-04-01", endedOn: "2026-04-20", judiciallyConfirmed: false },
      { status: "open", startedOn: "2026-06-01", endedOn: null, judiciallyConfirmed: false },
    ],
  );

  it("counts lawsuits decided in the range by result, and those still without one", () => {
    expect(r.lawsuits.decided).toBe(2);
    expect(r.lawsuits.byResult).toEqual([
      { result: "judgment", count: 1 },
      { result: "mediation-document", count: 0 },
      { result: "withdrawn", count: 1 },
      { result: "dismissed", count: 0 },
    ]);
    expect(r.lawsuits.pending).toBe(1);
  });

  it("gives the mediation success rate over ended mediations and the days to agreement", () => {
    expect(r.mediation).toMatchObject({ started: 4, ended: 3, agreed: 2, failed: 1, withdrawn: 0, judiciallyConfirmed: 1 });
    expect(r.mediation.successRate).toBeCloseTo(2 / 3);
    expect(r.mediation.medianDaysToAgreement).toBe(20);
  });

  it("reads as export rows, nothing measured shown as null", () => {
    const empty = legalReportRows(legalOutcomes(range, [], []));
    expect(empty.find((x) => x.metric === "successRate")!.figure).toEqual({ unit: "rate", value: null });
    expect(empty.find((x) => x.metric === "medianDays")!.figure).toEqual({ unit: "days", value: null });
    expect(legalReportRows(r).find((x) => x.section === "lawsuits" && x.metric === "judgment")!.figure).toEqual({
      unit: "count",
      value: 1,
    });
  });
});
