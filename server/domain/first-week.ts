/**
 * A new agency's first week: the steps that make it ready to work, each done when the data shows it (never
 * a flag someone ticks), in the order they are worth doing. The admin home shows them until all are done.
 */
export const FIRST_WEEK_STEPS = ["inviteCounselor", "addClient", "businessHours", "importLenders"] as const;
export type FirstWeekStep = (typeof FIRST_WEEK_STEPS)[number];

export type FirstWeekFacts = {
  /** Counselors who are members, or have been invited. */
  counselors: number;
  clients: number;
  /** The organization's settings (business hours among them) have been saved at least once. */
  settingsSaved: boolean;
  /** Lenders of the agency's own, beside the built-in list. */
  ownLenders: number;
};

export function firstWeekSteps(facts: FirstWeekFacts): Array<{ step: FirstWeekStep; done: boolean }> {
  const done: Record<FirstWeekStep, boolean> = {
    inviteCounselor: facts.counselors > 0,
    addClient: facts.clients > 0,
    businessHours: facts.settingsSaved,
    importLenders: facts.ownLenders > 0,
  };
  return FIRST_WEEK_STEPS.map((step) => ({ step, done: done[step] }));
}
