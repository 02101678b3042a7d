"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { fenToYuanString } from "@/server/domain/money";
import type { AppRouter } from "@/server/trpc/root";

export function fenToInput(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? "" : fenToYuanString(fen);
}

export type Outputs = inferRouterOutputs<AppRouter>;
