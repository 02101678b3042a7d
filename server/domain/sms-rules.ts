/**
 * What may leave the app, and when: quiet hours (Beijing wall-clock), the SMS consent texts, the daily cap,
 * and the decision for one SMS now. Pure; services/sms.ts stores and sends.
 */
import { MINUTES_PER_DAY, parseClockTime, shanghaiDate, shanghaiInstant, shanghaiMinutesOfDay, addDays } from "./time";

export const SMS_PURPOSES = ["invitation", "instalment", "document", "message"] as const;
export type SmsPurpose = (typeof SMS_PURPOSES)[number];

/**
 * queued → sent → delivered | undelivered; or, at the dispatcher, failed (the provider refused it),
 * skipped (no consent, withdrawn, over the cap, no number, no longer needed).
 */
export const SMS_STATES = ["queued", "sending", "sent", "delivered", "undelivered", "failed", "skipped"] as const;
export type SmsState = (typeof SMS_STATES)[number];

export const SMS_CONSENT_VIAS = ["portal", "staff", "reply"] as const;
export type SmsConsentVia = (typeof SMS_CONSENT_VIAS)[number];

/**
 * The consent sentences, dated and versioned: the exact words are stored with each consent. Source: PIPL
 * Art. 14 (consent given voluntarily and explicitly, in full knowledge) and Art. 15 (withdrawable, with a
 * convenient way to withdraw); MIIT 《通信短信息服务管理规定》 (2015) Art. 18: no commercial SMS without
 * consent, and a way to refuse in each message.
 */
export const SMS_CONSENT_TEXTS = [
  {
    version: "2026-12-01",
    "zh-CN": "我同意本机构通过短信向我发送还款提醒、材料提醒、新消息提醒和登录邀请链接。我可以随时在客户门户关闭，或回复“退订”停止接收。",
    en: "I agree that this agency may send me SMS reminders of payments, documents asked for and new messages, and my sign-in invitation link. I can turn this off in the client portal at any time, or reply 退订 to stop.",
  },
] as const;
export const CURRENT_SMS_CONSENT = SMS_CONSENT_TEXTS[SMS_CONSENT_TEXTS.length - 1]!;

/** Words in an inbound reply that withdraw consent (the MIIT-style 退订 and the carriers' TD / T). */
const OPT_OUT_WORDS = ["退订", "td", "t", "退", "取消", "stop", "unsubscribe"];

/** Whether an inbound SMS withdraws consent: the whole reply, trimmed, is one of the words (case-insensitive). */
export function isOptOutReply(text: string): boolean {
  const t = text
    .normalize("NFKC")
    .trim()
    .replace(/[\s。.!！]+$/u, "")
    .toLowerCase();
  return OPT_OUT_WORDS.includes(t);
}

export type QuietHours = { start: string; end: string };

/** The default: no notification e-mail or SMS 22:00–08:00 Beijing time (GB/T 45251-2025's collection hours). */
export const DEFAULT_QUIET_HOURS: QuietHours = { start: "22:00", end: "08:00" };
export const DEFAULT_SMS_DAILY_CAP = 3;
export const MAX_SMS_DAILY_CAP = 20;

/** Whether `now` falls inside the quiet hours (start inclusive, end exclusive; across midnight when start > end). */
export function inQuietHours(now: Date, q: QuietHours): boolean {
  const s = parseClockTime(q.start, "quietStart");
  const e = parseClockTime(q.end, "quietEnd");
  if (s === e) return false;
  const m = shanghaiMinutesOfDay(now);
  return s < e ? m >= s && m < e : m >= s || m < e;
}

/** The instant the quiet hours containing `now` end (`now` itself when not quiet). */
export function quietHoursEnd(now: Date, q: QuietHours): Date {
  if (!inQuietHours(now, q)) return now;
  const e = parseClockTime(q.end, "quietEnd");
  const today = shanghaiDate(now);
  const endToday = shanghaiInstant(today, e);
  return endToday.getTime() > now.getTime() ? endToday : shanghaiInstant(addDays(today, 1), e);
}

/** The start of the next Beijing day (when a capped SMS may go). */
export function nextShanghaiDay(now: Date): Date {
  return shanghaiInstant(addDays(shanghaiDate(now), 1), 0);
}

export type SmsFacts = {
  now: Date;
  quiet: QuietHours;
  dailyCap: number;
  /** SMS already sent to this client today (Beijing day). */
  sentToday: number;
  consent: boolean;
  hasPhone: boolean;
  /** False when what it tells is already seen (a message read in the app before the SMS left). */
  stillNeeded: boolean;
  /** The SMS was made this long ago; reminders older than a day are stale and skipped, not sent late. */
  ageMinutes: number;
};

export type SmsDecision = { send: true } | { send: false; wait: Date } | { send: false; skip: string };

/** Reminders not sent within a day of their event are dropped: news late is noise. */
export const SMS_STALE_MINUTES = MINUTES_PER_DAY;

/** What the dispatcher does with one queued SMS now. */
export function smsDecision(f: SmsFacts): SmsDecision {
  if (!f.consent) return { send: false, skip: "no-consent" };
  if (!f.hasPhone) return { send: false, skip: "no-phone" };
  if (!f.stillNeeded) return { send: false, skip: "not-needed" };
  if (f.ageMinutes > SMS_STALE_MINUTES) return { send: false, skip: "stale" };
  if (inQuietHours(f.now, f.quiet)) return { send: false, wait: quietHoursEnd(f.now, f.quiet) };
  if (f.sentToday >= f.dailyCap) return { send: false, skip: "daily-cap" };
  return { send: true };
}
