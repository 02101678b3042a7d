import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { AppError } from "@/server/errors";
import { errorData } from "@/server/trpc/init";
import { fieldsOf } from "../support/errors";
import { BUILDERS, buildWorld, callProcedure, databaseDigest, listProcedures, type World } from "../support/matrix";

/**
 * Bad input: every mutation, called by someone allowed to call it, gets at least RUNS invalid inputs
 * made by breaking one spot of a known-valid input (from the matrix's builders): a wrong type, a
 * 100,000-character string, a NUL byte, a negative or fractional number (fen included), an unknown key,
 * another organization's id or an unknown id. Each must be refused with 400 (with a field error) or
 * 404, and the database must not change (a digest of every table before and after). Then the valid
 * input itself must still go through, so the breakage, not the base input, was what got refused.
 */
const RUNS = 200;

let w: World;
beforeAll(async () => {
  w = await buildWorld();
  // Enrolment started, so a wrong code is the reason enableTwoFactor refuses the unbroken input.
  await w.a.as.admin.auth.beginTwoFactor();
}, 120_000);

type Path = Array<string | number>;
type Node = { path: Path; value: unknown };

function nodes(value: unknown, path: Path = []): Node[] {
  const out: Node[] = [{ path, value }];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...nodes(v, [...path, i])));
  else if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) out.push(...nodes(v, [...path, k]));
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let cur = copy;
  for (const p of path.slice(0, -1)) cur = cur[p] as Record<string | number, unknown>;
  cur[path[path.length - 1]!] = value;
  return copy;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A field that names an entity: `id`, `…Id`, or an item of `…Ids`. */
function isIdField(path: Path, value: unknown): boolean {
  const key = [...path].reverse().find((p) => typeof p === "string");
  return typeof value === "string" && UUID.test(value) && typeof key === "string" && /(^id|Id|Ids)$/.test(key);
}

type Breakage = { kind: string; input: unknown; expectNotFoundOk: boolean };

/** Breaks one spot of `valid` (chosen by the numbers fast-check draws). */
function breakInput(valid: unknown, pick: { node: number; variant: number; noise: string }): Breakage {
  const all = nodes(valid);
  const node = all[pick.node % all.length]!;
  const v = node.value;
  const options: Array<[string, unknown]> = [];
  if (typeof v === "string") {
    options.push(["wrongType:number", 42], ["wrongType:boolean", true], ["wrongType:object", { v }], ["wrongType:null", null]);
    options.push(["huge", v + "x".repeat(100_000)], ["nul", `${v.slice(0, 1)}\u0000${v.slice(1)}`], ["nulOnly", "\u0000"]);
    if (isIdField(node.path, v)) {
      options.push(["foreignId", w.foreignIds[pick.variant % w.foreignIds.length]], ["unknownId", randomUUID()]);
    }
    options.push(...stringBreakages(node.path, v));
  } else if (typeof v === "number") {
    options.push(["wrongType:string", String(v)], ["wrongType:boolean", false], ["wrongType:null", null]);
    options.push(["negative", -Math.abs(v) - 1], ["fraction", v + 0.5], ["nan", Number.NaN], ["tooBig", 2 ** 60]);
    options.push(...numberBreakages(node.path));
  } else if (typeof v === "boolean") {
    options.push(["wrongType:string", String(v)], ["wrongType:number", v ? 1 : 0], ["wrongType:null", null]);
  } else if (v instanceof Date) {
    options.push(["wrongType:string", "not a date"], ["wrongType:object", {}]);
    options.push(...instantBreakages());
  } else if (Array.isArray(v)) {
    options.push(["wrongType:string", "[]"], ["wrongType:object", { ...v }], ["wrongType:number", v.length]);
  } else if (isPlainObject(v)) {
    options.push(["unknownKey", { ...v, [`extra_${pick.noise.replace(/\W/g, "") || "x"}`]: pick.noise }]);
    options.push(["wrongType:string", JSON.stringify(v).slice(0, 50)], ["wrongType:array", [v]]);
    if (node.path.length === 0) options.push(["wrongType:null", null]);
  } else {
    options.push(["wrongType:string", "x"]);
  }
  const [kind, replacement] = options[pick.variant % options.length]!;
  return {
    kind: `${kind} at ${node.path.join(".") || "(root)"}`,
    input: setAt(valid, node.path, replacement),
    expectNotFoundOk: kind === "foreignId" || kind === "unknownId",
  };
}

