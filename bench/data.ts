/**
 * `npm run bench:data [-- --scale 0.01] [--seed 7] [--anchor 2026-12-01]`: fills the bench database
 * (BENCH_DATABASE_URL, default xieshang_bench on the local server) with a large, realistic and deterministic
 * dataset. The database is dropped and created again, then migrated with the project's migrations.
 *
 * At scale 1: 50 organizations, one holding 40 % of the rows; 100,000 clients, ~300,000 debts and cases,
 * ~600,000 proposals and responses together, ~1,000,000 instalments, ~800,000 payments, ~2,000,000 contact
 * entries, with the users, memberships, lenders, budgets, plans, case events and follow-ups the pages read.
 *
 * Invariants kept: personal data encrypted with BENCH_DATA_KEY (server/crypto.ts) with its blind index; each
 * case's contact log hash-chained exactly as server/services/contacts.ts appends it (so verify passes), the
 * case row holding the chain head; schedules from server/domain/schedule.ts (instalments add up to the
 * agreed amount in fen); each debt's balance basis from server/domain/balance.ts (as the app writes it); one
 * argon2 hash of BENCH_PASSWORD for every bench user. Rows go in with COPY, client
 * by client in chunks, parents before children; every constraint, index and trigger stays in place.
 * The dates are relative to the anchor day (default: today in Beijing), so the dashboards have data.
 *
 * One generator with the demo seed (issue 12): each client and their debts are drawn by the demo story's
 * storyPerson (db/demo/story.ts), and the result keeps the same rules as the demo's
 * (db/demo/check.ts; tests/integration/data-rules.test.ts runs a small bench and the demo through it).
 */
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { Rng } from "@/db/demo/prng";
import {
  BENCH_DATABASE_URL,
  BENCH_DATA_KEY,
  BENCH_EMAIL_DOMAIN,
  BENCH_NEXTAUTH_SECRET,
  BENCH_PASSWORD,
  adminEmail,
  adminUrl,
  cliArgs,
  counselorEmail,
  databaseName,
} from "./lib/config";

process.env.DATA_KEY = BENCH_DATA_KEY;
process.env.NEXTAUTH_SECRET = BENCH_NEXTAUTH_SECRET;

const args = cliArgs();
const SCALE = Number(args.get("scale") ?? process.env.BENCH_SCALE ?? 1);
const SEED = Number(args.get("seed") ?? 7);
const QUIET = args.has("quiet") || !process.stderr.isTTY;
if (!(SCALE > 0 && SCALE <= 1)) throw new Error("--scale must be in (0, 1]");

const { encrypt, blindIndex } = await import("@/server/crypto");
const { chainHash } = await import("@/server/domain/hash-chain");
const { flagAll } = await import("@/server/domain/collection-conduct");
const { buildSchedule, addMonths } = await import("@/server/domain/schedule");
const { addDays, todayInShanghai } = await import("@/server/domain/time");
const { balanceBasis } = await import("@/server/domain/balance");
const { contactContent } = await import("@/server/services/contacts");
const { hashPassword } = await import("@/server/services/passwords");
const { BUILTIN_LENDERS } = await import("@/db/lenders-builtin");
const { maskNationalId } = await import("@/db/seed");
// The demo agency's story (db/demo/story.ts) draws each client and their debts, here at scale.
const { SURNAMES, GIVEN, storyPerson } = await import("@/db/demo/story");
const { toAnnualPct } = await import("@/server/domain/rate");
const { runMigrations } = await import("@/db/migrate");
const schema = await import("@/db/schema");
type CaseState = import("@/server/domain/case-state").CaseState;

const ANCHOR = args.get("anchor") ?? todayInShanghai();
const ORGS = 50;
const TOTAL_CLIENTS = Math.max(ORGS * 2, Math.round(100_000 * SCALE));
const BIG_CLIENTS = Math.round(TOTAL_CLIENTS * 0.4);
/** One counselor per this many clients (at least one per organization). */
const CLIENTS_PER_COUNSELOR = 200;
const CHUNK = 2000;

// ---------------------------------------------------------------- organizations and people

type Org = { index: number; id: string; name: string; clients: number; counselors: string[]; adminId: string; lenders: string[] };

function orgOfClient(ci: number): { org: number; local: number } {
  if (ci < BIG_CLIENTS) return { org: 0, local: ci };
  const r = ci - BIG_CLIENTS;
  return { org: 1 + (r % (ORGS - 1)), local: Math.floor(r / (ORGS - 1)) };
}

