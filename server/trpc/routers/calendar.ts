import { calendarStatus, followUpDates } from "@/server/services/calendar";
import { permitted, router } from "../init";

export const calendarRouter = router({
  /** Staff: the years about to be counted Monday–Friday because their holidays are not loaded (the banner). */
  status: permitted("agenda.read").query(({ ctx }) => calendarStatus(ctx.actor)),
  /** Due dates offered for a new follow-up: 1, 5 and 10 working days from today, each marked if estimated. */
  followUpDates: permitted("case.manage").query(({ ctx }) => followUpDates(ctx.actor)),
});
