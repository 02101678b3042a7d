import { z } from "zod";
import { AGENDA_MAX_PAGE, AGENDA_SECTIONS } from "@/server/domain/agenda-sections";
import { agendaToday } from "@/server/services/agenda";
import { permitted, router } from "../init";

/** How many items of a section to show: the first page, or more after the page's "more". */
const pageSize = z.number().int().min(1).max(AGENDA_MAX_PAGE);
const agendaInput = z
  .object({
    show: z
      .object(Object.fromEntries(AGENDA_SECTIONS.map((s) => [s, pageSize.optional()])) as Record<string, z.ZodOptional<typeof pageSize>>)
      .strict(),
  })
  .partial()
  .optional();

export const agendaRouter = router({
  /**
   * Today's agenda: a counselor's own clients, an admin's whole organization. Each section answers its first
   * items (services/agenda.ts AGENDA_PAGE, or `show[section]`) and its whole count.
   */
  today: permitted("agenda.read")
    .input(agendaInput)
    .query(({ ctx, input }) => agendaToday(ctx.actor, new Date(), input?.show ?? {})),
});
