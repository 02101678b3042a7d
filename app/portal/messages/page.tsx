import { getLocale, getTranslations } from "next-intl/server";
import { BellLink } from "@/app/_components/bell-link";
import { MessageList } from "@/app/_components/message-list";
import { ShellFrame } from "@/app/_components/shell-frame";
import { serverCaller } from "@/app/_trpc/caller";
import { requireRole } from "@/server/auth/page-guard";
import { PortalComposer, SmsSwitch } from "./islands";

export async function generateMetadata() {
  return { title: (await getTranslations("thread"))("title") };
}

/**
 * The client's thread with her counselor, phone first: rendered on the server (no tRPC client, like the
 * rest of the portal); opening it marks it read. The search is a plain GET form; the composer and the SMS
 * switch are small islands.
 */
export default async function PortalMessagesPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const membership = await requireRole(["client"], "/portal/messages");
  const t = await getTranslations("thread");
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim().slice(0, 100) ?? "";
  const caller = await serverCaller();
  // A search the procedure refuses (a control character typed into the URL) shows the whole thread instead.
  const thread = await caller.message.thread(q ? { q } : {}).catch(() => caller.message.thread({}));
  if (!q && thread.unread > 0) await caller.message.markRead({});
  const locale = (await getLocale()) === "en" ? "en" : "zh-CN";
  const consent = await caller.sms.consent({ locale });
  return (
    <ShellFrame membership={membership} bell={(unread) => <BellLink count={unread} />}>
      <div className="mx-auto flex max-w-2xl flex-col gap-4">
        <div>
          <h1 className="text-2xl font-bold">{t("title")}</h1>
          <p className="mt-1 text-sm text-slate-700">{t("portalIntro")}</p>
        </div>
        <form method="get" className="flex gap-2" role="search">
          <label htmlFor="thread-q" className="sr-only">
            {t("searchLabel")}
          </label>
          <input
            id="thread-q"
            name="q"
            defaultValue={q}
            maxLength={100}
            placeholder={t("searchLabel")}
            className="min-h-11 min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-3 text-base"
          />
          <button type="submit" className="min-h-11 rounded-lg border border-slate-300 bg-white px-4 text-sm">
            {t("search")}
          </button>
        </form>
        {q && (
          <p className="text-sm text-slate-700" role="status">
            {t("searchResults", { count: thread.items.length, q })}{" "}
            <a href="/portal/messages" className="text-brand-800 underline">
              {t("clearSearch")}
            </a>
          </p>
        )}
        {thread.truncated && !q && <p className="text-xs text-slate-600">{t("truncated")}</p>}
        <section className="rounded-xl border border-slate-200 bg-slate-50 p-3">
          <MessageList items={thread.items} />
        </section>
        <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <PortalComposer />
        </section>
        <SmsSwitch consented={consent.consented} wording={consent.wording} locale={locale} />
      </div>
    </ShellFrame>
  );
}
