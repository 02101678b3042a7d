import { appendFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { env } from "@/server/env";
import { log } from "@/server/log";

/** `headers`: extra message headers (a notification names itself, so a receiver can tell it from an invitation). */
export type Mail = { to: string; subject: string; text: string; headers?: Record<string, string> };

/**
 * Every message goes to the local outbox (one JSON line each), so a deployment without a mail server
 * still has the links; with SMTP_URL it is also sent. A failed send is logged, never fatal: the admin
 * sees the link on screen either way.
 */
export async function deliver(mail: Mail, requestId?: string): Promise<{ sent: boolean }> {
  const { OUTBOX_FILE, SMTP_URL, MAIL_FROM } = env();
  await mkdir(path.dirname(OUTBOX_FILE), { recursive: true });
  await appendFile(OUTBOX_FILE, JSON.stringify({ at: new Date().toISOString(), ...mail }) + "\n");
  if (!SMTP_URL) return { sent: false };
  try {
    const nodemailer = await import("nodemailer");
    await nodemailer.createTransport(SMTP_URL).sendMail({ from: MAIL_FROM, ...mail });
    return { sent: true };
  } catch (error) {
    log("warn", "mail not sent", { requestId, to: mail.to, error });
    return { sent: false };
  }
}
