import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliDecompressSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptsBrotli, createPrecompressedHandler, precompressStatic } from "../../server/cli/precompressed.mjs";

// The static handler of server/cli/start.mjs in front of a stand-in for Next that, like `next start`,
// answers gzip when asked and identity otherwise, and says so in an `x-answered-by` header.
const JS = `export function hello(name) { return "你好，" + name; }\n`.repeat(200);
const CSS = `.card { border: 1px solid #e2e8f0; border-radius: 0.75rem; }\n`.repeat(100);

let dir: string;
let server: Server;
let port: number;

function get(pathname: string, headers: Record<string, string> = {}, method = "GET") {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: pathname, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "xs-static-"));
  mkdirSync(path.join(dir, "chunks"), { recursive: true });
  mkdirSync(path.join(dir, "css"), { recursive: true });
  writeFileSync(path.join(dir, "chunks", "0abc.js"), JS);
  writeFileSync(path.join(dir, "chunks", "tiny.js"), "1");
  writeFileSync(path.join(dir, "css", "app.css"), CSS);
  writeFileSync(path.join(dir, "logo.png"), Buffer.alloc(4096, 7));
  const made = await precompressStatic(dir);
  expect(made.files).toBe(2);
  const handler = await createPrecompressedHandler(dir, { headers: [{ key: "X-Content-Type-Options", value: "nosniff" }] });
  server = createServer((req, res) => {
    if (handler(req, res)) return;
    const file = path.join(dir, (req.url ?? "").replace(/^\/_next\/static\//, "").split("?")[0]!);
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      res.writeHead(404, { "x-answered-by": "next" }).end();
      return;
    }
    const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    res.writeHead(200, { "x-answered-by": "next", ...(gzip ? { "content-encoding": "gzip" } : {}) });
    res.end(gzip ? gzipSync(body) : body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe("precompressed static assets", () => {
  it("answers a built JS file as Brotli to a browser that accepts br, with Next's headers", async () => {
    const res = await get("/_next/static/chunks/0abc.js", { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(res.status).toBe(200);
    expect(res.headers["x-answered-by"]).toBeUndefined();
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["content-type"]).toBe("application/javascript; charset=UTF-8");
    expect(res.headers["vary"]).toBe("Accept-Encoding");
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(Number(res.headers["content-length"])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(Buffer.byteLength(JS) / 10);
    expect(brotliDecompressSync(res.body).toString()).toBe(JS);
  });

  it("answers CSS as Brotli too, and a query string does not matter", async () => {
    const res = await get("/_next/static/css/app.css?v=1", { "accept-encoding": "br" });
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["content-type"]).toBe("text/css; charset=UTF-8");
    expect(brotliDecompressSync(res.body).toString()).toBe(CSS);
  });

  it("leaves a browser that does not accept br to Next: gzip, or identity", async () => {
    const gzip = await get("/_next/static/chunks/0abc.js", { "accept-encoding": "gzip, deflate" });
    expect(gzip.headers["x-answered-by"]).toBe("next");
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gzip.headers["vary"]).toBe("Accept-Encoding");
    const identity = await get("/_next/static/chunks/0abc.js");
    expect(identity.headers["x-answered-by"]).toBe("next");
    expect(identity.headers["content-encoding"]).toBeUndefined();
    expect(identity.body.toString()).toBe(JS);
    const refused = await get("/_next/static/chunks/0abc.js", { "accept-encoding": "br;q=0, gzip" });
    expect(refused.headers["x-answered-by"]).toBe("next");
    expect(refused.headers["content-encoding"]).toBe("gzip");
  });

  it("leaves everything else to Next: other paths, files without a .br, other methods, paths that climb out", async () => {
    const br = { "accept-encoding": "br" };
    for (const p of [
      "/login",
      "/_next/static/chunks/tiny.js",
      "/_next/static/logo.png",
      "/_next/static/chunks/0abc.js.br/..",
      "/_next/static/../chunks/0abc.js",
      "/_next/static/chunks/missing.js",
    ]) {
      expect((await get(p, br)).headers["x-answered-by"], p).toBe("next");
    }
    expect((await get("/_next/static/chunks/0abc.js", br, "POST")).headers["x-answered-by"]).toBe("next");
    const head = await get("/_next/static/chunks/0abc.js", br, "HEAD");
    expect(head.headers["content-encoding"]).toBe("br");
    expect(head.body.length).toBe(0);
  });

  it("compresses again only what changed since the last run", async () => {
    expect((await precompressStatic(dir)).files).toBe(0);
    const file = path.join(dir, "chunks", "0abc.js");
    const later = new Date(Date.now() + 5_000);
    utimesSync(file, later, later);
    expect((await precompressStatic(dir)).files).toBe(1);
  });

  it("reads Accept-Encoding as browsers and proxies write it", () => {
    expect(acceptsBrotli("gzip, deflate, br")).toBe(true);
    expect(acceptsBrotli("BR;q=0.5")).toBe(true);
    expect(acceptsBrotli("br;q=0")).toBe(false);
    expect(acceptsBrotli("*")).toBe(true);
    expect(acceptsBrotli("gzip, *;q=0")).toBe(false);
    expect(acceptsBrotli("gzip")).toBe(false);
    expect(acceptsBrotli(undefined)).toBe(false);
  });
});
