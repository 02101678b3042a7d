/** The case page's tabs, in order; `?tab=` in the URL picks one, anything else opens the overview. */
export const CASE_TABS = ["overview", "proposals", "schedule", "contacts", "documents", "legal", "complaints"] as const;
export type CaseTab = (typeof CASE_TABS)[number];

export function caseTab(asked: string | string[] | null | undefined): CaseTab {
  return CASE_TABS.find((k) => k === asked) ?? "overview";
}
