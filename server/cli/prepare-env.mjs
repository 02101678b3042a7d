import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Local secrets for a machine without configuration: created once in .data/ (git-ignored), reused
 * after. A deployment sets NEXTAUTH_SECRET and DATA_KEY in its environment instead.
 */
export function prepareEnv({ pgliteDir }) {
  mkdirSync(".data", { recursive: true });
  const file = path.join(".data", "secrets.json");
  let secrets = {};
  if (existsSync(file)) secrets = JSON.parse(readFileSync(file, "utf8"));
  let changed = false;
  for (const [name, make] of [
    ["NEXTAUTH_SECRET", () => randomBytes(32).toString("base64url")],
    ["DATA_KEY", () => randomBytes(32).toString("base64")],
  ]) {
    if (!secrets[name]) {
      secrets[name] = make();
      changed = true;
    }
  }
  if (changed) writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  const env = { ...process.env };
  env.NEXTAUTH_SECRET ??= secrets.NEXTAUTH_SECRET;
  env.DATA_KEY ??= secrets.DATA_KEY;
  env.NEXTAUTH_URL ??= `http://localhost:${env.PORT ?? 3000}`;
  env.APP_URL ??= env.NEXTAUTH_URL;
  if (!env.DATABASE_URL) env.PGLITE_DIR ??= pgliteDir;
  // We close the database ourselves on SIGINT/SIGTERM (server/boot.ts) before the process exits.
  env.NEXT_MANUAL_SIG_HANDLE = "1";
  env.NEXT_TELEMETRY_DISABLED = "1";
  return env;
}
