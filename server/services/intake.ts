import { and, eq, isNull } from "drizzle-orm";
import { withTenant, type Tx } from "@/db/client";
import { clients, memberships, users } from "@/db/schema";
import { maskNationalId } from "@/db/seed";
import { blindIndex, decrypt, encrypt } from "@/server/crypto";
import { can } from "@/server/domain/permissions";
import { AppError, fieldError } from "@/server/errors";
import type { CreateClientInput, UpdateClientInput } from "@/server/schemas/assessment";
import { assertClientAccess, clientVisibility, type Actor } from "./access";
import { writeAudit } from "./audit";
import { normalizePhone } from "./clients";

/** The consent text version a counselor confirms with the client at intake. */
export const CONSENT_VERSION = "2026-01";

function phoneColumns(phone: string | undefined) {
  if (!phone) return {};
  const normal = normalizePhone(phone);
  return { phoneEnc: encrypt(normal), phoneHash: blindIndex(normal), phoneLast4: normal.slice(-4) };
}

function nationalIdColumns(id: string | undefined) {
  if (!id) return {};
  return { nationalIdEnc: encrypt(id), nationalIdMasked: maskNationalId(id) };
}

/** The counselor a client is assigned to must be an active counselor (or admin) of this organization. */
async function assertCounselor(tx: Tx, orgId: string, userId: string) {
  const [m] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId), isNull(memberships.deactivatedAt)))
    .limit(1);
  if (!m || m.role === "client") throw fieldError("assignedCounselorId", "unknownCounselor");
}

/** The parts of a client record that are not personal identifiers (shown in audit rows as they are). */
function auditable(row: Record<string, unknown>) {
  const { phoneEnc: _p, phoneHash: _h, nationalIdEnc: _n, ...rest } = row;
  return rest;
}

export async function createClient(actor: Actor, input: CreateClientInput) {
  return withTenant(actor, async (tx) => {
    let counselorId: string | null = actor.role === "counselor" ? actor.userId : null;
    if (input.assignedCounselorId && input.assignedCounselorId !== counselorId) {
      if (!can(actor.role, "client.assign")) throw new AppError("FORBIDDEN");
      await assertCounselor(tx, actor.orgId, input.assignedCounselorId);
      counselorId = input.assignedCounselorId;
    }
    const values = {
      orgId: actor.orgId,
      fullName: input.fullName,
      ...phoneColumns(input.phone),
      ...nationalIdColumns(input.nationalId),
      city: input.city ?? null,
      householdSize: input.householdSize ?? null,
      dependents: input.dependents ?? null,
      employment: input.employment ?? null,
      hardshipReason: input.hardshipReason ?? null,
      hardshipNarrative: input.hardshipNarrative ?? null,
      consentAt: new Date(),
      consentVersion: CONSENT_VERSION,
      assignedCounselorId: counselorId,
    };
    const [row] = await tx.insert(clients).values(values).returning({ id: clients.id });
    const id = row!.id;
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "client.create",
      entityType: "client",
      entityId: id,
      after: auditable(values),
      requestId: actor.requestId,
    });
    return { id };
  });
}

const CLIENT_COLUMNS = {
  id: clients.id,
  fullName: clients.fullName,
  phoneEnc: clients.phoneEnc,
  phoneLast4: clients.phoneLast4,
  nationalIdMasked: clients.nationalIdMasked,
  city: clients.city,
  householdSize: clients.householdSize,
  dependents: clients.dependents,
  employment: clients.employment,
  hardshipReason: clients.hardshipReason,
  hardshipNarrative: clients.hardshipNarrative,
  consentAt: clients.consentAt,
  consentVersion: clients.consentVersion,
  assignedCounselorId: clients.assignedCounselorId,
  status: clients.status,
  version: clients.version,
  createdAt: clients.createdAt,
  updatedAt: clients.updatedAt,
};

/** One client's intake, for those who may see it. The national ID comes masked; the phone in full. */
export async function getClient(actor: Actor, id: string) {
  return withTenant(actor, async (tx) => {
    const [row] = await tx
      .select({ ...CLIENT_COLUMNS, counselorName: users.name })
      .from(clients)
      .leftJoin(users, eq(users.id, clients.assignedCounselorId))
      .where(and(clientVisibility(actor), eq(clients.id, id)))
      .limit(1);
    if (!row) throw new AppError("NOT_FOUND");
    const { phoneEnc, ...rest } = row;
    return { ...rest, phone: phoneEnc ? decrypt(phoneEnc) : null };
  });
}

/** The full national ID number, for roles that need it; every reveal is audited. */
export async function revealNationalId(actor: Actor, id: string) {
  return withTenant(actor, async (tx) => {
    await assertClientAccess(tx, actor, id);
    const [row] = await tx
      .select({ enc: clients.nationalIdEnc })
      .from(clients)
      .where(and(eq(clients.orgId, actor.orgId), eq(clients.id, id)))
      .limit(1);
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "client.revealNationalId",
      entityType: "client",
      entityId: id,
      requestId: actor.requestId,
    });
    return { nationalId: row?.enc ? decrypt(row.enc) : null };
  });
}

/**
 * Updates the intake. Phone and national ID change only when given (they are never sent back in full for
 * editing); the other optional fields are cleared when left out. A stale version → CONFLICT.
 */
export async function updateClient(actor: Actor, input: UpdateClientInput) {
  return withTenant(actor, async (tx) => {
    const current = await assertClientAccess(tx, actor, input.id);
    const [before] = await tx
      .select(CLIENT_COLUMNS)
      .from(clients)
      .where(and(eq(clients.orgId, actor.orgId), eq(clients.id, input.id)))
      .limit(1);
    let counselorId = current.assignedCounselorId;
    if (input.assignedCounselorId !== undefined && input.assignedCounselorId !== counselorId) {
      if (!can(actor.role, "client.assign")) throw new AppError("FORBIDDEN");
      await assertCounselor(tx, actor.orgId, input.assignedCounselorId);
      counselorId = input.assignedCounselorId;
    }
    const changes = {
      fullName: input.fullName,
      ...phoneColumns(input.phone),
      ...nationalIdColumns(input.nationalId),
      city: input.city ?? null,
      householdSize: input.householdSize ?? null,
      dependents: input.dependents ?? null,
      employment: input.employment ?? null,
      hardshipReason: input.hardshipReason ?? null,
      hardshipNarrative: input.hardshipNarrative ?? null,
      assignedCounselorId: counselorId,
    };
    const updated = await tx
      .update(clients)
      .set({ ...changes, version: input.version + 1, updatedAt: new Date() })
      .where(and(eq(clients.orgId, actor.orgId), eq(clients.id, input.id), eq(clients.version, input.version)))
      .returning({ version: clients.version });
    if (updated.length === 0) throw new AppError("CONFLICT");
    const { phoneEnc: _phone, ...beforeRest } = before ?? {};
    await writeAudit(tx, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: "client.update",
      entityType: "client",
      entityId: input.id,
      before: beforeRest,
      after: auditable(changes),
      requestId: actor.requestId,
    });
    return { id: input.id, version: updated[0]!.version };
  });
}
