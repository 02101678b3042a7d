import { createCallerFactory, router } from "./init";
import { authRouter } from "./routers/auth";
import { clientRouter } from "./routers/client";
import { orgRouter } from "./routers/org";

/** The API, by area. */
export const appRouter = router({
  auth: authRouter,
  org: orgRouter,
  client: clientRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
