import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { caseEvents, cases, clients, plans, proposalResponses, proposals, users, type DocumentKind } from "@/db/schema";
import type { CaseState } from "@/server/domain/case-state";
import { nextPayment } from "@/server/domain/balance";
import { clientTimeline } from "@/server/domain/client-timeline";
import { sumFen } from "@/server/domain/money";
import type { PlanEvaluation } from "@/server/domain/plan";
import { plannedPart } from "@/server/domain/plan-view";
import { todayInShanghai } from "@/server/domain/time";
import { AppError } from "@/server/errors";
import type { Actor } from "./access";
import { balanceTotals, loadBalances, type DebtBalance } from "./balances";
import { loadClientDebts } from "./debts";
import { documentRequestsFor } from "./document-requests";
import { currentAgreement, repaymentState } from "./payments";

type Answer = {
  kind: "accepted" | "rejected" | "counter-offer" | "documents-requested";
  receivedOn: string;
  reason: string | null;
  documentsRequested: DocumentKind[];
};

/** A lender that has agreed: its terms speak for its debt, not the saved plan (an active or a completed agreement). */
const AGREED_KINDS: ReadonlySet<DebtBalance["kind"]> = new Set(["agreed", "settled"]);

/**
 * Everything the client portal shows, for the signed-in client only, in one transaction: what they owe
 * and to whom (each debt's balance, server/domain/balance.ts), the saved plan for the lenders still being
 * negotiated and the agreed terms of the others with the monthly total of both, each lender's latest answer,
 * the agreed schedules with the next payment, progress and the relief obtained, what the lenders asked for,
 * and the timeline. Counselor-only material (contact log, notes, proposals not yet sent) is never selected here.
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
    const today = todayInShanghai();
    const balances = await loadBalances(tx, actor.orgId, { clientIds: [me.id] }, today);
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

    // What the lenders still need from her: the one query the case checklist, the agenda and the notifications read.
    const stillNeeded = await documentRequestsFor(tx, actor, { clientId: me.id, open: true });

    const lenderOf = new Map(debtList.map((d) => [d.id, d.lenderName]));
    const lenders = [];
    for (const d of debtList) {
      const c = caseRows.find((r) => r.debtId === d.id) ?? null;
      const latest = c ? answers.find((a) => a.caseId === c.id) : undefined;
      const agreement = c ? await currentAgreement(tx, actor, c.id) : null;
      const state = agreement ? await repaymentState(tx, actor, agreement.id) : null;
      const balance = balances.get(d.id)!;
      lenders.push({
        debtId: d.id,
        caseId: c?.id ?? null,
        lenderName: d.lenderName,
        balance,
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
        /** Documents this lender still needs (0 once everything it asked for is in). */
        documentsStillNeeded: c ? stillNeeded.filter((r) => r.caseId === c.id).length : 0,
        agreement:
          agreement && state
            ? {
                agreedOn: agreement.agreedOn,
                terms: agreement.terms,
                totalDueFen: state.totalDueFen,
                totalPaidFen: state.totalPaidFen,
                outstandingFen: state.outstandingFen,
                missedCount: state.missedCount,
                arrearsFen: state.arrearsFen,
                pendingFen: state.pendingFen,
                // The next instalment by the balance module's rule (a missed one first), as everywhere else.
                nextDue:
                  balance.kind === "agreed" && balance.nextDueOn !== null && balance.nextInstalmentFen !== null
                    ? { dueDate: balance.nextDueOn, remainingFen: balance.nextInstalmentFen, overdue: balance.nextDueOn < today }
                    : null,
                complete: state.complete,
              }
            : null,
      });
    }

    // Her next payment: the balance module's one rule (a missed instalment first), as the client file shows it.
    const next = nextPayment(
      lenders.map((l) => l.balance),
      today,
    );
    const nextLender = next ? lenders.find((l) => l.debtId === next.debtId) : undefined;
    const nextPaymentView =
      next && nextLender?.caseId
        ? {
            caseId: nextLender.caseId,
            lenderName: nextLender.lenderName,
            dueDate: next.dueDate,
            remainingFen: next.amountFen,
            overdue: next.overdue,
          }
        : null;

    const agreed = lenders.filter((l) => l.agreement);
    const evaluation = plan?.evaluation as PlanEvaluation | null | undefined;
    const allBalances = lenders.map((l) => l.balance);
    const withAgreement = allBalances.filter((b) => b.agreementId !== null && b.kind !== "estimate");
    // The plan speaks only for the lenders still being negotiated; each agreed lender's own terms for the rest.
    const agreedDebts = new Set(lenders.filter((l) => AGREED_KINDS.has(l.balance.kind)).map((l) => l.debtId));
    const planned = evaluation ? plannedPart(evaluation, (debtId) => lenderOf.has(debtId) && !agreedDebts.has(debtId)) : null;
    const planLines = (planned?.lines ?? []).map((l) => ({ ...l, lenderName: lenderOf.get(l.debtId) ?? "" }));
    const agreedMonthly = allBalances.filter((b) => b.kind === "agreed" && b.monthlyFen !== null);
    const plannedMonthly = planLines.filter((l) => l.monthlyFen > 0);
    const owed = balanceTotals(allBalances);
    const agreedMonthlyFen = sumFen(agreedMonthly.map((b) => b.monthlyFen!));
    // The plan's first month for the lenders it still speaks for: the same figure as its sentence below.
    const plannedMonthlyFen = planned?.firstMonthTotalFen ?? 0;
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
      /** 目前欠款合计: the sum of the debts' balances, with the estimated growth, pending payments and relief beside it. */
      owed,
      owedFen: owed.owedFen,
      /** Loans whose IRR is above a rate line that applied on their loan date (server/domain/rules). */
      rateNotes: debtList.flatMap((d) =>
        d.irrPct !== null && d.loanDate !== null && d.rateLines.some((l) => l.irrAbove)
          ? [
              {
                debtId: d.id,
                lenderName: d.lenderName,
                loanDate: d.loanDate,
                irrPct: d.irrPct,
                lines: d.rateLines.filter((l) => l.irrAbove).map((l) => ({ ruleId: l.ruleId, pct: l.pct })),
              },
            ]
          : [],
      ),
      plan: planned
        ? {
            needsReview: plan!.needsReview,
            /** The plan's lines for the lenders not yet agreed (an agreed lender's terms replace its line). */
            lines: planLines,
            /** For those lines alone: what the first month takes, and the months until they are paid. */
            firstMonthTotalFen: planned.firstMonthTotalFen,
            highestMonthFen: planned.highestMonthFen,
            rises: planned.rises,
            monthsToDebtFree: planned.monthsToDebtFree,
          }
        : null,
      /** The monthly total: the agreed instalments plus the plan's amounts for the others, and how many of each. */
      monthly: {
        totalFen: sumFen([agreedMonthlyFen, plannedMonthlyFen]),
        agreedFen: agreedMonthlyFen,
        agreedCount: agreedMonthly.length,
        plannedFen: plannedMonthlyFen,
        plannedCount: plannedMonthly.length,
      },
      lenders,
      nextPayment: nextPaymentView,
      progress: {
        paidFen: sumFen(withAgreement.map((b) => b.paidFen)),
        remainingFen: sumFen(withAgreement.map((b) => b.owedFen)),
        reliefFen: sumFen(withAgreement.map((b) => b.reliefFen)),
      },
      // Payments go against an active agreement only (not a completed or a broken one).
      payable: agreed
        .filter((l) => l.balance.kind === "agreed" && !l.agreement!.complete && l.caseId)
        .map((l) => ({ caseId: l.caseId!, lenderName: l.lenderName, nextDue: l.agreement!.nextDue })),
      documentsRequested: stillNeeded.map((r) => ({
        id: r.id,
        caseId: r.caseId,
        lenderName: r.lenderName,
        kind: r.kind,
        requestedOn: r.requestedOn,
      })),
      timeline: timeline.slice(0, 50),
    };
  });
}
