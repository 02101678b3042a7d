/**
 * The demo seed of a new embedded database runs in a child process while the server starts
 * (server/cli/embedded-seed.mjs, docs/decisions/019-demo-start-and-sample-data.md). Its state is kept on
 * globalThis under this key — start.mjs sets it before Next loads, and Next's bundles (instrumentation,
 * pages, route handlers) each read it here — so the database is opened only once the child is done, and
 * the login page can say the demo data is being prepared.
 */
export const DEMO_SEED_KEY = Symbol.for("xieshang.demoSeed");

export type DemoSeedState = { done: boolean; ok: boolean; promise: Promise<void> };

export function demoSeedState(): DemoSeedState | undefined {
  return (globalThis as { [DEMO_SEED_KEY]?: DemoSeedState })[DEMO_SEED_KEY];
}

/** True while the demo data of a new embedded database is being written. */
export function demoSeedPending(): boolean {
  const s = demoSeedState();
  return !!s && !s.done;
}

/** Waits for the demo seed when one is running (no-op otherwise). */
export async function demoSeedSettled(): Promise<void> {
  await demoSeedState()?.promise;
}
