/**
 * Tamper-evident, append-only chains for the per-case contact log and the audit log.
 *
 * Each entry stores the previous entry's hash and its own hash = sha256(prevHash + "\n" + canonical JSON of
 * its content). Editing, deleting or reordering a stored entry breaks the chain at that entry, which is what
 * makes a contact log usable as evidence in a complaint. It is evidence of tampering, not prevention: someone
 * who can rewrite every later entry can rebuild the chain, so the latest hash is worth exporting elsewhere.
 */
import { createHash } from "node:crypto";

import { DomainError } from "./errors";

/** Stands in for the previous hash of the first entry, so the first hash is not of content alone. */
export const GENESIS = "GENESIS";

/**
 * JSON with object keys sorted (by UTF-16 code unit, the default sort), no whitespace, Dates as ISO strings
 * and bigints as decimal strings. A Date and its ISO string hash the same on purpose: content written as a
 * Date comes back from a jsonb column as a string, and must still verify.
 *
 * Anything JSON would drop or alter silently is refused instead: undefined, functions, symbols, NaN and
 * Infinity, invalid Dates, class instances other than Date (Map, Set, Buffer…), sparse arrays and cycles.
 * Omit an optional field rather than setting it to undefined.
 */
export function canonicalJson(value: unknown): string {
  return serialize(value, "$", new Set());
}

function unsupported(path: string, what: string): DomainError {
  return new DomainError("canonical_json_unsupported", `Cannot hash ${what} at ${path}`, path);
}

function serialize(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw unsupported(path, String(value));
      return JSON.stringify(value);
    case "bigint":
      return JSON.stringify(value.toString());
    case "undefined":
      throw unsupported(path, "undefined");
    case "function":
      throw unsupported(path, "a function");
    case "symbol":
      throw unsupported(path, "a symbol");
  }
  if (value === null) return "null";
  const object = value as object;
  if (object instanceof Date) {
    if (Number.isNaN(object.getTime())) throw unsupported(path, "an invalid Date");
    return JSON.stringify(object.toISOString());
  }
  if (ancestors.has(object)) throw unsupported(path, "a cycle");
  ancestors.add(object);
  let json: string;
  if (Array.isArray(object)) {
    const items: string[] = [];
    for (let i = 0; i < object.length; i++) {
      if (!(i in object)) throw unsupported(`${path}[${i}]`, "a hole in a sparse array");
      items.push(serialize(object[i], `${path}[${i}]`, ancestors));
    }
    json = `[${items.join(",")}]`;
  } else {
    const prototype: unknown = Object.getPrototypeOf(object);
    if (prototype !== Object.prototype && prototype !== null) {
      throw unsupported(path, `a ${object.constructor?.name ?? "non-plain"} object`);
    }
    const record = object as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${serialize(record[key], `${path}.${key}`, ancestors)}`);
    json = `{${members.join(",")}}`;
  }
  ancestors.delete(object);
  return json;
}

/** sha256 hex of (prevHash ?? "GENESIS") + "\n" + canonicalJson(content). */
export function chainHash(prevHash: string | null, content: unknown): string {
  return createHash("sha256")
    .update(`${prevHash ?? GENESIS}\n${canonicalJson(content)}`, "utf8")
    .digest("hex");
}

/** The two chain columns for a new entry appended after `previousHash` (null for the first entry). */
export function linkEntry(previousHash: string | null, content: unknown): { prevHash: string | null; hash: string } {
  return { prevHash: previousHash, hash: chainHash(previousHash, content) };
}

export type ChainEntry = { id: string; prevHash: string | null; hash: string; content: unknown };

export type ChainVerification = { ok: true; count: number } | { ok: false; brokenAt: string; reason: "hash-mismatch" | "prev-mismatch" };

/**
 * Checks entries given in chain order. The link is checked before the hash, so a deleted or moved entry is
 * reported as "prev-mismatch" at the first entry after the gap, and an edited entry (content or hash) as
 * "hash-mismatch" at itself.
 */
export function verifyChain(entries: readonly ChainEntry[]): ChainVerification {
  let expectedPrev: string | null = null;
  for (const entry of entries) {
    if (entry.prevHash !== expectedPrev) return { ok: false, brokenAt: entry.id, reason: "prev-mismatch" };
    if (chainHash(entry.prevHash, entry.content) !== entry.hash) {
      return { ok: false, brokenAt: entry.id, reason: "hash-mismatch" };
    }
    expectedPrev = entry.hash;
  }
  return { ok: true, count: entries.length };
}
