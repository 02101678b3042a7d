"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { MessageComposer } from "@/app/_components/message-composer";
import { Button } from "@/app/_components/ui";
import { setSmsConsent } from "./actions";

/** The composer; after a send the server-rendered thread is fetched again. */
export function PortalComposer() {
  const router = useRouter();
  return <MessageComposer onSent={() => router.refresh()} />;
}

/** SMS on or off, in the client's hands: turning it on shows the exact words she agrees to (stored with her consent). */
export function SmsSwitch({ consented, wording, locale }: { consented: boolean; wording: string; locale: "zh-CN" | "en" }) {
  const t = useTranslations("smsConsent");
  const te = useTranslations("errors");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const change = async (given: boolean) => {
    setBusy(true);
    const r = await setSmsConsent({ given, locale }).catch(() => null);
    setBusy(false);
    if (r?.ok) router.refresh();
    else setError(te("internal", { requestId: r && !r.ok ? (r.error.requestId ?? "-") : "-" }));
  };
  return (
    <section aria-labelledby="sms-consent" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="sms-consent">
      <h2 id="sms-consent" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm font-medium" data-testid="sms-consent-state">
        {consented ? t("on") : t("off")}
      </p>
      {!consented && <p className="mt-2 rounded-lg bg-slate-50 p-3 text-sm text-slate-800">{wording}</p>}
      <div className="mt-3">
        {consented ? (
          <Button variant="secondary" disabled={busy} onClick={() => change(false)}>
            {t("turnOff")}
          </Button>
        ) : (
          <Button disabled={busy} onClick={() => change(true)}>
            {t("agree")}
          </Button>
        )}
      </div>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
    </section>
  );
}