function buildOrgs(): Org[] {
  const rng = new Rng(SEED, 1);
  const out: Org[] = [];
  for (let o = 0; o < ORGS; o++) {
    const rest = TOTAL_CLIENTS - BIG_CLIENTS;
    const clients = o === 0 ? BIG_CLIENTS : Math.floor(rest / (ORGS - 1)) + (o - 1 < rest % (ORGS - 1) ? 1 : 0);
    const nCounselors = Math.max(1, Math.ceil(clients / CLIENTS_PER_COUNSELOR));
    out.push({
      index: o,
      id: rng.uuid(),
      name: o === 0 ? "基准测试债务咨询中心（大）" : `基准测试债务咨询中心 ${String(o).padStart(2, "0")}`,
      clients,
      adminId: rng.uuid(),
      counselors: Array.from({ length: nCounselors }, () => rng.uuid()),
      lenders: BUILTIN_LENDERS.map(() => rng.uuid()),
    });
  }
  return out;
}

// ---------------------------------------------------------------- vocabularies for realistic text

const EMPLOYMENT = ["employed", "self-employed", "unemployed", "employed", "employed", "other"] as const;
const CHANNELS = ["phone", "phone", "phone", "sms", "app", "wechat", "email", "letter"] as const;
const PARTIES = ["lender-staff", "lender-staff", "collector", "client", "collector", "lawyer"] as const;
const SUMMARIES = [
  "与平台客服沟通协商还款方案，对方表示需要提交困难证明。",
  "催收人员来电，已告知正在协商中，请对方停止频繁来电。",
  "客户来电说明本月收入情况，同意按计划还款。",
  "向平台提交分期申请材料，等待审核结果。",
  "平台回复可以减免部分罚息，需进一步确认金额。",
  "提醒客户下期还款日期及金额。",
  "平台要求补充收入证明和银行流水。",
  "电话未接通，稍后再次联系。",
];
const SCENARIO_NAMES = ["方案一", "停息挂账", "延期还款"];

const STATUS_TABLE: ReadonlyArray<readonly [CaseState, number]> = [
  ["intake", 10],
  ["preparing", 10],
  ["proposed", 14],
  ["negotiating", 14],
  ["rejected", 5],
  ["escalated", 3],
  ["agreed", 7],
  ["repaying", 21],
  ["completed", 9],
  ["withdrawn", 3],
  ["closed", 4],
];
const PATHS: Record<CaseState, CaseState[]> = {
  intake: ["intake"],
  preparing: ["intake", "preparing"],
  proposed: ["intake", "preparing", "proposed"],
  negotiating: ["intake", "preparing", "proposed", "negotiating"],
  rejected: ["intake", "preparing", "proposed", "rejected"],
  escalated: ["intake", "preparing", "proposed", "rejected", "escalated"],
  agreed: ["intake", "preparing", "proposed", "negotiating", "agreed"],
  repaying: ["intake", "preparing", "proposed", "negotiating", "agreed", "repaying"],
  completed: ["intake", "preparing", "proposed", "negotiating", "agreed", "repaying", "completed"],
  withdrawn: ["intake", "preparing", "withdrawn"],
  closed: ["intake", "preparing", "proposed", "rejected", "closed"],
};
const CONTACTS_PER_STATUS: Record<CaseState, number> = {
  intake: 1,
  preparing: 3,
  proposed: 5,
  negotiating: 10,
  rejected: 8,
  escalated: 10,
  agreed: 8,
  repaying: 9,
  completed: 9,
  withdrawn: 3,
  closed: 3,
};

// ---------------------------------------------------------------- COPY text

type Cell = string | number | boolean | null | undefined | object;
function cell(v: Cell): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v === "string")
    return v.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return cell(JSON.stringify(v));
}
const line = (cells: Cell[]) => `${cells.map(cell).join("\t")}\n`;

