/**
 * The demo agency's story: who its clients are, what they owe and how each negotiation goes, as plain data
 * from a seeded PRNG and the day it is anchored to. Pure (no database): `db/demo/history.ts` replays it
 * through the app's services. The same seed and anchor give the same story.
 */
import { BUILTIN_LENDERS } from "@/db/lenders-builtin";
import { addDays } from "@/server/domain/time";
import type { ContactChannel, ContactParty, DocumentKind, ReferralKind } from "@/server/domain/vocabulary";
import { Rng } from "./prng";

export const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤".split(
    "",
  );
export const GIVEN =
  "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥建华飞鑫波斌宇浩凯健俊帆帅旭宁龙林欢阳晨婷雪琳晶颖慧莉倩".split("");
export const CITIES = [
  "北京",
  "上海",
  "广州",
  "深圳",
  "成都",
  "杭州",
  "武汉",
  "西安",
  "重庆",
  "南京",
  "天津",
  "苏州",
  "长沙",
  "郑州",
  "东莞",
  "青岛",
  "沈阳",
  "宁波",
  "昆明",
  "合肥",
];
export const HARDSHIP = [
  "unemployment",
  "illness",
  "business-failure",
  "income-cut",
  "over-borrowing",
  "family-emergency",
  "other",
] as const;

/**
 * How one negotiation goes. Every case state is reached by some stage: intake, preparing, proposed,
 * negotiating (counter, docs, broken), agreed, repaying (paying, late, partial, missed, reported),
 * completed, rejected, escalated, withdrawn and closed; "expired" is a proposal that got no answer past its
 * valid-until day.
 */
export const STAGES = [
  "intake",
  "preparing",
  "proposed",
  "expired",
  "counter",
  "docs",
  "rejected",
  "escalated",
  "agreed",
  "paying",
  "late",
  "partial",
  "missed",
  "reported",
  "completed",
  "broken",
  "withdrawn",
  "closed",
] as const;
export type Stage = (typeof STAGES)[number];

/** What is proposed: the four kinds and their combinations (停息挂账 = instalments with interest stopped). */
export const PROPOSAL_SHAPES = [
  "waiver",
  "interest-free",
  "waiver+instalments",
  "deferral+instalments",
  "credit-correction",
  "lump-sum",
] as const;
export type ProposalShape = (typeof PROPOSAL_SHAPES)[number];
/** Shapes that leave a schedule to pay. */
const PAYABLE: ProposalShape[] = ["interest-free", "waiver+instalments", "deferral+instalments"];

/** Stages that pay by a schedule, so their proposal must have one. */
export const SCHEDULED: readonly Stage[] = ["paying", "late", "partial", "missed", "reported", "completed", "broken"];

export type DebtStory = {
  lenderKey: string;
  principalFen: number;
  outstandingFen: number;
  interestFen: number;
  penaltyFen: number;
  feesFen: number;
  rate: string;
  unit: "annual" | "daily";
  loanDate: string;
  overdueSince: string | null;
  reported: "yes" | "no" | "unknown";
  collection: "none" | "in-house" | "outsourced" | "legal-letter" | "lawsuit";
};

export type ClientStory = {
  name: string;
  phone: string;
  city: string;
  hardship: (typeof HARDSHIP)[number];
  dependents: number;
  incomeFen: number;
  expensesFen: number;
  /** Index of the counselor (0-based) the client is assigned to. */
  counselor: number;
  /** The day the file was opened. */
  since: string;
  debts: DebtStory[];
};

export type ContactStory = {
  day: string;
  minute: number;
  channel: ContactChannel;
  party: ContactParty;
  direction: "inbound" | "outbound";
  connected?: boolean;
  thirdPartyContacted?: boolean;
  summary: string;
};

export type CaseStory = {
  /** The client: a demo login's index (0–5) or a generated client's index, as `who` says. */
  who: { demo: number } | { generated: number };
  debt: number;
  stage: Stage;
  shape: ProposalShape;
  /** The day the case opens; every step of the stage follows from it (see history.ts). */
  opened: string;
  /** Instalments in the agreement. */
  months: number;
  contacts: ContactStory[];
  referral: ReferralKind | null;
  documents: DocumentKind[];
  /** A follow-up the counselor set: due today, overdue, or none. */
  followUp: "today" | "overdue" | null;
};

const SUMMARIES = [
  "与平台客服沟通协商还款方案，对方表示需要提交困难证明。",
  "客户来电说明本月收入情况，同意按计划还款。",
  "向平台提交分期申请材料，等待审核结果。",
  "平台回复可以减免部分罚息，需进一步确认金额。",
  "提醒客户下期还款日期及金额。",
  "平台要求补充收入证明和银行流水。",
  "电话未接通，稍后再次联系。",
];
const COLLECTOR_SUMMARIES = [
  "催收人员来电，已告知正在协商中，请对方停止频繁来电。",
  "催收来电语气强硬，称将上门，已记录。",
  "催收人员联系客户家人，客户已要求停止。",
];

