/** The client page's tabs, in order; `?tab=` in the URL picks one (a plain module: the server page reads it too). */
export const CLIENT_TABS = [
  "overview",
  "budget",
  "debts",
  "plan",
  "cases",
  "documents",
  "contacts",
  "payments",
  "timeline",
  "authorisation",
  "messages",
] as const;
export type ClientTab = (typeof CLIENT_TABS)[number];
