/**
 * The SMS providers behind one interface (decision 015): a local outbox (default, sends nothing), Aliyun SMS
 * and Tencent Cloud SMS through their official SDKs. Chosen by SMS_PROVIDER (server/env.ts). Each send names
 * the purpose's approved template and its variables in a fixed order; the provider's own message id comes
 * back for the delivery report.
 */
import { appendFile, mkdir } from "node:fs/promises";
import type { Agent } from "node:http";
import path from "node:path";
import type { SmsPurpose } from "@/server/domain/sms-rules";
import { env, type Env } from "@/server/env";

/** Each purpose's template variables, in the order Tencent's TemplateParamSet takes them (Aliyun takes them by name). */
export const SMS_TEMPLATE_VARIABLES: Record<SmsPurpose, readonly string[]> = {
  invitation: ["org", "link"],
  instalment: ["lender", "date", "amount"],
  document: ["lender"],
  message: ["org"],
};

export type SmsSend = {
  /** Mainland mobile number, 11 digits. */
  phone: string;
  purpose: SmsPurpose;
  params: Record<string, string>;
  /** Our reference, echoed in the provider's status report ("<org>.<sms id>"). */
  reference: string;
  /** The words, for the outbox (the providers render their approved template instead). */
  text: string;
};

export type SmsSendResult = { ok: true; providerMessageId: string } | { ok: false; detail: string };

export interface SmsProvider {
  readonly name: "outbox" | "aliyun" | "tencent";
  send(message: SmsSend): Promise<SmsSendResult>;
}

function template(e: Env, purpose: SmsPurpose): string {
  return {
    invitation: e.SMS_TEMPLATE_INVITATION,
    instalment: e.SMS_TEMPLATE_INSTALMENT,
    document: e.SMS_TEMPLATE_DOCUMENT,
    message: e.SMS_TEMPLATE_MESSAGE,
  }[purpose];
}

function ordered(m: SmsSend): string[] {
  return SMS_TEMPLATE_VARIABLES[m.purpose].map((k) => m.params[k] ?? "");
}

/** Appends each SMS to a local file (one JSON line): development, and deployments without a provider. */
export class OutboxSmsProvider implements SmsProvider {
  readonly name = "outbox" as const;
  constructor(private readonly file: string) {}
  async send(m: SmsSend): Promise<SmsSendResult> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const id = `outbox-${m.reference}`;
    await appendFile(this.file, JSON.stringify({ at: new Date().toISOString(), id, to: m.phone, purpose: m.purpose, text: m.text }) + "\n");
    return { ok: true, providerMessageId: id };
  }
}

/** Splits "http://127.0.0.1:8080" or "dysmsapi.aliyuncs.com" into the SDK's protocol and host. */
function endpointParts(endpoint: string): { protocol: "http" | "https"; host: string } {
  const m = /^(https?):\/\/([^/]+)\/?$/.exec(endpoint);
  return m ? { protocol: m[1] as "http" | "https", host: m[2]! } : { protocol: "https", host: endpoint };
}

/** Aliyun SMS (dysmsapi 2017-05-25, SendSms) through @alicloud/dysmsapi20170525; signed ACS3-HMAC-SHA256 by the SDK. */
export class AliyunSmsProvider implements SmsProvider {
  readonly name = "aliyun" as const;
  constructor(
    private readonly e: Pick<
      Env,
      | "ALIYUN_SMS_ACCESS_KEY_ID"
      | "ALIYUN_SMS_ACCESS_KEY_SECRET"
      | "ALIYUN_SMS_ENDPOINT"
      | "SMS_SIGN_NAME"
      | "SMS_TEMPLATE_INVITATION"
      | "SMS_TEMPLATE_INSTALMENT"
      | "SMS_TEMPLATE_DOCUMENT"
      | "SMS_TEMPLATE_MESSAGE"
    >,
  ) {}
  async send(m: SmsSend): Promise<SmsSendResult> {
    const [{ default: Dysmsapi, SendSmsRequest }, { Config }] = await Promise.all([
      import("@alicloud/dysmsapi20170525"),
      import("@alicloud/openapi-client"),
    ]);
    const { protocol, host } = endpointParts(this.e.ALIYUN_SMS_ENDPOINT);
    const client = new Dysmsapi(
      new Config({
        accessKeyId: this.e.ALIYUN_SMS_ACCESS_KEY_ID,
        accessKeySecret: this.e.ALIYUN_SMS_ACCESS_KEY_SECRET,
        endpoint: host,
        protocol,
      }),
    );
    try {
      const res = await client.sendSms(
        new SendSmsRequest({
          phoneNumbers: m.phone,
          signName: this.e.SMS_SIGN_NAME,
          templateCode: template(this.e as Env, m.purpose),
          templateParam: JSON.stringify(Object.fromEntries(SMS_TEMPLATE_VARIABLES[m.purpose].map((k) => [k, m.params[k] ?? ""]))),
          outId: m.reference,
        }),
      );
      const body = res.body;
      if (body?.code === "OK" && body.bizId) return { ok: true, providerMessageId: body.bizId };
      return { ok: false, detail: `${body?.code ?? "unknown"}: ${body?.message ?? ""}`.slice(0, 200) };
    } catch (error) {
      return { ok: false, detail: `error: ${(error as { code?: string }).code ?? (error as Error).message}`.slice(0, 200) };
    }
  }
}

