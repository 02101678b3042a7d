import { beforeAll, describe, expect, it, vi } from "vitest";
import { createTenant, type Tenant } from "../support/factories";

/**
 * The file routes and pages take ids from the path or the query. The old check `^[0-9a-f-]{36}$` let 36
 * dashes (or zeros, or letters) through to PostgreSQL, which failed with a 500. One strict UUID check
 * (server/schemas/common.ts isUuid) now answers 404 to any id that is not a UUID, as to one that is not
 * there. The tRPC route is robust to a malformed organization cookie and to a body nested 50,000 deep.
 */
const session = vi.hoisted(() => ({ userId: null as string | null, orgId: null as string | null }));
vi.mock("@/server/auth/session", () => ({
  sessionUserId: async () => session.userId,
  activeOrgId: async () => session.orgId,
}));

const MALFORMED = ["-".repeat(36), "0".repeat(36), "a".repeat(36), "g".repeat(8) + "-0000-4000-8000-000000000000", "%00".repeat(12)];
const UNKNOWN = "123e4567-e89b-42d3-a456-426614174000";

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
  session.userId = t.counselorA.id;
  session.orgId = t.orgId;
});

/** The status a route answers, 500 when it throws (Next.js would answer 500). */
async function status(call: () => Promise<Response>): Promise<number> {
  try {
    return (await call()).status;
  } catch {
    return 500;
  }
}

const params = (id: string) => ({ params: Promise.resolve({ id }) });

describe("ids in file routes", () => {
  it("GET /api/documents/<id>: 404 for a malformed or unknown id", async () => {
    const { GET } = await import("@/app/api/documents/[id]/route");
    for (const id of [...MALFORMED, UNKNOWN]) {
      expect(await status(() => GET(new Request(`http://localhost/api/documents/${id}`), params(id))), id).toBe(404);
    }
  });

  it("GET /api/cases/<id>/calendar: 404 for a malformed or unknown id", async () => {
    const { GET } = await import("@/app/api/cases/[id]/calendar/route");
    for (const id of [...MALFORMED, UNKNOWN]) {
      expect(await status(() => GET(new Request(`http://localhost/api/cases/${id}/calendar`), params(id))), id).toBe(404);
    }
  });

  it("GET /api/cases/<id>/letter: 404 for a malformed case or proposal id", async () => {
    const { GET } = await import("@/app/api/cases/[id]/letter/route");
    for (const id of MALFORMED) {
      expect(await status(() => GET(new Request(`http://localhost/api/cases/${id}/letter`), params(id))), id).toBe(404);
      const url = `http://localhost/api/cases/${UNKNOWN}/letter?proposalId=${encodeURIComponent(id)}`;
      expect(await status(() => GET(new Request(url), params(UNKNOWN))), `proposalId ${id}`).toBe(404);
    }
  });

  it("GET /api/export?clientId=<id>: 404 for a malformed or unknown id", async () => {
    const { GET } = await import("@/app/api/export/route");
    session.userId = t.admin.id;
    try {
      for (const id of [...MALFORMED, UNKNOWN]) {
        expect(await status(() => GET(new Request(`http://localhost/api/export?clientId=${encodeURIComponent(id)}`))), id).toBe(404);
      }
    } finally {
      session.userId = t.counselorA.id;
    }
  });
});

describe("an uploaded file's name", () => {
  it("is cut to 200 characters without splitting an emoji, and loses control characters", async () => {
    const { cleanFilename } = await import("@/server/services/documents");
    const { textProblem } = await import("@/server/domain/bounds");
    for (const name of [`a${"😀".repeat(150)}.pdf`, `${"收据".repeat(120)}😀.jpg`, "回单\u0085\u0007.png"]) {
      const cleaned = cleanFilename(name);
      expect(textProblem(cleaned, false), name.slice(0, 10)).toBeNull();
      expect(Array.from(cleaned).length).toBeLessThanOrEqual(200);
      expect(() => encodeURIComponent(cleaned)).not.toThrow();
    }
  });
});

describe("the tRPC route", () => {
  it("ignores a malformed organization cookie instead of failing every request", async () => {
    const { GET } = await import("@/app/api/trpc/[trpc]/route");
    for (const cookie of ["xs_org=%E0%A4%A", `xs_org=${"-".repeat(36)}`, "xs_org=%"]) {
      const res = await GET(new Request("http://localhost/api/trpc/auth.me", { headers: { cookie } }));
      expect(res.status, cookie).toBe(200);
    }
  });

  it("answers a body nested 50,000 deep, or one that is not JSON, with 400", async () => {
    const { POST } = await import("@/app/api/trpc/[trpc]/route");
    const post = (body: string) =>
      POST(
        new Request("http://localhost/api/trpc/client.create", { method: "POST", headers: { "content-type": "application/json" }, body }),
      );
    const deep = `{"json":${"[".repeat(50_000)}1${"]".repeat(50_000)}}`;
    const deepObject = `{"json":{"fullName":${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}}}`;
    for (const body of [
      deep,
      deepObject,
      "not json {",
      '{"json":',
      `{"json":{"fullName":"x"},"meta":{"values":{"fullName":${"[".repeat(20_000)}"Date"${"]".repeat(20_000)}}}}`,
    ]) {
      const res = await post(body);
      expect(res.status, body.slice(0, 30)).toBe(400);
    }
  });
});