/** Columns per table, in the order each generator emits them. */
const COLUMNS = {
  clients:
    "org_id,id,full_name,phone_enc,phone_hash,phone_last4,national_id_enc,national_id_masked,city,household_size,dependents,employment,hardship_reason,consent_at,consent_version,assigned_counselor_id,status,created_at,updated_at",
  debts:
    "org_id,id,client_id,lender_id,contract_number,loan_date,received_fen,original_principal_fen,outstanding_principal_fen,interest_fen,penalty_fen,fees_fen,rate_value,rate_unit,annual_rate_pct,term_months,overdue_since,credit_reported,collection_status,created_by,figures_recorded_at,created_at,updated_at",
  budgets: "org_id,id,client_id,effective_date,incomes,expenses,dependents,created_by,created_at",
  plans:
    "org_id,id,client_id,version,scenarios,chosen_scenario,budget_id,status,needs_review,needs_review_reason,created_by,saved_by,saved_at,created_at",
  cases: "org_id,id,client_id,debt_id,status,opened_by,opened_at,closed_at,contact_seq,contact_head,updated_at",
  case_events: "org_id,id,case_id,from_status,to_status,actor_user_id,reason,at",
  proposals: "org_id,id,case_id,seq,terms,channel,valid_until,status,created_by,sent_at,created_at",
  proposal_responses: "org_id,id,case_id,proposal_id,kind,reason,terms,documents_requested,note,received_on,recorded_by,recorded_at",
  document_requests: "org_id,id,case_id,client_id,response_id,kind,requested_on,created_at,resolved_at,resolution,resolved_by,note",
  agreements: "org_id,id,case_id,proposal_id,response_id,terms,agreed_on,status,created_by,created_at",
  instalments: "org_id,agreement_id,seq,due_date,amount_fen,principal_fen,interest_fen",
  payments:
    "org_id,id,case_id,agreement_id,amount_fen,paid_on,method,reported_by,reported_by_role,status,confirmed_by,confirmed_at,idempotency_key,created_at",
  tasks: "org_id,id,case_id,kind,title,proposal_id,assigned_to,due_on,done_at,created_at",
  contact_entries:
    "org_id,id,case_id,seq,at,channel,direction,party,connected,third_party_contacted,summary,corrects_entry_id,attachment_document_ids,conduct_flags,recorded_by,recorded_at,prev_hash,hash",
  debt_balances:
    "org_id,debt_id,client_id,kind,base_fen,as_of,daily_growth_fen,figures_fen,overdue_since,agreement_id,agreed_total_fen,paid_fen,pending_fen,waived_fen,relief_fen,before_agreement_fen,next_instalment_fen,next_due_on,instalments_left,monthly_fen",
} as const;
type Table = keyof typeof COLUMNS;
const TABLES = Object.keys(COLUMNS) as Table[];
type Rows = Record<Table, string[]>;
/** Foreign-key levels: each table's parents are in an earlier level. */
const LEVELS: Table[][] = [
  ["clients"],
  ["debts", "budgets"],
  ["plans", "cases"],
  ["case_events", "proposals", "contact_entries"],
  ["proposal_responses", "tasks"],
  ["document_requests"],
  ["agreements"],
  ["instalments", "payments", "debt_balances"],
];
const WIDTH = Object.fromEntries(TABLES.map((t) => [t, COLUMNS[t].split(",").length])) as Record<Table, number>;

// ---------------------------------------------------------------- one client's graph

