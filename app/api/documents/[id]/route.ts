import { download } from "@/server/http/documents";
import { route } from "@/server/http/route";

export const runtime = "nodejs";

/** Download, only for a user allowed to see the document's client. */
export const GET = route("document.read", download);
