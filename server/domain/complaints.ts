/**
 * The complaints ladder: where a complaint goes, the clock its answer runs on, and the next rung.
 *
 * The clocks are dated rules with their source, not constants: each names the text it follows, the day it
 * took effect, how its days are counted (natural days, or Chinese working days through server/domain/calendar.ts)
 * and the extensions it allows. A rule we could not check against the official text says so (`checked: false`),
 * and the screens show that. The product never tells a client a complaint will succeed: the next rung is a
 * suggestion for the counselor, in plain words, never a verdict.
 */
import { addWorkingDays, type Calendar } from "./calendar";
import { DomainError } from "./errors";
import { addDays, assertIsoDate, type IsoDate } from "./time";
import type { LicenceType } from "./vocabulary";

/** To whom: the lender's own complaint channel, the two national lines, a local financial regulator. */
export const COMPLAINT_CHANNELS = ["lender", "nfra-12378", "pboc-12363", "local-regulator"] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

/** What about: collection conduct (linked contact-log entries), a refused reasonable proposal, a credit-report error. */
export const COMPLAINT_SUBJECTS = ["collection-conduct", "refused-proposal", "credit-report-error", "other"] as const;
export type ComplaintSubject = (typeof COMPLAINT_SUBJECTS)[number];

/** The answer as the counselor records it. */
export const COMPLAINT_OUTCOMES = ["resolved", "partly-resolved", "rejected", "not-accepted"] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

/** Who filed: the client herself, or the agency on her behalf (under her signed authorisation, 授权委托书). */
export const COMPLAINT_FILERS = ["client", "agency"] as const;
export type ComplaintFiler = (typeof COMPLAINT_FILERS)[number];

/** The rungs after a complaint, in the order a counselor climbs them. */
export const COMPLAINT_RUNGS = ["lender", "nfra-12378", "pboc-12363", "local-regulator", "mediation", "court"] as const;
export type ComplaintRung = (typeof COMPLAINT_RUNGS)[number];

export type DayCounting = "natural" | "working";

export type ComplaintRule = {
  id: string;
  /** The text the clock follows and where it was read. */
  source: string;
  url: string;
  /** The day the text took effect. */
  since: IsoDate;
  counting: DayCounting;
  /** Days to the answer, counted from the day the complaint was received (not counting that day). */
  baseDays: number;
  /** Each extension the text allows, in order: the days it adds to the clock. */
  extensions: readonly number[];
  /** The text leaves open whether its days are natural or working days: the working-day date is shown too. */
  countingUnclear?: boolean;
  /** Not checked against the official text: shown as such. */
  checked: boolean;
};

/**
 * The rules, dated and cited. A banking or insurance institution's clock (also the one a 12378 complaint runs
 * on once the regulator forwards it to the institution); the central bank's for a 12363 complaint; the
 * credit-report dispute rule; a local regulator's handling under the petition rules.
 */
export const COMPLAINT_RULES: readonly ComplaintRule[] = [
  {
    id: "nfra-complaints-2020",
    source:
      "《银行业保险业消费投诉处理管理办法》（银保监会令2020年第3号）：15日内办理完毕，情况复杂的可延长至30日，特别复杂的经审批再延长30日",
    url: "http://www.jianbiaoku.com/webarbs/book/164455/4714059.shtml",
    since: "2020-03-01",
    counting: "natural",
    baseDays: 15,
    extensions: [15, 30],
    checked: true,
  },
  {
    id: "pboc-consumer-protection-2020",
    source:
      "《中国人民银行金融消费者权益保护实施办法》（中国人民银行令〔2020〕第5号）：银行、支付机构自收到投诉之日起15日内办结，情况复杂的最长不超过60日；12363 要求先向机构投诉",
    url: "http://www.pbc.gov.cn/",
    since: "2020-11-01",
    counting: "natural",
    baseDays: 15,
    extensions: [45],
    checked: false,
  },
  {
    id: "credit-dispute-2013",
    source: "《征信业管理条例》第二十五条：征信机构或信息提供者收到异议之日起20日内核查、处理并书面答复",
    url: "https://m.shoulawyer.com/zhishi/286830.htm",
    since: "2013-03-15",
    counting: "natural",
    baseDays: 20,
    extensions: [],
    countingUnclear: true,
    checked: true,
  },
  {
    id: "petitions-2022",
    source: "《信访工作条例》（2022年5月1日施行）：自受理之日起60日内办结，情况复杂的经批准可延长不超过30日",
    url: "https://www.gov.cn/zhengce/2022-04/07/content_5683852.htm",
    since: "2022-05-01",
    counting: "natural",
    baseDays: 60,
    extensions: [30],
    checked: false,
  },
];

export function complaintRule(id: string): ComplaintRule {
  const rule = COMPLAINT_RULES.find((r) => r.id === id);
  if (!rule) throw new DomainError("unknown_rule", `No complaint rule ${id}`, "ruleId");
  return rule;
}

