import { useTranslations } from "next-intl";
import { fenNeedsCheck } from "@/server/domain/bounds";

/**
 * Beside a figure that data saved before the input bounds pushed out of range (over ¥100,000,000 for one
 * client, or too large to add up exactly): "数额过大，请核对". Renders nothing for a normal figure. Works in
 * server and client components alike. `limit` raises the bound for organization-wide totals.
 */
export function FenCheck({ fen, limit }: { fen: number; limit?: number }) {
  const t = useTranslations("bounds");
  if (!fenNeedsCheck(fen, limit)) return null;
  return (
    <span
      className="ml-1 inline-block rounded bg-amber-100 px-1.5 py-0.5 align-middle text-xs font-medium text-amber-900"
      title={t("checkAmountHint")}
      data-testid="fen-check"
    >
      {t("checkAmount")}
    </span>
  );
}
