/**
 * What the bench data loader and the bench runner agree on: the database, the keys the app needs to read the
 * data (personal data is encrypted with BENCH_DATA_KEY), the one password of every bench user, and who is who
 * in the big organization.
 */
export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/xieshang_bench";
/** 32 bytes, base64: a fixed key so any bench run can decrypt what any data load wrote. Bench data only. */
export const BENCH_DATA_KEY = Buffer.alloc(32, 7).toString("base64");
export const BENCH_NEXTAUTH_SECRET = "bench-secret-bench-secret-bench-secret";
export const BENCH_PASSWORD = "xieshang-bench-2026";
export const BENCH_EMAIL_DOMAIN = "bench.xieshang.local";

/** The organization holding 40 % of the rows is org 0. */
export const adminEmail = (org: number) => `admin@org${org}.${BENCH_EMAIL_DOMAIN}`;
export const counselorEmail = (org: number, n: number) => `counselor${n}@org${org}.${BENCH_EMAIL_DOMAIN}`;

/** The administrative database on the same server (to create and drop the bench database). */
export function adminUrl(url: string): string {
  const u = new URL(url);
  u.pathname = "/postgres";
  return u.toString();
}

export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bench database name must be a plain identifier: ${name}`);
  return name;
}

/** The command line's options: `--key value`, `--key=value`, or a bare `--flag` (then "true"). */
export function cliArgs(argv: readonly string[] = process.argv.slice(2)): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith("--")) {
      const [k, v] = a.slice(2).split("=");
      args.set(k!, v ?? (argv[i + 1]?.startsWith("--") === false ? argv[++i]! : "true"));
    }
  }
  return args;
}