/** Tencent Cloud SMS (2021-01-11, SendSms) through tencentcloud-sdk-nodejs-sms; signed TC3-HMAC-SHA256 by the SDK. */
export class TencentSmsProvider implements SmsProvider {
  readonly name = "tencent" as const;
  constructor(
    private readonly e: Pick<
      Env,
      | "TENCENT_SMS_SECRET_ID"
      | "TENCENT_SMS_SECRET_KEY"
      | "TENCENT_SMS_SDK_APP_ID"
      | "TENCENT_SMS_REGION"
      | "TENCENT_SMS_ENDPOINT"
      | "SMS_SIGN_NAME"
      | "SMS_TEMPLATE_INVITATION"
      | "SMS_TEMPLATE_INSTALMENT"
      | "SMS_TEMPLATE_DOCUMENT"
      | "SMS_TEMPLATE_MESSAGE"
    >,
    /** An HTTP agent for the SDK's requests (tests route them to a server on loopback). */
    private readonly agent?: Agent,
  ) {}
  async send(m: SmsSend): Promise<SmsSendResult> {
    const { sms } = await import("tencentcloud-sdk-nodejs-sms");
    const { protocol, host } = endpointParts(this.e.TENCENT_SMS_ENDPOINT);
    const client = new sms.v20210111.Client({
      credential: { secretId: this.e.TENCENT_SMS_SECRET_ID, secretKey: this.e.TENCENT_SMS_SECRET_KEY },
      region: this.e.TENCENT_SMS_REGION,
      profile: {
        httpProfile: { endpoint: host, protocol: `${protocol}://`, reqTimeout: 15, ...(this.agent ? { agent: this.agent } : {}) },
      },
    });
    try {
      const res = await client.SendSms({
        PhoneNumberSet: [`+86${m.phone}`],
        SmsSdkAppId: this.e.TENCENT_SMS_SDK_APP_ID!,
        SignName: this.e.SMS_SIGN_NAME,
        TemplateId: template(this.e as Env, m.purpose),
        TemplateParamSet: ordered(m),
        SessionContext: m.reference,
      });
      const status = res.SendStatusSet?.[0];
      if (status?.Code === "Ok" && status.SerialNo) return { ok: true, providerMessageId: status.SerialNo };
      return { ok: false, detail: `${status?.Code ?? "unknown"}: ${status?.Message ?? ""}`.slice(0, 200) };
    } catch (error) {
      return { ok: false, detail: `error: ${(error as { code?: string }).code ?? (error as Error).message}`.slice(0, 200) };
    }
  }
}

let override: SmsProvider | null = null;

/** The configured provider (tests may set another with `useSmsProvider`). */
export function smsProvider(): SmsProvider {
  if (override) return override;
  const e = env();
  if (e.SMS_PROVIDER === "aliyun") return new AliyunSmsProvider(e);
  if (e.SMS_PROVIDER === "tencent") return new TencentSmsProvider(e);
  return new OutboxSmsProvider(e.SMS_OUTBOX_FILE);
}

/** Replaces the provider (tests); null restores the configured one. */
export function useSmsProvider(p: SmsProvider | null): void {
  override = p;
}
