import { agendaToday } from "@/server/services/agenda";
import { permitted, router } from "../init";

export const agendaRouter = router({
  /** Today's agenda: a counselor's own clients, an admin's whole organization. */
  today: permitted("agenda.read").query(({ ctx }) => agendaToday(ctx.actor)),
});
