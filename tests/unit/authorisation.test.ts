import { describe, expect, it } from "vitest";
import { authorisationState, coverage, type AuthorisationFacts } from "@/server/domain/authorisation";

const base: AuthorisationFacts = {
  id: "a",
  status: "signed",
  purposes: ["negotiate"],
  allLenders: false,
  lenderIds: ["L1"],
  validFrom: "2026-03-01",
  validTo: "2026-03-31",
};

describe("authorisation state on a day", () => {
  it("is in force from its first day to its last, both included, and expired the day after", () => {
    expect(authorisationState(base, "2026-02-28")).toBe("not-yet-valid");
    expect(authorisationState(base, "2026-03-01")).toBe("signed");
    expect(authorisationState(base, "2026-03-31")).toBe("signed");
    expect(authorisationState(base, "2026-04-01")).toBe("expired");
  });
  it("a draft or a revoked one is that whatever the day", () => {
    expect(authorisationState({ ...base, status: "draft" }, "2026-03-10")).toBe("draft");
    expect(authorisationState({ ...base, status: "revoked" }, "2026-03-10")).toBe("revoked");
  });
});

describe("coverage of one act", () => {
  const act = { lenderId: "L1", purpose: "negotiate" as const, on: "2026-03-10" };
  it("covers the named lender and purpose while in force", () => {
    expect(coverage([base], act)).toEqual({ ok: true, authorisationId: "a" });
    expect(coverage([{ ...base, allLenders: true, lenderIds: [] }], { ...act, lenderId: "L9" }).ok).toBe(true);
  });
  it("names the nearest gap: purpose before lender before dates before revoked before unsigned", () => {
    expect(coverage([], act)).toEqual({ ok: false, gap: "none", authorisationId: null });
    expect(coverage([{ ...base, status: "draft" }], act)).toMatchObject({ gap: "unsigned" });
    expect(
      coverage(
        [
          { ...base, status: "draft" },
          { ...base, id: "r", status: "revoked" },
        ],
        act,
      ),
    ).toMatchObject({ gap: "revoked", authorisationId: "r" });
    expect(coverage([base], { ...act, on: "2026-04-01" })).toMatchObject({ gap: "expired" });
    expect(coverage([base], { ...act, on: "2026-02-01" })).toMatchObject({ gap: "not-yet-valid" });
    expect(coverage([base, { ...base, id: "x", validTo: "2026-03-05" }], { ...act, lenderId: "L2" })).toMatchObject({ gap: "lender" });
    expect(
      coverage([base, { ...base, id: "p", purposes: ["receive-information"], lenderIds: ["L2"] }], { ...act, lenderId: "L2" }),
    ).toMatchObject({
      gap: "purpose",
      authorisationId: "p",
    });
  });
  it("one valid authorisation among lapsed ones is enough", () => {
    const lapsed = { ...base, id: "old", validTo: "2026-03-02" };
    const revoked = { ...base, id: "rev", status: "revoked" as const };
    expect(coverage([lapsed, revoked, { ...base, id: "new" }], act)).toEqual({ ok: true, authorisationId: "new" });
  });
});

describe("a complaint filed under an authorisation (services/complaints.ts)", () => {
  // The act is complaining to the case's lender on the day the complaint was filed, not today.
  const complaintOn = (on: string) => ({ lenderId: "L1", purpose: "file-complaint" as const, on });
  const forComplaints: AuthorisationFacts = { ...base, purposes: ["negotiate", "file-complaint"] };

  it("is covered on a filing day within its days, for a lender it names", () => {
    expect(coverage([forComplaints], complaintOn(forComplaints.validFrom))).toEqual({ ok: true, authorisationId: forComplaints.id });
    expect(coverage([forComplaints], complaintOn(forComplaints.validTo))).toEqual({ ok: true, authorisationId: forComplaints.id });
  });

  it("is refused for a filing day outside its days, without the purpose, or once revoked", () => {
    expect(coverage([forComplaints], complaintOn("2025-12-31"))).toMatchObject({ ok: false, gap: "not-yet-valid" });
    expect(coverage([forComplaints], complaintOn("2027-01-01"))).toMatchObject({ ok: false, gap: "expired" });
    expect(coverage([{ ...base, purposes: ["negotiate"] }], complaintOn("2026-03-10"))).toMatchObject({ ok: false, gap: "purpose" });
    expect(coverage([{ ...forComplaints, status: "revoked" }], complaintOn("2026-03-10"))).toMatchObject({ ok: false, gap: "revoked" });
  });
});
