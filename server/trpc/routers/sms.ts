import { ZMessageSettings, ZSetSmsConsent, ZSmsConsentOf } from "@/server/schemas/messages";
import { getMessageSettings, recordSmsConsent, smsConsentOf, updateMessageSettings } from "@/server/services/sms";
import { permitted, router } from "../init";

/** A client's SMS consent (her own on the portal; staff record hers), and the agency's quiet hours and SMS cap. */
export const smsRouter = router({
  consent: permitted("smsConsent.read")
    .input(ZSmsConsentOf)
    .query(({ ctx, input }) => smsConsentOf(ctx.actor, input)),
  setConsent: permitted("smsConsent.record")
    .input(ZSetSmsConsent)
    .mutation(({ ctx, input }) => recordSmsConsent(ctx.actor, input)),
  settings: permitted("settings.read").query(({ ctx }) => getMessageSettings(ctx.actor)),
  updateSettings: permitted("settings.update")
    .input(ZMessageSettings)
    .mutation(({ ctx, input }) => updateMessageSettings(ctx.actor, input)),
});
