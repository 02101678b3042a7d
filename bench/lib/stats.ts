export type LoadResult = { requests: number; seconds: number; rps: number; p50: number; p95: number; p99: number; errors: number };

/** Nearest-rank percentile of a sorted list (ms). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank]!;
}

export function summarize(latencies: number[], seconds: number, errors: number): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  const r = (n: number) => Math.round(n * 100) / 100;
  return {
    requests: sorted.length,
    seconds,
    rps: r(sorted.length / seconds),
    p50: r(percentile(sorted, 0.5)),
    p95: r(percentile(sorted, 0.95)),
    p99: r(percentile(sorted, 0.99)),
    errors,
  };
}

/** `workers` async loops calling `fn` until `seconds` have passed; the latency of each call (ms). */
export async function closedLoop(fn: (i: number) => Promise<void>, workers: number, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        try {
          await fn(n++);
          latencies.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  return summarize(latencies, (performance.now() - start) / 1000, errors);
}
