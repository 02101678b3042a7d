import { useTranslations } from "next-intl";
import { formatFen } from "@/server/domain/money";

/** What stands beside a balance (server/domain/balance.ts): its growth estimate, pending payments, relief. */
export type BalanceSide = {
  growthFen: number;
  /** The day the growth is counted from (a debt's asOf, or the earliest of a client's). */
  since: string | null;
  dailyGrowthFen: number;
  pendingFen: number;
  reliefFen: number;
};

/** The notes beside a figure owed, in plain words; nothing when there is nothing to say. */
export function BalanceNotes({ side, className = "text-xs text-slate-600" }: { side: BalanceSide; className?: string }) {
  const t = useTranslations("balance");
  const notes: string[] = [];
  if (side.growthFen > 0 && side.since) {
    notes.push(t("growthShort", { amount: formatFen(side.growthFen), since: side.since, daily: formatFen(side.dailyGrowthFen) }));
  }
  if (side.pendingFen > 0) notes.push(t("pendingShort", { amount: formatFen(side.pendingFen) }));
  if (side.reliefFen > 0) notes.push(t("reliefShort", { amount: formatFen(side.reliefFen) }));
  if (notes.length === 0) return null;
  return (
    <ul className={className} data-testid="balance-notes">
      {notes.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );
}
