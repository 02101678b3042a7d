/**
 * How a person is known at sign-in: an e-mail address or a mainland mobile number. Most clients have no
 * e-mail they read, so the number is as good a login as the address; both are unique per person across
 * the deployment.
 */

/** Normalises a Chinese mobile number for the blind index: digits only, without +86. */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  return digits.startsWith("86") && digits.length === 13 ? digits.slice(2) : digits;
}

/** A normalised number that is a mainland mobile number (11 digits starting with 1). */
export function isMobileNumber(normal: string): boolean {
  return /^1\d{10}$/.test(normal);
}

export type LoginId = { kind: "email"; email: string } | { kind: "phone"; phone: string };

/**
 * What was typed into the login field, read as an e-mail (it has an @) or as a mobile number in any of
 * the ways people write one ("139 1234 5678", "+86 139-1234-5678"); null when it is neither.
 */
export function parseLoginId(typed: string): LoginId | null {
  const s = typed.trim();
  if (!s || s.length > 254) return null;
  if (s.includes("@")) return /^[^\s@]+@[^\s@]+$/.test(s) ? { kind: "email", email: s.toLowerCase() } : null;
  if (!/^[\d\s()+.-]+$/.test(s)) return null;
  // A country code other than China's is not a mainland number, whatever its digits.
  if (s.startsWith("+") && !/^\+\s*86/.test(s)) return null;
  const phone = normalizePhone(s);
  return isMobileNumber(phone) ? { kind: "phone", phone } : null;
}

/**
 * The key login failures are counted under: one account however its identifier is typed, so writing
 * the number with spaces or +86 does not buy an attacker a fresh allowance.
 */
export function loginAccountKey(typed: string): string {
  const id = parseLoginId(typed);
  if (!id) return typed.trim().toLowerCase();
  return id.kind === "email" ? id.email : `phone:${id.phone}`;
}
