// The dashboard for every role (the home page shows it to managers, admins and auditors).
import type { Metadata } from "next";
import { DASHBOARD_QUERY_KEYS } from "@/components/dashboard/dashboard-filters";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { PageHeader } from "@/components/page-header";
import { pickParams, type SearchParams } from "@/components/url";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireUser();
  const params = pickParams(await searchParams, DASHBOARD_QUERY_KEYS);
  return (
    <>
      <PageHeader title="Dashboard" description="Where every case, revocation and review stands, over the cases you can see. Click a tile or a bar for the list behind it." />
      <DashboardView actor={actor} basePath="/dashboard" params={params} />
    </>
  );
}
