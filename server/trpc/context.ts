import { randomUUID } from "node:crypto";

export type Context = {
  userId: string | null;
  /** The organization the person chose (cookie); null means their first active membership. */
  activeOrgId: string | null;
  requestId: string;
  ip: string | null;
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
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}
