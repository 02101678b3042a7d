import { and, asc, desc, eq, gte, inArray, isNull, lte, sql } from "drizzle-orm";
import { createTranslator } from "next-intl";
import enMessages from "@/messages/en/messages.json";
import zhMessages from "@/messages/zh-CN/messages.json";
import { withTenant, type Tx } from "@/db/client";
import {
  clients,
  invitations,
  messageReads,
  messageSettings,
  messages,
  notifications,
  organizations,
  smsConsents,
  smsMessages,
} from "@/db/schema";
import { blindIndex, decrypt } from "@/server/crypto";
import { isMobileNumber, normalizePhone } from "@/server/domain/login-id";
import { formatFen } from "@/server/domain/money";
import {
  CURRENT_SMS_CONSENT,
  DEFAULT_QUIET_HOURS,
  DEFAULT_SMS_DAILY_CAP,
  isOptOutReply,
  smsDecision,
  type QuietHours,
  type SmsConsentVia,
  type SmsPurpose,
} from "@/server/domain/sms-rules";
import { shanghaiDate } from "@/server/domain/time";
import { env } from "@/server/env";
import { fieldError, notFound } from "@/server/errors";
import { log } from "@/server/log";
import { assertClientAccess, type Actor } from "./access";
import { writeAudit } from "./audit";
import { smsProvider } from "./sms-providers";

/**
 * SMS to clients (decision 015): queued once per event in the event's transaction, sent by the dispatcher
 * (the periodic job, and right after an invitation) when she has consented, outside the agency's quiet
 * hours and under its daily cap; delivery state from the provider's report; 退订 withdraws consent.
 */

// ------------------------------------------------------------------------- settings

export type MessageSettings = { quiet: QuietHours; smsDailyCap: number };

export async function settingsIn(tx: Tx, orgId: string): Promise<MessageSettings> {
  const [row] = await tx
    .select({ quietStart: messageSettings.quietStart, quietEnd: messageSettings.quietEnd, cap: messageSettings.smsDailyCap })
    .from(messageSettings)
    .where(eq(messageSettings.orgId, orgId))
    .limit(1);
  return row
    ? { quiet: { start: row.quietStart, end: row.quietEnd }, smsDailyCap: row.cap }
    : { quiet: DEFAULT_QUIET_HOURS, smsDailyCap: DEFAULT_SMS_DAILY_CAP };
}

export async function getMessageSettings(actor: Actor): Promise<MessageSettings> {
  return withTenant(actor, (tx) => settingsIn(tx, actor.orgId));
}

export async function quietHoursOf(orgId: string): Promise<QuietHours> {
  return withTenant({ orgId }, async (tx) => (await settingsIn(tx, orgId)).quiet);
}

export async function updateMessageSettings(actor: Actor, input: { quietStart: string; quietEnd: string; smsDailyCap: number }) {
  return withTenant(actor, async (tx) => {
    const before = await settingsIn(tx, actor.orgId);
    await tx
      .insert(messageSettings)
      .values({
        orgId: actor.orgId,
        quietStart: input.quietStart,
        quietEnd: input.quietEnd,
        smsDailyCap: input.smsDailyCap,
        updatedBy: actor.userId,
      })
      .onConflictDoUpdate({
        target: messageSettings.orgId,
        set: {
          quietStart: input.quietStart,
          quietEnd: input.quietEnd,
          smsDailyCap: input.smsDailyCap,
          updatedBy: actor.userId,
          updatedAt: new Date(),
        },
      });
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "settings.messages",
      entityType: "organization",
      entityId: actor.orgId,
      before,
      after: input,
      requestId: actor.requestId,
    });
    return settingsIn(tx, actor.orgId);
  });
}

// ------------------------------------------------------------------------- consent

async function consentRows(tx: Tx, orgId: string, clientId: string) {
  return tx
    .select({
      given: smsConsents.given,
      wording: smsConsents.wording,
      wordingVersion: smsConsents.wordingVersion,
      via: smsConsents.via,
      at: smsConsents.at,
    })
    .from(smsConsents)
    .where(and(eq(smsConsents.orgId, orgId), eq(smsConsents.clientId, clientId)))
    .orderBy(desc(smsConsents.at), desc(smsConsents.id));
}

