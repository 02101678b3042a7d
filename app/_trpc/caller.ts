import "server-only";
import { cache } from "react";
import { activeOrgId, sessionUserId } from "@/server/auth/session";
import { newRequestId } from "@/server/trpc/context";
import { createCaller } from "@/server/trpc/root";

/**
 * Server components and server actions call procedures in-process (no HTTP hop) with the same context
 * rules. Kept apart from server.tsx, which imports React Query's HydrationBoundary: a page that imports
 * only this module (the client portal) does not ship React Query to the browser.
 */
export const serverContext = cache(async () => ({
  userId: await sessionUserId(),
  activeOrgId: await activeOrgId(),
  requestId: newRequestId(),
  ip: null,
}));

export const serverCaller = cache(async () => createCaller(await serverContext()));
