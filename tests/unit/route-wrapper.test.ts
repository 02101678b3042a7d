import { describe, expect, it } from "vitest";
import { AppError, fieldError } from "@/server/errors";
import { errorResponse, queryId, serve, type RouteHandler } from "@/server/http/serve";
import type { Actor } from "@/server/services/access";

const ID = "0b7a3a52-6a57-4b7e-9a59-8f2c5f0e0c11";
const admin: Actor = { orgId: ID, userId: ID, role: "admin", requestId: "req-1" };
const client: Actor = { ...admin, role: "client" };
const req = (url = "http://localhost/api/x") => new Request(url);
const ok: RouteHandler<"id"> = async ({ params, actor }) => Response.json({ id: params.id, requestId: actor.requestId });

describe("the route wrapper (serve)", () => {
  it("runs the handler for a permitted actor, with the request id on the actor and the response", async () => {
    const res = await serve("case.read", ok, { req: req(), actor: admin, params: { id: ID } });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("req-1");
    expect(await res.json()).toEqual({ id: ID, requestId: "req-1" });
  });

  it("refuses an actor without the permission with 403 before the handler runs", async () => {
    let ran = false;
    const res = await serve("outcome.read", async () => ((ran = true), new Response("x")), { req: req(), actor: client });
    expect(res.status).toBe(403);
    expect(ran).toBe(false);
    expect(await res.json()).toMatchObject({ error: { code: "FORBIDDEN", messageKey: "forbidden", requestId: "req-1" } });
  });

  it("answers a malformed path id as a row that is not there (404)", async () => {
    const res = await serve("case.read", ok, { req: req(), actor: admin, params: { id: "../etc/passwd" } });
    expect(res.status).toBe(404);
  });

  it("gives each AppError its status from the table, with its field codes and figures", async () => {
    const conflict = await serve(
      "case.read",
      async () => {
        throw new AppError("CONFLICT");
      },
      { req: req(), actor: admin },
    );
    expect(conflict.status).toBe(409);
    const field = await serve(
      "case.read",
      async () => {
        throw fieldError("file", "fileEmpty", { maxMb: 20 });
      },
      { req: req(), actor: admin },
    );
    expect(field.status).toBe(400);
    expect(await field.json()).toEqual({
      error: { code: "INVALID_INPUT", messageKey: "fileEmpty", fields: { file: ["fileEmpty"] }, params: { maxMb: 20 }, requestId: "req-1" },
    });
  });

  it("answers an unknown error with 500, the generic key and the request id, never its text", async () => {
    const res = errorResponse(new Error("password=hunter2"), "req-9");
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({ error: { code: "INTERNAL", messageKey: "internal", requestId: "req-9" } });
    expect(body).not.toContain("hunter2");
  });

  it("reads an optional id from the query: absent → undefined, malformed → NOT_FOUND", () => {
    expect(queryId(new URL(`http://x/?p=${ID}`), "p")).toBe(ID);
    expect(queryId(new URL("http://x/"), "p")).toBeUndefined();
    expect(() => queryId(new URL("http://x/?p=1"), "p")).toThrow(AppError);
  });
});
