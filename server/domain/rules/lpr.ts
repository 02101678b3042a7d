/**
 * One-year Loan Prime Rate (贷款市场报价利率, 1 年期) by the day it was announced, from the reform of
 * 2019-08-20 on. Announced monthly by the National Interbank Funding Center (全国银行间同业拆借中心) under the
 * PBOC's authority; only the days it changed are listed, so a date's rate is the last row on or before it.
 *
 * Source: the monthly LPR announcements, https://www.chinamoney.com.cn/chinese/bklpr/ . The July 2020 figure
 * (3.85 %) is confirmed by the SPC press coverage of 2020-08-20 (see rule rate.private-lending-lpr); the other
 * rows were entered from the announcements as widely republished and are marked secondary until checked
 * one by one against chinamoney.com.cn. Rows after the last one here have not been entered: `lprOn` says so
 * (`current: false`) instead of guessing. Add a row when a new figure is announced.
 */
import { DomainError } from "../errors";
import type { Confidence } from "./types";

export type LprRow = { from: string; oneYearPct: string; confidence: Confidence };

export const LPR_SOURCE = {
  document: "贷款市场报价利率（LPR）公告",
  issuer: "全国银行间同业拆借中心（受中国人民银行授权）",
  url: "https://www.chinamoney.com.cn/chinese/bklpr/",
} as const;

export const LPR_ONE_YEAR: readonly LprRow[] = [
  { from: "2019-08-20", oneYearPct: "4.25", confidence: "secondary" },
  { from: "2019-09-20", oneYearPct: "4.20", confidence: "secondary" },
  { from: "2019-11-20", oneYearPct: "4.15", confidence: "secondary" },
  { from: "2020-02-20", oneYearPct: "4.05", confidence: "secondary" },
  { from: "2020-04-20", oneYearPct: "3.85", confidence: "verified" },
  { from: "2021-12-20", oneYearPct: "3.80", confidence: "secondary" },
  { from: "2022-01-20", oneYearPct: "3.70", confidence: "secondary" },
  { from: "2022-08-22", oneYearPct: "3.65", confidence: "secondary" },
  { from: "2023-06-20", oneYearPct: "3.55", confidence: "secondary" },
  { from: "2023-08-21", oneYearPct: "3.45", confidence: "secondary" },
  { from: "2024-07-22", oneYearPct: "3.35", confidence: "secondary" },
  { from: "2024-10-21", oneYearPct: "3.10", confidence: "secondary" },
  { from: "2025-05-20", oneYearPct: "3.00", confidence: "secondary" },
];

/** The last day the table is known to be complete to: the day it was last reviewed. */
export const LPR_TABLE_REVIEWED_ON = "2025-12-31";

/** The one-year LPR in force on `date` (the last announcement on or before it), or null before the reform. */
export function lprOn(date: string): (LprRow & { current: boolean }) | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new DomainError("invalid_date", "date must be YYYY-MM-DD", "date");
  let found: LprRow | null = null;
  for (const row of LPR_ONE_YEAR) if (row.from <= date) found = row;
  return found ? { ...found, current: date <= LPR_TABLE_REVIEWED_ON } : null;
}
