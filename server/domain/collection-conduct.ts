/**
 * Flags on inbound collection contacts that may breach the national collection standard
 * GB/T 45251-2025《互联网金融 个人网络消费信贷 贷后催收风控指引》 (published and in force 2025-02-28).
 *
 * The rules below follow the content of NIFA's (中国互联网金融协会) announcement of 2025-03-13 as reposted in
 * secondary sources; the standard's own text was not checked clause by clause. As reposted:
 * - no collection contact between 22:00 and 08:00 (Beijing time) unless the debtor agreed;
 * - at most 3 connected (effective) calls to the debtor a day;
 * - third parties may be contacted only when the debtor cannot be reached, and never told about the debt.
 *
 * A flag is a possible breach for the counselor to review, not a finding: the exceptions (the debtor's
 * consent to a late call, an unreachable debtor) are facts this module cannot see. A flagged entry in the
 * hash-chained contact log is evidence for a complaint.
 */
import { shanghaiDate, shanghaiMinutesOfDay } from "./time";

export const CONDUCT_FLAGS = ["night-contact", "over-three-calls", "third-party-contact"] as const;
export type ConductFlag = (typeof CONDUCT_FLAGS)[number];

export type ContactForConduct = {
  id: string;
  at: Date;
  direction: "inbound" | "outbound";
  party: "lender-staff" | "collector" | "client" | "lawyer" | "third-party" | "other";
  channel: "phone" | "sms" | "app" | "email" | "letter" | "in-person" | "wechat" | "other";
  connected?: boolean;
  thirdPartyContacted?: boolean;
};

/** Beijing minutes of day: contact from 08:00 up to 21:59 is allowed, 22:00 to 07:59 is not. */
export const NIGHT_STARTS_AT = 22 * 60;
export const NIGHT_ENDS_AT = 8 * 60;
export const MAX_CONNECTED_CALLS_PER_DAY = 3;

/** Only contact made by the lender's side towards the client is collection conduct. */
function isCollectionContact(entry: ContactForConduct): boolean {
  return entry.direction === "inbound" && (entry.party === "collector" || entry.party === "lender-staff");
}

function isConnectedCall(entry: ContactForConduct): boolean {
  return isCollectionContact(entry) && entry.channel === "phone" && entry.connected === true;
}

function isNight(at: Date): boolean {
  const minutes = shanghaiMinutesOfDay(at);
  return minutes >= NIGHT_STARTS_AT || minutes < NIGHT_ENDS_AT;
}

/**
 * Flags for one contact. `sameDayEarlierEntries` are the other contacts of the same case before it; those
 * on another Beijing day or later than `entry` are ignored, so a caller may pass a little too much.
 * Pass the contacts of one lender's case: the three-call limit is per collecting institution.
 */
export function conductFlags(entry: ContactForConduct, sameDayEarlierEntries: readonly ContactForConduct[]): ConductFlag[] {
  if (!isCollectionContact(entry)) return [];
  const flags: ConductFlag[] = [];
  // A letter's logged time is when it was opened or recorded, not when the collector acted.
  if (entry.channel !== "letter" && isNight(entry.at)) flags.push("night-contact");
  if (isConnectedCall(entry)) {
    const day = shanghaiDate(entry.at);
    const earlierCalls = sameDayEarlierEntries.filter(
      (other) =>
        other.id !== entry.id && isConnectedCall(other) && other.at.getTime() <= entry.at.getTime() && shanghaiDate(other.at) === day,
    ).length;
    if (earlierCalls >= MAX_CONNECTED_CALLS_PER_DAY) flags.push("over-three-calls");
  }
  if (entry.thirdPartyContacted === true) flags.push("third-party-contact");
  return flags;
}

/**
 * Flags for every contact of one case, keyed by id (an empty array when nothing is flagged). Entries may come
 * in any order; calls at the same instant are counted in the order given.
 */
export function flagAll(entries: readonly ContactForConduct[]): Map<string, ConductFlag[]> {
  const ordered = entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => a.entry.at.getTime() - b.entry.at.getTime() || a.index - b.index)
    .map(({ entry }) => entry);
  const byDay = new Map<string, ContactForConduct[]>();
  const result = new Map<string, ConductFlag[]>();
  for (const entry of ordered) {
    const day = shanghaiDate(entry.at);
    const earlier = byDay.get(day) ?? [];
    result.set(entry.id, conductFlags(entry, earlier));
    earlier.push(entry);
    byDay.set(day, earlier);
  }
  return result;
}