async function hasConsent(tx: Tx, orgId: string, clientId: string): Promise<boolean> {
  const [latest] = await consentRows(tx, orgId, clientId);
  return latest?.given === "given";
}

async function ownClientId(tx: Tx, actor: Actor, clientId: string | undefined): Promise<string> {
  if (actor.role === "client") {
    const [own] = await tx
      .select({ id: clients.id })
      .from(clients)
      .where(and(eq(clients.orgId, actor.orgId), eq(clients.userId, actor.userId)))
      .limit(1);
    if (!own || (clientId && clientId !== own.id)) throw notFound();
    return own.id;
  }
  if (!clientId) throw fieldError("clientId", "required");
  return (await assertClientAccess(tx, actor, clientId)).id;
}

/** A client's SMS consent now (the latest act decides), its history, and the words to agree to. */
export async function smsConsentOf(actor: Actor, input: { clientId?: string; locale?: "zh-CN" | "en" }) {
  return withTenant(actor, async (tx) => {
    const clientId = await ownClientId(tx, actor, input.clientId);
    const history = await consentRows(tx, actor.orgId, clientId);
    const sms = await tx
      .select({
        id: smsMessages.id,
        purpose: smsMessages.purpose,
        state: smsMessages.state,
        detail: smsMessages.detail,
        createdAt: smsMessages.createdAt,
        sentAt: smsMessages.sentAt,
        deliveredAt: smsMessages.deliveredAt,
        phoneLast4: smsMessages.phoneLast4,
      })
      .from(smsMessages)
      .where(and(eq(smsMessages.orgId, actor.orgId), eq(smsMessages.clientId, clientId)))
      .orderBy(desc(smsMessages.createdAt))
      .limit(20);
    return {
      clientId,
      consented: history[0]?.given === "given",
      history,
      wording: CURRENT_SMS_CONSENT[input.locale ?? "zh-CN"],
      wordingVersion: CURRENT_SMS_CONSENT.version,
      recent: actor.role === "client" ? [] : sms,
    };
  });
}

/**
 * Records consent given or withdrawn with the exact words shown (the current version, in the reader's
 * language): by the client on the portal, or by staff recording what she agreed to. A repeat of the
 * current state records nothing.
 */
export async function recordSmsConsent(actor: Actor, input: { clientId?: string; given: boolean; locale: "zh-CN" | "en" }) {
  return withTenant(actor, async (tx) => {
    const clientId = await ownClientId(tx, actor, input.clientId);
    const now = await hasConsent(tx, actor.orgId, clientId);
    if (now === input.given) return { consented: now, changed: false };
    const via: SmsConsentVia = actor.role === "client" ? "portal" : "staff";
    const wording = input.given ? CURRENT_SMS_CONSENT[input.locale] : input.locale === "en" ? "SMS turned off" : "关闭短信提醒";
    await tx.insert(smsConsents).values({
      orgId: actor.orgId,
      clientId,
      given: input.given ? "given" : "withdrawn",
      wording,
      wordingVersion: input.given ? CURRENT_SMS_CONSENT.version : null,
      via,
      recordedBy: actor.userId,
    });
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: input.given ? "sms.consent" : "sms.optOut",
      entityType: "client",
      entityId: clientId,
      after: { via, wording, wordingVersion: input.given ? CURRENT_SMS_CONSENT.version : null },
      requestId: actor.requestId,
    });
    return { consented: input.given, changed: true };
  });
}

/**
 * An inbound reply (the provider's callback): 退订 / TD and the like withdraw consent for every client file
 * with that number in every agency that holds one (the sender's number is all the reply carries). Other
 * words are ignored. Returns how many files were opted out.
 */
