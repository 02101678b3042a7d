import { getTranslations } from "next-intl/server";
import { BellLink } from "@/app/_components/bell-link";
import { ShellFrame } from "@/app/_components/shell-frame";
import { serverCaller } from "@/app/_trpc/caller";
import { requireRole } from "@/server/auth/page-guard";
import { PortalComplaints } from "./complaints";
import { PortalLegal } from "./legal-section";
import { PortalHome } from "./portal-home";
import { ConsentLink } from "./consent/consent-link";

export async function generateMetadata() {
  return { title: (await getTranslations("portal"))("title") };
}

/**
 * Rendered on the server with the data read in-process; the page ships no tRPC or React Query client,
 * and its bell is a plain link with the count, so a first visit stays within the portal's JavaScript
 * budget (issue 7). The two forms call server actions or the upload route, then refresh this page.
 */
export default async function PortalPage() {
  const membership = await requireRole(["client"], "/portal");
  const caller = await serverCaller();
  const [data, complaints, consent] = await Promise.all([caller.portal.overview(), caller.complaint.mine(), caller.consent.mine()]);
  return (
    <ShellFrame membership={membership} bell={(unread) => <BellLink count={unread} />}>
      <div className="flex flex-col gap-4">
        <ConsentLink consent={consent} />
        <PortalHome data={data} />
        {/* Court and mediation dates in plain words (services/legal.ts portalLegal), read by the page itself. */}
        <PortalLegal />
        <PortalComplaints items={complaints} />
      </div>
    </ShellFrame>
  );
}
