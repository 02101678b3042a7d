"use client";

import { Dialog } from "radix-ui";
import { useTranslations } from "next-intl";

/** Image types every browser draws; anything else (PDF, HEIC…) is offered as a link. */
const DRAWABLE = new Set(["image/jpeg", "image/png"]);

type Receipt = { id: string; filename: string; mime: string };

const stamp = (d: Date | string) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" }).format(new Date(d));

/**
 * What a counselor checks before confirming a payment: the receipt (a thumbnail that opens large, or a link
 * for a PDF) and who reported it, when. The file comes only through the checked route /api/documents/<id>.
 */
export function PaymentReport({
  receipt,
  reportedBy,
  reportedAt,
}: {
  receipt: Receipt | null;
  reportedBy: { role: "admin" | "counselor" | "client"; name: string };
  reportedAt: Date | string;
}) {
  const t = useTranslations("receipts");
  return (
    <div className="flex items-center gap-3" data-testid="payment-report">
      {receipt ? <ReceiptView receipt={receipt} /> : <span className="shrink-0 whitespace-nowrap text-sm text-slate-600">{t("none")}</span>}
      <span className="text-sm text-slate-700" data-testid="reported-by">
        {t(reportedBy.role === "client" ? "byClient" : "byStaff", { name: reportedBy.name, at: stamp(reportedAt) })}
      </span>
    </div>
  );
}

function ReceiptView({ receipt }: { receipt: Receipt }) {
  const t = useTranslations("receipts");
  const src = `/api/documents/${receipt.id}`;
  if (!DRAWABLE.has(receipt.mime)) {
    return (
      <a href={src} className="flex min-h-11 items-center text-sm font-medium text-brand-700 underline" data-testid="receipt-link">
        {t(receipt.mime === "application/pdf" ? "openPdf" : "openFile")}
      </a>
    );
  }
  return (
    <Dialog.Root>
      <Dialog.Trigger
        className="shrink-0 overflow-hidden rounded-md border border-slate-300 focus-visible:outline-2 focus-visible:outline-brand-700"
        aria-label={t("open", { name: receipt.filename })}
      >
        {/* A plain img: a private file behind the session check, not an asset for next/image to optimise. */}
        <img src={src} alt="" className="h-14 w-14 object-cover" data-testid="receipt-thumbnail" />
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/60" />
        <Dialog.Content className="fixed inset-2 z-50 m-auto flex h-fit max-h-[calc(100vh-1rem)] max-w-3xl flex-col gap-3 overflow-auto rounded-xl bg-white p-4 shadow-xl">
          <div className="flex items-start justify-between gap-2">
            <Dialog.Title className="break-all text-base font-semibold">{t("title", { name: receipt.filename })}</Dialog.Title>
            <Dialog.Close className="min-h-11 rounded-lg px-3 text-sm font-medium text-slate-700 hover:bg-slate-100">
              {t("close")}
            </Dialog.Close>
          </div>
          <Dialog.Description className="sr-only">{t("description")}</Dialog.Description>
          <img src={src} alt={t("alt", { name: receipt.filename })} className="mx-auto max-h-[75vh] w-auto max-w-full object-contain" />
          <a href={src} className="self-start text-sm font-medium text-brand-700 underline">
            {t("download")}
          </a>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
