import { TRPCReactProvider } from "@/app/_trpc/client";

/**
 * The tRPC and React Query client for the pages here. It lives in the layouts of the areas that use it
 * rather than the root layout, so the sign-in page's first visit does not download it.
 */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <TRPCReactProvider>{children}</TRPCReactProvider>;
}
