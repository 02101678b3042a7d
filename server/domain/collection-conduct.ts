/**
 * Flags on inbound collection contacts that may breach a collection-conduct rule in force on the contact's
 * Beijing day for the lender's licence type (the conduct rules of server/domain/rules: GB/T 45251-2025 for
 * every lender from 2025-02-28; the China Banking Association's guideline for banks and consumer-finance
 * companies from its reported date). Each flag names the rule and version it comes from.
 *
 * What each rule's parameters flag:
 * - quiet hours: a contact inside them (a letter is never flagged: its logged time is when it was read);
 * - connected calls a day: each connected phone call after the first N of that Beijing day;
 * - unanswered calls a day: each unanswered phone call after the first N of that day;
 * - third party: the collector contacted someone other than the debtor.
 *
 * A flag is a possible breach for the counselor to review, not a finding: the exceptions (the debtor's
 * consent to a late call, an unreachable debtor) are facts this module cannot see. A flagged entry in the
 * hash-chained contact log is evidence for a complaint.
 */
import { citeOf, rulesInForce, type ConductRule, type RuleCite } from "./rules";
import { shanghaiDate, shanghaiMinutesOfDay } from "./time";
import type { LicenceType } from "./vocabulary";

export const CONDUCT_FLAGS = ["night-contact", "over-connected-calls", "over-unanswered-calls", "third-party-contact"] as const;
export type ConductFlagCode = (typeof CONDUCT_FLAGS)[number];
/** A flag with the rule (and version) it is raised under. */
export type ConductFlag = RuleCite & { flag: ConductFlagCode };

export type ContactForConduct = {
  id: string;
  at: Date;
  direction: "inbound" | "outbound";
  party: "lender-staff" | "collector" | "client" | "lawyer" | "third-party" | "other";
  channel: "phone" | "sms" | "app" | "email" | "letter" | "in-person" | "wechat" | "other";
  connected?: boolean;
  thirdPartyContacted?: boolean;
};

/** Only contact made by the lender's side towards the client is collection conduct. */
function isCollectionContact(entry: ContactForConduct): boolean {
  return entry.direction === "inbound" && (entry.party === "collector" || entry.party === "lender-staff");
}

function isCall(entry: ContactForConduct, connected: boolean): boolean {
  return isCollectionContact(entry) && entry.channel === "phone" && entry.connected === connected;
}

function inQuietHours(rule: ConductRule, at: Date): boolean {
  const { quietFromMinute: from, quietUntilMinute: until } = rule.params;
  if (from === undefined || until === undefined) return false;
  const minutes = shanghaiMinutesOfDay(at);
  return from > until ? minutes >= from || minutes < until : minutes >= from && minutes < until;
}

/**
 * Flags for one contact. `sameDayEarlierEntries` are the other contacts of the same case before it; those
 * on another Beijing day or later than `entry` are ignored, so a caller may pass a little too much.
 * Pass the contacts of one lender's case: the call limits are per collecting institution.
 */
export function conductFlags(
  entry: ContactForConduct,
  sameDayEarlierEntries: readonly ContactForConduct[],
  lenderType: LicenceType | "any" = "any",
): ConductFlag[] {
  if (!isCollectionContact(entry)) return [];
  const day = shanghaiDate(entry.at);
  const earlier = sameDayEarlierEntries.filter(
    (other) => other.id !== entry.id && other.at.getTime() <= entry.at.getTime() && shanghaiDate(other.at) === day,
  );
  const flags: ConductFlag[] = [];
  for (const rule of rulesInForce("conduct", lenderType, day)) {
    const cite = citeOf(rule);
    const p = rule.params;
    if (entry.channel !== "letter" && inQuietHours(rule, entry.at)) flags.push({ flag: "night-contact", ...cite });
    if (p.maxConnectedCallsPerDay !== undefined && isCall(entry, true)) {
      if (earlier.filter((o) => isCall(o, true)).length >= p.maxConnectedCallsPerDay) flags.push({ flag: "over-connected-calls", ...cite });
    }
    if (p.maxUnansweredCallsPerDay !== undefined && isCall(entry, false)) {
      if (earlier.filter((o) => isCall(o, false)).length >= p.maxUnansweredCallsPerDay)
        flags.push({ flag: "over-unanswered-calls", ...cite });
    }
    if (p.thirdPartyOnlyIfUnreachable && entry.thirdPartyContacted === true) flags.push({ flag: "third-party-contact", ...cite });
  }
  return flags;
}

/**
 * Flags for every contact of one case, keyed by id (an empty array when nothing is flagged). Entries may come
 * in any order; calls at the same instant are counted in the order given.
 */
export function flagAll(entries: readonly ContactForConduct[], lenderType: LicenceType | "any" = "any"): Map<string, ConductFlag[]> {
  const ordered = entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => a.entry.at.getTime() - b.entry.at.getTime() || a.index - b.index)
    .map(({ entry }) => entry);
  const byDay = new Map<string, ContactForConduct[]>();
  const result = new Map<string, ConductFlag[]>();
  for (const entry of ordered) {
    const day = shanghaiDate(entry.at);
    const earlier = byDay.get(day) ?? [];
    result.set(entry.id, conductFlags(entry, earlier, lenderType));
    earlier.push(entry);
    byDay.set(day, earlier);
  }
  return result;
}

/** The code of a stored flag: entries written before flags cited their rule hold the bare code. */
export function flagCodeOf(flag: ConductFlag | string): string {
  return typeof flag === "string" ? flag : flag.flag;
}

/** The distinct flag codes of a list (for a count or a one-word summary). */
export function flagCodes(flags: readonly ConductFlag[]): ConductFlagCode[] {
  return [...new Set(flags.map((f) => f.flag))];
}