// ------------------------------------------------------------------ the classes of issue 11, seam 12

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Text that PostgreSQL, the audit hash or a page cannot take: lone surrogates and control characters. */
function stringBreakages(path: Path, v: string): Array<[string, unknown]> {
  const inside = (c: string) => `${v.slice(0, 1)}${c}${v.slice(1)}`;
  const out: Array<[string, unknown]> = [
    ["nul", inside("\u0000")],
    ["loneHighSurrogate", inside("\uD800")],
    ["loneLowSurrogate", inside("\uDFFF")],
    ["halfEmojiAtEnd", `${v}\uD83D`],
    ["bell", inside("\u0007")],
    ["escape", inside("\u001b[31m")],
    ["c1Control", inside("\u0085")],
  ];
  if (DAY.test(v)) {
    out.push(
      ["year0000", "0000-01-01"],
      ["year9999", "9999-12-31"],
      ["feb30", "2026-02-30"],
      ["feb29NotLeap", "2025-02-29"],
      ["month13", "2026-13-01"],
      ["before1900", "1899-12-31"],
    );
  }
  if (isIdField(path, v)) out.push(["dashes36", "-".repeat(36)], ["zeros36", "0".repeat(36)], ["a36", "a".repeat(36)]);
  return out;
}

/**
 * Numbers past every bound: the largest safe integer (once accepted as fen), just over ¥100,000,000, and
 * (for counts and versions; ¥21,474,836.48 is a fine amount) just past int4.
 */
function numberBreakages(path: Path): Array<[string, unknown]> {
  const key = [...path].reverse().find((p) => typeof p === "string") ?? "";
  const out: Array<[string, unknown]> = [
    ["maxSafeInteger", Number.MAX_SAFE_INTEGER],
    ["overAmountBound", 10_000_000_001],
  ];
  if (!String(key).endsWith("Fen")) out.push(["overInt32", 2_147_483_648]);
  return out;
}

/** Instants that are not real or not in range, as Dates and as texts. */
function instantBreakages(): Array<[string, unknown]> {
  return [
    ["invalidDate", new Date(Number.NaN)],
    ["year0Date", new Date("0000-01-01T00:00:00Z")],
    ["year9999Date", new Date("9999-12-31T00:00:00Z")],
    ["feb30Text", "2026-02-30T10:00:00Z"],
    ["hour25Text", "2026-03-01T25:00:00Z"],
    ["noZoneText", "2026-03-01T10:00:00"],
    ["looseText", "March 1, 2026"],
    ["epochNumber", 0],
  ];
}

/** A value nested 50,000 arrays (or objects) deep. */
function deep(kind: "array" | "object", depth = 50_000): unknown {
  let v: unknown = "x";
  for (let i = 0; i < depth; i++) v = kind === "array" ? [v] : { a: v };
  return v;
}

/**
 * Every breakage of the new classes at every spot of a valid input (not a random sample): each is
 * refused with a field error or NOT_FOUND (for an id), never a 500, and nothing changes. Queries are
 * swept too; a query may also answer (it changes nothing), but never with a 500.
 */
function sweep(valid: unknown): Breakage[] {
  const out: Breakage[] = [];
  for (const node of nodes(valid)) {
    const v = node.value;
    const options: Array<[string, unknown]> =
      typeof v === "string"
        ? stringBreakages(node.path, v)
        : typeof v === "number"
          ? numberBreakages(node.path)
          : v instanceof Date
            ? instantBreakages()
            : [];
    options.push(["deepArray", deep("array")], ["deepObject", deep("object")], ["blank", ""], ["spaces", "   "]);
    for (const [kind, replacement] of options) {
      out.push({
        kind: `${kind} at ${node.path.join(".") || "(root)"}`,
        input: setAt(valid, node.path, replacement),
        // A blank optional text is valid (it is treated as absent): the call may go through.
        expectNotFoundOk: kind === "blank" || kind === "spaces",
      });
    }
  }
  return out;
}

/** The field errors carried by a refusal: zod issues or our AppError fields. */
function fieldErrors(e: TRPCError): Record<string, string[]> | null {
  const cause = e.cause;
  if (cause instanceof AppError) return cause.fields && Object.keys(cause.fields).length ? cause.fields : null;
  if (cause instanceof ZodError) {
    const out: Record<string, string[]> = {};
    for (const i of cause.issues) (out[i.path.map(String).join(".") || "_"] ??= []).push(i.code);
    return Object.keys(out).length ? out : null;
  }
  return null;
}

