import { portalOverview } from "@/server/services/portal";
import { permitted, router } from "../init";

export const portalRouter = router({
  /** The signed-in client's own plan, lenders' answers, next payment and progress. */
  overview: permitted("portal.read").query(({ ctx }) => portalOverview(ctx.actor)),
});
