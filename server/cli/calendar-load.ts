// `npm run calendar:load -- <year>.json [--source <url>] [--notice-date YYYY-MM-DD] [--dry-run]`: checks a
// year's holiday arrangement (the holiday-cn format) and replaces that year in the holiday table, in one
// transaction; `--list` shows what the calendar covers. Connects like `npm run db:migrate` (the owner role:
// MIGRATION_DATABASE_URL, else DATABASE_URL), or opens the embedded database when neither is set.
// See README "Adding next year's holidays" and docs/decisions/007-holiday-table.md.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { closeDb, getDb, setDb } from "@/db/client";
import * as schema from "@/db/schema";
import { env } from "@/server/env";
import { checkHolidayFile, formatCoverage, formatLoadReport, loadHolidayFile } from "@/server/services/holidays";

const USAGE = `Usage:
  npm run calendar:load -- <year>.json [--source <notice url>] [--notice-date YYYY-MM-DD] [--dry-run]
  npm run calendar:load -- --list`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      source: { type: "string" },
      "notice-date": { type: "string" },
      "dry-run": { type: "boolean", default: false },
      list: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
}
try {
  args = parse();
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
const { values, positionals } = args;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.list && positionals.length !== 1) fail(USAGE);

let raw: unknown;
const file = positionals[0];
if (file) {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    fail(`Cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    raw = JSON.parse(text);
  } catch (err) {
    fail(`Refused ${file}: it is not valid JSON (${(err as Error).message}). Nothing was changed.`);
  }
}

// Checked before the database is opened: a broken file is refused at once.
const options = { fileName: file, source: values.source, noticeDate: values["notice-date"], dryRun: values["dry-run"] };
if (file) {
  const checked = checkHolidayFile(raw, options);
  if (!checked.ok) fail(`Refused ${file}; nothing was changed:\n${checked.problems.map((p) => `  - ${p}`).join("\n")}`);
}

const url = process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL;
if (url) {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  setDb(drizzle(client, { schema, casing: "snake_case" }) as never, () => client.end(), "postgres");
} else {
  // The embedded database belongs to one process at a time: a second one would corrupt its folder.
  const dir = env().PGLITE_DIR;
  if (existsSync(path.join(dir, "postmaster.pid"))) {
    fail(
      `The embedded database in "${dir}" is open in another process (the app?). Stop the app, then run this ` +
        `again. If no process uses it, the file postmaster.pid there was left by a crash: delete it and retry.`,
    );
  }
}

try {
  const db = await getDb();
  if (values.list) {
    console.log(await formatCoverage(db));
  } else {
    const result = await loadHolidayFile(db, raw, options);
    if (!result.ok) {
      console.error(`Refused ${file}; nothing was changed:\n${result.problems.map((p) => `  - ${p}`).join("\n")}`);
      process.exitCode = 1;
    } else {
      console.log(formatLoadReport(result));
    }
  }
} catch (err) {
  const code = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
  if (code === "42P01") console.error("The holiday table does not exist yet: run `npm run db:migrate` first.");
  else console.error(err);
  process.exitCode = 1;
} finally {
  await closeDb();
}
