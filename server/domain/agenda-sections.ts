/**
 * The agenda's sections, in the order the page shows them, and how many items each answers at once.
 * Pure (the page imports it). A module adding a kind of agenda item adds its section name here.
 */
export const AGENDA_SECTIONS = [
  "missedInstalments",
  "reportedPayments",
  "followUps",
  "expiredProposals",
  "documentRequests",
  "instalmentsDue",
  "contactWindows",
] as const;
export type AgendaSection = (typeof AGENDA_SECTIONS)[number];

/** Items per section on a first look at the page (what fits a screen); "more" asks for the next ones. */
export const AGENDA_PAGE = 10;
/** The most items one section answers with in one request. */
export const AGENDA_MAX_PAGE = 200;
