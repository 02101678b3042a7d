// `npm run db:seed [-- --force]`: seeds the demo organization. Refuses a database that already holds
// data unless --force is given.
import { closeDb, getDb } from "@/db/client";
import { formatLogins, seedUnlessData } from "@/db/seed";

const seeded = await seedUnlessData(await getDb(), { force: process.argv.includes("--force") });
if (seeded === "refused") {
  console.error(
    "The database already holds data; nothing was seeded. Run `npm run db:seed -- --force` to add the demo organization anyway.",
  );
  await closeDb();
  process.exit(1);
}
console.log(formatLogins(seeded));
await closeDb();
