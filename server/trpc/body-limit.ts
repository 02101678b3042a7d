/** Request bodies over this many bytes are refused with 413 (uploads use their own route). */
export const MAX_BODY = 1_000_000;

/**
 * The request with its body read into memory, or null when the body is over `max` bytes. A declared
 * Content-Length over the limit is refused before anything is read; a body without one (chunked) is
 * read only up to the limit, so a client cannot get around the check by leaving the header out.
 */
export async function limitBody(req: Request, max = MAX_BODY): Promise<Request | null> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (!Number.isFinite(declared) || declared > max) return null;
  if (!req.body) return req;
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return new Request(req.url, { method: req.method, headers: req.headers, body, signal: req.signal });
}
