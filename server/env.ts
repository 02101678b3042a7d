import { z } from "zod";

// Environment, parsed once. Anything the app needs from outside is named here.
const schema = z
  .object({
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
    /**
     * Uploaded files go to an S3-compatible object store when S3_BUCKET is set (with both keys); otherwise to
     * UPLOAD_DIR. S3_ENDPOINT is for stores other than AWS (MinIO, Ceph, a cloud's S3-compatible service);
     * path-style addressing ("endpoint/bucket/key") is what most of those expect.
     */
    S3_BUCKET: z.string().min(3).optional(),
    S3_ENDPOINT: z.string().url().optional(),
    S3_REGION: z.string().min(1).default("us-east-1"),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_FORCE_PATH_STYLE: z
      .enum(["true", "false", "1", "0"])
      .default("false")
      .transform((v) => v === "true" || v === "1"),
    OUTBOX_FILE: z.string().default(".data/outbox.log"),
    NEXTAUTH_SECRET: z.string().min(16).optional(),
    NEXTAUTH_URL: z.string().url().optional(),
    APP_URL: z.string().url().default("http://localhost:3000"),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default("协商 Xieshang <no-reply@xieshang.local>"),
    /** 32-byte key (base64) for personal data encrypted at rest; a development key is derived otherwise. */
    DATA_KEY: z.string().optional(),
    /** How often (seconds) the server makes and e-mails notifications for every organization; 0 turns it off. */
    NOTIFY_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(300),
    /**
     * Where SMS go (decision 015): "outbox" (default) appends each to SMS_OUTBOX_FILE and sends nothing;
     * "aliyun" or "tencent" send through that provider's official SDK with the keys below.
     */
    SMS_PROVIDER: z.enum(["outbox", "aliyun", "tencent"]).default("outbox"),
    SMS_OUTBOX_FILE: z.string().default(".data/sms-outbox.log"),
    /** The registered signature (签名) shown at the start of every SMS. */
    SMS_SIGN_NAME: z.string().min(1).max(40).default("协商"),
    /** The provider's approved template per purpose (Aliyun "SMS_…" codes, Tencent numeric ids). */
    SMS_TEMPLATE_INVITATION: z.string().min(1).default("invitation"),
    SMS_TEMPLATE_INSTALMENT: z.string().min(1).default("instalment"),
    SMS_TEMPLATE_DOCUMENT: z.string().min(1).default("document"),
    SMS_TEMPLATE_MESSAGE: z.string().min(1).default("message"),
    ALIYUN_SMS_ACCESS_KEY_ID: z.string().min(1).optional(),
    ALIYUN_SMS_ACCESS_KEY_SECRET: z.string().min(1).optional(),
    /** Host, or a full URL for a test server ("http://127.0.0.1:port"). */
    ALIYUN_SMS_ENDPOINT: z.string().min(1).default("dysmsapi.aliyuncs.com"),
    TENCENT_SMS_SECRET_ID: z.string().min(1).optional(),
    TENCENT_SMS_SECRET_KEY: z.string().min(1).optional(),
    TENCENT_SMS_SDK_APP_ID: z.string().min(1).optional(),
    TENCENT_SMS_REGION: z.string().min(1).default("ap-guangzhou"),
    TENCENT_SMS_ENDPOINT: z.string().min(1).default("sms.tencentcloudapi.com"),
    /** Shared secret in the provider's callback URLs (?token=…): status reports and replies such as 退订. */
    SMS_CALLBACK_TOKEN: z.string().min(16).optional(),
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
  })
  .superRefine((e, ctx) => {
    if (e.S3_BUCKET && (!e.S3_ACCESS_KEY_ID || !e.S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({
        code: "custom",
        path: ["S3_ACCESS_KEY_ID"],
        message: "S3_BUCKET is set: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are needed too",
      });
    }
    if (e.SMS_PROVIDER === "aliyun" && (!e.ALIYUN_SMS_ACCESS_KEY_ID || !e.ALIYUN_SMS_ACCESS_KEY_SECRET)) {
      ctx.addIssue({
        code: "custom",
        path: ["ALIYUN_SMS_ACCESS_KEY_ID"],
        message: "SMS_PROVIDER=aliyun needs ALIYUN_SMS_ACCESS_KEY_ID and _SECRET",
      });
    }
    if (e.SMS_PROVIDER === "tencent" && (!e.TENCENT_SMS_SECRET_ID || !e.TENCENT_SMS_SECRET_KEY || !e.TENCENT_SMS_SDK_APP_ID)) {
      ctx.addIssue({
        code: "custom",
        path: ["TENCENT_SMS_SECRET_ID"],
        message: "SMS_PROVIDER=tencent needs TENCENT_SMS_SECRET_ID, TENCENT_SMS_SECRET_KEY and TENCENT_SMS_SDK_APP_ID",
      });
    }
    if (!e.S3_BUCKET && (e.S3_ENDPOINT || e.S3_ACCESS_KEY_ID || e.S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({
        code: "custom",
        path: ["S3_BUCKET"],
        message: "S3 settings are given but S3_BUCKET is not: set it, or remove the others",
      });
    }
  });

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Parses a given environment (tests pass their own); the app reads `env()`. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  return schema.parse(source);
}

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
