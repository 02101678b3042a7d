import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeJwt, encodeJwt } from "@/server/auth/jwt";

const secret = "unit-test-secret-unit-test-secret";

describe("session tokens with the key derived once", () => {
  it("next-auth reads ours and we read next-auth's", async () => {
    const ours = await encodeJwt({ token: { sub: "user-1" }, secret, maxAge: 60 });
    expect((await decode({ token: ours, secret }))?.sub).toBe("user-1");
    const theirs = await encode({ token: { sub: "user-2" }, secret, maxAge: 60 });
    expect((await decodeJwt({ token: theirs, secret }))?.sub).toBe("user-2");
  });

  it("refuses a token made with another secret, and an expired one", async () => {
    const other = await encode({ token: { sub: "x" }, secret: "another-secret-another-secret!!" });
    await expect(decodeJwt({ token: other, secret })).rejects.toThrow();
    const expired = await encodeJwt({ token: { sub: "x" }, secret, maxAge: -3600 });
    await expect(decodeJwt({ token: expired, secret })).rejects.toThrow();
    expect(await decodeJwt({ token: undefined, secret })).toBeNull();
  });
});
