/**
 * Writes the demo story (story.ts) through the app's own services, step by step in the order it happened,
 * with the demo clock (clock.ts) set to each step's instant: every hash chain, ciphertext, schedule, balance
 * and audit row is made by the code that makes them for a person using the app. Runs inside seedDemo's
 * clock, after the organization, its people and the six demo clients exist.
 */
import { and, eq } from "drizzle-orm";
import { withTenant, type Db, type Tx } from "@/db/client";
import { agreements, cases, documentRequests, lenders } from "@/db/schema";
import { scheduleFromTerms, type Terms as ProposalTerms } from "@/server/domain/terms";
import type { Actor } from "@/server/services/access";
import { recordBreach } from "@/server/services/agreements";
import { saveBudget } from "@/server/services/budget";
import { openCase, transitionCase } from "@/server/services/cases";
import { appendContact } from "@/server/services/contacts";
import { createDebt } from "@/server/services/debts";
import { uploadDocument } from "@/server/services/documents";
import { createReferral, createTask, updateReferral } from "@/server/services/followups";
import { createClient } from "@/server/services/intake";
import { confirmPayment, recordPayment } from "@/server/services/payments";
import { createProposal, recordResponse, sendProposal } from "@/server/services/proposals";
import { addDays } from "@/server/domain/time";
import type { DocumentKind } from "@/server/domain/vocabulary";
import { BUILTIN_LENDERS } from "@/db/lenders-builtin";
import { setDemoClock } from "./clock";
import { fallbackPng, receiptPng } from "./receipt";
import { SCHEDULED, type CaseStory, type ClientStory, type DebtStory, type DemoStory } from "./story";

/** The instant of a Beijing day and minute of the day. */
export const instantOf = (day: string, minute: number) => Date.parse(`${day}T00:00:00+08:00`) + minute * 60_000;

type Step = { at: number; run: () => Promise<unknown> };

export type DemoClientRef = {
  id: string;
  counselorId: string;
  userId: string | null;
  debtIds: string[];
  debts: DebtStory[];
};

export type HistoryInput = {
  db: Db;
  orgId: string;
  anchor: string;
  counselorIds: string[];
  demoClients: DemoClientRef[];
  story: DemoStory;
};

/** A scanned page stands in for contracts and proofs; a receipt is drawn with its payment's figures (receipt.ts). */
const PAGE = fallbackPng();
const lenderName = (key: string) => BUILTIN_LENDERS.find((l) => l.key === key)?.name ?? key;

let requestSeq = 0;
const actorOf = (orgId: string, userId: string, role: Actor["role"]): Actor => ({
  orgId,
  userId,
  role,
  requestId: `demo-${(requestSeq++).toString(36)}`,
});

function termsFor(k: CaseStory, debt: DebtStory, firstDue: string): ProposalTerms {
  const instalments = (amountFen: number, months: number) => ({
    amountFen,
    method: "interest-free" as const,
    months,
    annualRatePct: "0",
    firstDueDate: firstDue,
  });
  const waiver = { interestFen: debt.interestFen, penaltyFen: debt.penaltyFen };
  switch (k.shape) {
    case "waiver":
      return { waiver };
    case "interest-free":
      return {
        instalments: instalments(debt.outstandingFen + debt.interestFen, k.months),
      };
    case "waiver+instalments":
      return {
        waiver,
        instalments: instalments(debt.outstandingFen, k.months),
      };
    case "deferral+instalments":
      return {
        waiver: { penaltyFen: debt.penaltyFen },
        deferral: { months: 3 },
        instalments: instalments(debt.outstandingFen + debt.interestFen, k.months),
      };
    case "credit-correction":
      return {
        waiver: { penaltyFen: debt.penaltyFen },
        creditCorrection: {
          request: "逾期系失业所致，已提交困难证明，申请在征信报告中添加个人声明。",
          evidenceDocumentIds: [],
        },
      };
    case "lump-sum":
      return {
        waiver,
        lumpSum: {
          amountFen: Math.round(debt.outstandingFen * 0.8),
          dueDate: addDays(firstDue, 15),
        },
      };
  }
}