/**
 * The rule a complaint's answer runs on. A credit-report error put to the lender (the information provider)
 * or to the central bank is a dispute under the credit-reporting rules; otherwise the channel decides.
 */
export function ruleFor(channel: ComplaintChannel, subject: ComplaintSubject, filedOn: IsoDate): ComplaintRule {
  assertIsoDate(filedOn, "filedOn");
  const id =
    subject === "credit-report-error" && (channel === "lender" || channel === "pboc-12363")
      ? "credit-dispute-2013"
      : channel === "pboc-12363"
        ? "pboc-consumer-protection-2020"
        : channel === "local-regulator"
          ? "petitions-2022"
          : "nfra-complaints-2020";
  const rule = complaintRule(id);
  if (filedOn < rule.since) throw new DomainError("rule_not_in_force", `${rule.id} took effect on ${rule.since}`, "filedOn");
  return rule;
}

export type ComplaintClock = {
  /** The day the answer is due under the base period and the extensions taken so far. */
  dueOn: IsoDate;
  /** Counted across a year with no holiday arrangement loaded (Monday–Friday): a guess. */
  estimated: boolean;
  /** For a rule whose counting is unclear: the same period counted in working days. */
  dueOnIfWorkingDays: IsoDate | null;
  /** The latest the answer may come if every extension the rule allows were taken. */
  latestOn: IsoDate;
  extensionsLeft: number;
};

function count(calendar: Calendar, counting: DayCounting, from: IsoDate, days: number): { date: IsoDate; estimated: boolean } {
  return counting === "working" ? addWorkingDays(calendar, from, days) : { date: addDays(from, days), estimated: false };
}

/** The clock of a complaint received on `filedOn` after `extensionsTaken` extensions. */
export function complaintClock(calendar: Calendar, rule: ComplaintRule, filedOn: IsoDate, extensionsTaken: number): ComplaintClock {
  assertIsoDate(filedOn, "filedOn");
  if (!Number.isInteger(extensionsTaken) || extensionsTaken < 0 || extensionsTaken > rule.extensions.length) {
    throw new DomainError("no_extension_left", `${rule.id} allows ${rule.extensions.length} extensions`, "extensions");
  }
  const days = rule.baseDays + rule.extensions.slice(0, extensionsTaken).reduce((a, b) => a + b, 0);
  const allDays = rule.baseDays + rule.extensions.reduce((a, b) => a + b, 0);
  const due = count(calendar, rule.counting, filedOn, days);
  const latest = count(calendar, rule.counting, filedOn, allDays);
  const alsoWorking = rule.countingUnclear ? addWorkingDays(calendar, filedOn, days) : null;
  return {
    dueOn: due.date,
    estimated: due.estimated || latest.estimated || (alsoWorking?.estimated ?? false),
    dueOnIfWorkingDays: alsoWorking?.date ?? null,
    latestOn: latest.date,
    extensionsLeft: rule.extensions.length - extensionsTaken,
  };
}

export type ClockState = "answered-in-time" | "answered-late" | "overdue" | "due-soon" | "running";

/** A complaint's answer is due soon within this many days: the agenda shows it and its staff are told. */
export const COMPLAINT_REMINDER_DAYS = 3;

/** Where the clock stands on `today` (or stood when the answer came). */
export function clockState(dueOn: IsoDate, answeredOn: IsoDate | null, today: IsoDate): ClockState {
  if (answeredOn) return answeredOn <= dueOn ? "answered-in-time" : "answered-late";
  if (today > dueOn) return "overdue";
  if (addDays(today, COMPLAINT_REMINDER_DAYS) >= dueOn) return "due-soon";
  return "running";
}

/** Which regulator supervises a lender of this licence type, for a complaint to go above it. */
function regulatorFor(licence: LicenceType, subject: ComplaintSubject): ComplaintRung {
  if (subject === "credit-report-error") return "pboc-12363";
  // Banks and consumer-finance companies are supervised by the financial regulator (12378); microloan companies
  // and the platforms that broker loans by the local financial regulators.
  if (licence === "bank" || licence === "consumer-finance") return "nfra-12378";
  return "local-regulator";
}

/**
 * The next rung to suggest. Nothing while the clock runs and no answer came; after a resolution, nothing.
 * From the lender: its regulator. From a regulator: mediation (a financial-dispute mediation centre); after
 * mediation: court (with a lawyer or legal aid).
 */
export function nextRung(input: {
  channel: ComplaintChannel;
  subject: ComplaintSubject;
  lenderLicence: LicenceType;
  outcome: ComplaintOutcome | null;
  state: ClockState;
}): ComplaintRung | null {
  if (input.outcome === "resolved") return null;
  const stuck = input.outcome !== null || input.state === "overdue";
  if (!stuck) return null;
  if (input.channel === "lender") return regulatorFor(input.lenderLicence, input.subject);
  return "mediation";
}
