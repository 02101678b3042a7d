import type { Locale } from "./config";

/**
 * Messages are split by area (one file per area and locale, so areas can grow independently) and
 * merged here; top-level keys must not collide across files. They live in messages/ at the root, where the
 * server's e-mails, letters and exports read them too (server/ never imports app/).
 */
export async function loadMessages(locale: Locale) {
  const files = await Promise.all([
    import(`../../messages/${locale}/core.json`),
    import(`../../messages/${locale}/assessment.json`),
    import(`../../messages/${locale}/cases.json`),
    import(`../../messages/${locale}/workspace.json`),
    import(`../../messages/${locale}/notifications.json`),
    import(`../../messages/${locale}/portal-access.json`),
    import(`../../messages/${locale}/calendar.json`),
    import(`../../messages/${locale}/bounds.json`),
    import(`../../messages/${locale}/balance.json`),
    import(`../../messages/${locale}/terms.json`),
    import(`../../messages/${locale}/agenda-paging.json`),
    import(`../../messages/${locale}/demo.json`),
    import(`../../messages/${locale}/legal.json`),
    import(`../../messages/${locale}/complaints.json`),
    import(`../../messages/${locale}/consent.json`),
    import(`../../messages/${locale}/messages.json`),
    import(`../../messages/${locale}/rules.json`),
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
        prev && typeof prev === "object" && value && typeof value === "object" ? { ...(prev as Messages), ...(value as Messages) } : value;
    }
  }
  return out;
}
