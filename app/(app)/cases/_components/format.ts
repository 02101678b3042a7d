import { formatFen } from "@/server/domain/money";
import { formatClockTime, shanghaiDate, shanghaiMinutesOfDay } from "@/server/domain/time";

export { formatFen };

/** 2026-03-01 14:05 in Beijing time. */
export function formatInstant(d: Date | string): string {
  const date = typeof d === "string" ? new Date(d) : d;
  return `${shanghaiDate(date)} ${formatClockTime(shanghaiMinutesOfDay(date))}`;
}

/** A fresh key per payment form submission, so a double submit records one payment. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
