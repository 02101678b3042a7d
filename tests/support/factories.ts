import { randomUUID } from "node:crypto";
import { getDb } from "@/db/client";
import { maskNationalId } from "@/db/seed";
import { clients, memberships, organizations, users, type Role } from "@/db/schema";
import { blindIndex, encrypt } from "@/server/crypto";
import { hashPassword } from "@/server/services/passwords";
import { createCaller } from "@/server/trpc/root";

export const TEST_PASSWORD = "correct horse battery staple";
let hashed: Promise<string> | undefined;
const passwordHash = () => (hashed ??= hashPassword(TEST_PASSWORD));

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export function callerFor(userId: string | null, activeOrgId: string | null = null) {
  return createCaller({ userId, activeOrgId, requestId: `test-${unique()}`, ip: "127.0.0.1" });
}

export async function createUser(name: string) {
  const db = await getDb();
  const id = randomUUID();
  const email = `${name.toLowerCase().replace(/\W/g, "")}-${unique()}@test.example`;
  await db.insert(users).values({ id, email, name, passwordHash: await passwordHash() });
  return { id, email, name };
}

export async function addMember(orgId: string, userId: string, role: Role) {
  const db = await getDb();
  await db.insert(memberships).values({ orgId, userId, role });
}

/**
 * A whole tenant graph: an admin, two counselors, two clients (client A assigned to counselor A,
 * client B to counselor B), each with callers bound to this organization.
 */
export async function createTenant(name = "Test agency") {
  const db = await getDb();
  const orgId = randomUUID();
  await db.insert(organizations).values({ id: orgId, name: `${name} ${unique()}` });
  const admin = await createUser("Admin");
  const counselorA = await createUser("CounselorA");
  const counselorB = await createUser("CounselorB");
  const clientUserA = await createUser("ClientA");
  const clientUserB = await createUser("ClientB");
  for (const [u, role] of [
    [admin, "admin"],
    [counselorA, "counselor"],
    [counselorB, "counselor"],
    [clientUserA, "client"],
    [clientUserB, "client"],
  ] as const) {
    await addMember(orgId, u.id, role);
  }
  const clientA = await createClientRecord(orgId, { userId: clientUserA.id, counselorId: counselorA.id, name: "客户甲" });
  const clientB = await createClientRecord(orgId, { userId: clientUserB.id, counselorId: counselorB.id, name: "客户乙" });
  return {
    orgId,
    admin,
    counselorA,
    counselorB,
    clientUserA,
    clientUserB,
    clientA,
    clientB,
    as: {
      admin: callerFor(admin.id, orgId),
      counselorA: callerFor(counselorA.id, orgId),
      counselorB: callerFor(counselorB.id, orgId),
      clientA: callerFor(clientUserA.id, orgId),
      clientB: callerFor(clientUserB.id, orgId),
      anonymous: callerFor(null),
    },
  };
}

export type Tenant = Awaited<ReturnType<typeof createTenant>>;

export async function createClientRecord(
  orgId: string,
  opts: { userId?: string; counselorId?: string; name?: string; phone?: string; nationalId?: string } = {},
) {
  const db = await getDb();
  const id = randomUUID();
  const phone = opts.phone ?? `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
  const nationalId = opts.nationalId ?? "110101199001011234";
  await db.insert(clients).values({
    orgId,
    id,
    userId: opts.userId ?? null,
    fullName: opts.name ?? `客户${unique()}`,
    phoneEnc: encrypt(phone),
    phoneHash: blindIndex(phone),
    phoneLast4: phone.slice(-4),
    nationalIdEnc: encrypt(nationalId),
    nationalIdMasked: maskNationalId(nationalId),
    assignedCounselorId: opts.counselorId ?? null,
    consentAt: new Date(),
  });
  return { id, phone, nationalId };
}
