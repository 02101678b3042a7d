/**
 * Embedded start (issue 7, part 4): the time from `npm start` in a fresh clone to a served login page.
 *
 * Clones this repository's committed HEAD into a temporary folder, provides node_modules by copying this
 * checkout's (hard links, so no network and no `npm install` is timed: the measured time starts at
 * `npm start`), then measures three starts, each until GET /login answers 200:
 *   1. fresh clone: no build, no database — builds the app, creates secrets, migrates, seeds;
 *   2. existing build, new database — what a restart after deleting .data/ costs;
 *   3. existing build and database — an everyday restart.
 *
 *   npm run bench:start                  # BENCH_PORT (default 3244), KEEP_CLONE=1 to keep the folder
 *
 * Writes bench/results/start-time-<date>.json and .md.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { log, writeResults } from "./page-app";

const PORT = process.env.BENCH_PORT ?? "3244";
const BASE = `http://localhost:${PORT}`;

/** `seconds`: the login page served; `readySeconds`: the demo data written and the database open (GET /api/ready 200). */
type Run = { name: string; seconds: number; readySeconds: number };

/** The environment of a person trying the app: no database server configured, the default folder. */
function embeddedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT, LOG_LEVEL: "warn", NEXT_TELEMETRY_DISABLED: "1" };
  for (const name of ["DATABASE_URL", "DATABASE_REPLICA_URL", "MIGRATION_DATABASE_URL", "PGLITE_DIR", "NEXTAUTH_URL", "APP_URL"])
    delete env[name];
  return env;
}

async function timeStart(cwd: string, name: string): Promise<Run> {
  const started = performance.now();
  const child = spawn("npm", ["start"], {
    cwd,
    detached: true, // its own process group, so npm, the start script and next stop together
    env: embeddedEnv(),
    stdio: ["ignore", "ignore", "inherit"],
  });
  let exited = false;
  child.on("exit", () => (exited = true));
  try {
    for (;;) {
      if (exited) throw new Error(`${name}: npm start exited before serving /login`);
      try {
        const res = await fetch(`${BASE}/login`);
        if (res.status === 200 && (await res.text()).includes("<form")) break;
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 900_000) throw new Error(`${name}: no login page after 15 minutes`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const seconds = (performance.now() - started) / 1000;
    // A new database is seeded while the server starts (decision 019): the login page says so until it is done.
    for (;;) {
      if (exited) throw new Error(`${name}: npm start exited before the demo data was ready`);
      const res = await fetch(`${BASE}/api/ready`).catch(() => null);
      if (res?.status === 200) break;
      if (performance.now() - started > 900_000) throw new Error(`${name}: not ready after 15 minutes`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const readySeconds = (performance.now() - started) / 1000;
    log(`${name}: login page ${seconds.toFixed(1)} s, demo data ready ${readySeconds.toFixed(1)} s`);
    return { name, seconds, readySeconds };
  } finally {
    if (!exited) {
      const done = new Promise((r) => child.once("exit", r));
      process.kill(-child.pid!, "SIGINT");
      await Promise.race([done, new Promise((r) => setTimeout(r, 20_000))]);
      if (!exited) process.kill(-child.pid!, "SIGKILL");
    }
  }
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "xieshang-start-"));
  const clone = path.join(dir, "app");
  try {
    const branch = spawnSync("git", ["rev-parse", "--abbrev-ref", "HEAD"], { encoding: "utf8" }).stdout.trim();
    const cloned = spawnSync("git", ["clone", "--quiet", "--no-hardlinks", "--branch", branch, process.cwd(), clone], { stdio: "inherit" });
    if (cloned.status !== 0) throw new Error("git clone failed");
    const copied = spawnSync("cp", ["-al", path.join(process.cwd(), "node_modules"), path.join(clone, "node_modules")], {
      stdio: "inherit",
    });
    if (copied.status !== 0) throw new Error("copying node_modules failed");
    const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: clone, encoding: "utf8" }).stdout.trim();
    log(`fresh clone of ${commit} in a temporary folder; node_modules copied (hard links), no network`);

    const load = os.loadavg();
    const runs: Run[] = [];
    runs.push(await timeStart(clone, "fresh clone (builds, new database)"));
    rmSync(path.join(clone, ".data"), { recursive: true, force: true });
    runs.push(await timeStart(clone, "existing build, new database"));
    runs.push(await timeStart(clone, "existing build and database"));

    const md = [
      `# Embedded start — ${new Date().toISOString()}`,
      "",
      `From \`npm start\` to the first 200 answer of GET /login with the sign-in form, on the embedded database (PGlite), ${os.cpus().length} CPU cores, load average ${load.map((l) => l.toFixed(1)).join(" / ")} at the start (other work on the machine slows the build).`,
      `A fresh \`git clone\` of ${commit}; node_modules provided by copying an installed one (no network; \`npm install\` is not timed).`,
      "",
      "| start | login page, s | demo data ready, s |",
      "|---|---:|---:|",
      ...runs.map((r) => `| ${r.name} | ${r.seconds.toFixed(1)} | ${r.readySeconds.toFixed(1)} |`),
      "",
    ].join("\n");
    const out = writeResults(
      "start-time",
      { date: new Date().toISOString(), commit, cpus: os.cpus().length, loadAverage: load, node: process.version, runs },
      md,
    );
    log(`wrote ${out.json} and ${out.md}`);
  } finally {
    if (process.env.KEEP_CLONE === "1") log(`kept ${clone}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
