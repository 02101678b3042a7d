import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { caseEvents, cases, clients, plans, proposalResponses, proposals, users, type DocumentKind } from "@/db/schema";
import type { CaseState } from "@/server/domain/case-state";
import { clientTimeline } from "@/server/domain/client-timeline";
import { sumFen } from "@/server/domain/money";
import type { PlanEvaluation } from "@/server/domain/plan";
import { AppError } from "@/server/errors";
import type { Actor } from "./access";
import { loadClientDebts } from "./debts";
import { currentAgreement, repaymentState } from "./payments";

type Answer = {
  kind: "accepted" | "rejected" | "counter-offer" | "documents-requested";
  receivedOn: string;
  reason: string | null;
  documentsRequested: DocumentKind[];
};

/**
 * Everything the client portal shows, for the signed-in client only, in one transaction: what they owe
 * and to whom, the saved plan, each lender's latest answer, the agreed schedules with the next payment,
 * progress and the relief obtained, what the lenders asked for, and the timeline. Counselor-only material
 * (contact log, notes, proposals not yet sent) is never selected here.
 */
export async function portalOverview(actor: Actor) {
  if (actor.role !== "client") throw new AppError("FORBIDDEN");
  return withTenant(actor, async (tx) => {
    const [me] = await tx
      .select({ id: clients.id, fullName: clients.fullName, counselorName: users.name })
      .from(clients)
      .leftJoin(users, eq(users.id, clients.assignedCounselorId))
      .where(and(eq(clients.orgId, actor.orgId), eq(clients.userId, actor.userId)))
      .limit(1);
    if (!me) return null;

    const debtList = await loadClientDebts(tx, actor.orgId, me.id);
    const [plan] = await tx
      .select({ evaluation: plans.evaluation, needsReview: plans.needsReview, savedAt: plans.savedAt, version: plans.version })
      .from(plans)
      .where(and(eq(plans.orgId, actor.orgId), eq(plans.clientId, me.id)))
      .limit(1);
    const caseRows = await tx
      .select({ id: cases.id, debtId: cases.debtId, status: cases.status, openedAt: cases.openedAt })
      .from(cases)
      .where(and(eq(cases.orgId, actor.orgId), eq(cases.clientId, me.id)))
      .orderBy(desc(cases.openedAt));
    const caseIds = caseRows.map((c) => c.id);

    // Only answers to proposals that were actually sent reach the client.
    const answers = caseIds.length
      ? await tx
          .select({
            caseId: proposalResponses.caseId,
            kind: proposalResponses.kind,
            receivedOn: proposalResponses.receivedOn,
            reason: proposalResponses.reason,
            documentsRequested: proposalResponses.documentsRequested,
            recordedAt: proposalResponses.recordedAt,
          })
          .from(proposalResponses)
          .where(and(eq(proposalResponses.orgId, actor.orgId), inArray(proposalResponses.caseId, caseIds)))
          .orderBy(desc(proposalResponses.recordedAt))
      : [];
    const sent = caseIds.length
      ? await tx
          .select({ caseId: proposals.caseId, sentAt: proposals.sentAt })
          .from(proposals)
          .where(and(eq(proposals.orgId, actor.orgId), inArray(proposals.caseId, caseIds)))
      : [];
    const events = caseIds.length
      ? await tx
          .select({ caseId: caseEvents.caseId, to: caseEvents.toStatus, at: caseEvents.at })
          .from(caseEvents)
          .where(and(eq(caseEvents.orgId, actor.orgId), inArray(caseEvents.caseId, caseIds)))
          .orderBy(asc(caseEvents.at))
      : [];

    const lenderOf = new Map(debtList.map((d) => [d.id, d.lenderName]));
    const lenders = [];
    for (const d of debtList) {
      const c = caseRows.find((r) => r.debtId === d.id) ?? null;
      const latest = c ? answers.find((a) => a.caseId === c.id) : undefined;
      const agreement = c ? await currentAgreement(tx, actor, c.id) : null;
      const state = agreement ? await repaymentState(tx, actor, agreement.id) : null;
      const waiver = agreement?.terms.waiver;
      lenders.push({
        debtId: d.id,
        caseId: c?.id ?? null,
        lenderName: d.lenderName,
        balanceFen: d.balanceFen,
        overdueDays: d.overdueDays,
        dailyGrowthFen: d.dailyGrowth.totalFen,
        caseStatus: (c?.status ?? null) as CaseState | null,
        latestAnswer: latest
          ? ({
              kind: latest.kind,
              receivedOn: latest.receivedOn,
              reason: latest.reason,
              documentsRequested: latest.documentsRequested ?? [],
            } satisfies Answer)
          : null,
        agreement:
          agreement && state
            ? {
                agreedOn: agreement.agreedOn,
                reliefFen: sumFen([waiver?.interestFen ?? 0, waiver?.penaltyFen ?? 0, waiver?.feesFen ?? 0]),
                totalDueFen: state.totalDueFen,
                totalPaidFen: state.totalPaidFen,
                outstandingFen: state.outstandingFen,
                missedCount: state.missedCount,
                arrearsFen: state.arrearsFen,
                pendingFen: state.pendingFen,
                nextDue: state.nextDue,
                complete: state.complete,
              }
            : null,
      });
    }

    const nextPayment =
      lenders
        .filter((l) => l.agreement?.nextDue && l.caseId)
        .map((l) => ({ caseId: l.caseId!, lenderName: l.lenderName, ...l.agreement!.nextDue! }))
        .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0))[0] ?? null;

    const agreed = lenders.filter((l) => l.agreement);
    const evaluation = plan?.evaluation as PlanEvaluation | null | undefined;
    // Told in the client's words (the portal's messages), each happening once.
    const timeline = clientTimeline([
      ...events.map((e) => ({ kind: "status" as const, caseId: e.caseId, at: e.at, status: e.to as CaseState })),
      ...sent.flatMap((s) => (s.sentAt ? [{ kind: "proposal-sent" as const, caseId: s.caseId, at: s.sentAt }] : [])),
      ...answers.map((a) => ({ kind: "answer" as const, caseId: a.caseId, at: a.recordedAt, answer: a.kind })),
    ]).map((e) => ({ ...e, lenderName: lenderOfCase(e.caseId) }));

    function lenderOfCase(caseId: string): string {
      const c = caseRows.find((r) => r.id === caseId);
      return (c && lenderOf.get(c.debtId)) ?? "";
    }

    return {
      client: { fullName: me.fullName, counselorName: me.counselorName },
      owedFen: sumFen(debtList.map((d) => d.balanceFen)),
      plan: evaluation
        ? {
            needsReview: plan!.needsReview,
            firstMonthTotalFen: evaluation.firstMonthTotalFen,
            monthsToDebtFree: evaluation.monthsToDebtFree,
            totalPaidFen: evaluation.totalPaidFen,
            reliefFen: evaluation.reliefFen,
            lines: evaluation.lines.map((l) => ({
              lenderName: lenderOf.get(l.debtId) ?? "",
              monthlyFen: l.monthlyFen,
              months: l.months,
              firstDueDate: l.schedule[0]?.dueDate ?? null,
            })),
          }
        : null,
      lenders,
      nextPayment,
      progress: {
        paidFen: sumFen(agreed.map((l) => l.agreement!.totalPaidFen)),
        remainingFen: sumFen(agreed.map((l) => l.agreement!.outstandingFen)),
        reliefFen: sumFen(agreed.map((l) => l.agreement!.reliefFen)),
      },
      payable: agreed
        .filter((l) => !l.agreement!.complete && l.caseId)
        .map((l) => ({ caseId: l.caseId!, lenderName: l.lenderName, nextDue: l.agreement!.nextDue })),
      documentsRequested: lenders
        .filter((l) => l.latestAnswer?.kind === "documents-requested" && l.caseId)
        .map((l) => ({ caseId: l.caseId!, lenderName: l.lenderName, kinds: l.latestAnswer!.documentsRequested })),
      timeline: timeline.slice(0, 50),
    };
  });
}
