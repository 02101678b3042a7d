import { formatFen } from "@/server/domain/money";

export { formatFen };

/** 2026-03-01 14:05 in Beijing time. */
export function formatInstant(d: Date | string): string {
  const date = typeof d === "string" ? new Date(d) : d;
  const shifted = new Date(date.getTime() + 8 * 3600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

/** "1,234.56" yuan typed by a person → fen, or null when it is not an amount. */
export function yuanToFen(text: string): number | null {
  const cleaned = text.replace(/[,\s¥]/g, "");
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole, frac = ""] = cleaned.split(".");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
}

/** A fresh key per payment form submission, so a double submit records one payment. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
