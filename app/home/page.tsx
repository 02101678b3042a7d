import { redirect } from "next/navigation";
import { pageMembership, sessionUserId } from "@/server/auth/session";

/**
 * Sends each person to their role's home. Outside the (app) group so that passing through it (after
 * signing in, or the brand link in the portal's shell) does not load that group's tRPC client.
 */
export default async function Home() {
  if (!(await sessionUserId())) redirect("/login");
  const membership = await pageMembership();
  if (!membership) redirect("/login?error=noOrganization");
  redirect(membership.role === "admin" ? "/admin" : membership.role === "counselor" ? "/caseload" : "/portal");
}
