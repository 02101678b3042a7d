import "server-only";
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { isUuid } from "@/server/schemas/common";
import { ACTIVE_ORG_COOKIE } from "@/server/trpc/context";
import { loadMembership, type Membership } from "@/server/services/membership";
import { authOptions } from "./options";

export async function sessionUserId(): Promise<string | null> {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  return id || null;
}

export async function activeOrgId(): Promise<string | null> {
  const value = (await cookies()).get(ACTIVE_ORG_COOKIE)?.value;
  return isUuid(value) ? value : null;
}

/** For pages: the signed-in person's active membership, or null. */
export async function pageMembership(): Promise<Membership | null> {
  const userId = await sessionUserId();
  if (!userId) return null;
  return loadMembership(userId, await activeOrgId());
}
