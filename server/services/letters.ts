import { readFile } from "node:fs/promises";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { and, desc, eq } from "drizzle-orm";
import { createEvents, type EventAttributes } from "ics";
import { createTranslator } from "next-intl";
import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import subsetFont from "subset-font";
import zhRulesMessages from "@/messages/zh-CN/rules.json";
import zhTermsMessages from "@/messages/zh-CN/terms.json";
import { withTenant, type Tx } from "@/db/client";
import { agreements, budgets, clients, instalments, organizations, proposals } from "@/db/schema";
import type { BudgetInput } from "@/server/domain/budget";
import { summarizeBudget } from "@/server/domain/budget";
import { formatFen } from "@/server/domain/money";
import { termsInWords, type Terms } from "@/server/domain/terms";
import { todayInShanghai } from "@/server/domain/time";
import { AppError } from "@/server/errors";
import type { Actor } from "./access";
import { writeAudit } from "./audit";
import { caseDebt, domain, loadCase } from "./cases";
import { assertAuthorised } from "./authorisations";
import { loadClientDebts } from "./debts";

/**
 * The CJK font comes from an npm package (Noto Sans SC, OFL), so a fresh machine with only Node can render
 * Chinese. pdf-lib's own subsetting drops glyphs of this font, so the letter's characters are first cut out
 * with HarfBuzz (subset-font) and the small subset is embedded whole.
 */
const FONT_FILES = {
  regular: "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
  bold: "@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf",
} as const;
const fontCache = new Map<keyof typeof FONT_FILES, Promise<Buffer>>();
export function fontBytes(which: keyof typeof FONT_FILES): Promise<Buffer> {
  let cached = fontCache.get(which);
  if (!cached) {
    // Read from node_modules at run time (not bundled): the bundler cannot take .ttf files.
    cached = readFile(path.join(process.cwd(), "node_modules", FONT_FILES[which]));
    fontCache.set(which, cached);
  }
  return cached;
}

const HARDSHIP_ZH: Record<string, string> = {
  unemployment: "失业",
  illness: "本人或家人患病",
  "business-failure": "经营失败",
  "income-cut": "收入下降",
  "over-borrowing": "多头借贷、负担过重",
  other: "其他原因",
};
/** The letter is written in Chinese (it goes to a Chinese lender), in the same words as every screen. */
const zhTerms = createTranslator({ locale: "zh-CN", messages: zhTermsMessages, namespace: "terms" });
const zhList = new Intl.ListFormat("zh-CN", { type: "conjunction" });
const zhRules = createTranslator({ locale: "zh-CN", messages: zhRulesMessages, namespace: "rules" });

/** The proposed terms in plain Chinese, one sentence each (termsInWords: the words the case page and portal show). */
export function termsLines(terms: Terms): string[] {
  return termsInWords(terms, { t: (key, values) => zhTerms(key as never, values as never), list: (items) => zhList.format(items) }).map(
    (line) => `${line.replace(/[。．.！!]+$/, "")}。`,
  );
}

/** The client's budget statement in the letter's words (what a lender is shown of her income and costs). */
export async function budgetStatementLines(tx: Tx, actor: Actor, clientId: string): Promise<string[]> {
  const [budget] = await tx
    .select({ incomes: budgets.incomes, expenses: budgets.expenses, dependents: budgets.dependents })
    .from(budgets)
    .where(and(eq(budgets.orgId, actor.orgId), eq(budgets.clientId, clientId)))
    .orderBy(desc(budgets.effectiveDate), desc(budgets.createdAt))
    .limit(1);
  const [org] = await tx
    .select({ bufferPct: organizations.bufferPct })
    .from(organizations)
    .where(eq(organizations.id, actor.orgId))
    .limit(1);
  let budgetLines: string[] = ["（预算资料尚未录入。）"];
  if (budget) {
    try {
      const s = summarizeBudget({
        incomes: budget.incomes,
        expenses: budget.expenses,
        bufferPct: org?.bufferPct ?? "10",
      } as BudgetInput);
      budgetLines = [
        `家庭每月收入合计 ${formatFen(s.incomeFen)}，必要生活支出合计 ${formatFen(s.expenseFen)}，` +
          `收支相抵后每月可支配 ${formatFen(s.disposableFen)}。`,
        `扣除应急留存后，本人每月可用于偿还全部债务的金额约为 ${formatFen(Math.max(0, s.affordableFen))}。` +
          (budget.dependents ? `本人需抚养/赡养 ${budget.dependents} 人。` : ""),
      ];
    } catch {
      budgetLines = ["（预算资料不完整。）"];
    }
  }
  return budgetLines;
}

type Section = { heading?: string; lines: string[]; size?: number; bold?: boolean; align?: "center" | "right" };

