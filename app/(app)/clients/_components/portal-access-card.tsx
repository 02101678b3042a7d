"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm, type FieldError } from "react-hook-form";
import type { z } from "zod";
import { Alert, Button, Card, Field, Input } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { canInvite, type PortalAccessState } from "@/server/domain/portal-access";
import { ZInviteToPortalInput } from "@/server/schemas/portal-access";
import { useErrorWords } from "@/app/_components/use-error-words";

const beijing = (d: Date | string, withTime = true) =>
  new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Asia/Shanghai",
    dateStyle: "short",
    ...(withTime ? { timeStyle: "short" } : {}),
  }).format(new Date(d));

/** What an invitation or a reveal hands back: the link, and what the login will sign in with. */
type Sent = {
  id: string;
  link: string;
  expiresAt: Date;
  email: string | null;
  phoneLast4: string | null;
  emailed?: boolean;
  texted?: boolean;
  revealed?: boolean;
};

const STATE_TONE: Record<PortalAccessState, string> = {
  none: "bg-slate-100 text-slate-800",
  invited: "bg-sky-100 text-sky-900",
  expired: "bg-amber-100 text-amber-900",
  revoked: "bg-amber-100 text-amber-900",
  active: "bg-emerald-100 text-emerald-900",
  deactivated: "bg-red-100 text-red-900",
};

/**
 * The client file's portal login, for her counselor and an admin alike: its state (no login yet, invited,
 * expired, revoked, active), and the invitation bound to this file — by the mobile number on the file
 * unless staff correct it or add an e-mail. There is no SMS service yet, so the link is shown with a
 * ready-to-send text to copy into an SMS or WeChat.
 */
export function PortalAccessCard({ clientId, clientName, filePhone }: { clientId: string; clientName: string; filePhone: string | null }) {
  const t = useTranslations("portalAccess");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const apiError = useErrorWords();
  const access = useQuery(trpc.portalAccess.state.queryOptions({ clientId }));
  const [sent, setSent] = useState<Sent | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.portalAccess.state.queryKey({ clientId }) });
  const reveal = useMutation(trpc.portalAccess.revealLink.mutationOptions());
  const revoke = useMutation(trpc.portalAccess.revoke.mutationOptions());

  if (access.isError) return <Alert tone="error">{apiError(access.error).message}</Alert>;
  if (!access.data) return <div className="h-32 animate-pulse rounded-xl bg-slate-100" />;
  const { state, login, invitation, organizationName, fileActive } = access.data;
  const to = (i: { email: string | null; phoneLast4: string | null }) =>
    [i.phoneLast4 ? t("phoneEnding", { last4: i.phoneLast4 }) : null, i.email].filter(Boolean).join(" · ");
  const showForm = fileActive && canInvite(state) && (state !== "invited" || formOpen);

  return (
    <section id="portal-access">
      <Card
        title={t("card.title")}
        actions={
          <span
            className={`rounded-full px-3 py-1 text-sm font-medium ${STATE_TONE[state]}`}
            data-testid="portal-access-state"
            data-state={state}
          >
            {t(`card.states.${state}`)}
          </span>
        }
      >
        <div className="flex flex-col gap-4" data-testid="portal-access">
          {state === "none" && <p className="text-sm text-slate-700">{t("card.noneLead")}</p>}
          {invitation && state !== "none" && state !== "active" && state !== "deactivated" && (
            <div className="flex flex-col gap-1 text-sm text-slate-800" data-testid="portal-invitation">
              <p>
                {t("card.invitedDetail", { date: beijing(invitation.createdAt), by: invitation.invitedByName ?? "—", to: to(invitation) })}
              </p>
              {state === "invited" && <p>{t("card.expiresAt", { date: beijing(invitation.expiresAt) })}</p>}
              {state === "expired" && <p>{t("card.expiredAt", { date: beijing(invitation.expiresAt) })}</p>}
              {state === "revoked" && invitation.revokedAt && <p>{t("card.revokedAt", { date: beijing(invitation.revokedAt) })}</p>}
            </div>
          )}
          {login && (
            <div className="flex flex-col gap-1 text-sm text-slate-800" data-testid="portal-login">
              <p>{t("card.activeSince", { date: beijing(login.since) })}</p>
              <p>{t("card.signsInWith", { ids: to(login) })}</p>
              {state === "deactivated" && <p className="text-slate-600">{t("card.deactivatedHint")}</p>}
            </div>
          )}
          {error && <Alert tone="error">{error}</Alert>}
          {state === "invited" && invitation && (
            <div className="flex flex-wrap gap-2">
              <Button
                variant="secondary"
                disabled={reveal.isPending}
                onClick={async () => {
                  setError(null);
                  try {
                    setSent({ ...(await reveal.mutateAsync({ clientId })), revealed: true });
                  } catch (e) {
                    setError(apiError(e).message);
                    await refresh();
                  }
                }}
              >
                {t("card.showLink")}
              </Button>
              {!formOpen && (
                <Button variant="secondary" onClick={() => setFormOpen(true)}>
                  {t("card.sendNew")}
                </Button>
              )}
              <Button
                variant="danger"
                disabled={revoke.isPending}
                onClick={async () => {
                  setError(null);
                  try {
                    await revoke.mutateAsync({ clientId, invitationId: invitation.id });
                    setSent(null);
                  } catch (e) {
                    setError(apiError(e).message);
                  }
                  await refresh();
                }}
              >
                {t("card.revoke")}
              </Button>
            </div>
          )}
          {sent && state === "invited" && invitation?.id === sent.id && (
            <LinkToSend sent={sent} organizationName={organizationName} clientName={clientName} />
          )}
          {showForm && (
            <InviteForm
              clientId={clientId}
              filePhone={filePhone}
              replacing={state === "invited"}
              onCancel={state === "invited" ? () => setFormOpen(false) : undefined}
              onSent={async (s) => {
                setError(null);
                setSent(s);
                setFormOpen(false);
                await refresh();
              }}
            />
          )}
          {!fileActive && canInvite(state) && <p className="text-sm text-slate-600">{t("card.fileClosed")}</p>}
        </div>
      </Card>
    </section>
  );
}

