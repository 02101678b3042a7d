// `npm start`: build if needed, then serve on the embedded database (or DATABASE_URL) at :3000.
// Migrations and the demo seed run inside the server process (server/boot.ts), the one owner of the
// PGlite folder.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { prepareEnv } from "./prepare-env.mjs";

const env = prepareEnv({ pgliteDir: ".data/db" });
const next = "node_modules/next/dist/bin/next";

if (!existsSync(".next/BUILD_ID") || process.env.XS_REBUILD === "1") {
  console.log("Building the app (first start only; takes a few minutes)…");
  const built = spawnSync(process.execPath, [next, "build"], { stdio: "inherit", env: { ...env, NODE_ENV: "production" } });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const port = env.PORT ?? "3000";
const child = spawn(process.execPath, [next, "start", "-p", port], { stdio: "inherit", env: { ...env, NODE_ENV: "production" } });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