/** Gathers everything the letter says; what the PDF and a test read. */
export async function letterContent(actor: Actor, input: { caseId: string; proposalId?: string }) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, input.caseId);
    const debt = await caseDebt(tx, actor, c);
    const [client] = await tx
      .select({
        fullName: clients.fullName,
        nationalIdMasked: clients.nationalIdMasked,
        hardshipReason: clients.hardshipReason,
        hardshipNarrative: clients.hardshipNarrative,
        householdSize: clients.householdSize,
        dependents: clients.dependents,
      })
      .from(clients)
      .where(and(eq(clients.orgId, actor.orgId), eq(clients.id, c.clientId)))
      .limit(1);
    if (!client) throw new AppError("NOT_FOUND");
    const [proposal] = await tx
      .select({ id: proposals.id, seq: proposals.seq, terms: proposals.terms, validUntil: proposals.validUntil })
      .from(proposals)
      .where(
        and(
          eq(proposals.orgId, actor.orgId),
          eq(proposals.caseId, c.id),
          input.proposalId ? eq(proposals.id, input.proposalId) : undefined,
        ),
      )
      .orderBy(desc(proposals.seq))
      .limit(1);
    if (!proposal) throw new AppError("NOT_FOUND", { messageKey: "noProposal" });
    // A letter speaks for the client to this lender: only under her authorisation to negotiate with it.
    await assertAuthorised(tx, actor, { clientId: c.clientId, lenderId: debt.lenderId, lenderName: debt.lenderName, purpose: "negotiate" });
    const budgetLines = await budgetStatementLines(tx, actor, c.clientId);
    const totalFen = debt.outstandingPrincipalFen + debt.interestFen + debt.penaltyFen + debt.feesFen;
    // The rate comparison, in careful words: above the line that applied on the loan date, never a verdict.
    const described = (await loadClientDebts(tx, actor.orgId, c.clientId)).find((d) => d.id === c.debtId);
    const aboveLines = described?.irrPct != null ? described.rateLines.filter((l) => l.irrAbove) : [];
    const rateLine =
      described && described.irrPct !== null && aboveLines.length > 0 && described.loanDate
        ? zhRules("letter.above", {
            date: described.loanDate,
            irr: described.irrPct.toFixed(2),
            lines: zhList.format(
              aboveLines.map((l) => zhRules("lines.named", { line: zhRules(`titles.${l.ruleId}` as never), pct: l.pct })),
            ),
          })
        : null;
    const today = todayInShanghai();
    const reason = client.hardshipReason ? HARDSHIP_ZH[client.hardshipReason] : undefined;
    const sections: Section[] = [
      { lines: ["协商还款申请书"], size: 20, bold: true, align: "center" },
      {
        lines: [
          debt.lenderLegalName && debt.lenderLegalName !== debt.lenderName
            ? `致：${debt.lenderLegalName}（${debt.lenderName}）`
            : `致：${debt.lenderName}`,
        ],
      },
      {
        heading: "一、申请人与借款情况",
        lines: [
          `申请人：${client.fullName}` + (client.nationalIdMasked ? `（身份证号 ${client.nationalIdMasked}）` : ""),
          `借款平台：${debt.lenderName}` +
            (debt.contractNumber ? `，合同编号 ${debt.contractNumber}` : "") +
            (debt.loanDate ? `，借款日期 ${debt.loanDate}` : ""),
          `目前欠款：剩余本金 ${formatFen(debt.outstandingPrincipalFen)}，利息 ${formatFen(debt.interestFen)}，罚息 ${formatFen(debt.penaltyFen)}，费用及违约金 ${formatFen(debt.feesFen)}，合计 ${formatFen(totalFen)}。` +
            (debt.overdueSince ? `自 ${debt.overdueSince} 起逾期。` : ""),
          ...(rateLine ? [rateLine] : []),
        ],
      },
      {
        heading: "二、逾期原因与目前困难",
        lines: [
          reason
            ? `本人因${reason}，收入明显减少，暂时无法按原合同按期足额还款。`
            : "本人目前收入不足以支付全部到期款项，暂时无法按原合同按期足额还款。",
          ...(client.hardshipNarrative ? [client.hardshipNarrative] : []),
          "本人并非恶意拖欠，也从未想过逃避这笔债务。逾期给贵司带来的不便，本人深感抱歉。",
        ],
      },
      { heading: "三、本人目前的收支情况", lines: budgetLines },
      { heading: "四、恳请贵司考虑的还款方案", lines: termsLines(proposal.terms) },
      {
        heading: "五、本人的承诺与请求",
        lines: [
          "以上方案是本人根据目前的实际收入，在保障家庭基本生活的前提下尽最大努力提出的。本人愿意如实提供收入、支出及困难证明等材料，配合贵司核实。",
          "本人理解是否同意以及如何安排由贵司依规审核决定。恳请贵司在审核时考虑本人的实际困难，给予协商的机会。若方案获贵司同意，本人将严格按约定按时还款；若贵司有其他可行安排，本人也愿意继续沟通。",
          `本申请的方案请于 ${proposal.validUntil} 前答复为盼。`,
          "此致",
          "敬礼",
        ],
      },
      { lines: [`申请人：${client.fullName}`, `日期：${today}`], align: "right" },
    ];
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "letter.generate",
      entityType: "proposal",
      entityId: proposal.id,
      requestId: actor.requestId,
    });
    return { sections, clientName: client.fullName, proposalSeq: proposal.seq, date: today };
  });
}

