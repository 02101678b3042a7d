"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Alert, Button } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { type Outputs } from "./helpers";
import { useErrorWords } from "@/app/_components/use-error-words";

const TEMPLATE_HEADER =
  "贷款机构,合同编号,借款日期,实际到手金额,原始本金,剩余本金,利息,罚息,费用违约金,合同利率,利率单位,逾期开始日期,是否上征信,催收状态";
const TEMPLATE_EXAMPLE = "招商银行,,2024-01-01,10000.00,10000.00,8000.00,120.00,30.00,0,0.05,日,2025-06-01,是,委外";

function toBase64(buffer: ArrayBuffer): string {
  let binary = "";
  const bytes = new Uint8Array(buffer);
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Import a CSV or Excel sheet: every row is checked and its problems shown before anything is saved. */
export function DebtImport({ clientId, onDone }: { clientId: string; onDone: () => void }) {
  const t = useTranslations("assessment.import");
  const tf = useTranslations("assessment.errors");
  const tAll = useTranslations();
  // A row's codes: this area's own first, then the shared reasons (errors.*, zod's under validation.*).
  const reason = (c: string) =>
    tf.has(c)
      ? tf(c)
      : tAll.has(`errors.${c}`)
        ? tAll(`errors.${c}`, { requestId: "-" })
        : tAll.has(`validation.${c}`)
          ? tAll(`validation.${c}`)
          : tAll("validation.custom");
  const common = useTranslations("common");
  const format = useFormatter();
  const trpc = useTRPC();
  const apiError = useErrorWords();
  const run = useMutation(trpc.debt.import.mutationOptions());
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [result, setResult] = useState<Outputs["debt"]["import"] | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function check(commit: boolean) {
    if (!file) return;
    setError(null);
    try {
      const r = await run.mutateAsync({ clientId, fileName: file.name, contentBase64: file.base64, commit });
      setResult(r);
      if (commit && r.saved > 0) onDone();
    } catch (e) {
      setError(apiError(e).message);
    }
  }

  const templateHref = `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${TEMPLATE_HEADER}\n${TEMPLATE_EXAMPLE}\n`)}`;
  return (
    <div className="mb-4 flex flex-col gap-3 rounded-lg border border-slate-200 p-3" data-testid="debt-import">
      <p className="text-sm text-slate-700">{t("lead")}</p>
      <a href={templateHref} download="debts-template.csv" className="min-h-11 self-start py-2 text-sm text-brand-700 underline">
        {t("template")}
      </a>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t("file")}
        <input
          type="file"
          accept=".csv,.xlsx"
          className="min-h-11 text-sm"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            setResult(null);
            setFile(f ? { name: f.name, base64: toBase64(await f.arrayBuffer()) } : null);
          }}
        />
      </label>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" disabled={!file || run.isPending} onClick={() => check(false)}>
          {t("check")}
        </Button>
        <Button type="button" disabled={!file || run.isPending || !result?.ok} onClick={() => check(true)}>
          {t("save")}
        </Button>
      </div>
      {result && (
        <div className="flex flex-col gap-2">
          <Alert tone={result.ok ? "success" : "warning"}>
            {result.saved > 0 ? t("saved", { n: result.saved }) : result.ok ? t("allGood", { n: result.rows.length }) : t("hasErrors")}
          </Alert>
          <ul className="flex flex-col gap-1 text-sm">
            {result.rows.map((r) => (
              <li key={r.row} className={Object.keys(r.fields).length ? "text-red-800" : "text-slate-700"}>
                {t("row", { row: r.row, lender: r.lender || "—" })}
                {common("colon")}
                {Object.keys(r.fields).length === 0
                  ? t("rowOk")
                  : Object.entries(r.fields)
                      .map(([f, codes]) => `${t.has(`columns.${f}`) ? t(`columns.${f}`) : f} ${format.list(codes.map(reason))}`)
                      .join(common("clauseSeparator"))}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
