import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../server/domain/errors";
import { canonicalJson, chainHash, type ChainEntry, linkEntry, verifyChain } from "../../server/domain/hash-chain";

type Content = {
  caseId: string;
  at: Date;
  kind: string;
  amountFen: bigint;
  note: string;
  tags: string[];
};

const contents: Content[] = [
  {
    caseId: "c1",
    at: new Date("2026-03-04T01:00:00Z"),
    kind: "call",
    amountFen: 0n,
    note: "首次致电",
    tags: [],
  },
  {
    caseId: "c1",
    at: new Date("2026-03-05T02:00:00Z"),
    kind: "sms",
    amountFen: 120000n,
    note: "offer",
    tags: ["a"],
  },
  {
    caseId: "c1",
    at: new Date("2026-03-06T03:00:00Z"),
    kind: "call",
    amountFen: 0n,
    note: "no answer",
    tags: [],
  },
  {
    caseId: "c1",
    at: new Date("2026-03-09T04:00:00Z"),
    kind: "letter",
    amountFen: 5n,
    note: "",
    tags: ["b", "c"],
  },
  {
    caseId: "c1",
    at: new Date("2026-03-10T05:00:00Z"),
    kind: "call",
    amountFen: 9n,
    note: "agreed",
    tags: [],
  },
];

function buildChain(items: readonly unknown[]): ChainEntry[] {
  const chain: ChainEntry[] = [];
  for (const [i, content] of items.entries()) {
    chain.push({ id: `e${i + 1}`, content, ...linkEntry(chain.at(-1)?.hash ?? null, content) });
  }
  return chain;
}

function entryAt(chain: ChainEntry[], i: number): ChainEntry {
  const entry = chain[i];
  if (!entry) throw new Error(`no entry ${i}`);
  return entry;
}

const altered: { [K in keyof Content]: (value: Content[K]) => Content[K] } = {
  caseId: (v) => `${v}x`,
  at: (v) => new Date(v.getTime() + 1),
  kind: (v) => (v === "call" ? "sms" : "call"),
  amountFen: (v) => v + 1n,
  note: (v) => `${v} `,
  tags: (v) => [...v, "z"],
};

describe("chainHash", () => {
  it("is sha256 of the previous hash (or GENESIS), a newline and the canonical JSON", () => {
    // Known answer, computed outside the code: printf 'GENESIS\n{"a":1}' | sha256sum
    expect(chainHash(null, { a: 1 })).toBe("1bd293e6f4bf6dca8c1e4a6ade312e51982d20f1e47286668c286fc6b9c9661b");
    const prev = "ab".repeat(32);
    const expected = createHash("sha256").update(`${prev}\n{"a":1,"b":[true,null]}`).digest("hex");
    expect(chainHash(prev, { b: [true, null], a: 1 })).toBe(expected);
  });

  it("the first hash is not the hash of the content alone", () => {
    expect(chainHash(null, { a: 1 })).not.toBe(createHash("sha256").update('{"a":1}').digest("hex"));
    expect(chainHash(null, { a: 1 })).not.toBe(chainHash("", { a: 1 }));
  });
});

