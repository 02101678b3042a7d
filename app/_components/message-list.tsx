import clsx from "clsx";
import { useTranslations } from "next-intl";

/** One message as the thread procedure returns it (services/messages.ts threadOf). */
export type ThreadItem = {
  id: string;
  side: "client" | "staff";
  body: string;
  createdAt: Date | string;
  authorName: string;
  own: boolean;
  document: { id: string; filename: string; mime: string; sizeBytes: number } | null;
  readByOtherSide: boolean;
};

const beijing = (d: Date | string) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" }).format(new Date(d));

/** Photos the browser shows inline; other files (HEIC, PDF, Word) are a link. */
const INLINE = new Set(["image/jpeg", "image/png"]);

/**
 * The thread, oldest first: the reader's own messages on the right, the other side's on the left, each with
 * its author and Beijing time, its file (a photo shown, another file linked; both open the client's document),
 * and on one's own whether the other side has read it. No hooks but translations: the portal renders it on
 * the server, the client file in the browser.
 */
export function MessageList({ items }: { items: ThreadItem[] }) {
  const t = useTranslations("thread");
  if (!items.length) return <p className="text-sm text-slate-700">{t("empty")}</p>;
  return (
    <ol className="flex flex-col gap-3" aria-label={t("title")} data-testid="message-list">
      {items.map((m) => (
        <li key={m.id} className={clsx("flex", m.own ? "justify-end" : "justify-start")} data-testid="message">
          <div
            className={clsx(
              "max-w-[85%] rounded-2xl px-4 py-2 shadow-sm sm:max-w-[70%]",
              m.own ? "rounded-br-sm bg-brand-700 text-white" : "rounded-bl-sm border border-slate-200 bg-white text-slate-900",
            )}
          >
            <p className={clsx("text-xs", m.own ? "text-brand-100" : "text-slate-600")}>
              {m.own ? t("you") : m.authorName || t("clientSide")} ·{" "}
              <time dateTime={new Date(m.createdAt).toISOString()}>{beijing(m.createdAt)}</time>
            </p>
            {m.body && <p className="mt-1 whitespace-pre-wrap break-words">{m.body}</p>}
            {m.document && (
              <div className="mt-2">
                {INLINE.has(m.document.mime) && (
                  // A private document behind the session (not a static asset for next/image).
                  <img
                    src={`/api/documents/${m.document.id}`}
                    alt={t("file", { name: m.document.filename })}
                    className="max-h-64 rounded-lg border border-slate-200 bg-white object-contain"
                    data-testid="message-photo"
                  />
                )}
                <a
                  href={`/api/documents/${m.document.id}`}
                  className={clsx("mt-1 inline-flex min-h-11 items-center text-sm underline", m.own ? "text-white" : "text-brand-800")}
                  data-testid="message-file"
                >
                  {t("file", { name: m.document.filename })}
                </a>
              </div>
            )}
            {m.own && (
              <p className={clsx("mt-1 text-right text-xs", m.own ? "text-brand-100" : "text-slate-600")} data-testid="message-read-state">
                {m.readByOtherSide ? t("read") : t("sent")}
              </p>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
