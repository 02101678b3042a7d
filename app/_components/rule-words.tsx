"use client";

// Words for the rule table (server/domain/rules): a rule's title by its id, and a conduct flag with its rule.

import { useTranslations } from "next-intl";
import type { ConductFlag } from "@/server/domain/collection-conduct";

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** "rate.private-lending-lpr" → its title in the `rules.titles` messages (ids nest on their dot). */
export function ruleTitle(t: Translate, ruleId: string): string {
  return t(`titles.${ruleId}`);
}

/** A contact-log flag: what it is, and the rule and version it is raised under. */
export function ConductFlagChip({ flag }: { flag: ConductFlag | string }) {
  const t = useTranslations("rules") as unknown as Translate;
  // Entries stored before flags cited their rule hold a bare code; the list recomputes them, so this is rare.
  if (typeof flag === "string") return <span className="rounded bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800">{flag}</span>;
  return (
    <span className="rounded bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800" data-testid="conduct-flag" data-rule={flag.ruleId}>
      {t(`flags.${flag.flag}`)} · {t("flagCite", { rule: ruleTitle(t, flag.ruleId), version: flag.version })}
    </span>
  );
}
