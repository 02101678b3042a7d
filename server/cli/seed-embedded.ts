// The child process of server/cli/embedded-seed.mjs: migrates and seeds a new embedded database in the
// staging folder (PGLITE_DIR), closes it, and renames it to the real folder (XS_SEED_TARGET).
import { existsSync, renameSync, rmdirSync } from "node:fs";
import { closeDb, getDb } from "@/db/client";
import { databaseHasData, formatLogins, seedDemo } from "@/db/seed";

const target = process.env.XS_SEED_TARGET;
if (!target || !process.env.PGLITE_DIR) throw new Error("PGLITE_DIR and XS_SEED_TARGET are required");
const db = await getDb();
if (!(await databaseHasData(db))) process.stdout.write(formatLogins(await seedDemo(db)) + "\n");
await closeDb();
// The real folder was empty when the seed started (a folder with anything in it is never replaced).
if (existsSync(target)) rmdirSync(target);
renameSync(process.env.PGLITE_DIR, target);