/** Who calls: someone allowed (anonymous for the public sign-up and invitation, else the admin). */
const CLIENT_ONLY = new Set(["consent.signAuthorisation", "consent.revokeAuthorisation", "consent.respondSignOff"]);

function callerOf(path: string) {
  if (path === "auth.signUp" || path === "auth.acceptInvitation") return w.a.as.anonymous;
  // Only the client herself signs or revokes her authorisation and answers a sign-off.
  if (CLIENT_ONLY.has(path)) return w.a.as.clientA;
  return w.a.as.admin;
}

/** Mutations whose valid input is itself refused for a business reason (so no "goes through" check). */
const VALID_IS_REFUSED: Record<string, string> = {
  "auth.enableTwoFactor": "BAD_REQUEST", // the code is not from an authenticator
  "auth.disableTwoFactor": "CONFLICT", // two-factor is not on
};

/**
 * plan.evaluate answers each scenario with ok or a reason (it saves nothing, and the builder shows the
 * reason beside the scenario): a debt that is not the client's is reported as `unknownDebt` there.
 */
const REPORTED_IN_ANSWER: Record<string, (b: Breakage, answer: unknown) => boolean> = {
  "plan.evaluate": (b, answer) =>
    b.expectNotFoundOk &&
    (answer as { scenarios: Array<{ ok: boolean; code?: string }> }).scenarios.every((s) => !s.ok && s.code === "unknownDebt"),
};

/** The import's dry run reports bad rows in its answer; the committing import must refuse them. */
const BASE_OVERRIDES: Record<string, Record<string, unknown>> = { "debt.import": { commit: true } };

const mutations = listProcedures().filter((p) => p.type === "mutation");
const timings: Record<string, number> = {};

