import { getDb } from "@/db/client";
import { demoSeedPending } from "@/server/demo-seed-state";

/**
 * Whether the server can serve signed-in pages: 503 while the demo data of a new embedded database is being
 * written (decision 019), 200 once the database is open. The login page polls it; the e2e server waits for it.
 */
export async function readiness(): Promise<Response> {
  const headers = { "cache-control": "no-store" };
  if (demoSeedPending()) return Response.json({ ready: false }, { status: 503, headers });
  await getDb();
  return Response.json({ ready: true }, { headers });
}
