import { apiRoute, searchParamsObject } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/other-methods";
import { dashboardChartCsv } from "@/lib/dashboard/dashboard-csv";

/** One chart's data as CSV, with the dashboard's filters (the download beside each chart). */
export const GET = apiRoute<{ chart: string }>(async (req, ctx, { chart }) => {
  const { text, headers } = await dashboardChartCsv(ctx.actor, chart, searchParamsObject(req));
  return new Response(text, { headers });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
