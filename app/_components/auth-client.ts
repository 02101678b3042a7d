"use client";

/**
 * Sign-in and sign-out against next-auth's own endpoints, without next-auth/react: that module (with its
 * Babel regenerator runtime and session context) would otherwise ride along in every page's JavaScript.
 * It is the same exchange next-auth/react makes: a CSRF token, then a form POST that answers with JSON.
 */
async function csrfToken(): Promise<string> {
  const res = await fetch("/api/auth/csrf", { cache: "no-store" });
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

async function post(path: string, fields: Record<string, string>): Promise<{ ok: boolean; url: string | null }> {
  const res = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Auth-Return-Redirect": "1" },
    body: new URLSearchParams({ ...fields, csrfToken: await csrfToken(), callbackUrl: window.location.href, json: "true" }),
  });
  const data = (await res.json().catch(() => ({}))) as { url?: string };
  return { ok: res.ok, url: data.url ?? null };
}

/**
 * Credentials sign-in; `error` is next-auth's error code (the message the authorize step threw, e.g.
 * "TotpRequired" or "RateLimited:60"), null when the session cookie is set.
 */
export async function signInWithCredentials(fields: Record<string, string>): Promise<{ error: string | null }> {
  const { ok, url } = await post("/api/auth/callback/credentials", fields);
  const error = url ? new URL(url, window.location.origin).searchParams.get("error") : null;
  if (error) return { error };
  return { error: ok ? null : "CredentialsSignin" };
}

/** Ends the session, then goes to `to` (a full page load, so no signed-in page stays in memory). */
export async function signOutTo(to: string): Promise<void> {
  await post("/api/auth/signout", {});
  window.location.href = to;
}
