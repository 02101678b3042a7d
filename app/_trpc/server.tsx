import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { cache } from "react";
import { activeOrgId, sessionUserId } from "@/server/auth/session";
import { newRequestId } from "@/server/trpc/context";
import { appRouter, createCaller } from "@/server/trpc/root";
import { makeQueryClient } from "./query-client";

/** Server components call procedures in-process (no HTTP hop) with the same context rules. */
const createContext = cache(async () => ({
  userId: await sessionUserId(),
  activeOrgId: await activeOrgId(),
  requestId: newRequestId(),
  ip: null,
}));

export const getQueryClient = cache(makeQueryClient);

export const trpc = createTRPCOptionsProxy({ ctx: createContext, router: appRouter, queryClient: getQueryClient });

export const serverCaller = cache(async () => createCaller(await createContext()));

export function HydrateClient({ children }: { children: React.ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tRPC's query options are generic per procedure
export function prefetch(options: { queryKey: any; queryFn?: any }) {
  void getQueryClient().prefetchQuery(options);
}
