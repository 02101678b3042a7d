import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { cache } from "react";
import { appRouter } from "@/server/trpc/root";
import { serverCaller, serverContext } from "./caller";
import { makeQueryClient } from "./query-client";

export { serverCaller };

export const getQueryClient = cache(makeQueryClient);

export const trpc = createTRPCOptionsProxy({ ctx: serverContext, router: appRouter, queryClient: getQueryClient });

export function HydrateClient({ children }: { children: React.ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tRPC's query options are generic per procedure
export function prefetch(options: { queryKey: any; queryFn?: any }) {
  void getQueryClient().prefetchQuery(options);
}
