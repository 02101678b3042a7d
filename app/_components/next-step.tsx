import Link from "next/link";
import type { ReactNode } from "react";
import { EmptyState } from "./ui";

/**
 * An empty page of a new agency: what is missing, and the link to the next step (issue 12). `testId` names
 * the page, so a journey can check each one says what to do.
 */
export function NextStep({ testId, children, href, link }: { testId: string; children: ReactNode; href: string; link: string }) {
  return (
    <div data-testid={`next-step-${testId}`}>
      <EmptyState>
        {children}{" "}
        <Link href={href} className="font-medium text-brand-700 underline">
          {link}
        </Link>
      </EmptyState>
    </div>
  );
}
