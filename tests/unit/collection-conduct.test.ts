import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ConductFlag,
  conductFlags as citedFlags,
  type ContactForConduct,
  flagAll as citedFlagAll,
} from "../../server/domain/collection-conduct";
import { RULES } from "../../server/domain/rules";

// These cases are about GB/T 45251-2025 alone: a microloan company's collector, on days after 2025-02-28, when
// no other conduct rule applies to that lender type. The rules test covers which rule applies when.
const LENDER = "microloan" as const;
const codes = (flags: readonly ConductFlag[]) => flags.map((f) => f.flag as string);
const conductFlags = (entry: ContactForConduct, earlier: readonly ContactForConduct[]) => codes(citedFlags(entry, earlier, LENDER));
const flagAll = (entries: readonly ContactForConduct[]) => new Map([...citedFlagAll(entries, LENDER)].map(([id, f]) => [id, codes(f)]));
const GBT = RULES.find((r) => r.id === "conduct.gbt-45251");
const MAX_CONNECTED_CALLS_PER_DAY = GBT?.kind === "conduct" ? GBT.params.maxConnectedCallsPerDay! : Number.NaN;
import { shanghaiDate } from "../../server/domain/time";

/** An instant written with an explicit +08:00 offset, whatever process.env.TZ is. */
const bj = (dateTime: string) => new Date(`${dateTime}+08:00`);

let nextId = 0;
function contact(at: Date, overrides: Partial<ContactForConduct> = {}): ContactForConduct {
  nextId += 1;
  return {
    id: `c${nextId}`,
    at,
    direction: "inbound",
    party: "collector",
    channel: "phone",
    connected: true,
    ...overrides,
  };
}

describe("night-contact: 22:00–08:00 Beijing time", () => {
  it.each([
    ["2026-03-04T21:59:00", []],
    ["2026-03-04T21:59:59.999", []],
    ["2026-03-04T22:00:00", ["night-contact"]],
    ["2026-03-04T23:59:00", ["night-contact"]],
    ["2026-03-05T00:00:00", ["night-contact"]],
    ["2026-03-05T07:59:00", ["night-contact"]],
    ["2026-03-05T07:59:59.999", ["night-contact"]],
    ["2026-03-05T08:00:00", []],
    ["2026-03-05T12:00:00", []],
  ] as const)("a collector's call at %s Beijing → %j", (dateTime, flags) => {
    expect(conductFlags(contact(bj(dateTime)), [])).toEqual(flags);
  });

  it("is judged on Beijing time, not UTC: 14:30Z is 22:30 in Beijing", () => {
    expect(conductFlags(contact(new Date("2026-03-04T14:30:00Z")), [])).toEqual(["night-contact"]);
    expect(conductFlags(contact(new Date("2026-03-04T23:30:00Z")), [])).toEqual(["night-contact"]); // 07:30
    expect(conductFlags(contact(new Date("2026-03-05T00:00:00Z")), [])).toEqual([]); // 08:00
  });

  it("covers every channel of the lender's side except a letter's logged time", () => {
    const at = bj("2026-03-04T23:00:00");
    for (const channel of ["sms", "app", "email", "in-person", "wechat", "other"] as const) {
      expect(conductFlags(contact(at, { channel, connected: undefined }), []), channel).toEqual(["night-contact"]);
    }
    expect(conductFlags(contact(at, { channel: "letter" }), [])).toEqual([]);
    expect(conductFlags(contact(at, { party: "lender-staff" }), [])).toEqual(["night-contact"]);
    expect(conductFlags(contact(at, { connected: false }), [])).toEqual(["night-contact"]);
  });

  it("judges only inbound contact from a collector or the lender's staff", () => {
    const at = bj("2026-03-04T23:00:00");
    expect(conductFlags(contact(at, { direction: "outbound" }), [])).toEqual([]);
    for (const party of ["client", "lawyer", "third-party", "other"] as const) {
      expect(conductFlags(contact(at, { party, thirdPartyContacted: true }), []), party).toEqual([]);
    }
  });
});

