import { send } from "@/server/http/messages";
import { route } from "@/server/http/route";

export const runtime = "nodejs";

/** Multipart: fields `body`, `file` (optional photo or file, checked like every upload) and `clientId` (staff). */
export const POST = route("message.send", send);
