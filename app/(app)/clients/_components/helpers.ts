"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { fenToYuanString, parseYuan } from "@/server/domain/money";
import type { AppRouter } from "@/server/trpc/root";

/** Yuan as typed ("1,234.5") → fen, or null when empty or not an amount. */
export function yuanToFen(text: string): number | null {
  const clean = text.replace(/[,，\s¥￥]/g, "");
  if (clean === "") return null;
  try {
    return parseYuan(clean);
  } catch {
    return null;
  }
}

export function fenToInput(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? "" : fenToYuanString(fen);
}

export function todayIso(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

export type Outputs = inferRouterOutputs<AppRouter>;