const DAY_MS = 86_400_000;
/** A UUID (version 4 layout) from a string: the same input, the same id. */
const derivedUuid = (seed: string) => {
  const h = createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const dayToInstant = (day: string, minutes: number) => new Date(Date.parse(`${day}T00:00:00+08:00`) + minutes * 60_000);
const iso = (d: Date) => d.toISOString();
const minDay = (a: string, b: string) => (a < b ? a : b);

type Counters = Record<Table, number>;

function generateClient(ci: number, orgs: Org[], out: Rows, count: Counters) {
  const { org: oi, local } = orgOfClient(ci);
  const org = orgs[oi]!;
  const rng = new Rng(SEED, 1000 + ci);
  const orgId = org.id;
  const counselor = org.counselors[local % org.counselors.length]!;
  const clientId = rng.uuid();
  const emit = (t: Table, cells: Cell[]) => {
    // A wrong cell count would make COPY fail far from the cause.
    if (cells.length !== WIDTH[t]) throw new Error(`${t}: ${cells.length} cells for ${WIDTH[t]} columns`);
    out[t].push(line(cells));
    count[t]++;
  };

  // The first client of each counselor of the big organization has six debts (the plan benchmark's client).
  const nDebts =
    oi === 0 && local < org.counselors.length
      ? 6
      : rng.weighted([
          [1, 20],
          [2, 20],
          [3, 30],
          [4, 12],
          [5, 10],
          [6, 8],
        ] as const);
  type CaseDraft = Parameters<typeof generateCase>[4];
  const drafts: CaseDraft[] = [];
  let earliest = ANCHOR;
  const debtRows: Cell[][] = [];
  // The person and their debts are the demo story's (db/demo/story.ts), drawn from this client's stream.
  const person = storyPerson(rng, ci, ANCHOR, nDebts);
  person.debts.forEach((debt, d) => {
    const debtId = rng.uuid();
    const annual = toAnnualPct(debt.rate, debt.unit);
    const term = rng.pick([12, 24, 36]);
    const status = rng.weighted(STATUS_TABLE);
    let opened: string;
    if (status === "agreed") opened = addDays(ANCHOR, -rng.int(40, 140));
    else if (status === "repaying") opened = addDays(ANCHOR, -rng.int(120, 450));
    else if (status === "completed") opened = addDays(ANCHOR, -rng.int(420, 720));
    else if (status === "intake" || status === "preparing") opened = addDays(ANCHOR, -rng.int(1, 60));
    else opened = addDays(ANCHOR, -rng.int(60, 400));
    if (opened < earliest) earliest = opened;
    drafts.push({
      debtId,
      caseId: rng.uuid(),
      status,
      opened,
      outstandingFen: debt.outstandingFen,
      interestFen: debt.interestFen,
      penaltyFen: debt.penaltyFen,
      feesFen: debt.feesFen,
      rate: annual,
      overdue: debt.overdueSince,
      figuresAt: "",
    });
    debtRows.push([
      orgId,
      debtId,
      clientId,
      org.lenders[BUILTIN_LENDERS.findIndex((l) => l.key === debt.lenderKey)]!,
      `HT${ci}${d}${rng.int(1000, 9999)}`,
      debt.loanDate,
      debt.principalFen,
      debt.principalFen,
      debt.outstandingFen,
      debt.interestFen,
      debt.penaltyFen,
      debt.feesFen,
      debt.rate,
      debt.unit,
      annual,
      term,
      debt.overdueSince,
      debt.reported,
      debt.collection,
      counselor,
    ]);
  });
  const createdDay = addDays(earliest, -rng.int(1, 20));
  const createdAt = iso(dayToInstant(createdDay, rng.int(540, 1080)));
  const { name, phone, dependents } = person;
  const nationalId = `${rng.int(110000, 659000)}${rng.int(1960, 2004)}${String(rng.int(1, 12)).padStart(2, "0")}${String(rng.int(1, 28)).padStart(2, "0")}${String(rng.int(0, 9999)).padStart(4, "0")}`;
  emit("clients", [
    orgId,
    clientId,
    name,
    encrypt(phone),
    blindIndex(phone),
    phone.slice(-4),
    encrypt(nationalId),
    maskNationalId(nationalId),
    person.city,
    dependents + 1,
    dependents,
    person.hardship === "unemployment" ? "unemployed" : rng.pick(EMPLOYMENT),
    person.hardship,
    createdAt,
    "2026-01",
    counselor,
    "active",
    createdAt,
    createdAt,
  ]);
  for (const r of debtRows) emit("debts", [...r, createdAt, createdAt, createdAt]);
  for (const d of drafts) d.figuresAt = createdAt;

  const budgetId = rng.uuid();
  emit("budgets", [
    orgId,
    budgetId,
    clientId,
    createdDay,
    // The story's income and spending, split as the demo's budgets are (db/demo/history.ts).
    [{ kind: "salary", monthlyFen: person.incomeFen }],
    [
      { category: "housing", monthlyFen: Math.round(person.expensesFen * 0.5) },
      { category: "food", monthlyFen: person.expensesFen - Math.round(person.expensesFen * 0.5) },
    ],
    dependents,
    counselor,
    createdAt,
  ]);
  if (rng.chance(0.5)) {
    const scenarios = [
      {
        name: rng.pick(SCENARIO_NAMES),
        startDate: addDays(createdDay, 14),
        strategy: "pro-rata",
        lines: drafts.map((d) => ({
          debtId: d.debtId,
          arrangement: { waivePenalty: true, instalment: { method: "interest-free", months: 24 } },
        })),
      },
    ];
    const needsReview = rng.chance(0.1);
    emit("plans", [
      orgId,
      rng.uuid(),
      clientId,
      rng.int(1, 4),
      scenarios,
      0,
      budgetId,
      "active",
      needsReview,
      needsReview ? "debt-changed" : null,
      counselor,
      counselor,
      createdAt,
      createdAt,
    ]);
  }

  for (const d of drafts) generateCase(rng, org, counselor, clientId, d, emit);
}

function generateCase(
  rng: Rng,
  org: Org,
  counselor: string,
  clientId: string,
  d: {
    debtId: string;
    caseId: string;
    status: CaseState;
    opened: string;
    outstandingFen: number;
    interestFen: number;
    penaltyFen: number;
    feesFen: number;
    rate: string;
    overdue: string | null;
    /** When the figures were recorded (the client's creation instant). */
    figuresAt: string;
  },
  emit: (t: Table, cells: Cell[]) => void,
) {
  const orgId = org.id;
  const { caseId, status } = d;
  const openedAt = dayToInstant(d.opened, rng.int(540, 1020));

  // Agreement timing first: the schedule decides which instalments are due by the anchor day.
  const hasAgreement = status === "agreed" || status === "repaying" || status === "completed";
  const months = rng.int(6, 13);
  let agreedOn: string | null = null;
  if (hasAgreement) {
    if (status === "agreed") agreedOn = addDays(ANCHOR, -rng.int(1, 25));
    else if (status === "repaying") agreedOn = addMonths(ANCHOR, -rng.int(1, Math.max(1, months - 2)));
    else agreedOn = addMonths(ANCHOR, -(months + rng.int(1, 6)));
    if (agreedOn <= d.opened) agreedOn = addDays(d.opened, rng.int(20, 40));
    if (agreedOn > ANCHOR) agreedOn = ANCHOR;
  }
  const negotiationEnd = agreedOn ?? addDays(ANCHOR, -rng.int(0, 20));
  const spanDays = Math.max(4, Math.round((Date.parse(negotiationEnd) - Date.parse(d.opened)) / DAY_MS));

  // Proposals and answers.
  type P = { id: string; seq: number; sentDay: string; answer: "accepted" | "rejected" | "counter-offer" | "documents-requested" | null };
  const answers: Array<P["answer"]> = (() => {
    switch (status) {
      case "intake":
      case "preparing":
        return [];
      case "proposed":
        return [null];
      case "negotiating":
        return rng.chance(0.5)
          ? [rng.pick(["counter-offer", "documents-requested"] as const), null]
          : ["counter-offer", "documents-requested", null];
      case "rejected":
      case "escalated":
        return rng.chance(0.5) ? ["rejected"] : ["counter-offer", "rejected"];
      case "agreed":
      case "repaying":
      case "completed":
        return rng
          .weighted([
            [["accepted"], 45],
            [["rejected", "accepted"], 35],
            [["documents-requested", "counter-offer", "accepted"], 20],
          ] as const)
          .slice();
      case "withdrawn":
        return rng.chance(0.3) ? ["rejected"] : [];
      case "closed":
        return ["rejected"];
    }
  })();
  const waiver = { interestFen: Math.round(d.interestFen / 2), penaltyFen: d.penaltyFen };
  const instalmentTerms = (first: string) => ({
    amountFen: d.outstandingFen,
    method: "interest-free" as const,
    months,
    annualRatePct: "0",
    firstDueDate: first,
  });
  const firstDue = agreedOn ? addMonths(agreedOn, 1) : addMonths(negotiationEnd, 1);
  const proposalTerms = { waiver, instalments: instalmentTerms(firstDue) };
  const proposals: P[] = [];
  let acceptedProposal: P | null = null;
  let acceptedResponseId: string | null = null;
  answers.forEach((answer, i) => {
    const sentDay = addDays(d.opened, Math.round(((i + 1) * spanDays) / (answers.length + 1)));
    const p: P = { id: rng.uuid(), seq: i + 1, sentDay, answer };
    proposals.push(p);
    const sentAt = dayToInstant(sentDay, rng.int(540, 1020));
    const pending = answer === null;
    emit("proposals", [
      orgId,
      p.id,
      caseId,
      p.seq,
      proposalTerms,
      rng.pick(["phone", "app", "email", "letter"]),
      addDays(sentDay, 30),
      pending ? "sent" : "answered",
      counselor,
      iso(sentAt),
      iso(sentAt),
    ]);
    if (pending) {
      const due = addDays(sentDay, 14);
      emit("tasks", [orgId, rng.uuid(), caseId, "proposal-no-answer", null, p.id, counselor, due, null, iso(sentAt)]);
      return;
    }
    const receivedOn = minDay(addDays(sentDay, rng.int(3, Math.max(3, Math.floor(spanDays / (answers.length + 1))))), agreedOn ?? ANCHOR);
    const responseId = rng.uuid();
    const recordedAt = dayToInstant(receivedOn, rng.int(540, 1080));
    emit("proposal_responses", [
      orgId,
      responseId,
      caseId,
      p.id,
      answer,
      answer === "rejected" ? "平台暂不接受减免申请" : null,
      answer === "counter-offer" ? { waiver: { penaltyFen: d.penaltyFen }, instalments: instalmentTerms(firstDue) } : null,
      answer === "documents-requested" ? ["income-proof", "bank-statement"] : null,
      null,
      receivedOn,
      counselor,
      iso(recordedAt),
    ]);
    if (answer === "documents-requested") {
      // What the lender asked for: still needed while it is the case's latest answer, else dealt with (the
      // counselor sent it outside the app). Ids derive from the answer so the random stream is unchanged.
      const answeredLater = answers.slice(i + 1).some((a) => a !== null);
      for (const kind of ["income-proof", "bank-statement"]) {
        const resolvedAt = answeredLater ? iso(new Date(recordedAt.getTime() + 2 * DAY_MS)) : null;
        emit("document_requests", [
          orgId,
          derivedUuid(`${responseId}:${kind}`),
          caseId,
          clientId,
          responseId,
          kind,
          receivedOn,
          iso(recordedAt),
          resolvedAt,
          answeredLater ? "not-needed" : null,
          answeredLater ? counselor : null,
          answeredLater ? "材料已通过平台 App 提交" : null,
        ]);
      }
    }
    if (answer === "accepted") {
      acceptedProposal = p;
      acceptedResponseId = responseId;
    }
  });
  if (status === "negotiating" && rng.chance(0.3)) {
    emit("tasks", [
      orgId,
      rng.uuid(),
      caseId,
      "custom",
      "回访平台确认审核进度",
      null,
      counselor,
      addDays(ANCHOR, -rng.int(0, 5)),
      null,
      iso(openedAt),
    ]);
  }

  // Agreement, schedule and payments.
  let lastActivity = dayToInstant(negotiationEnd, 600);
  let agreementFacts: import("@/server/domain/balance").AgreementForBalance | null = null;
  if (hasAgreement && acceptedProposal && acceptedResponseId && agreedOn) {
    const agreementId = rng.uuid();
    const terms = proposalTerms;
    const agreedAt = dayToInstant(agreedOn, rng.int(540, 1080));
    const agreementStatus = status === "completed" ? "completed" : "active";
    emit("agreements", [
      orgId,
      agreementId,
      caseId,
      (acceptedProposal as P).id,
      acceptedResponseId,
      terms,
      agreedOn,
      agreementStatus,
      counselor,
      iso(agreedAt),
    ]);
    const rows = buildSchedule({
      principalFen: d.outstandingFen,
      annualRatePct: "0",
      months,
      method: "interest-free",
      firstDueDate: firstDue,
    });
    for (const r of rows) emit("instalments", [orgId, agreementId, r.seq, r.dueDate, r.paymentFen, r.principalFen, r.interestFen]);
    const paidFacts: Array<{ id: string; amountFen: number; paidOn: string; status: "confirmed" }> = [];
    agreementFacts = {
      id: agreementId,
      status: agreementStatus,
      agreedOn,
      createdAt: agreedAt,
      terms,
      schedule: rows.map((r) => ({ seq: r.seq, dueDate: r.dueDate, amountFen: r.paymentFen })),
      payments: paidFacts,
    };
    const paying = status === "repaying" || status === "completed";
    if (paying) {
      let missedOne = false;
      for (const r of rows) {
        if (status === "repaying" && r.dueDate >= ANCHOR) break;
        // A repaying client sometimes misses an instalment (and it stays missed); a completed one paid all.
        if (status === "repaying" && r.seq > 1 && !missedOne && rng.chance(0.08)) {
          missedOne = true;
          continue;
        }
        const late = rng.chance(0.15) ? rng.int(1, 12) : 0;
        const paidOn = minDay(addDays(r.dueDate, late - rng.int(0, 3)), ANCHOR);
        const parts =
          rng.chance(0.8) && r.paymentFen > 1
            ? [Math.floor(r.paymentFen / 2), r.paymentFen - Math.floor(r.paymentFen / 2)]
            : [r.paymentFen];
        parts.forEach((amount, k) => {
          const day = k === 0 ? paidOn : minDay(addDays(paidOn, 1), ANCHOR);
          const at = dayToInstant(day, rng.int(600, 1200));
          const paymentId = rng.uuid();
          emit("payments", [
            orgId,
            paymentId,
            caseId,
            agreementId,
            amount,
            day,
            rng.pick(["bank-transfer", "lender-app", "alipay", "wechat"]),
            counselor,
            "counselor",
            "confirmed",
            counselor,
            iso(at),
            `bench-${agreementId.slice(0, 8)}-${r.seq}-${k}`,
            iso(at),
          ]);
          paidFacts.push({ id: paymentId, amountFen: amount, paidOn: day, status: "confirmed" });
        });
        lastActivity = dayToInstant(paidOn, 700);
      }
    }
  }

  // The debt's balance basis, exactly as the app's refreshBalances writes it.
  const b = balanceBasis({
    archived: false,
    figures: {
      outstandingPrincipalFen: d.outstandingFen,
      interestFen: d.interestFen,
      penaltyFen: d.penaltyFen,
      feesFen: d.feesFen,
      annualRatePct: d.rate,
      penaltyAnnualRatePct: null,
      overdueSince: d.overdue,
    },
    figuresRecordedAt: new Date(d.figuresAt),
    agreement: agreementFacts,
  });
  emit("debt_balances", [
    orgId,
    d.debtId,
    clientId,
    b.kind,
    b.baseFen,
    b.asOf,
    b.dailyGrowthFen,
    b.figuresFen,
    b.overdueSince,
    b.agreementId,
    b.agreedTotalFen,
    b.paidFen,
    b.pendingFen,
    b.waivedFen,
    b.reliefFen,
    b.beforeAgreementFen,
    b.nextInstalmentFen,
    b.nextDueOn,
    b.instalmentsLeft,
    b.monthlyFen,
  ]);

  // State history: one event per step of the path, spread from opening to the last activity.
  const path = PATHS[status];
  const endAt = Math.min(
    Date.parse(`${ANCHOR}T23:00:00+08:00`) - 3_600_000,
    Math.max(lastActivity.getTime(), openedAt.getTime() + path.length * 3_600_000),
  );
  const step = (endAt - openedAt.getTime()) / Math.max(1, path.length);
  path.forEach((to, i) => {
    const at = new Date(openedAt.getTime() + Math.round(i * step));
    emit("case_events", [orgId, rng.uuid(), caseId, i === 0 ? null : path[i - 1]!, to, counselor, i === 0 ? "case opened" : null, iso(at)]);
  });
  const closed = status === "closed" || status === "withdrawn" || status === "completed" ? iso(new Date(endAt)) : null;

  // The contact log, chained exactly as appendContact does.
  const n = Math.max(0, CONTACTS_PER_STATUS[status] + rng.int(-2, 3));
  const contactSpan = Math.max(60_000 * n, Date.parse(`${ANCHOR}T12:00:00+08:00`) - openedAt.getTime());
  const entries = [] as Array<Parameters<typeof contactContent>[0]>;
  for (let k = 0; k < n; k++) {
    const at = new Date(openedAt.getTime() + Math.round(((k + rng.float()) * contactSpan) / (n + 1)));
    const channel = rng.pick(CHANNELS);
    const party = rng.pick(PARTIES);
    entries.push({
      id: rng.uuid(),
      caseId,
      seq: k + 1,
      at,
      channel,
      direction: party === "collector" ? "inbound" : rng.chance(0.6) ? "outbound" : "inbound",
      party,
      connected: channel === "phone" ? rng.chance(0.8) : null,
      thirdPartyContacted: party === "collector" ? rng.chance(0.05) : null,
      summary: rng.pick(SUMMARIES),
      correctsEntryId: null,
      attachmentDocumentIds: [],
      conductFlags: [],
      recordedBy: counselor,
      recordedAt: new Date(at.getTime() + rng.int(1, 120) * 60_000),
    });
  }
  const flags = flagAll(
    entries.map((e) => ({
      id: e.id,
      at: e.at,
      direction: e.direction,
      party: e.party,
      channel: e.channel,
      connected: e.connected ?? undefined,
      thirdPartyContacted: e.thirdPartyContacted ?? undefined,
    })),
  );
  let head: string | null = null;
  const contactLines: Cell[][] = [];
  for (const e of entries) {
    const entry = { ...e, conductFlags: flags.get(e.id) ?? [] };
    const hash = chainHash(head, contactContent(entry));
    contactLines.push([
      orgId,
      entry.id,
      caseId,
      entry.seq,
      iso(entry.at),
      entry.channel,
      entry.direction,
      entry.party,
      entry.connected,
      entry.thirdPartyContacted,
      entry.summary,
      null,
      [],
      entry.conductFlags,
      counselor,
      iso(entry.recordedAt),
      head,
      hash,
    ]);
    head = hash;
  }
  emit("cases", [orgId, caseId, clientId, d.debtId, status, counselor, iso(openedAt), closed, entries.length, head, iso(new Date(endAt))]);
  for (const c of contactLines) emit("contact_entries", c);
}

// ---------------------------------------------------------------- progress

const started = Date.now();
function progress(done: number, total: number, note: string) {
  if (QUIET && done < total && (note !== "clients" || done % (CHUNK * 5) !== 0)) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  const secs = (Date.now() - started) / 1000;
  const eta = done > 0 ? (secs / done) * (total - done) : 0;
  const bar = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(Math.round((done / total) * 100)).padStart(3)}% ${done}/${total} clients ${secs.toFixed(0)}s, ~${eta.toFixed(0)}s left ${note}`;
  if (QUIET) process.stderr.write(`${bar}\n`);
  else process.stderr.write(`\r${bar.padEnd(110)}`);
}

// ---------------------------------------------------------------- main

async function main() {
  const name = databaseName(BENCH_DATABASE_URL);
  const admin = postgres(adminUrl(BENCH_DATABASE_URL), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();

  const sql = postgres(BENCH_DATABASE_URL, { max: 3, onnotice: () => {} });
  await runMigrations(drizzle(sql, { schema, casing: "snake_case" }) as never);
  console.error(`bench data: scale ${SCALE}, seed ${SEED}, anchor ${ANCHOR}, ${TOTAL_CLIENTS} clients in ${ORGS} organizations → ${name}`);

  const orgs = buildOrgs();
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const t0 = Date.now();
  const anchorAt = dayToInstant(addDays(ANCHOR, -800), 540).toISOString();
  const people: string[] = [];
  const members: string[] = [];
  const lenderLines: string[] = [];
  const orgLines: string[] = [];
  for (const o of orgs) {
    orgLines.push(line([o.id, o.name, "10", 5000, false, false, anchorAt]));
    people.push(line([o.adminId, adminEmail(o.index), `管理员${o.index}`, passwordHash, anchorAt]));
    members.push(line([o.id, o.adminId, "admin", anchorAt]));
    o.counselors.forEach((id, n) => {
      const r = new Rng(SEED, 500_000 + o.index * 10_000 + n);
      people.push(line([id, counselorEmail(o.index, n), `${r.pick(SURNAMES)}${r.pick(GIVEN)}${r.pick(GIVEN)}`, passwordHash, anchorAt]));
      members.push(line([o.id, id, "counselor", anchorAt]));
    });
    BUILTIN_LENDERS.forEach((l, n) =>
      lenderLines.push(line([o.id, o.lenders[n]!, l.name, l.legalName ?? null, l.licenceType, l.key, anchorAt, anchorAt])),
    );
  }
  await copy(sql, "organizations", "id,name,buffer_pct,min_per_creditor_fen,require_proposal_approval,require_2fa,created_at", orgLines);
  await copy(sql, "users", "id,email,name,password_hash,created_at", people);
  await copy(sql, "memberships", "org_id,user_id,role,created_at", members);
  await copy(sql, "lenders", "org_id,id,name,legal_name,licence_type,builtin_key,created_at,updated_at", lenderLines);

  const count = Object.fromEntries(TABLES.map((t) => [t, 0])) as Counters;
  for (let start = 0; start < TOTAL_CLIENTS; start += CHUNK) {
    const rows = Object.fromEntries(TABLES.map((t) => [t, [] as string[]])) as Rows;
    const end = Math.min(TOTAL_CLIENTS, start + CHUNK);
    for (let ci = start; ci < end; ci++) generateClient(ci, orgs, rows, count);
    progress(start, TOTAL_CLIENTS, "clients");
    // Parents before children; the tables of one level go in side by side on their own connections.
    for (const level of LEVELS) await Promise.all(level.map((t) => copy(sql, t, COLUMNS[t], rows[t])));
  }
  progress(TOTAL_CLIENTS, TOTAL_CLIENTS, "done");
  const loadSecs = (Date.now() - t0) / 1000;
  process.stderr.write("\nvacuum analyze…\n");
  await sql.unsafe("vacuum (analyze)");
  const total = Object.values(count).reduce((s, n) => s + n, 0);
  console.error(
    `\nLoaded ${total.toLocaleString("en")} rows in ${loadSecs.toFixed(1)} s (+ vacuum analyze, ${((Date.now() - t0) / 1000).toFixed(1)} s in all):\n` +
      TABLES.map((t) => `  ${t.padEnd(20)} ${count[t].toLocaleString("en").padStart(11)}`).join("\n") +
      `\n  users ${people.length}, organizations ${orgs.length}; every bench user's password: ${BENCH_PASSWORD} (e-mails *@org<N>.${BENCH_EMAIL_DOMAIN})`,
  );
  await sql.end();
}

async function copy(sql: postgres.Sql, table: string, columns: string, lines: string[]) {
  if (lines.length === 0) return;
  const writable = await sql.unsafe(`copy ${table} (${columns}) from stdin`).writable();
  // Batches of lines per write keep the stream's overhead small.
  async function* batches() {
    for (let i = 0; i < lines.length; i += 500) yield lines.slice(i, i + 500).join("");
  }
  await pipeline(Readable.from(batches()), writable);
}

await main();
