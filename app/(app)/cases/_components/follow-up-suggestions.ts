import "server-only";
import { addWorkingDaysOrEstimate } from "@/server/domain/calendar";
import { todayInShanghai } from "@/server/domain/time";
import { NO_ANSWER_DAYS, type DueSuggestion } from "./follow-up-dates";

/**
 * Due dates a follow-up may take: 1, NO_ANSWER_DAYS and 10 working days from today (Shanghai), estimated
 * Monday–Friday past the holiday calendar's last year (as the server does for the no-answer reminder);
 * a date that even that cannot give is left out. Computed by the case page on the server, so the
 * holiday calendar is not part of the page's JavaScript.
 */
export function followUpSuggestions(today = todayInShanghai()): DueSuggestion[] {
  return [1, NO_ANSWER_DAYS, 10].flatMap((days) => {
    try {
      return [{ days, ...addWorkingDaysOrEstimate(today, days) }];
    } catch {
      return [];
    }
  });
}