export async function recordInboundReply(orgIds: readonly string[], input: { phone: string; text: string; provider: string }) {
  if (!isOptOutReply(input.text)) return 0;
  const phone = normalizePhone(input.phone.replace(/^\+?86/, ""));
  if (!isMobileNumber(phone)) return 0;
  const hash = blindIndex(phone);
  let changed = 0;
  for (const orgId of orgIds) {
    changed += await withTenant({ orgId }, async (tx) => {
      const files = await tx
        .select({ id: clients.id })
        .from(clients)
        .where(and(eq(clients.orgId, orgId), eq(clients.phoneHash, hash)));
      let n = 0;
      for (const f of files) {
        if (!(await hasConsent(tx, orgId, f.id))) continue;
        await tx
          .insert(smsConsents)
          .values({ orgId, clientId: f.id, given: "withdrawn", wording: input.text.slice(0, 200), via: "reply", recordedBy: null });
        await writeAudit(tx, {
          orgId,
          actorUserId: null,
          action: "sms.optOut",
          entityType: "client",
          entityId: f.id,
          after: { via: "reply", provider: input.provider, wording: input.text.slice(0, 200) },
        });
        n++;
      }
      return n;
    });
  }
  return changed;
}

// ------------------------------------------------------------------------- queue

export type QueueSms = { clientId: string; purpose: SmsPurpose; dedupeKey: string; params: Record<string, string>; notBefore?: Date };

/** Queues one SMS for an event inside the caller's transaction; the same event again adds nothing. */
export async function queueSms(tx: Tx, orgId: string, s: QueueSms): Promise<void> {
  await tx
    .insert(smsMessages)
    .values({
      orgId,
      clientId: s.clientId,
      purpose: s.purpose,
      dedupeKey: s.dedupeKey,
      params: s.params,
      notBefore: s.notBefore ?? new Date(),
    })
    .onConflictDoNothing({ target: [smsMessages.orgId, smsMessages.dedupeKey] });
}

/** The client-facing notifications an SMS repeats: next instalment, documents asked (messages are queued when written). */
const REMINDER_KINDS = { "client-payment-due": "instalment", "client-documents-requested": "document" } as const;

/** Queues an SMS for each recent client notification of a reminder kind (idempotent by the notification's id). */
export async function queueReminderSms(orgId: string, now: Date = new Date()): Promise<number> {
  return withTenant({ orgId }, async (tx) => {
    const rows = await tx
      .select({ id: notifications.id, kind: notifications.kind, params: notifications.params, clientId: notifications.clientId })
      .from(notifications)
      .innerJoin(clients, and(eq(clients.orgId, orgId), eq(clients.id, notifications.clientId), eq(clients.userId, notifications.userId)))
      .where(
        and(
          eq(notifications.orgId, orgId),
          inArray(notifications.kind, Object.keys(REMINDER_KINDS) as Array<keyof typeof REMINDER_KINDS>),
          isNull(notifications.resolvedAt),
          gte(notifications.createdAt, new Date(now.getTime() - 86_400_000)),
        ),
      );
    let n = 0;
    for (const r of rows) {
      if (!r.clientId) continue;
      const purpose = REMINDER_KINDS[r.kind as keyof typeof REMINDER_KINDS];
      const params: Record<string, string> = { lender: r.params.lenderName ?? "" };
      if (purpose === "instalment") Object.assign(params, { date: r.params.date ?? "", amount: formatFen(r.params.amountFen ?? 0) });
      const inserted = await tx
        .insert(smsMessages)
        .values({ orgId, clientId: r.clientId, purpose, dedupeKey: `notification:${r.id}`, params })
        .onConflictDoNothing({ target: [smsMessages.orgId, smsMessages.dedupeKey] })
        .returning({ id: smsMessages.id });
      n += inserted.length;
    }
    return n;
  });
}

/** Queues the portal invitation's link by SMS to the invited number; the link itself is read (decrypted) only when sending. */
export async function queueInvitationSms(actor: Actor, input: { clientId: string; invitationId: string }): Promise<number> {
  const dedupeKey = `invitation:${input.invitationId}`;
  try {
    await withTenant(actor, (tx) =>
      queueSms(tx, actor.orgId, {
        clientId: input.clientId,
        purpose: "invitation",
        dedupeKey,
        params: { invitationId: input.invitationId },
      }),
    );
    // Sent now when it may be (else the periodic run sends it after the quiet hours).
    return await dispatchSms(actor.orgId, new Date(), { dedupeKey });
  } catch (error) {
    // The invitation stands (its link is on screen); the SMS is a convenience.
    log("error", "invitation sms failed", { requestId: actor.requestId, error });
    return 0;
  }
}

