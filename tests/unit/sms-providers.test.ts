import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AliyunSmsProvider, TencentSmsProvider, type SmsSend } from "@/server/services/sms-providers";
import { startFakeSmsProvider, type FakeProvider } from "../support/fake-sms-provider";
import { acs3Sign, tc3Sign } from "../support/sms-signatures";

/**
 * The SMS adapters' real code (the providers' official SDKs) against a server on loopback that checks each
 * request's signature; the checks themselves are first held to each provider's documented worked example.
 */
describe("the signature checks reproduce the providers' documented examples", () => {
  it("Aliyun V3 (ACS3-HMAC-SHA256): RunInstances on ecs.cn-shanghai, 2023-10-26T10:22:32Z", () => {
    const r = acs3Sign({
      method: "POST",
      path: "/",
      query: [
        ["ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"],
        ["RegionId", "cn-shanghai"],
      ],
      headers: {
        host: "ecs.cn-shanghai.aliyuncs.com",
        "x-acs-action": "RunInstances",
        "x-acs-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "x-acs-date": "2023-10-26T10:22:32Z",
        "x-acs-signature-nonce": "3156853299f313e23d1673dc12e1703d",
        "x-acs-version": "2014-05-26",
      },
      body: "",
      secret: "YourAccessKeySecret",
    });
    expect(r.signedHeaders).toBe("host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version");
    expect(r.hashedCanonicalRequest).toBe("7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
    expect(r.signature).toBe("06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
  });

  it("Tencent Cloud TC3-HMAC-SHA256: DescribeInstances on cvm, timestamp 1539084154", () => {
    const r = tc3Sign({
      method: "GET",
      query: "Limit=10&Offset=0",
      headers: { "content-type": "application/x-www-form-urlencoded", host: "cvm.tencentcloudapi.com" },
      signedHeaders: ["content-type", "host"],
      body: "",
      timestamp: 1539084154,
      service: "cvm",
      secretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
    });
    expect(r.scope).toBe("2018-10-09/cvm/tc3_request");
    expect(r.signature).toBe("5da7a33f6993f0614b047e5df4582db9e9bf4672ba50567dba16c6ccf174c474");
  });
});

const message: SmsSend = {
  phone: "13912345678",
  purpose: "instalment",
  params: { lender: "某消费金融", date: "2026-12-05", amount: "¥533.33" },
  reference: "org.sms",
  text: "unused by the providers",
};

const templates = {
  SMS_SIGN_NAME: "协商",
  SMS_TEMPLATE_INVITATION: "SMS_1001",
  SMS_TEMPLATE_INSTALMENT: "SMS_1002",
  SMS_TEMPLATE_DOCUMENT: "SMS_1003",
  SMS_TEMPLATE_MESSAGE: "SMS_1004",
};

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeSmsProvider({ aliyunSecret: "aliyun-test-secret", tencentSecret: "tencent-test-secret" });
});
afterAll(async () => fake.close());

describe("Aliyun SMS adapter (@alicloud/dysmsapi20170525)", () => {
  const aliyun = (secret: string) =>
    new AliyunSmsProvider({
      ...templates,
      ALIYUN_SMS_ACCESS_KEY_ID: "LTAI-test",
      ALIYUN_SMS_ACCESS_KEY_SECRET: secret,
      ALIYUN_SMS_ENDPOINT: fake.url,
    });

  it("sends SendSms signed correctly, with the template's named variables and our reference, and returns the BizId", async () => {
    const result = await aliyun("aliyun-test-secret").send(message);
    expect(result).toMatchObject({ ok: true, providerMessageId: expect.stringMatching(/^biz-/) });
    const got = fake.received.at(-1)!;
    expect(got).toMatchObject({ provider: "aliyun", signatureOk: true });
    expect(got.headers["x-acs-action"]).toBe("SendSms");
    expect(got.headers["x-acs-version"]).toBe("2017-05-25");
    expect(got.params).toMatchObject({ PhoneNumbers: "13912345678", SignName: "协商", TemplateCode: "SMS_1002", OutId: "org.sms" });
    expect(JSON.parse(String(got.params.TemplateParam))).toEqual({ lender: "某消费金融", date: "2026-12-05", amount: "¥533.33" });
  });

  it("a wrong secret is refused by the provider's check, and the adapter reports the provider's code", async () => {
    const result = await aliyun("not-the-secret").send(message);
    expect(result.ok).toBe(false);
    expect(fake.received.at(-1)!.signatureOk).toBe(false);
    expect(result.ok === false && result.detail).toContain("SignatureDoesNotMatch");
  });
});

describe("Tencent Cloud SMS adapter (tencentcloud-sdk-nodejs-sms)", () => {
  const tencent = (secret: string) =>
    new TencentSmsProvider(
      {
        ...templates,
        TENCENT_SMS_SECRET_ID: "AKID-test",
        TENCENT_SMS_SECRET_KEY: secret,
        TENCENT_SMS_SDK_APP_ID: "1400000000",
        TENCENT_SMS_REGION: "ap-guangzhou",
        // The SDK takes the service name ("sms") from the host; the agent carries the connection to loopback.
        TENCENT_SMS_ENDPOINT: "http://sms.tencentcloudapi.com",
      },
      fake.agent,
    );

  it("sends SendSms signed TC3-HMAC-SHA256 for the sms service, variables in template order, and returns the SerialNo", async () => {
    const result = await tencent("tencent-test-secret").send(message);
    expect(result).toMatchObject({ ok: true, providerMessageId: expect.stringMatching(/^serial-/) });
    const got = fake.received.at(-1)!;
    expect(got).toMatchObject({ provider: "tencent", signatureOk: true });
    expect(got.headers["x-tc-action"]).toBe("SendSms");
    expect(got.headers["x-tc-version"]).toBe("2021-01-11");
    expect(got.params).toMatchObject({
      PhoneNumberSet: ["+8613912345678"],
      SmsSdkAppId: "1400000000",
      SignName: "协商",
      TemplateId: "SMS_1002",
      TemplateParamSet: ["某消费金融", "2026-12-05", "¥533.33"],
      SessionContext: "org.sms",
    });
  });

  it("a wrong secret is refused (AuthFailure.SignatureFailure) and reported as failed", async () => {
    const result = await tencent("not-the-secret").send(message);
    expect(fake.received.at(-1)!.signatureOk).toBe(false);
    expect(result.ok === false && result.detail).toContain("AuthFailure.SignatureFailure");
  });
});
