"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Alert, Button, Field, Input } from "@/app/_components/ui";
import { useErrorWords } from "@/app/_components/use-error-words";
import type { ActionResult } from "../actions";
import { respondSignOff, revokeAuthorisation, signAuthorisation } from "../consent-actions";

function useAction() {
  const router = useRouter();
  const words = useErrorWords();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ text: string; fields: Record<string, string> } | null>(null);
  const run = async (call: () => Promise<ActionResult>) => {
    setPending(true);
    setError(null);
    try {
      const result = await call();
      if (result.ok) router.refresh();
      else {
        const w = words(result.error);
        setError({ text: w.message, fields: w.fields });
      }
    } finally {
      setPending(false);
    }
  };
  return { pending, error, run };
}

/**
 * A drawn signature: pointer events on a canvas (finger, pen or mouse), exported as a small PNG. The
 * canvas is drawn at its CSS size (not the screen's pixel ratio), which keeps the image well under the
 * server action's body limit.
 */
function SignaturePad({ onChange }: { onChange: (png: string | null) => void }) {
  const t = useTranslations("portalConsent");
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const drawn = useRef(false);
  useEffect(() => {
    const c = canvas.current!;
    c.width = c.clientWidth;
    c.height = c.clientHeight;
    const ctx = c.getContext("2d")!;
    ctx.lineWidth = 2.5;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.strokeStyle = "#0f172a";
  }, []);
  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  return (
    <div>
      <canvas
        ref={canvas}
        data-testid="signature-pad"
        aria-label={t("drawHint")}
        className="h-40 w-full touch-none rounded-lg border-2 border-dashed border-slate-400 bg-white"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          drawing.current = true;
          const ctx = e.currentTarget.getContext("2d")!;
          const p = point(e);
          ctx.beginPath();
          ctx.moveTo(p.x, p.y);
        }}
        onPointerMove={(e) => {
          if (!drawing.current) return;
          const ctx = e.currentTarget.getContext("2d")!;
          const p = point(e);
          ctx.lineTo(p.x, p.y);
          ctx.stroke();
          drawn.current = true;
        }}
        onPointerUp={(e) => {
          drawing.current = false;
          if (drawn.current) onChange(e.currentTarget.toDataURL("image/png").replace(/^data:image\/png;base64,/, ""));
        }}
      />
      <div className="mt-1 flex items-center justify-between text-xs text-slate-600">
        <span>{t("drawHint")}</span>
        <Button
          type="button"
          variant="ghost"
          onClick={() => {
            const c = canvas.current!;
            c.getContext("2d")!.clearRect(0, 0, c.width, c.height);
            drawn.current = false;
            onChange(null);
          }}
        >
          {t("clear")}
        </Button>
      </div>
    </div>
  );
}

/** She signs the document she read (its hash goes with the signature): drawn, or her typed name. */
export function SignForm({ authorisationId, documentSha256 }: { authorisationId: string; documentSha256: string }) {
  const t = useTranslations("portalConsent");
  const { pending, error, run } = useAction();
  const [mode, setMode] = useState<"drawn" | "typed">("drawn");
  const [png, setPng] = useState<string | null>(null);
  const [name, setName] = useState("");
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const signature = mode === "drawn" ? { kind: "drawn", pngBase64: png ?? "" } : { kind: "typed", name };
    void run(() => signAuthorisation({ authorisationId, documentSha256, signature }));
  };
  return (
    <form onSubmit={submit} className="mt-3 flex flex-col gap-3 border-t border-slate-200 pt-3" aria-label={t("sign")}>
      <div role="tablist" className="flex gap-2">
        {(["drawn", "typed"] as const).map((m) => (
          <Button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            variant={mode === m ? "primary" : "secondary"}
            onClick={() => setMode(m)}
          >
            {t(m === "drawn" ? "drawTab" : "typeTab")}
          </Button>
        ))}
      </div>
      {mode === "drawn" ? (
        <SignaturePad onChange={setPng} />
      ) : (
        <Field label={t("typedName")} hint={t("typedHint")} error={error?.fields.name}>
          {({ id, describedBy, invalid }) => (
            <Input
              id={id}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
      )}
      {error && <Alert tone="error">{error.text}</Alert>}
      <Button type="submit" disabled={pending || (mode === "drawn" ? !png : !name.trim())}>
        {t("confirmSign")}
      </Button>
    </form>
  );
}

/** She revokes, at any time, with an optional reason, after one confirming step. */
export function RevokeForm({ authorisationId }: { authorisationId: string }) {
  const t = useTranslations("portalConsent");
  const { pending, error, run } = useAction();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  if (!open) {
    return (
      <Button type="button" variant="danger" className="mt-3" onClick={() => setOpen(true)}>
        {t("revoke")}
      </Button>
    );
  }
  return (
    <form
      className="mt-3 flex flex-col gap-2 border-t border-slate-200 pt-3"
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => revokeAuthorisation({ authorisationId, reason: reason.trim() || undefined }));
      }}
    >
      <p className="text-sm text-slate-700">{t("revokeHint")}</p>
      <Field label={t("revokeReason")}>{({ id }) => <Input id={id} value={reason} onChange={(e) => setReason(e.target.value)} />}</Field>
      {error && <Alert tone="error">{error.text}</Alert>}
      <Button type="submit" variant="danger" disabled={pending}>
        {t("confirmRevoke")}
      </Button>
    </form>
  );
}

/** She confirms what will be sent, or asks for a change with a comment. */
export function SignOffAnswer({ signOffId }: { signOffId: string }) {
  const t = useTranslations("portalConsent");
  const { pending, error, run } = useAction();
  const [changing, setChanging] = useState(false);
  const [comment, setComment] = useState("");
  return (
    <div className="mt-3 flex flex-col gap-2 border-t border-slate-200 pt-3">
      {!changing ? (
        <div className="flex flex-wrap gap-2">
          <Button type="button" disabled={pending} onClick={() => void run(() => respondSignOff({ signOffId, decision: "confirm" }))}>
            {t("confirm")}
          </Button>
          <Button type="button" variant="secondary" onClick={() => setChanging(true)}>
            {t("askChange")}
          </Button>
        </div>
      ) : (
        <form
          className="flex flex-col gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => respondSignOff({ signOffId, decision: "change", comment }));
          }}
        >
          <Field label={t("changeComment")} error={error?.fields.comment}>
            {({ id, describedBy, invalid }) => (
              <textarea
                id={id}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                className="min-h-24 rounded-lg border border-slate-300 p-2 text-base"
                value={comment}
                onChange={(e) => setComment(e.target.value)}
              />
            )}
          </Field>
          <Button type="submit" disabled={pending || !comment.trim()}>
            {t("sendChange")}
          </Button>
        </form>
      )}
      {error && <Alert tone="error">{error.text}</Alert>}
    </div>
  );
}