// ------------------------------------------------------------------------- dispatch

function smsText(purpose: SmsPurpose, params: Record<string, string>, locale: "zh-CN" | "en"): string {
  const t = createTranslator({ locale, messages: locale === "en" ? enMessages : zhMessages, namespace: "sms" });
  return t(`templates.${purpose}`, {
    org: params.org ?? "",
    link: params.link ?? "",
    lender: params.lender ?? "",
    date: params.date ?? "",
    amount: params.amount ?? "",
  });
}

/**
 * Sends the organization's queued SMS that are due: each claimed (queued → sending) in its own transaction,
 * decided (consent, number, still needed, quiet hours, cap), then sent and its result stored. Returns
 * how many were sent. At most once: a claimed row is never sent again.
 */
export async function dispatchSms(orgId: string, now: Date = new Date(), only?: { dedupeKey: string }): Promise<number> {
  const due = await withTenant({ orgId }, (tx) =>
    tx
      .select({ id: smsMessages.id })
      .from(smsMessages)
      .where(
        and(
          eq(smsMessages.orgId, orgId),
          eq(smsMessages.state, "queued"),
          lte(smsMessages.notBefore, now),
          only ? eq(smsMessages.dedupeKey, only.dedupeKey) : undefined,
        ),
      )
      .orderBy(asc(smsMessages.createdAt))
      .limit(500),
  );
  let sent = 0;
  for (const { id } of due) {
    const job = await withTenant({ orgId }, async (tx) => {
      const [row] = await tx
        .update(smsMessages)
        .set({ state: "sending" })
        .where(and(eq(smsMessages.orgId, orgId), eq(smsMessages.id, id), eq(smsMessages.state, "queued")))
        .returning({
          clientId: smsMessages.clientId,
          purpose: smsMessages.purpose,
          params: smsMessages.params,
          createdAt: smsMessages.createdAt,
        });
      if (!row) return null;
      const settings = await settingsIn(tx, orgId);
      const [file] = await tx
        .select({ phoneEnc: clients.phoneEnc, userId: clients.userId, status: clients.status })
        .from(clients)
        .where(and(eq(clients.orgId, orgId), eq(clients.id, row.clientId)))
        .limit(1);
      let phone = file?.phoneEnc && file.status === "active" ? normalizePhone(decrypt(file.phoneEnc)) : null;
      const params = { ...row.params };
      let stillNeeded = true;
      const [org] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId)).limit(1);
      params.org = org?.name ?? "";
      if (row.purpose === "invitation") {
        const [inv] = await tx
          .select({
            tokenEnc: invitations.tokenEnc,
            phoneEnc: invitations.phoneEnc,
            acceptedAt: invitations.acceptedAt,
            revokedAt: invitations.revokedAt,
            expiresAt: invitations.expiresAt,
          })
          .from(invitations)
          .where(and(eq(invitations.orgId, orgId), eq(invitations.id, row.params.invitationId ?? "")))
          .limit(1);
        stillNeeded = Boolean(inv?.tokenEnc && !inv.acceptedAt && !inv.revokedAt && inv.expiresAt > now);
        if (inv?.phoneEnc) phone = normalizePhone(decrypt(inv.phoneEnc));
        if (stillNeeded && inv?.tokenEnc) params.link = `${env().APP_URL}/invite/${orgId}.${decrypt(inv.tokenEnc)}`;
        delete params.invitationId;
      }
      if (row.purpose === "message") {
        // Nothing to tell if she has read the thread since the newest staff message.
        const [latest] = await tx
          .select({ at: messages.createdAt })
          .from(messages)
          .where(and(eq(messages.orgId, orgId), eq(messages.clientId, row.clientId), eq(messages.side, "staff")))
          .orderBy(desc(messages.createdAt))
          .limit(1);
        const [read] = file?.userId
          ? await tx
              .select({ at: messageReads.readAt })
              .from(messageReads)
              .where(and(eq(messageReads.orgId, orgId), eq(messageReads.clientId, row.clientId), eq(messageReads.userId, file.userId)))
              .limit(1)
          : [];
        stillNeeded = Boolean(latest && (!read || read.at < latest.at));
      }
      const [count] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(smsMessages)
        .where(and(eq(smsMessages.orgId, orgId), eq(smsMessages.clientId, row.clientId), eq(smsMessages.sentOn, shanghaiDate(now))));
      const decision = smsDecision({
        now,
        quiet: settings.quiet,
        dailyCap: settings.smsDailyCap,
        sentToday: Number(count?.n ?? 0),
        consent: await hasConsent(tx, orgId, row.clientId),
        hasPhone: Boolean(phone && isMobileNumber(phone)),
        stillNeeded,
        ageMinutes: Math.floor((now.getTime() - row.createdAt.getTime()) / 60_000),
      });
      if (!decision.send) {
        const set =
          "wait" in decision
            ? { state: "queued" as const, notBefore: decision.wait }
            : { state: "skipped" as const, detail: decision.skip };
        await tx
          .update(smsMessages)
          .set(set)
          .where(and(eq(smsMessages.orgId, orgId), eq(smsMessages.id, id)));
        return null;
      }
      // Counted against today's cap from the moment it is claimed to go.
      await tx
        .update(smsMessages)
        .set({ sentOn: shanghaiDate(now), phoneLast4: phone!.slice(-4) })
        .where(and(eq(smsMessages.orgId, orgId), eq(smsMessages.id, id)));
      return { purpose: row.purpose, params, phone: phone! };
    });
    if (!job) continue;
    const provider = smsProvider();
    const result = await provider
      .send({
        phone: job.phone,
        purpose: job.purpose,
        params: job.params,
        reference: `${orgId}.${id}`,
        text: smsText(job.purpose, job.params, "zh-CN"),
      })
      .catch((error: unknown) => ({ ok: false as const, detail: `error: ${(error as Error).message}`.slice(0, 200) }));
    await withTenant({ orgId }, (tx) =>
      tx
        .update(smsMessages)
        .set(
          result.ok
            ? { state: "sent", provider: provider.name, providerMessageId: result.providerMessageId, sentAt: new Date() }
            : { state: "failed", provider: provider.name, detail: result.detail },
        )
        .where(and(eq(smsMessages.orgId, orgId), eq(smsMessages.id, id))),
    );
    if (result.ok) sent++;
    else log("warn", "sms not sent", { orgId, smsId: id, detail: result.detail });
  }
  return sent;
}

