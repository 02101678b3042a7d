// Brotli for the built JavaScript and CSS (docs/decisions/005-brotli-static-assets.md). `next start`
// compresses with gzip only, on every request; these files never change after a build, so they are
// compressed once, at the highest Brotli quality, and served as they are.
import { createReadStream } from "node:fs";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants } from "node:zlib";

const compress = promisify(brotliCompress);

/** What is worth compressing, and the Content-Type each is served with (as `next start` sends them). */
const TYPES = {
  ".js": "application/javascript; charset=UTF-8",
  ".css": "text/css; charset=UTF-8",
  ".json": "application/json; charset=UTF-8",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=UTF-8",
  ".map": "application/json; charset=UTF-8",
};
/** Next's header for /_next/static: the file names carry a content hash. */
const IMMUTABLE = "public, max-age=31536000, immutable";
const PREFIX = "/_next/static/";

async function* walk(dir) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (error.code === "ENOENT") return;
    throw error;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

/**
 * Writes `<file>.br` (quality 11) beside every compressible file of `staticDir` (a build's
 * `.next/static`) that has none yet or an older one; keeps it only when smaller. Two at a time.
 * Returns how many files were compressed and the bytes before and after.
 */
export async function precompressStatic(staticDir) {
  const todo = [];
  for await (const file of walk(staticDir)) {
    if (!(path.extname(file) in TYPES)) continue;
    const source = await stat(file);
    if (source.size < 512) continue;
    const existing = await stat(`${file}.br`).catch(() => null);
    if (existing && existing.mtimeMs >= source.mtimeMs) continue;
    todo.push(file);
  }
  const totals = { files: 0, bytes: 0, brotliBytes: 0 };
  const work = async () => {
    for (let file = todo.shift(); file; file = todo.shift()) {
      const body = await readFile(file);
      const br = await compress(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      });
      if (br.length >= body.length) continue;
      await writeFile(`${file}.br`, br);
      totals.files += 1;
      totals.bytes += body.length;
      totals.brotliBytes += br.length;
    }
  };
  await Promise.all([work(), work()]);
  return totals;
}

/** Whether an Accept-Encoding header accepts br (a `q=0` refuses it; `*` accepts it). */
export function acceptsBrotli(header) {
  if (!header) return false;
  let star = false;
  for (const part of String(header).split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const accepted = !q || Number(q.slice(2)) > 0;
    if (name === "br") return accepted;
    if (name === "*") star = accepted;
  }
  return star;
}

/**
 * A request handler for the `.br` files under `staticDir`, indexed once (the build does not change
 * while the server runs). Returns true when it answered; false leaves the request to Next, untouched:
 * anything outside /_next/static/, a file without a `.br`, a browser that does not accept br, or a
 * method other than GET/HEAD. `headers` are added to every answer (the app's security headers).
 */
export async function createPrecompressedHandler(staticDir, { headers = [] } = {}) {
  const files = new Map();
  for await (const file of walk(staticDir)) {
    if (!file.endsWith(".br")) continue;
    const original = file.slice(0, -3);
    const type = TYPES[path.extname(original)];
    if (!type) continue;
    const url = PREFIX + path.relative(staticDir, original).split(path.sep).map(encodeURIComponent).join("/");
    files.set(url, { file, type, size: (await stat(file)).size });
  }
  const handler = (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const url = req.url ?? "";
    if (!url.startsWith(PREFIX)) return false;
    const query = url.indexOf("?");
    const entry = files.get(query === -1 ? url : url.slice(0, query));
    if (!entry) return false;
    res.setHeader("Vary", "Accept-Encoding");
    if (!acceptsBrotli(req.headers["accept-encoding"])) return false;
    for (const { key, value } of headers) res.setHeader(key, value);
    res.writeHead(200, {
      "Content-Type": entry.type,
      "Content-Encoding": "br",
      "Content-Length": entry.size,
      "Cache-Control": IMMUTABLE,
    });
    if (req.method === "HEAD") res.end();
    else
      createReadStream(entry.file)
        .on("error", (error) => res.destroy(error))
        .pipe(res);
    return true;
  };
  handler.size = files.size;
  return handler;
}
