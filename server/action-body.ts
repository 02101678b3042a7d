import { MAX_ACTION_BODY_BYTES, MAX_BODY_DEPTH, jsonDepthWithin } from "@/server/domain/bounds";
import { limitBody } from "@/server/trpc/body-limit";

/**
 * A server action's body, checked before Next.js decodes it. Next answers 500 to any body its decoder
 * cannot take: malformed JSON, one over its size limit, one nested so deep that the decoder's recursive
 * JSON reviver runs out of stack (50,000 levels did), or a reference to a part the body does not have
 * ("$Q1", "$1": "Connection closed."). The app's actions take plain data (the portal's payment report),
 * which the browser sends as one JSON text, so a body is refused here unless it is such a text of at most
 * MAX_ACTION_BODY_BYTES, nests at most MAX_BODY_DEPTH levels, and holds no reference but the plain
 * values' encodings. An action that takes files or FormData would need multipart bodies let through.
 * Returns the refusal (a plain 400, or 413 for size), or null to let the request through.
 */
export async function refuseActionBody(request: Request): Promise<Response | null> {
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) return refusal(400);
  // The proxy gets its own copy of the body (Next.js passes the original on), so it is read here directly;
  // a clone would be a tee whose cancel (over the limit) waits for the other branch.
  const read = await limitBody(request, MAX_ACTION_BODY_BYTES);
  if (!read) return refusal(413);
  const text = await read.text();
  if (!jsonDepthWithin(text, MAX_BODY_DEPTH)) return refusal(400);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refusal(400);
  }
  return onlyPlainValues(value) ? null : refusal(400);
}

// How React encodes plain values in a reply: "$$…" (a text starting with $), undefined, NaN, ±Infinity, -0,
// a bigint, a Date. Any other "$…" text refers to another part of a multipart body.
const PLAIN_ENCODING = /^\$(\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|n-?\d+$|D)/;

function onlyPlainValues(value: unknown): boolean {
  if (typeof value === "string") return !value.startsWith("$") || PLAIN_ENCODING.test(value);
  if (Array.isArray(value)) return value.every(onlyPlainValues);
  if (value && typeof value === "object") return Object.values(value).every(onlyPlainValues);
  return true;
}

function refusal(status: 400 | 413): Response {
  const messageKey = status === 413 ? "tooLarge" : "input.requestUnreadable";
  return Response.json({ error: { messageKey } }, { status, headers: { "cache-control": "no-store" } });
}