// ------------------------------------------------------------------------- delivery reports

/**
 * A provider's delivery report for one SMS. Aliyun's carries our reference ("<org>.<sms id>", sent as OutId)
 * and its BizId; Tencent's only its SerialNo (sid), so that one is looked for in each organization (by the
 * index on provider_message_id). Unknown reports are ignored (false).
 */
export async function recordDeliveryReport(
  orgIds: readonly string[],
  input: { reference?: string; providerMessageId?: string; delivered: boolean; detail?: string; at?: Date },
): Promise<boolean> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const [refOrg, smsId] = (input.reference ?? "").split(".");
  const byReference = Boolean(refOrg && smsId && uuid.test(refOrg) && uuid.test(smsId));
  if (!byReference && !input.providerMessageId) return false;
  for (const orgId of byReference ? [refOrg!] : orgIds) {
    const rows = await withTenant({ orgId }, (tx) =>
      tx
        .update(smsMessages)
        .set(
          input.delivered
            ? { state: "delivered", deliveredAt: input.at ?? new Date() }
            : { state: "undelivered", detail: (input.detail || "undelivered").slice(0, 200) },
        )
        .where(
          and(
            eq(smsMessages.orgId, orgId),
            byReference ? eq(smsMessages.id, smsId!) : undefined,
            input.providerMessageId ? eq(smsMessages.providerMessageId, input.providerMessageId) : undefined,
            inArray(smsMessages.state, ["sent", "delivered", "undelivered"]),
          ),
        )
        .returning({ id: smsMessages.id }),
    );
    if (rows.length) return true;
  }
  return false;
}