/** The steps of one case, each at its instant; later steps read what earlier ones made. */
function caseSteps(input: HistoryInput, k: CaseStory, n: number, client: DemoClientRef, steps: Step[]): void {
  const { orgId, anchor } = input;
  const counselor = () => actorOf(orgId, client.counselorId, "counselor");
  const clientActor = () => (client.userId ? actorOf(orgId, client.userId, "client") : null);
  const debt = client.debts[k.debt]!;
  const s = { caseId: "", proposalId: "", responseId: "", agreementId: "" };
  // Nothing of a case happens before it opens (a contact on the opening day is logged after).
  const opensAt = instantOf(k.opened, 570);
  const at = (day: string, minute: number, run: () => Promise<unknown>) =>
    steps.push({ at: Math.max(instantOf(day, minute), opensAt + 60_000), run });
  const read = <T>(fn: (tx: Tx) => Promise<T>) => withTenant(counselor(), fn);
  const version = async () =>
    read(
      async (tx) =>
        (
          await tx
            .select({ v: cases.version })
            .from(cases)
            .where(and(eq(cases.orgId, orgId), eq(cases.id, s.caseId)))
        )[0]!.v,
    );
  const move = (to: Parameters<typeof transitionCase>[1]["to"], reason?: string) => async () =>
    transitionCase(counselor(), {
      caseId: s.caseId,
      to,
      version: await version(),
      ...(reason ? { reason } : {}),
    });
  const upload = (kind: DocumentKind, filename: string, by = counselor(), documentRequestId?: string) =>
    uploadDocument(by, {
      caseId: s.caseId,
      kind,
      filename,
      bytes: PAGE,
      ...(documentRequestId ? { documentRequestId } : {}),
    });

  const D = k.opened;
  steps.push({
    at: opensAt,
    run: async () => (s.caseId = (await openCase(counselor(), { debtId: client.debtIds[k.debt]! })).id),
  });
  for (const kind of k.documents) at(D, 600, () => upload(kind, "借款合同.png"));
  for (const c of k.contacts) {
    at(c.day, c.minute, () =>
      appendContact(counselor(), {
        caseId: s.caseId,
        at: new Date(instantOf(c.day, c.minute)),
        channel: c.channel,
        direction: c.direction,
        party: c.party,
        summary: c.summary,
        ...(c.connected === undefined ? {} : { connected: c.connected }),
        ...(c.thirdPartyContacted === undefined ? {} : { thirdPartyContacted: c.thirdPartyContacted }),
      }),
    );
  }
  if (k.followUp) {
    const due = k.followUp === "today" ? anchor : addDays(anchor, -3);
    const made = addDays(anchor, -5) > D ? addDays(anchor, -5) : D;
    at(made, 1000, () =>
      createTask(counselor(), {
        caseId: s.caseId,
        title: k.followUp === "today" ? "给平台回电话确认审核进度" : "催客户补交收入证明",
        dueOn: due,
      }),
    );
  }
  if (k.stage === "intake") return;
  if (k.stage === "preparing" || k.stage === "withdrawn") {
    at(addDays(D, 2), 600, move("preparing"));
    if (k.stage === "withdrawn") at(addDays(D, 10), 600, move("withdrawn", "客户决定自行与平台协商"));
    return;
  }

  const sent = k.stage === "proposed" ? addDays(D, 3) : addDays(D, 5);
  const accepted = k.stage === "agreed" ? addDays(anchor, -3) : addDays(D, 20);
  const firstDue = addDays(accepted, 15);
  const terms = termsFor(k, debt, firstDue);
  const validUntil = k.stage === "expired" ? addDays(sent, 20) : addDays(sent, 45);
  at(sent, 600, async () => {
    s.proposalId = (
      await createProposal(counselor(), {
        caseId: s.caseId,
        terms,
        channel: "app",
        validUntil,
      })
    ).id;
    await sendProposal(counselor(), {
      caseId: s.caseId,
      proposalId: s.proposalId,
    });
  });
  const respond = (day: string, body: Record<string, unknown>) =>
    at(day, 660, async () => {
      const r = await recordResponse(counselor(), {
        caseId: s.caseId,
        proposalId: s.proposalId,
        receivedOn: day,
        ...body,
      } as Parameters<typeof recordResponse>[1]);
      s.responseId = r.id;
      s.agreementId = r.agreementId ?? s.agreementId;
    });

  switch (k.stage) {
    case "proposed":
    case "expired":
      return;
    case "counter": {
      const counterTerms: ProposalTerms = {
        waiver: { penaltyFen: debt.penaltyFen },
        instalments: {
          amountFen: debt.outstandingFen + debt.interestFen,
          method: "interest-free",
          months: Math.min(60, k.months + 12),
          annualRatePct: "0",
          firstDueDate: addDays(anchor, 20),
        },
      };
      respond(addDays(sent, 8), {
        kind: "counter-offer",
        terms: counterTerms,
        note: "平台同意分期，但只减免罚息。",
      });
      return;
    }
    case "docs": {
      const day = addDays(sent, 6);
      respond(day, {
        kind: "documents-requested",
        documents: ["income-proof", "bank-statement"],
      });
      at(addDays(day, 3), 900, async () => {
        const [req] = await read((tx) =>
          tx
            .select({ id: documentRequests.id })
            .from(documentRequests)
            .where(
              and(
                eq(documentRequests.orgId, orgId),
                eq(documentRequests.responseId, s.responseId),
                eq(documentRequests.kind, "income-proof"),
              ),
            ),
        );
        await upload("income-proof", "收入证明.png", clientActor() ?? counselor(), req!.id);
      });
      return;
    }
    case "rejected":
    case "escalated":
    case "closed": {
      const day = addDays(sent, 10);
      respond(day, { kind: "rejected", reason: "平台暂不接受减免申请" });
      if (k.stage === "escalated") at(addDays(day, 2), 600, move("escalated", "平台拒绝协商，准备投诉并寻求法律援助"));
      if (k.stage === "closed") at(addDays(day, 5), 600, move("closed", "客户决定暂不继续协商"));
      if (k.referral) {
        const r = { id: "", version: 1 };
        at(addDays(day, 3), 630, async () =>
          Object.assign(
            r,
            await createReferral(counselor(), {
              caseId: s.caseId,
              kind: k.referral!,
              toName: k.referral === "lawyer" ? "明理律师事务所" : k.referral === "legal-aid" ? "市法律援助中心" : "理财规划师 陈老师",
            }),
          ),
        );
        const accepted2 = addDays(day, 9);
        const done = addDays(day, 30);
        if (accepted2 < anchor)
          at(accepted2, 630, async () =>
            Object.assign(
              r,
              await updateReferral(counselor(), {
                caseId: s.caseId,
                referralId: r.id,
                status: "accepted",
                version: r.version,
              }),
            ),
          );
        if (done < anchor)
          at(done, 630, async () =>
            updateReferral(counselor(), {
              caseId: s.caseId,
              referralId: r.id,
              status: "completed",
              outcome: "已协助向监管部门投诉，平台同意重新协商。",
              version: r.version,
            }),
          );
      }
      return;
    }
    default:
      break;
  }

  // Agreed, and for the scheduled stages the instalments paid (or not) up to yesterday.
  respond(accepted, {
    kind: "accepted",
    agreedOn: accepted,
    note: "平台电话确认同意，协议已签署。",
  });
  if (!SCHEDULED.includes(k.stage)) return;
  const rows = scheduleFromTerms(terms).filter((r) => r.dueDate < anchor);
  const pay = (day: string, amountFen: number, key: string, opts: { byClient?: boolean; confirmOn?: string } = {}) => {
    const reporter = opts.byClient ? clientActor() : null;
    at(day, 1140, async () => {
      const receipt = reporter
        ? (
            await uploadDocument(reporter, {
              clientId: client.id,
              kind: "receipt",
              filename: "还款凭证.png",
              bytes: await receiptPng({
                amountFen,
                paidOn: day,
                minute: 1140,
                method: "alipay",
                payee: lenderName(debt.lenderKey),
                ref: `${day.replaceAll("-", "")}2088${String(n).padStart(4, "0")}${key.padStart(4, "0")}`,
              }),
            })
          ).id
        : undefined;
      const p = await recordPayment(reporter ?? counselor(), {
        caseId: s.caseId,
        amountFen,
        paidOn: day,
        method: reporter ? "alipay" : "lender-app",
        idempotencyKey: `demo-${n}-${key}`,
        ...(receipt ? { receiptDocumentId: receipt } : {}),
      });
      if (opts.confirmOn) at(opts.confirmOn, 600, () => confirmPayment(counselor(), { caseId: s.caseId, paymentId: p.id }));
    });
  };
  const last = rows.length - 1;
  rows.forEach((r, i) => {
    if (k.stage === "broken" && i >= 2) return;
    if (k.stage === "missed" && i === last - 1) return;
    const late = k.stage === "late" && i % 3 === 2 ? 7 : 0;
    const day = addDays(r.dueDate, late === 0 ? -1 : late) < anchor ? addDays(r.dueDate, late === 0 ? -1 : late) : addDays(anchor, -1);
    if (k.stage === "partial" && i === last) return pay(day, Math.floor(r.paymentFen / 2), `${r.seq}`);
    if ((k.stage === "missed" || k.stage === "reported") && i === last && clientActor())
      return pay(day, r.paymentFen, `${r.seq}`, { byClient: true });
    if (k.stage === "completed" && i === last && clientActor())
      return pay(day, r.paymentFen, `${r.seq}`, {
        byClient: true,
        confirmOn: addDays(day, 1),
      });
    pay(day, r.paymentFen, `${r.seq}`);
  });
  if (k.stage === "broken") {
    at(addDays(anchor, -15), 600, async () => {
      const [a] = await read((tx) =>
        tx
          .select({ id: agreements.id, version: agreements.version })
          .from(agreements)
          .where(and(eq(agreements.orgId, orgId), eq(agreements.caseId, s.caseId), eq(agreements.status, "active"))),
      );
      await recordBreach(counselor(), {
        caseId: s.caseId,
        agreementId: a!.id,
        version: a!.version,
        brokenOn: addDays(anchor, -15),
        reason: "客户连续两期未还款，平台解除协议",
        to: "negotiating",
      });
    });
  }
}

