/**
 * The clocks of a lawsuit and of a mediation, as dated data with their source. Each rule says what it is
 * counted from, how many days, and how: court periods are natural days (民事诉讼法 Art. 85: the first day is
 * not counted; a period whose last day is a statutory rest day ends on the first day after it), so they are
 * counted in calendar days and only the end moves to the next working day of the holiday table. No rule
 * here counts working days; one that does would name "working" and be counted with addWorkingDays.
 */
import { addWorkingDays, isCovered, isWorkingDay, type Calendar } from "./calendar";
import { DomainError } from "./errors";
import { addDays, assertIsoDate, type IsoDate } from "./time";

export const COURT_CLOCK_KEYS = ["civil-answer", "appeal-judgment", "judicial-confirmation", "enforcement-application"] as const;
export type CourtClockKey = (typeof COURT_CLOCK_KEYS)[number];

export type CourtClockRule = {
  key: CourtClockKey;
  /** What the period runs from (the day itself is not counted). */
  from: "served" | "judgment-served" | "mediation-agreed" | "judgment-effective";
  days: number;
  /** natural: calendar days, the last day moved off a rest day; working: counted in working days. */
  counting: "natural" | "working";
  /** The day the rule (this wording of the law) applies from. */
  validFrom: IsoDate;
  source: string;
};

const CPL_2023 = "《中华人民共和国民事诉讼法》（2023年9月1日修正，2024年1月1日施行）";

/** The rules, newest version of each key last; `courtClock` picks the one in force on the start day. */
export const COURT_CLOCK_RULES: readonly CourtClockRule[] = [
  {
    key: "civil-answer",
    from: "served",
    days: 15,
    counting: "natural",
    validFrom: "2024-01-01",
    source: `${CPL_2023} 第一百二十八条：被告应当在收到之日起十五日内提出答辩状；期间计算见第八十五条`,
  },
  {
    key: "appeal-judgment",
    from: "judgment-served",
    days: 15,
    counting: "natural",
    validFrom: "2024-01-01",
    source: `${CPL_2023} 第一百七十一条：不服地方人民法院第一审判决的，有权在判决书送达之日起十五日内提起上诉`,
  },
  {
    key: "judicial-confirmation",
    from: "mediation-agreed",
    days: 30,
    counting: "natural",
    validFrom: "2024-01-01",
    source: `${CPL_2023} 第二百零五条：申请司法确认调解协议，由双方当事人自调解协议生效之日起三十日内提出`,
  },
  {
    key: "enforcement-application",
    from: "judgment-effective",
    days: 730,
    counting: "natural",
    validFrom: "2024-01-01",
    source: `${CPL_2023} 第二百五十条：申请执行的期间为二年（按 730 日计；以法律文书规定履行期间的最后一日起计算）`,
  },
];

export function courtClockRule(key: CourtClockKey, start: IsoDate, rules: readonly CourtClockRule[] = COURT_CLOCK_RULES): CourtClockRule {
  const inForce = rules.filter((r) => r.key === key && r.validFrom <= start).sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1));
  const rule = inForce[0];
  if (!rule) throw new DomainError("no_clock_rule", `No ${key} rule in force on ${start}`, "servedOn");
  return rule;
}

export type CourtDeadline = {
  key: CourtClockKey;
  /** The last day to act. */
  dueOn: IsoDate;
  /** The plain count's day before it was moved off a rest day (equal to dueOn when it was not moved). */
  countedTo: IsoDate;
  /** The holiday arrangement of a year involved is not loaded: the rest-day move assumed Monday–Friday. */
  estimated: boolean;
  source: string;
};

/** A period's last day: `days` after `start` (start not counted), moved to the next working day when it falls on a rest day. */
export function courtDeadline(calendar: Calendar, key: CourtClockKey, start: IsoDate, rules?: readonly CourtClockRule[]): CourtDeadline {
  assertIsoDate(start, "start");
  const rule = courtClockRule(key, start, rules);
  if (rule.counting === "working") {
    const r = addWorkingDays(calendar, start, rule.days);
    return { key, dueOn: r.date, countedTo: r.date, estimated: r.estimated, source: rule.source };
  }
  const countedTo = addDays(start, rule.days);
  let dueOn = countedTo;
  let estimated = !isCovered(calendar, countedTo);
  while (!isWorkingDay(calendar, dueOn)) {
    dueOn = addDays(dueOn, 1);
    estimated ||= !isCovered(calendar, dueOn);
  }
  return { key, dueOn, countedTo, estimated, source: rule.source };
}
