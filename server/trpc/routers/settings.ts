import { ZSettingsUpdate } from "@/server/schemas/workspace";
import { getSettings, updateSettings } from "@/server/services/settings";
import { permitted, router } from "../init";

export const settingsRouter = router({
  get: permitted("settings.read").query(({ ctx }) => getSettings(ctx.actor)),
  update: permitted("settings.update")
    .input(ZSettingsUpdate)
    .mutation(({ ctx, input }) => updateSettings(ctx.actor, input)),
});
