import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import { env } from "@/server/env";

/**
 * Personal data at rest (national ID, phone): AES-256-GCM with a key from DATA_KEY (32 bytes, base64).
 * Ciphertext format: "v1:<iv>:<tag>:<data>" (base64url). The version prefix names the key, so a key
 * rotation adds "v2" beside "v1" and re-encrypts in the background (docs/SECURITY.md).
 */
const VERSION = "v1";

function key(): Buffer {
  const configured = env().DATA_KEY;
  if (configured) {
    const k = Buffer.from(configured, "base64");
    if (k.length !== 32) throw new Error("DATA_KEY must be 32 bytes, base64-encoded");
    return k;
  }
  if (env().NODE_ENV === "production" && !process.env.XS_ALLOW_DERIVED_KEY) {
    throw new Error("DATA_KEY is required in production");
  }
  // Development and tests: a key derived from the session secret (npm start generates both in .data/).
  return createHash("sha256")
    .update(`xieshang-data:${process.env.NEXTAUTH_SECRET ?? "dev"}`)
    .digest();
}

export function encrypt(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(":");
}

export function decrypt(sealed: string): string {
  const [version, iv, tag, data] = sealed.split(":");
  if (version !== VERSION || !iv || !tag || !data) throw new Error("unknown ciphertext version");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

/** Keyed hash for exact-match search on an encrypted value. */
export function blindIndex(value: string): string {
  return createHmac("sha256", key()).update(`idx:${value}`).digest("base64url");
}

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}