describe("bad input to every mutation", () => {
  it("every mutation has an input schema (mutations without one take nothing)", () => {
    const withoutInput = mutations.filter((p) => !p.hasInput).map((p) => p.path);
    // These take no input at all: tRPC ignores whatever is sent, so there is nothing to refuse.
    expect(withoutInput).toEqual(["audit.verify", "auth.beginTwoFactor", "notification.markAllRead", "sample.load", "sample.remove"]);
  });

  for (const { path } of mutations.filter((p) => p.hasInput)) {
    it(`${path}: ${RUNS} invalid inputs are refused with 4xx and change nothing`, async () => {
      const started = performance.now();
      const build = BUILDERS[path];
      expect(build, `${path} has no input builder in tests/support/matrix.ts`).toBeDefined();
      const valid = { ...((await build!(w)) as object), ...BASE_OVERRIDES[path] };
      const caller = callerOf(path);
      const before = await databaseDigest();
      const failures: string[] = [];
      await fc.assert(
        fc.asyncProperty(fc.record({ node: fc.nat(), variant: fc.nat(), noise: fc.string({ maxLength: 8 }) }), async (pick) => {
          const b = breakInput(valid, pick);
          try {
            const answer = await callProcedure(caller, path, b.input);
            if (!REPORTED_IN_ANSWER[path]?.(b, answer)) failures.push(`${b.kind}: accepted`);
          } catch (e) {
            if (!(e instanceof TRPCError)) {
              failures.push(`${b.kind}: threw ${String(e)}`);
              return;
            }
            if (e.code === "BAD_REQUEST") {
              if (!fieldErrors(e)) failures.push(`${b.kind}: BAD_REQUEST without a field error`);
            } else if (!(e.code === "NOT_FOUND")) {
              failures.push(`${b.kind}: ${e.code}${b.expectNotFoundOk ? "" : " (expected BAD_REQUEST)"}`);
            }
          }
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
      const after = await databaseDigest();
      const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
      expect([...new Set(failures)]).toEqual([]);
      expect(changed, "tables changed by refused calls").toEqual([]);

      // The unbroken input still goes through (or is refused for its known business reason).
      let outcome = "ok";
      try {
        await callProcedure(caller, path, valid);
      } catch (e) {
        outcome = e instanceof TRPCError ? e.code : String(e);
      }
      expect(outcome).toBe(VALID_IS_REFUSED[path] ?? "ok");
      timings[path] = Math.round(performance.now() - started);
    }, 120_000);
  }

  it("reports timings", () => {
    if (process.env.BAD_INPUT_TIMINGS) console.log(JSON.stringify(timings));
  });
});

/**
 * Optional fields the matrix's builders leave out, added for the sweep so every kind of field is broken
 * somewhere: notes (budget lines took a blank note to a 500), single- and multi-line texts, dates, cash flows.
 */
const SWEEP_EXTRAS: Record<string, (valid: Record<string, unknown>) => Record<string, unknown>> = {
  "budget.save": (v) => ({
    ...v,
    incomes: [{ kind: "salary", monthlyFen: 800_000, note: "工资" }],
    expenses: [{ category: "housing", monthlyFen: 200_000, note: "房租" }],
    notes: "每月 10 日发工资",
  }),
  "client.create": (v) => ({ ...v, city: "杭州", householdSize: 3, dependents: 1, hardshipNarrative: "失业\n三个月" }),
  "client.update": (v) => ({ ...v, hardshipNarrative: "收入减少" }),
  "debt.create": (v) => ({
    ...v,
    contractNumber: "HT-001",
    loanDate: "2025-01-10",
    receivedFen: 290_000,
    overdueSince: "2026-01-05",
    notes: "催收电话很多",
    cashFlows: [{ date: "2025-01-10", amountFen: 290_000, direction: "disbursement" }],
  }),
  "lender.create": (v) => ({ ...v, legalName: "某小额贷款有限公司", hotline: "400-000-0000", notes: "只接受 App 内申请" }),
  "case.recordResponse": (v) => ({ ...v, note: "电话答复" }),
  "case.updateReferral": (v) => ({ ...v, outcome: "已受理" }),
  "case.transition": (v) => ({ ...v, reason: "材料齐全" }),
  "contact.append": (v) => ({ ...v, connected: true }),
  "payment.record": (v) => ({ ...v, note: "支付宝转账" }),
  "case.nextContactWindow": (v) => ({ ...v, from: new Date() }),
  "outcomes.summary": (v) => ({ ...v, from: "2026-01-01", to: "2026-06-30" }),
  "audit.list": (v) => ({ ...v, entityId: "abc", from: "2026-01-01", to: "2026-12-31" }),
  "caseload.list": (v) => ({ ...v, search: "客户", minOverdueDays: 30 }),
  "client.list": (v) => ({ ...v, search: "客户" }),
};

describe("huge amounts, broken text, impossible dates, huge versions, deep values and non-UUID ids at every spot", () => {
  const withInput = listProcedures().filter((p) => p.hasInput && p.type !== "subscription");

  /** What went wrong with one call, or null when the outcome is allowed. */
  async function judge(path: string, type: string, caller: ReturnType<typeof callerOf>, b: Breakage): Promise<string | null> {
    try {
      const answer = await callProcedure(caller, path, b.input);
      if (type === "query" || b.expectNotFoundOk || REPORTED_IN_ANSWER[path]?.(b, answer)) return null;
      return `${b.kind}: accepted`;
    } catch (e) {
      if (!(e instanceof TRPCError)) return `${b.kind}: threw ${String(e).slice(0, 200)}`;
      if (e.code === "BAD_REQUEST") return fieldErrors(e) ? null : `${b.kind}: BAD_REQUEST without a field error`;
      // A query may refuse in its own way; an accepted blank may leave a later call stale (CONFLICT).
      if (e.code === "NOT_FOUND" || ((type === "query" || b.expectNotFoundOk) && e.code !== "INTERNAL_SERVER_ERROR")) return null;
      return `${b.kind}: ${e.code}${e.code === "INTERNAL_SERVER_ERROR" ? ` (${String(e.cause).slice(0, 160)})` : ""}`;
    }
  }

  for (const { path, type } of withInput) {
    it(`${path}: every breakage of these classes is refused with a field error (or 404), never a 500, and changes nothing`, async () => {
      const build = BUILDERS[path];
      expect(build, `${path} has no input builder in tests/support/matrix.ts`).toBeDefined();
      const base = { ...((await build!(w)) as Record<string, unknown>), ...BASE_OVERRIDES[path] };
      const valid = SWEEP_EXTRAS[path]?.(base) ?? base;
      const caller = callerOf(path);
      const all = sweep(valid);
      const refused = all.filter((b) => !b.expectNotFoundOk);
      const before = await databaseDigest();
      const failures: string[] = [];
      for (const b of refused) {
        const problem = await judge(path, type, caller, b);
        if (problem) failures.push(problem);
      }
      const after = await databaseDigest();
      expect([...new Set(failures)]).toEqual([]);
      expect(
        Object.keys(after).filter((t) => after[t] !== before[t]),
        "tables changed by refused calls",
      ).toEqual([]);
      // The input with its extras is itself valid, so what was refused above was the breakage.
      if (SWEEP_EXTRAS[path]) await expect(callProcedure(caller, path, valid)).resolves.toBeDefined();
      // Blank texts may go through (a blank optional note is no note) but never fail with a 500.
      const blanks: string[] = [];
      for (const b of all.filter((x) => x.expectNotFoundOk)) {
        const problem = await judge(path, type, caller, b);
        if (problem) blanks.push(problem);
      }
      expect([...new Set(blanks)]).toEqual([]);
    }, 120_000);
  }
});

describe("forged page cursors", () => {
  const b64 = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v), "utf8").toString("base64url");
  const id = "123e4567-e89b-42d3-a456-426614174000";

  it("caseload.list refuses a cursor whose key PostgreSQL would not take (an impossible day, a huge number, a NUL)", async () => {
    const tries: Array<[string, "asc" | "desc", unknown]> = [
      ["nextDue", "asc", "2026-02-30"],
      ["nextDue", "asc", "0000-13-01"],
      ["overdue", "desc", 1e12],
      ["overdue", "desc", Number.MAX_SAFE_INTEGER],
      ["name", "asc", "a\u0000b"],
      ["name", "asc", "a\uD800"],
    ];
    for (const [sort, dir, key] of tries) {
      const cursor = b64([sort, dir, key, id]);
      expect(await fieldsOf(w.a.as.admin.caseload.list({ sort: sort as "name", dir, cursor })), `${sort} ${String(key)}`).toEqual({
        cursor: ["invalidCursor"],
      });
    }
    // The stand-ins for "no due date" are cursors the server itself writes: they still work.
    await expect(
      w.a.as.admin.caseload.list({ sort: "nextDue", dir: "asc", cursor: b64(["nextDue", "asc", "9999-12-31", id]) }),
    ).resolves.toBeDefined();
    // A cursor that is not base64url is refused before it is decoded.
    const refused = await w.a.as.admin.caseload.list({ cursor: "not a cursor!" }).catch((e: TRPCError) => e);
    expect(errorData(refused as TRPCError, "-").fields).toEqual({ cursor: ["invalidCursor"] });
  });

  it("notification.list refuses a cursor with a malformed id or an instant out of range", async () => {
    for (const raw of [
      `2026-03-01T00:00:00.000Z|${"-".repeat(36)}`,
      `+275760-09-13T00:00:00.000Z|${id}`,
      `0000-01-01T00:00:00.000Z|${id}`,
    ]) {
      expect(await fieldsOf(w.a.as.admin.notification.list({ cursor: b64(raw) })), raw).toEqual({ cursor: ["invalidCursor"] });
    }
  });
});

describe("request bodies over 1 MB", () => {
  const url = "http://localhost/api/trpc/client.create";
  const big = "x".repeat(1_000_001);

  it("the tRPC route answers 413 to a declared Content-Length over 1 MB, before reading it", async () => {
    const { POST } = await import("@/app/api/trpc/[trpc]/route");
    const res = await POST(
      new Request(url, {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": String(big.length) },
        body: big,
      }),
    );
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { data: { code: string; requestId: string } } };
    expect(body.error.data.code).toBe("PAYLOAD_TOO_LARGE");
    expect(res.headers.get("x-request-id")).toBe(body.error.data.requestId);
  });

  it("and to a body over 1 MB sent without Content-Length (chunked), reading no more than the limit", async () => {
    const { POST } = await import("@/app/api/trpc/[trpc]/route");
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024).fill(120);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 5_000_000) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const req = new Request(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(req.headers.get("content-length")).toBeNull();
    const res = await POST(req);
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(1_200_000);
  });

  it("a body within the limit is passed on whole (the helper the route uses)", async () => {
    const { limitBody, MAX_BODY } = await import("@/server/trpc/body-limit");
    const json = JSON.stringify({ json: { fullName: "客户".repeat(1000) } });
    const chunks = [json.slice(0, 100), json.slice(100)].map((s) => new TextEncoder().encode(s));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks) controller.enqueue(c);
        controller.close();
      },
    });
    const out = await limitBody(new Request(url, { method: "POST", body: stream, duplex: "half" } as RequestInit), MAX_BODY);
    expect(await out?.text()).toBe(json);
    // Exactly at the limit is allowed, one byte over is not.
    const atLimit = "y".repeat(MAX_BODY);
    expect(await (await limitBody(new Request(url, { method: "POST", body: atLimit })))?.text()).toHaveLength(MAX_BODY);
    expect(await limitBody(new Request(url, { method: "POST", body: atLimit + "y" }))).toBeNull();
  });
});
