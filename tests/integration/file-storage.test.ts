import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
// s3rver: an S3-compatible server in Node (filesystem-backed), run on loopback here. It parses the SigV4
// Authorization header and checks the access key id, but does not recompute v4 signatures: the signing
// itself is the AWS SDK's, and this test cannot prove a real store would accept it.
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { debts, lenders } from "@/db/schema";
import { parseEnv } from "@/server/env";
import { handleDownload, handleUpload } from "@/server/http/documents";
import { LocalFolderStorage, S3Storage, setFileStorage, storageFromEnv, type S3StorageOptions } from "@/server/storage";
import { createTenant } from "../support/factories";

const BUCKET = "xieshang-test";
const dir = mkdtempSync(path.join(tmpdir(), "xs-s3-"));
let server: S3rver;
let options: S3StorageOptions;
const clients: S3Storage[] = [];

function store(overrides: Partial<S3StorageOptions> = {}): S3Storage {
  const s = new S3Storage({ ...options, ...overrides });
  clients.push(s);
  return s;
}

beforeAll(async () => {
  server = new S3rver({ address: "127.0.0.1", port: 0, directory: dir, silent: true, configureBuckets: [{ name: BUCKET }] });
  const address = await server.run();
  // s3rver's built-in account; it refuses any other access key id.
  options = {
    bucket: BUCKET,
    region: "us-east-1",
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    endpoint: `http://127.0.0.1:${address.port}`,
    forcePathStyle: true,
  };
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const keyOf = () => `${randomUUID()}/${randomUUID()}`;

describe("S3-compatible file storage", () => {
  it("puts, gets and removes bytes exactly; a missing object is null", async () => {
    const s = store();
    const key = keyOf();
    const bytes = new Uint8Array(256 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + 7) % 256;
    await s.put(key, bytes);
    const got = await s.get(key);
    expect(got).not.toBeNull();
    expect(createHash("sha256").update(got!).digest("hex")).toBe(createHash("sha256").update(bytes).digest("hex"));

    // Overwriting replaces the whole object.
    await s.put(key, new Uint8Array([1, 2, 3]));
    expect([...(await s.get(key))!]).toEqual([1, 2, 3]);

    await s.remove(key);
    expect(await s.get(key)).toBeNull();
    await expect(s.remove(key)).resolves.toBeUndefined();
    expect(await s.get(keyOf())).toBeNull();
  });

  it("sends its credentials: an unknown access key is refused; a key that is not ours never reaches the store", async () => {
    const key = keyOf();
    await expect(store({ accessKeyId: "SOMEONE-ELSE" }).put(key, new Uint8Array([1]))).rejects.toThrow(/Access Key Id/);
    expect(await store().get(key)).toBeNull();
    await expect(store().put("../../etc/passwd", new Uint8Array([1]))).rejects.toThrow(/unexpected key/);
  });

  it("an upload through the documents service lands in the bucket and downloads for allowed users only", async () => {
    const s = store();
    setFileStorage(s);
    const t = await createTenant();
    const db = await getDb();
    const lenderId = randomUUID();
    await db.insert(lenders).values({ orgId: t.orgId, id: lenderId, name: `存储测试 ${lenderId.slice(0, 6)}`, licenceType: "bank" });
    const debtId = randomUUID();
    await db.insert(debts).values({
      orgId: t.orgId,
      id: debtId,
      clientId: t.clientA.id,
      lenderId,
      originalPrincipalFen: 100_000,
      outstandingPrincipalFen: 100_000,
      interestFen: 0,
      penaltyFen: 0,
      feesFen: 0,
      rateValue: "18",
      rateUnit: "annual",
      annualRatePct: "18",
    });
    const { id: caseId } = await t.as.counselorA.case.open({ debtId });

    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4]);
    const form = new FormData();
    form.set("caseId", caseId);
    form.set("kind", "income-proof");
    form.set("file", new File([png], "工资条.png"));
    const actor = { orgId: t.orgId, userId: t.counselorA.id, role: "counselor" as const, requestId: "t" };
    const res = await handleUpload(new Request("http://localhost/api/documents", { method: "POST", body: form }), actor);
    expect(res.status).toBe(201);
    const doc = (await res.json()) as { id: string };

    // The bytes are in the bucket under "<org>/<document>", not on the local disk.
    expect([...(await s.get(`${t.orgId}/${doc.id}`))!]).toEqual([...png]);
    const down = await handleDownload(doc.id, actor);
    expect(down.status).toBe(200);
    expect([...new Uint8Array(await down.arrayBuffer())]).toEqual([...png]);
    expect((await handleDownload(doc.id, { ...actor, userId: t.clientUserB.id, role: "client" })).status).toBe(404);
  });
});

describe("choosing the storage from the environment", () => {
  it("the local folder by default, S3 when S3_BUCKET and both keys are set", () => {
    expect(storageFromEnv(parseEnv({}))).toBeInstanceOf(LocalFolderStorage);
    const e = parseEnv({
      S3_BUCKET: "uploads",
      S3_ENDPOINT: "http://127.0.0.1:9000",
      S3_ACCESS_KEY_ID: "id",
      S3_SECRET_ACCESS_KEY: "secret",
      S3_FORCE_PATH_STYLE: "true",
    });
    expect(e.S3_FORCE_PATH_STYLE).toBe(true);
    expect(e.S3_REGION).toBe("us-east-1");
    const s = storageFromEnv(e);
    expect(s).toBeInstanceOf(S3Storage);
    (s as S3Storage).destroy();
  });

  it("half a configuration is refused at start-up, naming what is missing", () => {
    expect(() => parseEnv({ S3_BUCKET: "uploads" })).toThrow(/S3_ACCESS_KEY_ID/);
    expect(() => parseEnv({ S3_ENDPOINT: "http://127.0.0.1:9000" })).toThrow(/S3_BUCKET/);
    expect(() =>
      parseEnv({ S3_BUCKET: "uploads", S3_ACCESS_KEY_ID: "a", S3_SECRET_ACCESS_KEY: "b", S3_FORCE_PATH_STYLE: "yes" }),
    ).toThrow();
  });
});
