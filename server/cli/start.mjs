// `npm start`: build if needed, then serve on the embedded database (or DATABASE_URL) at :3000.
// Migrations and the demo seed run inside the server process (server/boot.ts, from the
// instrumentation hook), the one owner of the PGlite folder; it also closes the database on
// SIGINT/SIGTERM. Next runs in this process through its custom-server API, behind one addition: the
// built JavaScript and CSS are served precompressed with Brotli to browsers that accept it
// (docs/decisions/005-brotli-static-assets.md); every other request goes to Next unchanged.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { startEmbeddedSeed } from "./embedded-seed.mjs";
import { createPrecompressedHandler, precompressStatic } from "./precompressed.mjs";
import { prepareEnv } from "./prepare-env.mjs";
import { securityHeaders } from "../security-headers.mjs";

const env = prepareEnv({ pgliteDir: ".data/db" });
Object.assign(process.env, env, { NODE_ENV: "production" });

if (!existsSync(".next/BUILD_ID") || process.env.XS_REBUILD === "1") {
  console.log("Building the app (first start only; takes a few minutes)…");
  const built = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit", env: process.env });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

// A new embedded database is seeded in a child process while Next starts (decision 019).
startEmbeddedSeed();

// After `npm run build` the postbuild step has done this; after a plain `next build` it happens here.
const staticDir = path.join(".next", "static");
const made = await precompressStatic(staticDir);
if (made.files > 0)
  console.log(`Brotli: ${made.files} static files, ${Math.round(made.bytes / 1024)} kB → ${Math.round(made.brotliBytes / 1024)} kB`);
const precompressed = await createPrecompressedHandler(staticDir, { headers: securityHeaders });

const port = Number(process.env.PORT ?? 3000);
const { default: next } = await import("next");
const httpServer = createServer((req, res) => {
  if (precompressed(req, res)) return;
  handle(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
// Like `next start`: every interface; Next itself is told the name it is reached by.
const app = next({ dev: false, dir: process.cwd(), port, hostname: "localhost", httpServer });
const handle = app.getRequestHandler();
await app.prepare();
httpServer.listen(port, () => console.log(`▲ Ready on http://localhost:${port}`));