export const PAGE = { width: 595.28, height: 841.89, margin: 64 };

const CLOSING_PUNCTUATION = /^[，。、；：！？）》」』%,.;:!?)]$/u;

/** Breaks a line to the width, character by character (Chinese has no spaces), keeping Latin words whole. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const tokens = text.match(/[A-Za-z0-9¥.,:%()/\-*]+|[\s\S]/gu) ?? [];
  const lines: string[] = [];
  let line = "";
  for (const token of tokens) {
    const next = line + token;
    // Closing punctuation never starts a line: it may overhang the margin a little instead.
    if (font.widthOfTextAtSize(next, size) > width && line && !CLOSING_PUNCTUATION.test(token)) {
      lines.push(line);
      line = token.trimStart();
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** The negotiation letter (协商还款申请书) as a PDF. */
export async function renderLetterPdf(actor: Actor, input: { caseId: string; proposalId?: string }) {
  const content = await letterContent(actor, input);
  const allText = content.sections.flatMap((s) => [s.heading ?? "", ...s.lines]).join("") + "0123456789";
  const [regularBytes, boldBytes] = await Promise.all([fontBytes("regular"), fontBytes("bold")]);
  const [regularSubset, boldSubset] = await Promise.all([
    subsetFont(regularBytes, allText, { targetFormat: "truetype" }),
    subsetFont(boldBytes, allText, { targetFormat: "truetype" }),
  ]);
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(`协商还款申请书 — ${content.clientName}`);
  doc.setLanguage("zh-CN");
  doc.setCreator("Xieshang");
  const regular = await doc.embedFont(regularSubset, { subset: false });
  const bold = await doc.embedFont(boldSubset, { subset: false });
  const width = PAGE.width - PAGE.margin * 2;
  let page: PDFPage = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  const ensure = (h: number) => {
    if (y - h < PAGE.margin) {
      page = doc.addPage([PAGE.width, PAGE.height]);
      y = PAGE.height - PAGE.margin;
    }
  };
  for (const section of content.sections) {
    if (section.heading) {
      y -= 8;
      ensure(18);
      page.drawText(section.heading, { x: PAGE.margin, y: y - 13, size: 13, font: bold, color: rgb(0, 0, 0) });
      y -= 22;
    }
    const size = section.size ?? 11.5;
    const font = section.bold ? bold : regular;
    for (const text of section.lines) {
      for (const line of wrap(text, font, size, width)) {
        ensure(size * 1.8);
        const w = font.widthOfTextAtSize(line, size);
        const x =
          section.align === "center" ? (PAGE.width - w) / 2 : section.align === "right" ? PAGE.width - PAGE.margin - w : PAGE.margin;
        page.drawText(line, { x, y: y - size, size, font, color: rgb(0.05, 0.05, 0.05) });
        y -= size * 1.75;
      }
    }
    y -= 6;
  }
  return { bytes: await doc.save(), filename: `协商还款申请书-${content.clientName}-${content.date}.pdf` };
}

/** The agreement's due dates as an iCalendar file: one all-day event per instalment. */
export async function agreementIcs(actor: Actor, caseId: string) {
  return withTenant(actor, async (tx) => {
    const c = await loadCase(tx, actor, caseId);
    const debt = await caseDebt(tx, actor, c);
    const [agreement] = await tx
      .select({ id: agreements.id })
      .from(agreements)
      .where(and(eq(agreements.orgId, actor.orgId), eq(agreements.caseId, c.id)))
      .orderBy(desc(agreements.createdAt))
      .limit(1);
    if (!agreement) throw new AppError("NOT_FOUND", { messageKey: "noAgreement" });
    const rows = await tx
      .select({ seq: instalments.seq, dueDate: instalments.dueDate, amountFen: instalments.amountFen })
      .from(instalments)
      .where(and(eq(instalments.orgId, actor.orgId), eq(instalments.agreementId, agreement.id)))
      .orderBy(instalments.seq);
    const events: EventAttributes[] = rows.map((r) => {
      const [y, m, d] = r.dueDate.split("-").map(Number) as [number, number, number];
      return {
        uid: `${agreement.id}-${r.seq}@xieshang`,
        start: [y, m, d],
        duration: { days: 1 },
        title: `还款 ${debt.lenderName} 第${r.seq}/${rows.length}期 ${formatFen(r.amountFen)}`,
        description: `按协商协议还款：${debt.lenderName} 第 ${r.seq} 期，金额 ${formatFen(r.amountFen)}。`,
        productId: "xieshang/ics",
        calName: `还款计划 ${debt.lenderName}`,
        alarms: [{ action: "display", description: "明天要还款", trigger: { hours: 15, before: true } }],
      };
    });
    const { error, value } = domain(() => createEvents(events));
    if (error || !value) throw error ?? new Error("ics: no output");
    return { ics: value, filename: `还款计划-${debt.lenderName}.ics` };
  });
}