describe("over-connected-calls: connected calls per Beijing day", () => {
  it("flags the 4th and later connected calls, not the 3rd", () => {
    const calls = ["09:00", "10:00", "11:00", "14:00", "15:00"].map((t) => contact(bj(`2026-03-04T${t}:00`)));
    const flags = flagAll(calls);
    expect(calls.map((c) => flags.get(c.id))).toEqual([[], [], [], ["over-connected-calls"], ["over-connected-calls"]]);
    expect(conductFlags(calls[2] as ContactForConduct, calls.slice(0, 2))).toEqual([]);
    expect(conductFlags(calls[3] as ContactForConduct, calls.slice(0, 3))).toEqual(["over-connected-calls"]);
  });

  it("does not count unconnected calls, other channels, or the client's own calls", () => {
    const day = "2026-03-04";
    const entries = [
      contact(bj(`${day}T09:00:00`)),
      contact(bj(`${day}T09:10:00`), { connected: false }),
      contact(bj(`${day}T09:20:00`), { connected: undefined }),
      contact(bj(`${day}T09:30:00`), { channel: "sms" }),
      contact(bj(`${day}T09:40:00`), { channel: "wechat" }),
      contact(bj(`${day}T09:50:00`), { direction: "outbound", party: "client" }),
      contact(bj(`${day}T10:00:00`), { party: "lawyer" }),
      contact(bj(`${day}T10:10:00`), { party: "lender-staff" }),
      contact(bj(`${day}T10:20:00`)),
      contact(bj(`${day}T10:30:00`), { connected: false }),
      contact(bj(`${day}T10:40:00`)), // 4th connected call from the lender's side
    ];
    const flags = flagAll(entries);
    const flagged = entries.filter((e) => flags.get(e.id)?.includes("over-connected-calls")).map((e) => e.id);
    expect(flagged).toEqual([entries[10]?.id]);
  });

  it("counts a call at 23:30 UTC in the next Beijing day (07:30)", () => {
    // 2026-03-04T23:30Z is 2026-03-05 07:30 in Beijing: the first call of the 5th, though UTC says the 4th.
    const early = contact(new Date("2026-03-04T23:30:00Z"));
    const later = ["09:00", "10:00", "11:00"].map((t) => contact(bj(`2026-03-05T${t}:00`)));
    const flags = flagAll([...later, early]);
    expect(flags.get(early.id)).toEqual(["night-contact"]);
    expect(later.map((c) => flags.get(c.id))).toEqual([[], [], ["over-connected-calls"]]);
  });

  it("does not carry a late-evening UTC-day call into the previous Beijing day", () => {
    // Three calls on the 4th (Beijing), then 2026-03-04T16:30Z = 2026-03-05 00:30 Beijing: same UTC day, new Beijing day.
    const evening = ["19:00", "20:00", "21:00"].map((t) => contact(bj(`2026-03-04T${t}:00`)));
    const afterMidnight = contact(new Date("2026-03-04T16:30:00Z"));
    const flags = flagAll([afterMidnight, ...evening]);
    expect(flags.get(afterMidnight.id)).toEqual(["night-contact"]);
    expect(conductFlags(afterMidnight, evening)).toEqual(["night-contact"]);
  });

  it("conductFlags ignores entries from another day or later in the day", () => {
    const entry = contact(bj("2026-03-04T12:00:00"));
    const yesterday = ["09:00", "10:00", "11:00"].map((t) => contact(bj(`2026-03-03T${t}:00`)));
    const laterToday = ["13:00", "14:00", "15:00"].map((t) => contact(bj(`2026-03-04T${t}:00`)));
    expect(conductFlags(entry, [...yesterday, ...laterToday, entry])).toEqual([]);
  });

  it("flagAll accepts any order and counts calls at the same instant in the order given", () => {
    const at = bj("2026-03-04T10:00:00");
    const same = [contact(at), contact(at), contact(at), contact(at)];
    const flags = flagAll([...same].reverse());
    expect(same.map((c) => flags.get(c.id))).toEqual([["over-connected-calls"], [], [], []]);
  });

  it("flags exactly max(0, connected − 3) calls per Beijing day (property)", () => {
    const entryArb = fc.record({
      minute: fc.integer({ min: 0, max: 3 * 24 * 60 - 1 }),
      party: fc.constantFrom("collector", "lender-staff", "client", "third-party"),
      direction: fc.constantFrom("inbound", "outbound"),
      channel: fc.constantFrom("phone", "phone", "sms"),
      connected: fc.option(fc.boolean(), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 40 }), (specs) => {
        const entries: ContactForConduct[] = specs.map((spec, i) => ({
          id: `p${i}`,
          at: new Date(Date.parse("2026-03-03T16:00:00Z") + spec.minute * 60_000),
          party: spec.party as ContactForConduct["party"],
          direction: spec.direction as ContactForConduct["direction"],
          channel: spec.channel as ContactForConduct["channel"],
          connected: spec.connected,
        }));
        const flags = flagAll(entries);
        expect(flags.size).toBe(entries.length);
        const connectedPerDay = new Map<string, number>();
        const flaggedPerDay = new Map<string, number>();
        for (const e of entries) {
          const day = shanghaiDate(e.at);
          const counts =
            e.direction === "inbound" &&
            (e.party === "collector" || e.party === "lender-staff") &&
            e.channel === "phone" &&
            e.connected === true;
          if (counts) connectedPerDay.set(day, (connectedPerDay.get(day) ?? 0) + 1);
          if (flags.get(e.id)?.includes("over-connected-calls")) flaggedPerDay.set(day, (flaggedPerDay.get(day) ?? 0) + 1);
        }
        for (const [day, connected] of connectedPerDay) {
          expect(flaggedPerDay.get(day) ?? 0).toBe(Math.max(0, connected - MAX_CONNECTED_CALLS_PER_DAY));
        }
        for (const day of flaggedPerDay.keys()) expect(connectedPerDay.has(day)).toBe(true);
      }),
    );
  });
});

describe("third-party-contact", () => {
  it("flags a collector's contact that reached a third party", () => {
    const entry = contact(bj("2026-03-04T10:00:00"), { thirdPartyContacted: true, connected: false });
    expect(conductFlags(entry, [])).toEqual(["third-party-contact"]);
    expect(conductFlags(contact(bj("2026-03-04T10:00:00"), { thirdPartyContacted: false }), [])).toEqual([]);
  });

  it("combines with the other flags", () => {
    const earlier = ["09:00", "10:00", "11:00"].map((t) => contact(bj(`2026-03-04T${t}:00`)));
    const entry = contact(bj("2026-03-04T22:15:00"), { thirdPartyContacted: true });
    const expected: string[] = ["night-contact", "over-connected-calls", "third-party-contact"];
    expect(conductFlags(entry, earlier)).toEqual(expected);
  });
});
