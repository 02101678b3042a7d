import { useTranslations } from "next-intl";
import type { NoticeCheck } from "@/server/domain/court-notice";
import { Alert } from "./ui";

/** The fake-notice check's result in plain words: the signs found, how to check, never a verdict. Staff page and portal alike. */
export function NoticeResult({ result }: { result: NoticeCheck }) {
  const t = useTranslations("legal.notice");
  const line = (s: NoticeCheck["signals"][number]) => {
    switch (s.code) {
      case "case-number-bad":
        return t("signals.case-number-bad", { caseNumber: s.caseNumber, problem: t(`problems.${s.problem}`) });
      case "case-number-ok":
        return t("signals.case-number-ok", { caseNumber: s.caseNumber });
      case "court-listed":
      case "court-plausible":
      case "court-unlisted":
      case "court-bad-name":
        return t(`signals.${s.code}`, { court: s.court });
      default:
        return t(`signals.${s.code}`);
    }
  };
  return (
    <div className="flex flex-col gap-2" data-testid="notice-result">
      <Alert tone={result.summary === "warning" ? "warning" : "info"}>{result.summary === "warning" ? t("warning") : t("noSigns")}</Alert>
      <ul className="list-disc pl-5 text-sm text-slate-800">
        {result.signals.map((s, i) => (
          <li key={i}>{line(s)}</li>
        ))}
      </ul>
      <p className="text-sm text-slate-700">{t("personalAccountRule")}</p>
      <p className="text-sm font-medium text-slate-900">{t("verify")}</p>
    </div>
  );
}
