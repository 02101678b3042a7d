// The demo seed of a new embedded database, in a child process while Next starts in this one
// (docs/decisions/019-demo-start-and-sample-data.md). The child writes into a folder beside the
// database's and renames it into place when the seed is complete, so a start interrupted mid-seed
// leaves no half-seeded database behind. The state is shared with the server's bundles through
// globalThis (server/demo-seed-state.ts reads the same key); the database is opened when the child is done.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const KEY = Symbol.for("xieshang.demoSeed");

/** Starts the seed when the embedded database folder is new; returns whether it did. */
export function startEmbeddedSeed() {
  const dir = process.env.PGLITE_DIR;
  // XS_SEED_CHILD=0: the server seeds in process before it takes requests, as before (to compare start times).
  if (process.env.DATABASE_URL || !dir || process.env.XS_SEED === "0" || process.env.XS_SEED_CHILD === "0") return false;
  if (existsSync(dir) && readdirSync(dir).length > 0) return false;
  const staging = `${path.resolve(dir)}.seeding`;
  rmSync(staging, { recursive: true, force: true });
  const started = Date.now();
  const child = spawn(process.execPath, ["--import", "tsx", "server/cli/seed-embedded.ts"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, PGLITE_DIR: staging, XS_SEED_TARGET: path.resolve(dir) },
  });
  // The login page first: the seed yields the CPU to Next's start where both want it.
  try {
    os.setPriority(child.pid, 10);
  } catch {
    // not permitted here: same priority
  }
  const state = { done: false, ok: false, promise: Promise.resolve() };
  state.promise = new Promise((resolve) => {
    child.once("exit", (code) => {
      state.done = true;
      state.ok = code === 0;
      if (!state.ok) {
        rmSync(staging, { recursive: true, force: true });
        console.error(`The demo seed did not finish (exit ${code}); the server seeds in process instead.`);
      } else console.log(`Demo data ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      resolve();
    });
  });
  // The child stops with this process.
  process.once("exit", () => {
    if (!state.done) child.kill("SIGKILL");
  });
  globalThis[KEY] = state;
  return true;
}
