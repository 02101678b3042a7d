import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { notifications, smsConsents, smsMessages } from "@/db/schema";
import { CURRENT_SMS_CONSENT } from "@/server/domain/sms-rules";
import { shanghaiDate, shanghaiDateTime } from "@/server/domain/time";
import { env } from "@/server/env";
import { smsCallback } from "@/server/http/messages";
import { dispatchSms, queueReminderSms } from "@/server/services/sms";
import { codeOf } from "../support/errors";
import { createClientRecord, createTenant, type Tenant } from "../support/factories";

/** Beijing "HH:MM" of an instant. */
const clock = (d: Date) => shanghaiDateTime(d).slice(11);
const minutes = (n: number) => n * 60_000;

let dir: string;
let outbox: string;
const saved = { file: env().SMS_OUTBOX_FILE, token: env().SMS_CALLBACK_TOKEN, provider: env().SMS_PROVIDER };
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "xs-sms-"));
  outbox = path.join(dir, "sms.log");
  env().SMS_OUTBOX_FILE = outbox;
  env().SMS_PROVIDER = "outbox";
  env().SMS_CALLBACK_TOKEN = "callback-token-0123456789";
});
afterAll(async () => {
  env().SMS_OUTBOX_FILE = saved.file;
  env().SMS_CALLBACK_TOKEN = saved.token;
  env().SMS_PROVIDER = saved.provider;
  await rm(dir, { recursive: true, force: true });
});

