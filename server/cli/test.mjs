// `npm test`: the whole unit and integration suite on the embedded database, under TZ=UTC and again
// (unit tests) under Asia/Shanghai; the integration suite runs again on PostgreSQL when
// TEST_DATABASE_URL is set.
import { spawnSync } from "node:child_process";

const vitest = ["node_modules/vitest/vitest.mjs", "run"];
const extra = process.argv.slice(2);
const runs = [
  { label: "unit + integration (PGlite, TZ=UTC)", args: [...vitest, ...extra], env: { TZ: "UTC", TEST_DATABASE_URL: "" } },
  { label: "unit (TZ=Asia/Shanghai)", args: [...vitest, "--project", "unit", ...extra], env: { TZ: "Asia/Shanghai" } },
];
if (process.env.TEST_DATABASE_URL) {
  runs.push({ label: "integration (PostgreSQL)", args: [...vitest, "--project", "integration", ...extra], env: { TZ: "UTC" } });
}
for (const run of runs) {
  console.log(`\n=== ${run.label} ===`);
  const r = spawnSync(process.execPath, run.args, { stdio: "inherit", env: { ...process.env, NODE_ENV: "test", ...run.env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
