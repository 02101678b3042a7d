import { eq } from "drizzle-orm";
import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { organizations } from "@/db/schema";
import { secondFactorForLogin } from "@/server/services/two-factor";
import { codeOf, fieldsOf } from "../support/errors";
import { createTenant, TEST_PASSWORD } from "../support/factories";

describe("two-factor sign-in (TOTP)", () => {
  it("enrols with a QR secret, confirms with a code, and then asks for a code at every sign-in", async () => {
    const t = await createTenant();
    const me = t.as.counselorA;
    expect(await me.auth.twoFactorStatus()).toEqual({ enabled: false, recoveryCodesLeft: 0 });
    expect(await secondFactorForLogin(t.counselorA.id, undefined)).toBe("not-required");

    const setup = await me.auth.beginTwoFactor();
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(setup.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect((await fieldsOf(me.auth.enableTwoFactor({ code: "000000" }))).code).toEqual(["twoFactorCodeWrong"]);
    expect((await me.auth.twoFactorStatus()).enabled).toBe(false);

    const { recoveryCodes } = await me.auth.enableTwoFactor({ code: await generate({ secret: setup.secret }) });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(await me.auth.twoFactorStatus()).toEqual({ enabled: true, recoveryCodesLeft: 10 });

    expect(await secondFactorForLogin(t.counselorA.id, undefined)).toBe("missing");
    expect(await secondFactorForLogin(t.counselorA.id, "123456")).toBe("wrong");
    // The code that confirmed the enrolment has been used: the next step's code signs in, once.
    const nextStep = await generate({ secret: setup.secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    expect(await secondFactorForLogin(t.counselorA.id, nextStep)).toBe("ok");
    expect(await secondFactorForLogin(t.counselorA.id, nextStep)).toBe("wrong");
    expect(await secondFactorForLogin(t.counselorA.id, await generate({ secret: setup.secret }))).toBe("wrong");
    // A recovery code works once.
    expect(await secondFactorForLogin(t.counselorA.id, recoveryCodes[0]!.toUpperCase())).toBe("ok");
    expect(await secondFactorForLogin(t.counselorA.id, recoveryCodes[0]!)).toBe("wrong");
    expect((await me.auth.twoFactorStatus()).recoveryCodesLeft).toBe(9);

    // Turning it off needs the password and a code.
    expect((await fieldsOf(me.auth.disableTwoFactor({ password: "wrong password", code: recoveryCodes[1]! }))).password).toBeDefined();
    await me.auth.disableTwoFactor({ password: TEST_PASSWORD, code: recoveryCodes[1]! });
    expect(await secondFactorForLogin(t.counselorA.id, undefined)).toBe("not-required");
  });

  it("a TOTP code is accepted once: a replay, or the same code sent twice at once, is refused", async () => {
    const t = await createTenant();
    const me = t.as.counselorB;
    const setup = await me.auth.beginTwoFactor();
    const enrolCode = await generate({ secret: setup.secret });
    await me.auth.enableTwoFactor({ code: enrolCode });
    expect(await secondFactorForLogin(t.counselorB.id, enrolCode)).toBe("wrong");
    const fresh = await generate({ secret: setup.secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    const both = await Promise.all([secondFactorForLogin(t.counselorB.id, fresh), secondFactorForLogin(t.counselorB.id, fresh)]);
    expect(both.sort()).toEqual(["ok", "wrong"]);
  });

  it("an organization that requires it shuts staff out until they enrol; clients are not affected", async () => {
    const t = await createTenant();
    const db = await getDb();
    await db.update(organizations).set({ require2fa: true }).where(eq(organizations.id, t.orgId));
    expect(await codeOf(t.as.counselorA.client.list({}))).toBe("FORBIDDEN");
    expect(await codeOf(t.as.admin.org.members())).toBe("FORBIDDEN");
    expect(await codeOf(t.as.clientA.portal.overview())).toBe("OK");
    // Enrolment itself stays open.
    const setup = await t.as.counselorA.auth.beginTwoFactor();
    await t.as.counselorA.auth.enableTwoFactor({ code: await generate({ secret: setup.secret }) });
    expect(await codeOf(t.as.counselorA.client.list({}))).toBe("OK");
    expect(await codeOf(t.as.admin.org.members())).toBe("FORBIDDEN");
  });
});
