import { redirect } from "next/navigation";
import { pageMembership, sessionUserId } from "@/server/auth/session";

/** Sends each person to their role's home. */
export default async function Home() {
  if (!(await sessionUserId())) redirect("/login");
  const membership = await pageMembership();
  if (!membership) redirect("/login?error=noOrganization");
  redirect(membership.role === "admin" ? "/admin" : membership.role === "counselor" ? "/caseload" : "/portal");
}
