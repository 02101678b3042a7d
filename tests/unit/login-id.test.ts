import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loginAccountKey, normalizePhone, parseLoginId } from "@/server/domain/login-id";
import { canInvite, portalAccessState } from "@/server/domain/portal-access";

describe("reading a login", () => {
  it.each([
    ["13912345678", "13912345678"],
    ["139 1234 5678", "13912345678"],
    ["+86 13912345678", "13912345678"],
    ["+86-139-1234-5678", "13912345678"],
    ["8613912345678", "13912345678"],
    ["(139) 1234.5678", "13912345678"],
    [" 139-1234-5678 ", "13912345678"],
  ])("%s is the mobile number %s", (typed, phone) => {
    expect(parseLoginId(typed)).toEqual({ kind: "phone", phone });
  });

  it.each(["1391234567", "139123456789", "23912345678", "+1 415 555 0100", "139abc45678", "", "   ", "电话13912345678"])(
    "%j is neither a number nor an address",
    (typed) => {
      expect(parseLoginId(typed)).toBeNull();
    },
  );

  it("reads an e-mail address lower-cased and trimmed", () => {
    expect(parseLoginId("  Ming.Li@Example.CN ")).toEqual({ kind: "email", email: "ming.li@example.cn" });
    expect(parseLoginId("no spaces@in.it")).toBeNull();
  });

  it("one account's failures are counted under one key however its number is typed", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^1\d{10}$/),
        fc.constantFrom("", "+86 ", "86", "+86-"),
        fc.constantFrom(" ", "-", ""),
        (phone, prefix, sep) => {
          const typed = `${prefix}${phone.slice(0, 3)}${sep}${phone.slice(3, 7)}${sep}${phone.slice(7)}`;
          expect(loginAccountKey(typed)).toBe(loginAccountKey(phone));
          expect(normalizePhone(typed)).toBe(phone);
        },
      ),
    );
    expect(loginAccountKey("A@B.cn")).toBe(loginAccountKey("a@b.cn"));
    // A number never shares a key with an address, nor with another number.
    expect(loginAccountKey("13912345678")).not.toBe(loginAccountKey("13912345679"));
    expect(loginAccountKey("13912345678")).not.toBe("13912345678@x");
  });
});

describe("a client file's portal access", () => {
  const now = new Date("2027-03-01T04:00:00Z");
  const later = new Date("2027-03-08T04:00:00Z");
  const earlier = new Date("2027-02-28T04:00:00Z");
  const pending = { expiresAt: later, acceptedAt: null, revokedAt: null };

  it("reads the login first, then the latest invitation", () => {
    expect(portalAccessState(null, null, now)).toBe("none");
    expect(portalAccessState(null, pending, now)).toBe("invited");
    expect(portalAccessState(null, { ...pending, expiresAt: earlier }, now)).toBe("expired");
    expect(portalAccessState(null, { ...pending, revokedAt: earlier }, now)).toBe("revoked");
    // Revoked wins over expired: the staff revoked it before it ran out.
    expect(portalAccessState(null, { ...pending, expiresAt: earlier, revokedAt: earlier }, now)).toBe("revoked");
    expect(portalAccessState({ deactivatedAt: null }, pending, now)).toBe("active");
    expect(portalAccessState({ deactivatedAt: earlier }, null, now)).toBe("deactivated");
    // Accepted but the login is gone (the file was erased): no login.
    expect(portalAccessState(null, { ...pending, acceptedAt: earlier }, now)).toBe("none");
    // The link works up to its expiry instant.
    expect(portalAccessState(null, { ...pending, expiresAt: now }, now)).toBe("invited");
  });

  it("offers an invitation unless the file has a login", () => {
    expect(["none", "invited", "expired", "revoked"].every((s) => canInvite(s as never))).toBe(true);
    expect(canInvite("active")).toBe(false);
    expect(canInvite("deactivated")).toBe(false);
  });
});
