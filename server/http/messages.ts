/** A message with a photo or file (multipart), and the SMS providers' callbacks (delivery reports, replies such as 退订). */
import { timingSafeEqual } from "node:crypto";
import { MAX_UPLOAD_BYTES } from "@/server/domain/file-type";
import { env } from "@/server/env";
import { AppError, fieldError } from "@/server/errors";
import { log } from "@/server/log";
import type { Actor } from "@/server/services/access";
import { sendMessage } from "@/server/services/messages";
import { listOrganizationIdsAsSystem } from "@/server/services/notification-jobs";
import { recordDeliveryReport, recordInboundReply } from "@/server/services/sms";
import { serve, type RouteHandler } from "./serve";

const MULTIPART_SLACK = 64 * 1024;

/** Fields `body` (text, may be empty with a file), `file` (optional) and `clientId` (staff; a client's is her own). */
export const send: RouteHandler = async ({ req, actor }) => {
  const length = Number(req.headers.get("content-length") ?? "0");
  if (length > MAX_UPLOAD_BYTES + MULTIPART_SLACK) {
    throw new AppError("TOO_LARGE", { messageKey: "fileTooLarge", params: { maxMb: MAX_UPLOAD_BYTES / 1024 / 1024 } });
  }
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    throw fieldError("file", "multipartRequired");
  }
  const body = form.get("body");
  const file = form.get("file");
  const clientId = form.get("clientId");
  if (body !== null && typeof body !== "string") throw fieldError("body", "invalid_type");
  if (
    clientId !== null &&
    (typeof clientId !== "string" || !/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(clientId))
  ) {
    throw new AppError("NOT_FOUND");
  }
  const attached = file instanceof Blob && file.size > 0 ? file : null;
  const result = await sendMessage(actor, {
    clientId: clientId ?? undefined,
    body: body ?? "",
    file: attached
      ? { filename: attached instanceof File ? attached.name : "photo", bytes: new Uint8Array(await attached.arrayBuffer()) }
      : undefined,
  });
  return Response.json(result, { status: 201 });
};

/** The send as `actor` (what POST /api/messages runs after the session). */
export const handleSend = (req: Request, actor: Actor) => serve("message.send", send, { req, actor });

// ------------------------------------------------------------------------- provider callbacks (no session)

/** The callback URL's token, compared in constant time; without SMS_CALLBACK_TOKEN configured every callback is refused. */
function tokenOk(req: Request): boolean {
  const expected = env().SMS_CALLBACK_TOKEN;
  const given = new URL(req.url).searchParams.get("token") ?? "";
  if (!expected || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

type Report = { reference?: string; providerMessageId?: string; delivered: boolean; detail?: string };
type Reply = { phone: string; text: string };

/**
 * The two providers' callback bodies (JSON arrays), as their documentation shows them. Aliyun SmsReport:
 * `out_id` (our reference), `biz_id`, `success`, `err_code`; SmsUp: `phone_number`, `content`. Tencent
 * status: `sid` (the SerialNo), `report_status` SUCCESS / FAIL, `errmsg`; reply: `mobile`, `text`.
 */
function reportsOf(provider: string, items: unknown[]): Report[] {
  return items.flatMap((raw): Report[] => {
    const i = (raw ?? {}) as Record<string, unknown>;
    if (provider === "aliyun" && typeof i.out_id === "string")
      return [
        {
          reference: i.out_id,
          providerMessageId: typeof i.biz_id === "string" ? i.biz_id : undefined,
          delivered: i.success === true || i.success === "true",
          detail: String(i.err_code ?? i.err_msg ?? ""),
        },
      ];
    if (provider === "tencent" && typeof i.sid === "string" && i.sid)
      return [{ providerMessageId: i.sid, delivered: i.report_status === "SUCCESS", detail: String(i.errmsg ?? i.description ?? "") }];
    return [];
  });
}

function repliesOf(provider: string, items: unknown[]): Reply[] {
  return items.flatMap((raw): Reply[] => {
    const i = (raw ?? {}) as Record<string, unknown>;
    if (provider === "aliyun" && typeof i.phone_number === "string" && typeof i.content === "string")
      return [{ phone: i.phone_number, text: i.content }];
    if (provider === "tencent" && typeof i.mobile === "string" && typeof i.text === "string") return [{ phone: i.mobile, text: i.text }];
    return [];
  });
}

async function jsonItems(req: Request): Promise<unknown[] | null> {
  if (Number(req.headers.get("content-length") ?? "0") > 256 * 1024) return null;
  try {
    const body = (await req.json()) as unknown;
    return Array.isArray(body) ? body.slice(0, 1000) : [body];
  } catch {
    return null;
  }
}

/** POST /api/sms/<provider>/<kind>?token=…, kind "status" or "reply". Answers in the shape each provider expects. */
export async function smsCallback(req: Request, provider: string, kind: string): Promise<Response> {
  if (provider !== "aliyun" && provider !== "tencent") return new Response(null, { status: 404 });
  if (kind !== "status" && kind !== "reply") return new Response(null, { status: 404 });
  if (!tokenOk(req)) return new Response(null, { status: 403 });
  const items = await jsonItems(req);
  if (!items) return Response.json({ code: 1, msg: "bad request" }, { status: 400 });
  try {
    let handled = 0;
    const orgIds = await listOrganizationIdsAsSystem();
    if (kind === "status") {
      for (const r of reportsOf(provider, items)) if (await recordDeliveryReport(orgIds, r)) handled++;
    } else {
      for (const r of repliesOf(provider, items)) handled += await recordInboundReply(orgIds, { ...r, provider });
    }
    log("info", "sms callback", { provider, kind, items: items.length, handled });
  } catch (error) {
    log("error", "sms callback failed", { provider, kind, error });
    return Response.json({ code: 1, msg: "error" }, { status: 500 });
  }
  // Aliyun wants {"code":0,"msg":"成功"}; Tencent {"result":0,"errmsg":"OK"}.
  return provider === "aliyun" ? Response.json({ code: 0, msg: "成功" }) : Response.json({ result: 0, errmsg: "OK" });
}
