/** Working days after which an unanswered proposal is followed up (the same rule as the automatic task). */
export const NO_ANSWER_DAYS = 5;

/** A due date offered for a new follow-up (follow-up-suggestions.ts makes them on the server). */
export type DueSuggestion = { days: number; date: string; estimated: boolean };
