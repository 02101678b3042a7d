// `npm run db:seed [-- --force]`: seeds the demo organization. Refuses a database that already holds
// data unless --force is given.
import { closeDb, getDb } from "@/db/client";
import { databaseHasData, formatLogins, seedDemo } from "@/db/seed";

const force = process.argv.includes("--force");
const db = await getDb();
if ((await databaseHasData(db)) && !force) {
  console.error("The database already holds data; nothing was seeded. Run `npm run db:seed -- --force` to add the demo organization anyway.");
  await closeDb();
  process.exit(1);
}
console.log(formatLogins(await seedDemo(db)));
await closeDb();
