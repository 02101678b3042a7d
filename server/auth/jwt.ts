import { hkdfSync, randomUUID } from "node:crypto";
import { EncryptJWT, jwtDecrypt } from "jose";
import type { JWT, JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";

/**
 * next-auth's own session-token format (JWE, dir + A256GCM, key = HKDF-SHA256 of the secret), with the key
 * derived once per secret instead of on every request: next-auth v4 derives it in each encode and decode,
 * and a request both decodes and re-encodes (rolling expiry), which made HKDF a visible share of every API
 * call. Tokens are interchangeable with next-auth's default encode/decode.
 */
const keys = new Map<string, Uint8Array>();

function derivedKey(secret: JWTEncodeParams["secret"], salt = ""): Uint8Array {
  const id = `${typeof secret === "string" ? secret : Buffer.from(secret).toString("base64")}\u0000${salt}`;
  let key = keys.get(id);
  if (!key) {
    const info = `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`;
    key = new Uint8Array(hkdfSync("sha256", secret, salt, info, 32));
    keys.set(id, key);
  }
  return key;
}

const DEFAULT_MAX_AGE = 30 * 24 * 60 * 60;

export async function encodeJwt({ token = {}, secret, maxAge = DEFAULT_MAX_AGE, salt = "" }: JWTEncodeParams): Promise<string> {
  const now = (Date.now() / 1000) | 0;
  return new EncryptJWT(token)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt()
    .setExpirationTime(now + maxAge)
    .setJti(randomUUID())
    .encrypt(derivedKey(secret, salt));
}

export async function decodeJwt({ token, secret, salt = "" }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, derivedKey(secret, salt), { clockTolerance: 15 });
  return payload as JWT;
}
