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

/** Runs `fn` with the demo clock installed (starting at the real time); puts the real clock back after. */
export async function withDemoClock<T>(fn: () => Promise<T>): Promise<T> {
  if (globalThis.Date !== RealDate) return fn();
  globalThis.Date = DemoDate as DateConstructor;
  try {
    return await fn();
  } finally {
    current = null;
    globalThis.Date = RealDate;
  }
}

/** Moves the demo clock to an instant (milliseconds); later readings count on from there. */
export function setDemoClock(ms: number): void {
  current = ms;
}

/** The real time, whatever the clock is set to. */
export const realNow = () => RealDate.now();