/** The generated clients' files, debts and budgets, through intake, debts and budget services. */
async function createGeneratedClient(input: HistoryInput, story: ClientStory, lenderIds: Map<string, string>): Promise<DemoClientRef> {
  const counselorId = input.counselorIds[story.counselor % input.counselorIds.length]!;
  const { id, debtIds } = await createStoryClient(actorOf(input.orgId, counselorId, "counselor"), story, lenderIds);
  return { id, counselorId, userId: null, debtIds, debts: story.debts };
}

/**
 * One client of the story — file, debts and budget — through the intake, debts and budget services as
 * `actor`; `lenderIds` maps the built-in lenders' keys to the organization's rows. Also the sample clients
 * of "try with sample data" (services/sample-data.ts).
 */
export async function createStoryClient(
  actor: Actor,
  story: ClientStory,
  lenderIds: Map<string, string>,
  afterCreate?: (clientId: string) => Promise<void>,
): Promise<{ id: string; debtIds: string[] }> {
  const { id } = await createClient(actor, {
    fullName: story.name,
    phone: story.phone,
    city: story.city,
    householdSize: story.dependents + 1,
    dependents: story.dependents,
    employment: story.hardship === "unemployment" ? "unemployed" : "employed",
    hardshipReason: story.hardship,
    consent: true,
  } as Parameters<typeof createClient>[1]);
  await afterCreate?.(id);
  const debtIds: string[] = [];
  for (const d of story.debts) {
    const row = await createDebt(actor, {
      clientId: id,
      lenderId: lenderIds.get(d.lenderKey)!,
      loanDate: d.loanDate,
      receivedFen: d.principalFen,
      originalPrincipalFen: d.principalFen,
      outstandingPrincipalFen: d.outstandingFen,
      interestFen: d.interestFen,
      penaltyFen: d.penaltyFen,
      feesFen: d.feesFen,
      rateValue: d.rate,
      rateUnit: d.unit,
      overdueSince: d.overdueSince ?? undefined,
      creditReported: d.reported,
      collectionStatus: d.collection,
      cashFlows: [
        {
          date: d.loanDate,
          amountFen: d.principalFen,
          direction: "disbursement",
        },
      ],
    } as Parameters<typeof createDebt>[1]);
    debtIds.push(row.id);
  }
  await saveBudget(actor, {
    clientId: id,
    effectiveDate: story.since,
    incomes: [{ kind: "salary", monthlyFen: story.incomeFen }],
    expenses: [
      { category: "housing", monthlyFen: Math.round(story.expensesFen * 0.5) },
      {
        category: "food",
        monthlyFen: story.expensesFen - Math.round(story.expensesFen * 0.5),
      },
    ],
    dependents: story.dependents,
  } as Parameters<typeof saveBudget>[1]);
  return { id, debtIds };
}