/** What the fields hold: text as typed (an empty field is "not given" once parsed). */
type FormInput = z.input<typeof ZInviteToPortalInput>;
type FormOutput = z.output<typeof ZInviteToPortalInput>;

function InviteForm({
  clientId,
  filePhone,
  replacing,
  onCancel,
  onSent,
}: {
  clientId: string;
  filePhone: string | null;
  replacing: boolean;
  onCancel?: () => void;
  onSent: (sent: Sent) => Promise<void>;
}) {
  const t = useTranslations("portalAccess");
  const tAll = useTranslations();
  const trpc = useTRPC();
  const apiError = useErrorWords();
  const fieldMessage = apiError.field;
  const [formError, setFormError] = useState<string | null>(null);
  const invite = useMutation(trpc.portalAccess.invite.mutationOptions());
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(ZInviteToPortalInput),
    defaultValues: { clientId, phone: filePhone ?? "", email: "" },
  });
  const errors = form.formState.errors;
  // A refinement's message is one of our error keys (e.g. invalidPhone); the rest are zod's own codes.
  const message = (error: FieldError | undefined, kind?: "email") =>
    error?.message && tAll.has(`errors.${error.message}`) ? tAll(`errors.${error.message}`, { requestId: "-" }) : fieldMessage(error, kind);

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const r = await invite.mutateAsync(values);
      await onSent(r);
    } catch (e) {
      const { message: text, fields } = apiError(e);
      if (fields.phone) form.setError("phone", { message: fields.phone });
      if (fields.email) form.setError("email", { message: fields.email });
      if (!fields.phone && !fields.email) setFormError(fields.clientId ?? text);
    }
  });

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4 border-t border-slate-100 pt-4" noValidate data-testid="portal-invite-form">
      {replacing && <p className="text-sm text-slate-700">{t("card.sendNewHint")}</p>}
      {formError && <Alert tone="error">{formError}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("card.phone")} hint={t("card.phoneHint")} error={message(errors.phone)}>
          {({ id, describedBy, invalid }) => (
            <Input
              id={id}
              type="tel"
              inputMode="tel"
              autoComplete="off"
              aria-invalid={invalid}
              aria-describedby={describedBy}
              {...form.register("phone")}
            />
          )}
        </Field>
        <Field label={t("card.email")} hint={t("card.emailHint")} error={message(errors.email, "email")}>
          {({ id, describedBy, invalid }) => (
            <Input
              id={id}
              type="email"
              autoComplete="off"
              aria-invalid={invalid}
              aria-describedby={describedBy}
              {...form.register("email")}
            />
          )}
        </Field>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {t("card.send")}
        </Button>
        {onCancel && (
          <Button type="button" variant="ghost" onClick={onCancel}>
            {t("card.cancel")}
          </Button>
        )}
      </div>
    </form>
  );
}

/** The one-time link and a ready-to-send text, each with a copy button. */
function LinkToSend({ sent, organizationName, clientName }: { sent: Sent; organizationName: string; clientName: string }) {
  const t = useTranslations("portalAccess.card");
  const [copied, setCopied] = useState<"link" | "message" | null>(null);
  const text = t("messageText", {
    organization: organizationName,
    name: clientName,
    date: beijing(sent.expiresAt, false),
    link: sent.link,
    signIn: sent.phoneLast4 ? t("signInPhone") : t("signInEmail", { email: sent.email ?? "" }),
  });
  const copy = async (what: "link" | "message", value: string) => {
    await navigator.clipboard?.writeText(value).catch(() => undefined);
    setCopied(what);
  };
  return (
    <div className="flex min-w-0 flex-col gap-3" data-testid="portal-invite-result">
      <Alert tone={sent.revealed ? "info" : "success"}>
        {sent.revealed
          ? t("revealed")
          : sent.texted
            ? t("texted", { last4: sent.phoneLast4 ?? "" })
            : sent.emailed
              ? t("emailed")
              : t("created")}
      </Alert>
      <div className="flex min-w-0 flex-col gap-1">
        <p className="text-sm font-medium text-slate-800">{t("link")}</p>
        <code className="block break-all rounded bg-slate-100 p-2 text-xs" data-testid="portal-invite-link">
          {sent.link}
        </code>
        <Button type="button" variant="secondary" className="self-start" onClick={() => copy("link", sent.link)}>
          {copied === "link" ? t("copied") : t("copyLink")}
        </Button>
      </div>
      <div className="flex min-w-0 flex-col gap-1">
        <p className="text-sm font-medium text-slate-800">{t("message")}</p>
        <p className="rounded bg-slate-50 p-2 text-sm text-slate-800 [overflow-wrap:anywhere]" data-testid="portal-invite-message">
          {text}
        </p>
        <Button type="button" variant="secondary" className="self-start" onClick={() => copy("message", text)}>
          {copied === "message" ? t("copied") : t("copyMessage")}
        </Button>
      </div>
    </div>
  );
}
