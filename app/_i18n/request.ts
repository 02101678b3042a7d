import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, toLocale, type Locale } from "./config";

/**
 * Messages are split by area (one file per area and locale, so areas can grow independently) and
 * merged here; top-level keys must not collide across files.
 */
async function loadMessages(locale: Locale) {
  const files = await Promise.all([
    import(`./messages/${locale}/core.json`),
    import(`./messages/${locale}/assessment.json`),
    import(`./messages/${locale}/cases.json`),
    import(`./messages/${locale}/workspace.json`),
    import(`./messages/${locale}/notifications.json`),
    import(`./messages/${locale}/portal-access.json`),
    import(`./messages/${locale}/calendar.json`),
  ]);
  return mergeNamespaces(files.map((f) => f.default));
}

type Messages = Record<string, unknown>;

/** Namespaces of several files merge key by key (e.g. every area adds to `errors`). */
function mergeNamespaces(files: Messages[]): Messages {
  const out: Messages = {};
  for (const file of files) {
    for (const [key, value] of Object.entries(file)) {
      const prev = out[key];
      out[key] =
        prev && typeof prev === "object" && value && typeof value === "object"
          ? { ...(prev as Messages), ...(value as Messages) }
          : value;
    }
  }
  return out;
}

// Chinese first; English when the person chose it. No locale in the URL: the choice is a cookie.
export default getRequestConfig(async () => {
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return { locale, messages: await loadMessages(locale), timeZone: "Asia/Shanghai" };
});