/** The six demo logins' negotiations (the README's demo-logins table says which stage each portal shows). */
const DEMO_CASES: Array<
  Omit<CaseStory, "contacts" | "opened" | "referral" | "documents"> & {
    daysAgo: number;
    conduct?: boolean;
  }
> = [
  // 刘洋: repaying, one instalment missed, the latest reported with its receipt and not yet confirmed.
  {
    who: { demo: 0 },
    debt: 0,
    stage: "missed",
    shape: "waiver+instalments",
    months: 12,
    daysAgo: 230,
    followUp: "today",
    conduct: true,
  },
  // 陈静: just agreed.
  {
    who: { demo: 1 },
    debt: 0,
    stage: "agreed",
    shape: "interest-free",
    months: 24,
    daysAgo: 40,
    followUp: null,
  },
  // 杨磊: still negotiating: a counter-offer on one debt, documents asked on another.
  {
    who: { demo: 2 },
    debt: 0,
    stage: "counter",
    shape: "waiver+instalments",
    months: 24,
    daysAgo: 60,
    followUp: "overdue",
    conduct: true,
  },
  {
    who: { demo: 2 },
    debt: 1,
    stage: "docs",
    shape: "interest-free",
    months: 12,
    daysAgo: 45,
    followUp: null,
  },
  // 赵敏: completed.
  {
    who: { demo: 3 },
    debt: 0,
    stage: "completed",
    shape: "interest-free",
    months: 6,
    daysAgo: 330,
    followUp: null,
  },
  // 黄伟: rejected, then escalated with a referral to legal aid; another debt being prepared.
  {
    who: { demo: 4 },
    debt: 0,
    stage: "escalated",
    shape: "waiver",
    months: 12,
    daysAgo: 120,
    followUp: "today",
  },
  {
    who: { demo: 4 },
    debt: 1,
    stage: "preparing",
    shape: "interest-free",
    months: 12,
    daysAgo: 6,
    followUp: null,
  },
  // 周婷: a proposal that got no answer past its valid-until day, and one just sent.
  {
    who: { demo: 5 },
    debt: 0,
    stage: "expired",
    shape: "deferral+instalments",
    months: 12,
    daysAgo: 75,
    followUp: null,
  },
  {
    who: { demo: 5 },
    debt: 1,
    stage: "proposed",
    shape: "lump-sum",
    months: 1,
    daysAgo: 8,
    followUp: null,
  },
];

export const GENERATED_CLIENTS = 34;

/** Days from opening to the last step a stage needs, so the case can open early enough. */
function daysAgoFor(stage: Stage, months: number, rng: Rng): number {
  switch (stage) {
    case "intake":
      return rng.int(1, 12);
    case "preparing":
      return rng.int(5, 30);
    case "proposed":
      return rng.int(8, 14);
    case "expired":
      return rng.int(60, 200);
    case "counter":
    case "docs":
      return rng.int(30, 120);
    case "rejected":
    case "escalated":
    case "withdrawn":
    case "closed":
      return rng.int(40, 340);
    case "agreed":
      return rng.int(25, 45);
    case "completed":
      return 60 + months * 31 + rng.int(0, 60);
    case "broken":
      return 120 + rng.int(0, 100);
    default:
      // Repaying: at least three instalments due by now.
      return 60 + rng.int(3, 6) * 31;
  }
}

function contactsFor(rng: Rng, opened: string, anchor: string, conduct: boolean): ContactStory[] {
  const span = Math.max(1, Math.round((Date.parse(anchor) - Date.parse(opened)) / 86_400_000));
  const n = rng.int(1, 2);
  const out: ContactStory[] = [];
  for (let k = 0; k < n; k++) {
    const day = addDays(opened, Math.min(span - 1, Math.round(((k + 1) * span) / (n + 1))));
    const party = rng.pick(["lender-staff", "lender-staff", "client", "collector"] as const);
    const channel = rng.pick(["phone", "phone", "sms", "app", "wechat", "email"] as const);
    out.push({
      day,
      minute: rng.int(9 * 60, 17 * 60),
      channel,
      party,
      direction: party === "collector" ? "inbound" : rng.chance(0.6) ? "outbound" : "inbound",
      ...(channel === "phone" ? { connected: rng.chance(0.8) } : {}),
      summary: party === "collector" ? rng.pick(COLLECTOR_SUMMARIES) : rng.pick(SUMMARIES),
    });
  }
  if (conduct) {
    // GB/T 45251-2025: a call at 22:40, four connected calls in one day, and the family contacted.
    const day = addDays(anchor, -rng.int(3, Math.max(3, Math.min(20, span - 1))));
    out.push({
      day,
      minute: 22 * 60 + 40,
      channel: "phone",
      party: "collector",
      direction: "inbound",
      connected: true,
      summary: "催收人员深夜来电催款。",
    });
    for (const minute of [9 * 60 + 5, 11 * 60 + 20, 14 * 60 + 10, 16 * 60 + 45]) {
      out.push({
        day: addDays(day, 1),
        minute,
        channel: "phone",
        party: "collector",
        direction: "inbound",
        connected: true,
        summary: COLLECTOR_SUMMARIES[0]!,
      });
    }
    out.push({
      day: addDays(day, 2),
      minute: 10 * 60,
      channel: "phone",
      party: "collector",
      direction: "inbound",
      connected: true,
      thirdPartyContacted: true,
      summary: COLLECTOR_SUMMARIES[2]!,
    });
  }
  return out;
}

