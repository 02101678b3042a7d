import { z } from "zod";
import { MAX_SMS_DAILY_CAP } from "@/server/domain/sms-rules";
import { zId, zLine, zText } from "./common";

/** Staff name the client's thread; a client's own is hers (clientId may be left out). */
export const ZThread = z.strictObject({ clientId: zId.optional(), q: zLine(100).optional() });
export const ZThreadRef = z.strictObject({ clientId: zId.optional() });
/** Text only; a file goes with the multipart route (POST /api/messages). The service counts characters and checks emptiness. */
export const ZSendMessage = z.strictObject({ clientId: zId.optional(), body: zText(2000) });

export const ZSmsConsentOf = z.strictObject({ clientId: zId.optional(), locale: z.enum(["zh-CN", "en"]).optional() });
export const ZSetSmsConsent = z.strictObject({ clientId: zId.optional(), given: z.boolean(), locale: z.enum(["zh-CN", "en"]) });

const zClock = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { message: "quietTimeInvalid" });
export const ZMessageSettings = z.strictObject({
  quietStart: zClock,
  quietEnd: zClock,
  smsDailyCap: z.number().int().min(0).max(MAX_SMS_DAILY_CAP),
});
