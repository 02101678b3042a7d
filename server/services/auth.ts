import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb, withTenant, withUser } from "@/db/client";
import { memberships, organizations, users } from "@/db/schema";
import type { SignUpInput } from "@/server/schemas/auth";
import { blindIndex } from "@/server/crypto";
import { parseLoginId } from "@/server/domain/login-id";
import { AppError, fieldError } from "@/server/errors";
import { writeAudit } from "./audit";
import { seedConsentSettings } from "./authorisations";
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from "./passwords";

/** Creates an organization and its first admin. */
export async function signUp(input: SignUpInput, requestId?: string) {
  const problem = passwordProblem(input.password, input.email);
  if (problem) throw fieldError("password", problem);
  const passwordHash = await hashPassword(input.password);
  const orgId = randomUUID();
  const userId = randomUUID();
  return withTenant({ orgId, userId }, async (tx) => {
    const taken = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
    if (taken.length) throw fieldError("email", "emailTaken");
    await tx.insert(organizations).values({ id: orgId, name: input.organizationName });
    await tx.insert(users).values({ id: userId, email: input.email, name: input.name, passwordHash });
    await tx.insert(memberships).values({ orgId, userId, role: "admin" });
    // A new agency acts for a client only under her signed authorisation (decision 014); its admin may relax it.
    await seedConsentSettings(tx, orgId);
    await writeAudit(tx, {
      orgId,
      actorUserId: userId,
      action: "organization.create",
      entityType: "organization",
      entityId: orgId,
      after: { name: input.organizationName, admin: input.email },
      requestId,
    });
    return { orgId, userId };
  });
}

/**
 * Checks a login (mobile number or e-mail, as typed) and password; the same work is done for unknown
 * accounts (no timing oracle).
 */
export async function verifyCredentials(login: string, password: string): Promise<{ id: string } | null> {
  const id = parseLoginId(login);
  const db = await getDb();
  const [user] = id
    ? await db
        .select({ id: users.id, passwordHash: users.passwordHash })
        .from(users)
        .where(id.kind === "email" ? eq(users.email, id.email) : eq(users.phoneHash, blindIndex(id.phone)))
        .limit(1)
    : [];
  if (!user) {
    await verifyPassword(await dummyHash(), password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, password)) ? { id: user.id } : null;
}

export async function getUser(userId: string) {
  return withUser(userId, async (tx) => {
    const [user] = await tx
      .select({ id: users.id, email: users.email, phoneLast4: users.phoneLast4, name: users.name, locale: users.locale })
      .from(users)
      .where(eq(users.id, userId))
      .limit(1);
    if (!user) throw new AppError("UNAUTHORIZED");
    return user;
  });
}