/** Replays the story in time order. Returns the number of steps. */
export async function writeHistory(input: HistoryInput): Promise<number> {
  const { orgId, story } = input;
  requestSeq = 0;
  const lenderRows = await withTenant(actorOf(orgId, input.counselorIds[0]!, "counselor"), (tx) =>
    tx.select({ id: lenders.id, key: lenders.builtinKey }).from(lenders).where(eq(lenders.orgId, orgId)),
  );
  const lenderIds = new Map(lenderRows.map((l) => [l.key ?? "", l.id]));
  const generated: DemoClientRef[] = [];
  for (const c of story.clients) {
    setDemoClock(instantOf(c.since, 540 + generated.length * 7));
    generated.push(await createGeneratedClient(input, c, lenderIds));
  }
  // One queue in time order (ties: the order steps were made); a step may add later ones (a confirmation).
  const steps: Step[] = [];
  story.cases.forEach((k, n) =>
    caseSteps(input, k, n, "demo" in k.who ? input.demoClients[k.who.demo]! : generated[k.who.generated]!, steps),
  );
  const ran = new Set<number>();
  let count = 0;
  for (;;) {
    let next = -1;
    for (let i = 0; i < steps.length; i++) if (!ran.has(i) && (next < 0 || steps[i]!.at < steps[next]!.at)) next = i;
    if (next < 0) break;
    ran.add(next);
    setDemoClock(steps[next]!.at);
    await steps[next]!.run();
    count++;
  }
  return count;
}