async function outboxLines(): Promise<Array<{ to: string; purpose: string; text: string; id: string }>> {
  const text = await readFile(outbox, "utf8").catch(() => "");
  return text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

async function smsRows(t: Tenant, clientId: string) {
  const db = await getDb();
  return db
    .select({
      id: smsMessages.id,
      purpose: smsMessages.purpose,
      state: smsMessages.state,
      detail: smsMessages.detail,
      notBefore: smsMessages.notBefore,
      providerMessageId: smsMessages.providerMessageId,
      sentOn: smsMessages.sentOn,
    })
    .from(smsMessages)
    .where(and(eq(smsMessages.orgId, t.orgId), eq(smsMessages.clientId, clientId)))
    .orderBy(desc(smsMessages.createdAt));
}

/** Quiet hours that do not include now (they start in two hours). */
async function awake(t: Tenant, cap = 3) {
  const now = new Date();
  await t.as.admin.sms.updateSettings({
    quietStart: clock(new Date(now.getTime() + minutes(120))),
    quietEnd: clock(new Date(now.getTime() + minutes(180))),
    smsDailyCap: cap,
  });
}

async function clientNotification(t: Tenant, key: string) {
  const db = await getDb();
  await db.insert(notifications).values({
    orgId: t.orgId,
    userId: t.clientUserA.id,
    clientId: t.clientA.id,
    kind: "client-payment-due",
    dedupeKey: key,
    params: { lenderName: "某消费金融", date: "2026-12-05", amountFen: 53_333 },
    href: "/portal",
  });
}

let t: Tenant;
beforeEach(async () => {
  t = await createTenant("SMS");
});

describe("consent", () => {
  it("is recorded with its time, exact words and how; without it nothing is sent", async () => {
    await awake(t);
    await clientNotification(t, "due:1");
    await queueReminderSms(t.orgId);
    await dispatchSms(t.orgId);
    expect((await smsRows(t, t.clientA.id))[0]).toMatchObject({ purpose: "instalment", state: "skipped", detail: "no-consent" });

    const before = Date.now();
    await t.as.counselorA.sms.setConsent({ clientId: t.clientA.id, given: true, locale: "zh-CN" });
    const state = await t.as.clientA.sms.consent({});
    expect(state.consented).toBe(true);
    expect(state.history[0]).toMatchObject({
      given: "given",
      via: "staff",
      wording: CURRENT_SMS_CONSENT["zh-CN"],
      wordingVersion: CURRENT_SMS_CONSENT.version,
    });
    expect(state.history[0]!.at.getTime()).toBeGreaterThanOrEqual(before - 1000);

    await clientNotification(t, "due:2");
    await queueReminderSms(t.orgId);
    expect(await dispatchSms(t.orgId)).toBe(1);
    const sent = (await smsRows(t, t.clientA.id))[0]!;
    expect(sent).toMatchObject({ purpose: "instalment", state: "sent" });
    const line = (await outboxLines()).find((l) => l.id === sent.providerMessageId)!;
    expect(line.to).toBe(t.clientA.phone);
    expect(line.text).toContain("¥533.33");
    expect(line.text).toContain("某消费金融");
    expect(line.text).toContain("退订");
  });

  it("opt-out from the portal switch is honoured, and the same state again records nothing", async () => {
    await awake(t);
    await t.as.clientA.sms.setConsent({ given: true, locale: "en" });
    expect((await t.as.clientA.sms.consent({})).history[0]).toMatchObject({ via: "portal", wording: CURRENT_SMS_CONSENT.en });
    expect(await t.as.clientA.sms.setConsent({ given: true, locale: "en" })).toEqual({ consented: true, changed: false });
    await t.as.clientA.sms.setConsent({ given: false, locale: "zh-CN" });
    await clientNotification(t, "due:3");
    await queueReminderSms(t.orgId);
    await dispatchSms(t.orgId);
    expect((await smsRows(t, t.clientA.id))[0]).toMatchObject({ state: "skipped", detail: "no-consent" });
    const db = await getDb();
    const history = await db
      .select({ given: smsConsents.given })
      .from(smsConsents)
      .where(and(eq(smsConsents.orgId, t.orgId), eq(smsConsents.clientId, t.clientA.id)));
    expect(history).toHaveLength(2);
  });

  it("a reply 退订 through the provider's callback withdraws it; a wrong token changes nothing", async () => {
    await t.as.counselorA.sms.setConsent({ clientId: t.clientA.id, given: true, locale: "zh-CN" });
    const reply = (token: string, text: string) =>
      smsCallback(
        new Request(`http://localhost/api/sms/aliyun/reply?token=${token}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify([{ phone_number: t.clientA.phone, content: text, send_time: "2026-12-01 10:00:00", sign_name: "协商" }]),
        }),
        "aliyun",
        "reply",
      );
    expect((await reply("wrong-token-0123456789xx", "退订")).status).toBe(403);
    expect((await t.as.clientA.sms.consent({})).consented).toBe(true);
    expect((await reply(env().SMS_CALLBACK_TOKEN!, "谢谢")).status).toBe(200);
    expect((await t.as.clientA.sms.consent({})).consented).toBe(true);
    const ok = await reply(env().SMS_CALLBACK_TOKEN!, "退订");
    expect(await ok.json()).toEqual({ code: 0, msg: "成功" });
    const state = await t.as.counselorA.sms.consent({ clientId: t.clientA.id });
    expect(state.consented).toBe(false);
    expect(state.history[0]).toMatchObject({ given: "withdrawn", via: "reply", wording: "退订" });
  });

  it("another counselor cannot read or record it", async () => {
    expect(await codeOf(t.as.counselorB.sms.consent({ clientId: t.clientA.id }))).toBe("NOT_FOUND");
    expect(await codeOf(t.as.counselorB.sms.setConsent({ clientId: t.clientA.id, given: true, locale: "zh-CN" }))).toBe("NOT_FOUND");
  });
});

describe("quiet hours (Beijing time) and the daily cap", () => {
  it("inside quiet hours the SMS waits until they end, then goes", async () => {
    const now = new Date();
    await t.as.admin.sms.updateSettings({
      quietStart: clock(new Date(now.getTime() - minutes(60))),
      quietEnd: clock(new Date(now.getTime() + minutes(60))),
      smsDailyCap: 3,
    });
    await t.as.counselorA.sms.setConsent({ clientId: t.clientA.id, given: true, locale: "zh-CN" });
    await clientNotification(t, "due:q");
    await queueReminderSms(t.orgId);
    // Dispatched after it was queued (its not_before is the database's now at the insert).
    expect(await dispatchSms(t.orgId, new Date(Date.now() + 1000))).toBe(0);
    const waiting = (await smsRows(t, t.clientA.id))[0]!;
    expect(waiting.state).toBe("queued");
    // It waits until the quiet hours' end, to the minute (Beijing wall-clock).
    expect(clock(waiting.notBefore)).toBe(clock(new Date(now.getTime() + minutes(60))));
    expect(waiting.notBefore.getTime()).toBeGreaterThan(now.getTime());
    expect(await dispatchSms(t.orgId, new Date(waiting.notBefore.getTime() - 1000))).toBe(0);
    expect(await dispatchSms(t.orgId, new Date(waiting.notBefore.getTime() + 1000))).toBe(1);
    expect((await smsRows(t, t.clientA.id))[0]).toMatchObject({
      state: "sent",
      sentOn: shanghaiDate(new Date(waiting.notBefore.getTime() + 1000)),
    });
  });

  it("the daily cap per client: with a cap of 2, the third SMS of the day is not sent", async () => {
    await awake(t, 2);
    await t.as.counselorA.sms.setConsent({ clientId: t.clientA.id, given: true, locale: "zh-CN" });
    for (const k of ["c1", "c2", "c3"]) await clientNotification(t, `due:${k}`);
    await queueReminderSms(t.orgId);
    expect(await dispatchSms(t.orgId)).toBe(2);
    const states = (await smsRows(t, t.clientA.id)).map((r) => `${r.state}${r.detail ? `:${r.detail}` : ""}`).sort();
    expect(states).toEqual(["sent", "sent", "skipped:daily-cap"]);
    // The cap is the admins' setting.
    expect(await codeOf(t.as.counselorA.sms.updateSettings({ quietStart: "00:00", quietEnd: "00:00", smsDailyCap: 2 }))).toBe("FORBIDDEN");
  });

  it("settings refuse bad input and keep what was there", async () => {
    await awake(t, 3);
    const before = await t.as.admin.sms.settings();
    expect(await codeOf(t.as.admin.sms.updateSettings({ quietStart: "25:00", quietEnd: "08:00", smsDailyCap: 3 }))).toBe("BAD_REQUEST");
    expect(await codeOf(t.as.admin.sms.updateSettings({ quietStart: "22:00", quietEnd: "08:00", smsDailyCap: 21 }))).toBe("BAD_REQUEST");
    expect(await t.as.admin.sms.settings()).toEqual(before);
  });
});

describe("what is sent, and its delivery state", () => {
  it("the portal invitation's link by SMS, once she consented; the provider's report marks it delivered", async () => {
    await awake(t);
    const file = await createClientRecord(t.orgId, { counselorId: t.counselorA.id });
    await t.as.counselorA.sms.setConsent({ clientId: file.id, given: true, locale: "zh-CN" });
    const inv = await t.as.counselorA.portalAccess.invite({ clientId: file.id });
    expect(inv.texted).toBe(true);
    const [row] = await smsRows(t, file.id);
    expect(row).toMatchObject({ purpose: "invitation", state: "sent" });
    const line = (await outboxLines()).find((l) => l.id === row!.providerMessageId)!;
    expect(line.to).toBe(file.phone);
    expect(line.text).toContain(inv.link);

    const report = (body: unknown, provider = "aliyun") =>
      smsCallback(
        new Request(`http://localhost/api/sms/${provider}/status?token=${env().SMS_CALLBACK_TOKEN}`, {
          method: "POST",
          body: JSON.stringify(body),
        }),
        provider,
        "status",
      );
    expect(
      (await report([{ out_id: `${t.orgId}.${row!.id}`, biz_id: row!.providerMessageId, success: true, err_code: "DELIVERED" }])).status,
    ).toBe(200);
    expect((await smsRows(t, file.id))[0]!.state).toBe("delivered");
    // Tencent's report names only its SerialNo.
    expect(
      (await report([{ sid: row!.providerMessageId, report_status: "FAIL", errmsg: "MK:0001", mobile: file.phone }], "tencent")).status,
    ).toBe(200);
    expect((await smsRows(t, file.id))[0]).toMatchObject({ state: "undelivered", detail: "MK:0001" });
  });

  it("without consent the invitation is not texted", async () => {
    await awake(t);
    const file = await createClientRecord(t.orgId, { counselorId: t.counselorA.id });
    const inv = await t.as.counselorA.portalAccess.invite({ clientId: file.id });
    expect(inv.texted).toBe(false);
    expect((await smsRows(t, file.id))[0]).toMatchObject({ purpose: "invitation", state: "skipped", detail: "no-consent" });
  });

  it("'a message is waiting' goes once a day, and not at all if she read it first", async () => {
    await awake(t);
    await t.as.counselorA.sms.setConsent({ clientId: t.clientA.id, given: true, locale: "zh-CN" });
    await t.as.counselorA.message.send({ clientId: t.clientA.id, body: "请看一下新方案" });
    await t.as.counselorA.message.send({ clientId: t.clientA.id, body: "还有一件事" });
    expect((await smsRows(t, t.clientA.id)).filter((r) => r.purpose === "message")).toHaveLength(1);
    await t.as.clientA.message.markRead({});
    await dispatchSms(t.orgId);
    expect((await smsRows(t, t.clientA.id))[0]).toMatchObject({ purpose: "message", state: "skipped", detail: "not-needed" });
  });
});
