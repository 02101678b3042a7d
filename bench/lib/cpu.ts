/**
 * CPU time of processes from /proc (Linux): user + system time of a process and its descendants, and of the
 * PostgreSQL backends serving one database. Read before and after a measured window, the difference divided
 * by the requests answered is the CPU cost per request, comparable across changes whatever else the
 * machine is doing (unlike latency on a shared machine).
 */
import { readdirSync, readFileSync } from "node:fs";
import type postgres from "postgres";

/** Clock ticks per second of /proc's times (`getconf CLK_TCK`; 100 on Linux for x86 and arm). */
const CLK_TCK = 100;

type Stat = { pid: number; ppid: number; ticks: number };

function stat(pid: number): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces: the fields after it are space-separated.
    const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // After the name: state(3) ppid(4) … utime(14) stime(15), numbered from 1 with pid and name as 1 and 2.
    return { pid, ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) };
  } catch {
    return null;
  }
}

function allStats(): Stat[] {
  const out: Stat[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(Number(name));
    if (s) out.push(s);
  }
  return out;
}

/** Milliseconds of CPU used so far by `root` and every process under it. */
export function treeCpuMs(root: number): number {
  const stats = allStats();
  const children = new Map<number, Stat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  let ticks = 0;
  const seen = new Set<number>();
  const walk = (pid: number) => {
    if (seen.has(pid)) return;
    seen.add(pid);
    const s = stats.find((x) => x.pid === pid);
    if (s) ticks += s.ticks;
    for (const c of children.get(pid) ?? []) walk(c.pid);
  };
  walk(root);
  return (ticks * 1000) / CLK_TCK;
}

/**
 * The backends connected to `database` now (pg_stat_activity, the server on this machine) and their CPU so
 * far. A window's cost is the difference for the pids seen at both ends (the app's and the floors' pools
 * keep their connections open through a window).
 */
export async function postgresCpu(sql: postgres.Sql, database: string): Promise<Map<number, number>> {
  const rows = await sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${database} and pid <> pg_backend_pid()`;
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    const s = stat(pid);
    if (s) out.set(pid, (s.ticks * 1000) / CLK_TCK);
  }
  return out;
}

/** CPU milliseconds between two readings of postgresCpu (backends present in the second one; new ones from 0). */
export function postgresCpuSpent(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, t] of after) ms += t - (before.get(pid) ?? 0);
  return ms;
}