/**
 * One debt of a story client: what is owed to which built-in lender, at what rate, how overdue, how reported
 * and collected. The demo's clients and the bench's (bench/data.ts, at scale) are drawn by this and storyPerson.
 */
export function storyDebt(rng: Rng, anchor: string): DebtStory {
  const principal = rng.int(5, 150) * 100_000; // 5,000 – 150,000 yuan
  const outstanding = Math.round((principal * rng.int(40, 95)) / 100);
  const daily = rng.chance(0.5);
  return {
    lenderKey: BUILTIN_LENDERS[rng.int(0, BUILTIN_LENDERS.length - 1)]!.key,
    principalFen: principal,
    outstandingFen: outstanding,
    interestFen: Math.round((outstanding * rng.int(3, 15)) / 100),
    penaltyFen: Math.round((outstanding * rng.int(1, 6)) / 100),
    feesFen: rng.chance(0.4) ? rng.int(1, 30) * 10_000 : 0,
    rate: daily ? (rng.int(30, 65) / 1000).toFixed(3) : (rng.int(720, 3600) / 100).toFixed(2),
    unit: daily ? "daily" : "annual",
    loanDate: addDays(anchor, -rng.int(500, 1200)),
    overdueSince: addDays(anchor, -rng.int(400, 480)),
    reported: rng.pick(["yes", "yes", "no", "unknown"] as const),
    collection: rng.pick(["in-house", "outsourced", "outsourced", "legal-letter", "lawsuit"] as const),
  };
}

/** A story client with `nDebts` debts (storyDebt): name, phone, city, hardship, household, income and spending. */
export function storyPerson(rng: Rng, index: number, anchor: string, nDebts: number): ClientStory {
  const debts: DebtStory[] = [];
  for (let d = 0; d < nDebts; d++) debts.push(storyDebt(rng, anchor));
  const income = rng.int(30, 120) * 10_000;
  return {
    name: `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}${rng.chance(0.6) ? rng.pick(GIVEN) : ""}`,
    phone: `1${rng.pick([3, 5, 7, 8, 9])}${String(rng.int(0, 999_999_999)).padStart(9, "0")}`,
    city: rng.pick(CITIES),
    hardship: rng.pick(HARDSHIP),
    dependents: rng.int(0, 3),
    incomeFen: income,
    expensesFen: Math.round((income * rng.int(50, 80)) / 100),
    counselor: index % 3,
    since: addDays(anchor, -370),
    debts,
  };
}

function generatedClient(rng: Rng, index: number, anchor: string): ClientStory {
  const nDebts = rng.weighted([
    [1, 45],
    [2, 40],
    [3, 15],
  ] as const);
  return storyPerson(rng, index, anchor, nDebts);
}

export type DemoStory = { clients: ClientStory[]; cases: CaseStory[] };

/** The whole story for an anchor day (Beijing "YYYY-MM-DD"). */
export function demoStory(anchor: string, seed = 2026): DemoStory {
  const rng = new Rng(seed, 12);
  const clients = Array.from({ length: GENERATED_CLIENTS }, (_, i) => generatedClient(rng, i, anchor));
  const cases: CaseStory[] = [];
  for (const d of DEMO_CASES) {
    const opened = addDays(anchor, -d.daysAgo);
    cases.push({
      ...d,
      opened,
      contacts: contactsFor(rng, opened, anchor, d.conduct ?? false),
      referral: d.stage === "escalated" ? "legal-aid" : null,
      documents: ["loan-contract"],
    });
  }
  let turn = 0;
  clients.forEach((client, i) => {
    client.debts.forEach((_, debt) => {
      // Not every debt is negotiated yet.
      if (debt > 0 && rng.chance(0.5)) return;
      // The first debts walk through every stage in turn; later ones are more often still open.
      const stage =
        debt === 0
          ? STAGES[turn++ % STAGES.length]!
          : rng.pick(["intake", "proposed", "counter", "paying", "rejected", "completed"] as const);
      const shape = SCHEDULED.includes(stage) ? rng.pick(PAYABLE) : rng.pick(PROPOSAL_SHAPES);
      const months = stage === "completed" ? rng.pick([3, 6]) : rng.pick([12, 18, 24, 36]);
      const opened = addDays(anchor, -daysAgoFor(stage, months, rng));
      cases.push({
        who: { generated: i },
        debt,
        stage,
        shape,
        opened,
        months,
        contacts: contactsFor(rng, opened, anchor, rng.chance(0.15)),
        referral:
          stage === "escalated" || (stage === "rejected" && rng.chance(0.5))
            ? rng.pick(["lawyer", "legal-aid", "financial-adviser"] as const)
            : null,
        documents: rng.chance(0.7) ? ["loan-contract"] : [],
        followUp: rng.weighted([
          ["today", 15],
          ["overdue", 10],
          [null, 75],
        ] as const),
      });
    });
  });
  return { clients, cases };
}
