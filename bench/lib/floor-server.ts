/**
 * The transport floor: a bare node:http server that does each endpoint's work — the captured statements of a
 * read (bench/lib/capture.ts), the payment's query functions — and answers with the same JSON the app sent.
 * Started by bench/run.ts with the path of a spec file; prints "ready" when listening.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Group } from "./capture";

type Spec = {
  dbUrl: string;
  pool: number;
  port: number;
  reads: Record<string, { groups: Group[]; body: string }>;
  payment: { userId: string; orgId: string } | null;
};

const spec = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as Spec;
const sql = postgres(spec.dbUrl, { max: spec.pool, onnotice: () => {} });
const { replay } = await import("./capture");
const { setDb } = await import("@/db/client");
const schema = await import("@/db/schema");
setDb(drizzle(sql, { schema, casing: "snake_case" }) as never, () => sql.end(), "postgres");
const { paymentWork } = await import("./work");

const server = http.createServer((req, res) => {
  const name = (req.url ?? "").split("?")[0]!.replace(/^\/e\//, "");
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    void (async () => {
      try {
        let body: string;
        if (name === "payment" && spec.payment) {
          const input = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { json: never }).json;
          body = await paymentWork(spec.payment.userId, spec.payment.orgId, input);
        } else {
          const r = spec.reads[name];
          if (!r) {
            res.writeHead(404).end();
            return;
          }
          await replay(sql, r.groups);
          body = r.body;
        }
        res.writeHead(200, { "content-type": "application/json" }).end(body);
      } catch (err) {
        res.writeHead(500).end(String(err));
      }
    })();
  });
});
server.listen(spec.port, "127.0.0.1", () => process.stdout.write("ready\n"));
process.on("SIGTERM", () => {
  server.close();
  void sql.end({ timeout: 1 }).finally(() => process.exit(0));
});
