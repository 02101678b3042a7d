"use client";

import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { Button } from "./ui";

const MAX = 2000;

/**
 * Writes a message with an optional photo or file: one multipart POST to /api/messages, where the server
 * checks the file like every upload and keeps it as the client's document. Staff name the client; the
 * client's own thread needs no id. Calls `onSent` after the server took it.
 */
export function MessageComposer({ clientId, onSent }: { clientId?: string; onSent: () => void }) {
  const t = useTranslations("thread");
  const te = useTranslations();
  const id = useId();
  const [body, setBody] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const count = Array.from(body).length;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const form = new FormData();
    form.set("body", body);
    if (clientId) form.set("clientId", clientId);
    if (file) form.set("file", file);
    const res = await fetch("/api/messages", { method: "POST", body: form }).catch(() => null);
    const json = res
      ? ((await res.json().catch(() => ({}))) as {
          error?: { messageKey?: string; requestId?: string; params?: Record<string, string | number> };
        })
      : {};
    setBusy(false);
    if (res?.ok) {
      setBody("");
      setFile(null);
      if (fileInput.current) fileInput.current.value = "";
      onSent();
      return;
    }
    const k = json.error?.messageKey ?? "internal";
    const key = te.has(`casesErrors.${k}`) ? `casesErrors.${k}` : te.has(`errors.${k}`) ? `errors.${k}` : "errors.internal";
    setError(te(key, { requestId: json.error?.requestId ?? "-", maxMb: 20, max: MAX, ...json.error?.params }));
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-2" data-testid="message-composer">
      <label htmlFor={`${id}-body`} className="sr-only">
        {t("bodyLabel")}
      </label>
      <textarea
        id={`${id}-body`}
        name="body"
        rows={3}
        value={body}
        maxLength={MAX * 2}
        placeholder={t("placeholder")}
        onChange={(e) => setBody(e.target.value)}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${id}-error` : `${id}-count`}
        className="w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 placeholder:text-slate-500"
      />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex min-w-0 flex-col">
          <label htmlFor={`${id}-file`} className="text-sm font-medium text-slate-800">
            {t("attach")}
          </label>
          <input
            ref={fileInput}
            id={`${id}-file`}
            name="file"
            type="file"
            accept=".pdf,.jpg,.jpeg,.png,.heic,.docx,application/pdf,image/*"
            className="mt-1 block max-w-full text-sm"
            aria-describedby={`${id}-hint`}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <p id={`${id}-hint`} className="text-xs text-slate-600">
            {t("attachHint")}
          </p>
        </div>
        <div className="flex items-center gap-3">
          <span id={`${id}-count`} className={count > MAX ? "text-sm text-red-700" : "text-sm text-slate-600"}>
            {t("chars", { count, max: MAX })}
          </span>
          <Button type="submit" disabled={busy || (!body.trim() && !file) || count > MAX} data-testid="message-send">
            {busy ? t("sending") : t("send")}
          </Button>
        </div>
      </div>
      <div aria-live="polite">
        {error && (
          <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
    </form>
  );
}
