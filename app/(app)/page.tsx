// The home page after sign-in: the dashboard for managers, admins and auditors (read-only, as all
// of it is), an investigator's own home (my cases, awaiting me, due soon) for investigators.
import type { Metadata } from "next";
import Link from "next/link";
import { DASHBOARD_QUERY_KEYS } from "@/components/dashboard/dashboard-filters";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { InvestigatorHomeView } from "@/components/dashboard/investigator-home-view";
import { buttonClass } from "@/components/form-styles";
import { PageHeader } from "@/components/page-header";
import { pickParams, type SearchParams } from "@/components/url";
import { can } from "@/lib/access/permissions";
import { requireUser } from "@/lib/auth/current-user";
import { getInvestigatorHome } from "@/lib/dashboard/investigator-home";

export const metadata: Metadata = { title: "Home" };

export default async function Home({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireUser();
  if (actor.role === "INVESTIGATOR") {
    return (
      <>
        <PageHeader
          title="My work"
          description="Your open cases, what waits for you and what is due soon."
          actions={
            <>
              <Link href="/dashboard" className={buttonClass("secondary")}>Dashboard</Link>
              {can(actor.role, "case:create") && <Link href="/cases/new" className={buttonClass()}>New case</Link>}
            </>
          }
        />
        <InvestigatorHomeView home={await getInvestigatorHome(actor)} />
      </>
    );
  }
  const params = pickParams(await searchParams, DASHBOARD_QUERY_KEYS);
  return (
    <>
      <PageHeader title="Dashboard" description="Where every case, revocation and review stands, over the cases you can see. Click a tile or a bar for the list behind it." />
      <DashboardView actor={actor} basePath="/" params={params} />
    </>
  );
}
