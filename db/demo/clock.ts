/**
 * The demo history's clock. The history is written through the app's services, which stamp their rows with
 * `new Date()` (and, on the embedded database, PGlite's `now()`, which reads the same JavaScript clock). To
 * write a year of history "as it happened", the seed sets this clock to each step's instant before running
 * it, so every service validates and stamps as of that moment (docs/decisions/010-demo-history.md).
 *
 * The clock ticks one millisecond per reading from the step's instant, so the same steps give the same
 * stamps on every run; it is installed only while the seed runs (before the server takes requests) and the
 * real Date is put back after, even on failure.
 */
const RealDate = Date;

let current: number | null = null;

function reading(): number {
  if (current === null) return RealDate.now();
  return current++;
}

class DemoDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(reading());
    else super(...(args as [string | number | Date]));
  }

  static now(): number {
    return reading();
  }
}

const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * The embedded database arms its timers (setitimer in WebAssembly) from deadlines on the real clock; read
 * against the demo clock, a year behind, they come out longer than a timer can be (Node would warn and fire
 * them at once, over and over). Such a timer is held back while the demo clock runs and fired when the real
 * clock is back, when it checks its deadline and re-arms itself as usual. Nothing else fires on real time
 * meanwhile, so the clock's readings, and the stamps, are the same on every run.
 */
type HeldTimer = { fire: () => void; cancelled: boolean };
let held: HeldTimer[] = [];

function holdingSetTimeout(...args: Parameters<typeof setTimeout>) {
  const [handler, delay, ...rest] = args;
  if (typeof delay === "number" && delay > LONGEST_TIMER_MS && typeof handler === "function") {
    const timer: HeldTimer = { fire: () => (handler as (...a: unknown[]) => void)(...rest), cancelled: false };
    held.push(timer);
    // A handle the caller may clear: clearing marks it cancelled.
    return {
      ref: () => timer,
      unref: () => timer,
      hasRef: () => false,
      refresh: () => timer,
      [Symbol.toPrimitive]: () => 0,
      held: timer,
    } as unknown as ReturnType<typeof setTimeout>;
  }
  return realSetTimeout(handler, delay, ...rest);
}

function holdingClearTimeout(handle: Parameters<typeof clearTimeout>[0]) {
  const timer = (handle as unknown as { held?: HeldTimer } | undefined)?.held;
  if (timer) timer.cancelled = true;
  else realClearTimeout(handle);
}

/** Runs `fn` with the demo clock installed (starting at the real time); puts the real clock back after. */
export async function withDemoClock<T>(fn: () => Promise<T>): Promise<T> {
  if (globalThis.Date !== RealDate) return fn();
  globalThis.Date = DemoDate as DateConstructor;
  globalThis.setTimeout = holdingSetTimeout as typeof setTimeout;
  globalThis.clearTimeout = holdingClearTimeout as typeof clearTimeout;
  try {
    return await fn();
  } finally {
    current = null;
    globalThis.Date = RealDate;
    globalThis.setTimeout = realSetTimeout;
    globalThis.clearTimeout = realClearTimeout;
    const due = held.filter((t) => !t.cancelled);
    held = [];
    for (const t of due) realSetTimeout(t.fire, 0);
  }
}

/** Moves the demo clock to an instant (milliseconds); later readings count on from there. */
export function setDemoClock(ms: number): void {
  current = ms;
}

/** The real time, whatever the clock is set to. */
export const realNow = () => RealDate.now();
