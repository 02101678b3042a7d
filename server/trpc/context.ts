import type { Membership } from "@/server/services/membership";
import { randomUUID } from "node:crypto";

export type Context = {
  userId: string | null;
  /** The organization the person chose (cookie); null means their first active membership. */
  activeOrgId: string | null;
  requestId: string;
  ip: string | null;
  /**
   * Shared by the procedures of one HTTP request (a batch): the membership is read once per request, not once
   * per procedure — still on every request, so losing access takes effect at the next one.
   */
  perRequest?: { membership?: Promise<Membership | null> };
};

export const ACTIVE_ORG_COOKIE = "xs_org";

export function newRequestId(): string {
  return randomUUID();
}

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k !== name) continue;
    // A malformed escape ("%E0%A4%A") is no value, not an error on every request.
    try {
      return decodeURIComponent(v.join("="));
    } catch {
      return null;
    }
  }
  return null;
}
