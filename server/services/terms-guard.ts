import type { Tx } from "@/db/client";
import { checkTerms, type TermsBasis, type TermsIssue } from "@/server/domain/terms-check";
import type { Terms } from "@/server/domain/terms";
import { todayInShanghai } from "@/server/domain/time";
import { AppError } from "@/server/errors";
import type { Actor } from "./access";
import type { CaseRow } from "./cases";
import { assertClientDocuments } from "./document-refs";

/** Terms that do not add up with the debt: one field error per issue (under `prefix`), with its figures. */
export function termsError(errors: TermsIssue[], prefix = "terms"): AppError {
  const fields: Record<string, string[]> = {};
  for (const e of errors) (fields[`${prefix}.${e.field}`] ??= []).push(e.code);
  return new AppError("INVALID_INPUT", {
    messageKey: "termsInconsistent",
    fields,
    issues: errors.map((e) => ({ path: `${prefix}.${e.field}`, code: e.code, params: e.params })),
  });
}

/**
 * Checks terms before they are saved for a case: against `basis` (the debt's figures, or what an agreement
 * being changed leaves), and the correction's evidence against the client's own documents. Throws on the
 * first hard problem; returns the warnings (saved in the audit row, shown to the counselor before).
 */
export async function guardTerms(
  tx: Tx,
  actor: Actor,
  c: CaseRow,
  terms: Terms,
  basis: TermsBasis,
  prefix = "terms",
): Promise<TermsIssue[]> {
  const check = checkTerms(terms, basis, todayInShanghai());
  if (check.errors.length > 0) throw termsError(check.errors, prefix);
  await assertClientDocuments(
    tx,
    actor,
    c.clientId,
    terms.creditCorrection?.evidenceDocumentIds,
    `${prefix}.creditCorrection.evidenceDocumentIds`,
  );
  return check.warnings;
}
