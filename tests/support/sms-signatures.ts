/**
 * The two providers' request signatures, written here from their documentation (independently of the SDKs),
 * so a fake provider on loopback can check what the SDKs send, and so the implementations themselves are
 * checked against each provider's documented worked example (tests/unit/sms-providers.test.ts).
 *
 * - Aliyun, signature V3 (ACS3-HMAC-SHA256): "Request syntax and signature method V3",
 *   alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature
 * - Tencent Cloud, signature v3 (TC3-HMAC-SHA256): "Signature v3", tencentcloud.com/document/product/267/37447
 *   (the same page under every product's API docs)
 */
import { createHash, createHmac } from "node:crypto";

const sha256Hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** RFC 3986 percent-encoding as both providers canonicalise (space %20, * %2A, ~ kept). */
export function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Query pairs sorted by name (then value), each part percent-encoded, joined with &. */
export function canonicalQuery(pairs: ReadonlyArray<readonly [string, string]>): string {
  return [...pairs]
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

export type Acs3Input = {
  method: string;
  path: string;
  query: ReadonlyArray<readonly [string, string]>;
  /** Header names lower-cased; the ones that are signed (host, content-type, x-acs-*). */
  headers: Record<string, string>;
  body: string | Buffer;
  secret: string;
};

export function acs3Sign(i: Acs3Input) {
  const names = Object.keys(i.headers)
    .map((h) => h.toLowerCase())
    .filter((h) => h === "host" || h === "content-type" || h.startsWith("x-acs-"))
    .sort();
  const lower = Object.fromEntries(Object.entries(i.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const canonicalHeaders = names.map((h) => `${h}:${String(lower[h]).trim()}\n`).join("");
  const signedHeaders = names.join(";");
  const hashedPayload = sha256Hex(i.body);
  const canonicalRequest = [
    i.method.toUpperCase(),
    i.path || "/",
    canonicalQuery(i.query),
    canonicalHeaders,
    signedHeaders,
    hashedPayload,
  ].join("\n");
  const hashedCanonicalRequest = sha256Hex(canonicalRequest);
  const signature = createHmac("sha256", i.secret).update(`ACS3-HMAC-SHA256\n${hashedCanonicalRequest}`).digest("hex");
  return { canonicalRequest, hashedCanonicalRequest, signedHeaders, hashedPayload, signature };
}

export type Tc3Input = {
  method: string;
  query: string;
  /** The signed headers, names lower-cased. */
  headers: Record<string, string>;
  signedHeaders: readonly string[];
  body: string | Buffer;
  timestamp: number;
  service: string;
  secretKey: string;
};

export function tc3Sign(i: Tc3Input) {
  const names = [...i.signedHeaders].map((h) => h.toLowerCase()).sort();
  const lower = Object.fromEntries(Object.entries(i.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const canonicalHeaders = names.map((h) => `${h}:${String(lower[h]).trim().toLowerCase()}\n`).join("");
  const canonicalRequest = [i.method.toUpperCase(), "/", i.query, canonicalHeaders, names.join(";"), sha256Hex(i.body)].join("\n");
  const date = new Date(i.timestamp * 1000).toISOString().slice(0, 10);
  const scope = `${date}/${i.service}/tc3_request`;
  const hashedCanonicalRequest = sha256Hex(canonicalRequest);
  const stringToSign = `TC3-HMAC-SHA256\n${i.timestamp}\n${scope}\n${hashedCanonicalRequest}`;
  const hmac = (key: string | Buffer, msg: string) => createHmac("sha256", key).update(msg).digest();
  const kSigning = hmac(hmac(hmac(`TC3${i.secretKey}`, date), i.service), "tc3_request");
  const signature = createHmac("sha256", kSigning).update(stringToSign).digest("hex");
  return { canonicalRequest, hashedCanonicalRequest, stringToSign, scope, signature };
}