describe("verifyChain", () => {
  const chain = buildChain(contents);

  it("verifies an intact chain, and an empty one", () => {
    expect(verifyChain(chain)).toEqual({ ok: true, count: 5 });
    expect(verifyChain([])).toEqual({ ok: true, count: 0 });
    expect(entryAt(chain, 0).prevHash).toBeNull();
    expect(entryAt(chain, 3).prevHash).toBe(entryAt(chain, 2).hash);
  });

  it("still verifies when Dates and bigints come back from storage as strings", () => {
    const fromJsonb = chain.map((entry) => ({
      ...entry,
      content: JSON.parse(JSON.stringify(entry.content, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))),
    }));
    expect(verifyChain(fromJsonb)).toEqual({ ok: true, count: 5 });
  });

  const fields = Object.keys(altered) as (keyof Content)[];
  const edits = contents.flatMap((_, i) => fields.map((field) => [i, field] as const));

  it.each(edits)("detects an edit of entry %i's %s at that entry", (i, field) => {
    const tampered = chain.map((entry) => ({ ...entry }));
    const original = contents[i];
    if (!original) throw new Error("fixture");
    const edit = altered[field] as (value: unknown) => unknown;
    entryAt(tampered, i).content = { ...original, [field]: edit(original[field]) };
    expect(verifyChain(tampered)).toEqual({ ok: false, brokenAt: `e${i + 1}`, reason: "hash-mismatch" });
  });

  it("detects an added field and a removed field", () => {
    const added = chain.map((entry) => ({ ...entry }));
    entryAt(added, 2).content = { ...contents[2], extra: 1 };
    expect(verifyChain(added)).toEqual({ ok: false, brokenAt: "e3", reason: "hash-mismatch" });
    const removed = chain.map((entry) => ({ ...entry }));
    const { note: _note, ...withoutNote } = contents[1] as Content;
    entryAt(removed, 1).content = withoutNote;
    expect(verifyChain(removed)).toEqual({ ok: false, brokenAt: "e2", reason: "hash-mismatch" });
  });

  it("detects an edit whose hash was recomputed, at the next entry", () => {
    const tampered = chain.map((entry) => ({ ...entry }));
    const edited = { ...contents[1], note: "changed" };
    Object.assign(entryAt(tampered, 1), {
      content: edited,
      hash: chainHash(entryAt(chain, 1).prevHash, edited),
    });
    expect(verifyChain(tampered)).toEqual({ ok: false, brokenAt: "e3", reason: "prev-mismatch" });
  });

  it.each([0, 1, 2, 3, 4])("detects an altered hash of entry %i at that entry", (i) => {
    const tampered = chain.map((entry) => ({ ...entry }));
    entryAt(tampered, i).hash = "0".repeat(64);
    expect(verifyChain(tampered)).toEqual({ ok: false, brokenAt: `e${i + 1}`, reason: "hash-mismatch" });
  });

  it("detects reordering at the first entry out of place", () => {
    const swapped = [chain[0], chain[2], chain[1], chain[3], chain[4]] as ChainEntry[];
    expect(verifyChain(swapped)).toEqual({ ok: false, brokenAt: "e3", reason: "prev-mismatch" });
    const reversed = [...chain].reverse();
    expect(verifyChain(reversed)).toEqual({ ok: false, brokenAt: "e5", reason: "prev-mismatch" });
  });

  it.each([1, 2, 3])("detects deletion of middle entry %i at the entry after it", (i) => {
    const shortened = chain.filter((_, j) => j !== i);
    expect(verifyChain(shortened)).toEqual({ ok: false, brokenAt: `e${i + 2}`, reason: "prev-mismatch" });
  });

  it("detects deletion of the first entry and a first entry that claims a predecessor", () => {
    expect(verifyChain(chain.slice(1))).toEqual({ ok: false, brokenAt: "e2", reason: "prev-mismatch" });
    const tampered = chain.map((entry) => ({ ...entry }));
    entryAt(tampered, 0).prevHash = "f".repeat(64);
    expect(verifyChain(tampered)).toEqual({ ok: false, brokenAt: "e1", reason: "prev-mismatch" });
  });

  it("a truncated tail still verifies: pin the latest hash elsewhere to detect it", () => {
    expect(verifyChain(chain.slice(0, 3))).toEqual({ ok: true, count: 3 });
  });

  it("detects any single-entry change in any chain (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { minLength: 1, maxLength: 8 }), fc.nat(), fc.jsonValue(), (items, pick, replacement) => {
        const built = buildChain(items);
        expect(verifyChain(built)).toEqual({ ok: true, count: built.length });
        const i = pick % built.length;
        fc.pre(canonicalJson(replacement) !== canonicalJson(items[i]));
        const tampered = built.map((entry) => ({ ...entry }));
        entryAt(tampered, i).content = replacement;
        expect(verifyChain(tampered)).toEqual({
          ok: false,
          brokenAt: `e${i + 1}`,
          reason: "hash-mismatch",
        });
      }),
    );
  });
});

describe("canonicalJson", () => {
  it("sorts keys at every depth and has no whitespace", () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: "x y" }], é: null, A: true })).toBe(
      '{"A":true,"a":[1,{"c":"x y","d":2}],"b":1,"é":null}',
    );
    expect(canonicalJson([])).toBe("[]");
    expect(canonicalJson({})).toBe("{}");
    expect(canonicalJson('引号"\n')).toBe('"引号\\"\\n"');
  });

  it("writes Dates as ISO strings and bigints as strings", () => {
    expect(canonicalJson({ at: new Date("2026-01-01T00:00:00+08:00"), n: 12345678901234567890n })).toBe(
      '{"at":"2025-12-31T16:00:00.000Z","n":"12345678901234567890"}',
    );
  });

  it("accepts an object referenced twice (not a cycle) and null-prototype objects", () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { z: 1, y: 2 });
    expect(canonicalJson(bare)).toBe('{"y":2,"z":1}');
  });

  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  it.each([
    ["undefined", undefined],
    ["an undefined field", { a: 1, b: undefined }],
    ["an undefined array item", [1, undefined]],
    // eslint-disable-next-line no-sparse-arrays -- the sparse array is the input under test
    ["a sparse array", [1, , 3]],
    ["a function", { f: () => 1 }],
    ["a symbol", { s: Symbol("s") }],
    ["NaN", { n: Number.NaN }],
    ["Infinity", [Number.POSITIVE_INFINITY]],
    ["an invalid Date", { at: new Date(Number.NaN) }],
    ["a Map", { m: new Map([["a", 1]]) }],
    ["a Set", new Set([1])],
    ["a class instance", { u: new URL("https://example.com") }],
    ["a cycle", cyclic],
  ])("refuses %s", (_label, value) => {
    let error: unknown;
    try {
      canonicalJson(value);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("canonical_json_unsupported");
  });

  /** A deep copy whose objects list their keys in another order. */
  function reorderKeys(value: unknown, seed: number): unknown {
    if (Array.isArray(value)) return value.map((item, i) => reorderKeys(item, seed + i));
    if (value === null || typeof value !== "object") return value;
    const keys = Object.keys(value);
    const rotated = keys.map((_, i) => keys[(i + seed) % keys.length] as string).reverse();
    return Object.fromEntries(rotated.map((key) => [key, reorderKeys((value as Record<string, unknown>)[key], seed + 1)]));
  }

  it("does not depend on key order (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(100), (value, seed) => {
        expect(canonicalJson(reorderKeys(value, seed))).toBe(canonicalJson(value));
      }),
    );
  });

  it("is valid JSON of the same value and stable when re-read (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const json = canonicalJson(value);
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(JSON.parse(json))).toBe(json);
      }),
    );
  });
});
