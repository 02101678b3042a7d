import { z } from "zod";

// Environment, parsed once. Anything the app needs from outside is named here.
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** PostgreSQL server; without it the embedded PGlite database in PGLITE_DIR is used. */
  DATABASE_URL: z.string().url().optional(),
  /** Migrations run as the tables' owner; defaults to DATABASE_URL. */
  MIGRATION_DATABASE_URL: z.string().url().optional(),
  /**
   * Optional streaming replica of DATABASE_URL: the outcome reports (dashboard and exports) read from it
   * in read-only transactions; everything else, and every write, uses DATABASE_URL. See docs/SCALING.md.
   */
  DATABASE_REPLICA_URL: z.string().url().optional(),
  PGLITE_DIR: z.string().default(".data/db"),
  UPLOAD_DIR: z.string().default(".data/uploads"),
  OUTBOX_FILE: z.string().default(".data/outbox.log"),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  APP_URL: z.string().url().default("http://localhost:3000"),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("协商 Xieshang <no-reply@xieshang.local>"),
  /** 32-byte key (base64) for personal data encrypted at rest; a development key is derived otherwise. */
  DATA_KEY: z.string().optional(),
  DB_POOL_MAX: z.coerce.number().int().positive().default(10),
  /**
   * Named prepared statements (postgres.js's default). "false" for a pooler in transaction mode that
   * cannot track them (PgBouncer before 1.21, or max_prepared_statements = 0). See docs/SCALING.md.
   */
  DB_PREPARE: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  cached ??= schema.parse(process.env);
  return cached;
}
