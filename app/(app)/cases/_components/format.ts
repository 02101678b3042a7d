import { formatFen } from "@/server/domain/money";
import { shanghaiDateTime } from "@/server/domain/time";

export { formatFen };

/** 2026-03-01 14:05 in Beijing time. */
export function formatInstant(d: Date | string): string {
  return shanghaiDateTime(typeof d === "string" ? new Date(d) : d);
}

/** A fresh key per payment form submission, so a double submit records one payment. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
