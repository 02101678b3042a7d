import { formatFen } from "@/server/domain/money";

export { formatFen };

/** 2026-03-01 14:05 in Beijing time. */
export function formatInstant(d: Date | string): string {
  const date = typeof d === "string" ? new Date(d) : d;
  const shifted = new Date(date.getTime() + 8 * 3600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

/** A fresh key per payment form submission, so a double submit records one payment. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
