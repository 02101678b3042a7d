"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { NoticeResult } from "@/app/_components/notice-result";
import { Button, Field } from "@/app/_components/ui";
import { useErrorWords } from "@/app/_components/use-error-words";
import type { NoticeCheck } from "@/server/domain/court-notice";
import { checkNotice } from "./actions";

/** The portal's notice check: paste the message, see the signs in plain words. */
export function NoticeForm() {
  const t = useTranslations("legal.notice");
  const explain = useErrorWords();
  const [text, setText] = useState("");
  const [result, setResult] = useState<NoticeCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <div className="flex flex-col gap-3">
      <form
        className="flex flex-col gap-3"
        onSubmit={async (e) => {
          e.preventDefault();
          setPending(true);
          setError(null);
          const r = await checkNotice({ text: text.trim() });
          setPending(false);
          if (r.ok) setResult(r.result);
          else setError(explain(r.error).text);
        }}
      >
        <Field label={t("text")} error={error ?? undefined}>
          {({ id, describedBy }) => (
            <textarea
              id={id}
              aria-describedby={describedBy}
              rows={5}
              maxLength={2000}
              className="w-full rounded-lg border border-slate-300 px-3 py-2 text-base"
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          )}
        </Field>
        <Button type="submit" disabled={pending}>
          {t("check")}
        </Button>
      </form>
      {result && <NoticeResult result={result} />}
    </div>
  );
}
