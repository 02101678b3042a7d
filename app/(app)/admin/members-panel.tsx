"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Alert, Button, Card, EmptyState, Select } from "@/app/_components/ui";
import { useTRPC } from "@/app/_trpc/client";
import { useErrorWords } from "@/app/_components/use-error-words";

export function MembersPanel({ selfId }: { selfId: string }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const apiError = useErrorWords();
  const [error, setError] = useState<string | null>(null);
  const { data: members } = useSuspenseQuery(trpc.org.members.queryOptions());
  const { data: invitations } = useSuspenseQuery(trpc.org.invitations.queryOptions());
  const onError = (e: unknown) => setError(apiError(e).message);
  const refresh = () => {
    setError(null);
    void queryClient.invalidateQueries({ queryKey: trpc.org.pathKey() });
  };
  const setActive = useMutation(trpc.org.setMemberActive.mutationOptions({ onSuccess: refresh, onError }));
  const setRole = useMutation(trpc.org.setMemberRole.mutationOptions({ onSuccess: refresh, onError }));
  const revoke = useMutation(trpc.org.revokeInvitation.mutationOptions({ onSuccess: refresh, onError }));
  const date = (d: Date) => format.dateTime(d, { year: "numeric", month: "2-digit", day: "2-digit" }).replaceAll("/", "-");

  const pending = invitations.filter((i) => !i.acceptedAt && !i.revokedAt);
  return (
    <div className="flex flex-col gap-6">
      {error && <Alert tone="error">{error}</Alert>}
      <Card title={t("admin.members")}>
        {members.length <= 1 && <p className="mb-3 text-sm text-slate-700">{t("admin.onlyYou")}</p>}
        <ul className="divide-y divide-slate-100" data-testid="members">
          {members.map((m) => (
            <li key={m.userId} className="flex flex-wrap items-center justify-between gap-2 py-3">
              <div>
                <p className="font-medium">{m.name}</p>
                <p className="text-sm text-slate-600">
                  {m.email ?? t("portalAccess.phoneEnding", { last4: m.phoneLast4 ?? "" })} · {t(`roles.${m.role}`)} ·{" "}
                  {m.deactivatedAt ? t("admin.deactivated") : t("admin.active")}
                </p>
              </div>
              {m.userId !== selfId && (
                <div className="flex flex-wrap items-center gap-2">
                  {/* Staff move between counselor and admin; a client's login belongs to their client record. */}
                  {m.role !== "client" && !m.deactivatedAt && (
                    <div className="w-32">
                      <Select
                        aria-label={`${t("admin.changeRole")}: ${m.name}`}
                        value={m.role}
                        disabled={setRole.isPending}
                        onChange={(e) =>
                          setRole.mutate({
                            userId: m.userId,
                            role: e.target.value as "admin" | "counselor",
                          })
                        }
                      >
                        <option value="counselor">{t("roles.counselor")}</option>
                        <option value="admin">{t("roles.admin")}</option>
                      </Select>
                    </div>
                  )}
                  <Button
                    variant={m.deactivatedAt ? "secondary" : "danger"}
                    disabled={setActive.isPending}
                    onClick={() =>
                      setActive.mutate({
                        userId: m.userId,
                        active: Boolean(m.deactivatedAt),
                      })
                    }
                  >
                    {m.deactivatedAt ? t("admin.reactivate") : t("admin.deactivate")}
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      </Card>
      <Card title={t("admin.invitations")}>
        {invitations.length === 0 ? (
          <EmptyState>{t("admin.noInvitations")}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="invitations">
            {invitations.map((i) => {
              const status = i.acceptedAt
                ? "accepted"
                : i.revokedAt
                  ? "revoked"
                  : i.expiresAt.getTime() < Date.now()
                    ? "expired"
                    : "pending";
              return (
                <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                  <div>
                    <p className="font-medium">
                      {i.email ?? t("portalAccess.phoneEnding", { last4: i.phoneLast4 ?? "" })}
                      {i.clientId && (
                        <>
                          {" · "}
                          <Link href={`/clients/${i.clientId}`} className="text-brand-700 underline">
                            {t("portalAccess.admin.openFile")}
                          </Link>
                        </>
                      )}
                    </p>
                    <p className="text-sm text-slate-600">
                      {t(`roles.${i.role}`)} · {t(`admin.${status}`)}
                      {status === "pending" && ` · ${t("admin.expires")} ${date(i.expiresAt)}`}
                    </p>
                  </div>
                  {pending.includes(i) && (
                    <Button variant="ghost" disabled={revoke.isPending} onClick={() => revoke.mutate({ id: i.id })}>
                      {t("admin.revoke")}
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </div>
  );
}
