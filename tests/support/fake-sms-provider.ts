/**
 * A server on 127.0.0.1 that speaks the SendSms APIs of Aliyun (dysmsapi 2017-05-25) and Tencent Cloud
 * (sms 2021-01-11) closely enough for their official SDKs, and checks each request's signature with the
 * documented algorithms (sms-signatures.ts), answering as the providers do when it does not match.
 */
import { createServer, Agent, type IncomingMessage, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { acs3Sign, tc3Sign } from "./sms-signatures";

export type Received = {
  provider: "aliyun" | "tencent";
  signatureOk: boolean;
  params: Record<string, unknown>;
  headers: IncomingMessage["headers"];
};

export type FakeProvider = {
  url: string;
  port: number;
  received: Received[];
  /** Routes any HTTP connection (whatever its host) to this server: for an SDK whose host cannot carry a port. */
  agent: Agent;
  close(): Promise<void>;
};

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function startFakeSmsProvider(keys: { aliyunSecret: string; tencentSecret: string }): Promise<FakeProvider> {
  const received: Received[] = [];
  let seq = 0;
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? "/", "http://fake.invalid");
    const headers = req.headers;
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { "content-type": "application/json;charset=utf-8" });
      res.end(JSON.stringify(json));
    };
    if (headers["x-acs-action"]) {
      // Aliyun V3: Authorization "ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>".
      const auth = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]+)$/.exec(
        String(headers.authorization ?? ""),
      );
      const signedNames = auth?.[2]?.split(";") ?? [];
      const signed = Object.fromEntries(signedNames.map((h) => [h, String(headers[h] ?? "")]));
      const expected = acs3Sign({
        method: req.method ?? "POST",
        path: url.pathname,
        query: [...url.searchParams.entries()],
        headers: signed,
        body,
        secret: keys.aliyunSecret,
      });
      const payloadOk = headers["x-acs-content-sha256"] === expected.hashedPayload;
      const signatureOk = Boolean(auth) && auth![2] === expected.signedHeaders && auth![3] === expected.signature && payloadOk;
      const form = new URLSearchParams(body.toString("utf8"));
      const params: Record<string, unknown> = Object.fromEntries([...url.searchParams.entries(), ...form.entries()]);
      received.push({ provider: "aliyun", signatureOk, params, headers });
      if (!signatureOk)
        return send(400, {
          Code: "SignatureDoesNotMatch",
          Message: "Specified signature does not match our calculation.",
          RequestId: "fake",
        });
      return send(200, { Code: "OK", Message: "OK", BizId: `biz-${++seq}`, RequestId: `req-${seq}` });
    }
    if (headers["x-tc-action"]) {
      const auth =
        /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]+)$/.exec(
          String(headers.authorization ?? ""),
        );
      const signedNames = auth?.[4]?.split(";") ?? [];
      const expected = tc3Sign({
        method: req.method ?? "POST",
        query: req.method === "GET" ? url.search.slice(1) : "",
        headers: Object.fromEntries(signedNames.map((h) => [h, String(headers[h] ?? "")])),
        signedHeaders: signedNames,
        body,
        timestamp: Number(headers["x-tc-timestamp"]),
        service: "sms",
        secretKey: keys.tencentSecret,
      });
      const signatureOk = Boolean(auth) && auth![3] === "sms" && auth![5] === expected.signature;
      const params = JSON.parse(body.toString("utf8") || "{}") as Record<string, unknown>;
      received.push({ provider: "tencent", signatureOk, params, headers });
      if (!signatureOk)
        return send(200, {
          Response: {
            Error: { Code: "AuthFailure.SignatureFailure", Message: "The provided credentials could not be validated." },
            RequestId: "fake",
          },
        });
      const phones = (params.PhoneNumberSet as string[] | undefined) ?? [];
      return send(200, {
        Response: {
          SendStatusSet: phones.map((p) => ({
            SerialNo: `serial-${++seq}`,
            PhoneNumber: p,
            Fee: 1,
            SessionContext: params.SessionContext ?? "",
            Code: "Ok",
            Message: "send success",
            IsoCode: "CN",
          })),
          RequestId: `req-${seq}`,
        },
      });
    }
    send(404, { error: "unknown API" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const agent = new Agent({ keepAlive: false });
  // Every connection this agent makes goes to the fake server, whatever host the URL names.
  (agent as unknown as { createConnection: () => ReturnType<typeof connect> }).createConnection = () => connect(port, "127.0.0.1");
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    agent,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
