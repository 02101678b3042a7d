import { loadSampleClients, removeSampleClients, sampleStatus } from "@/server/services/sample-data";
import { permitted, router } from "../init";

/** "Try with sample data": a new agency's admin loads a few sample clients and removes them again (decision 019). */
export const sampleRouter = router({
  status: permitted("sample.manage").query(({ ctx }) => sampleStatus(ctx.actor)),
  load: permitted("sample.manage").mutation(({ ctx }) => loadSampleClients(ctx.actor)),
  remove: permitted("sample.manage").mutation(({ ctx }) => removeSampleClients(ctx.actor)),
});
