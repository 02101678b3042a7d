import { useFormatter, useTranslations } from "next-intl";
import { termsInWords, type Terms } from "@/server/domain/terms";

/**
 * The terms of a proposal, a counter-offer or an agreement as a list of sentences: the same words on the
 * case page, in the client's portal and in the letter (termsInWords). Works in server and client components.
 */
export function TermsList({ terms, className = "list-disc pl-5 text-sm", testId }: { terms: Terms; className?: string; testId?: string }) {
  const lines = useTermsWords()(terms);
  return (
    <ul className={className} data-testid={testId}>
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}

/** termsInWords with this page's translator and list format. */
export function useTermsWords() {
  const t = useTranslations("terms");
  const format = useFormatter();
  return (terms: Terms) =>
    termsInWords(terms, { t: (key, values) => t(key as never, values as never), list: (items) => format.list(items) });
}
