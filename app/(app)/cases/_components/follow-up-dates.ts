/** Working days after which an unanswered proposal is followed up (the same rule as the automatic task). */
export const NO_ANSWER_DAYS = 5;

/** A due date offered for a new follow-up (the server's calendar.followUpDates makes them). */
export type DueSuggestion = { days: number; date: string; estimated: boolean };
