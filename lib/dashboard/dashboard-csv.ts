// One chart of the dashboard as CSV, for the download beside each chart.
import type { Actor } from "@/lib/access/actor";
import { csvHeaders, csvText } from "@/lib/csv/csv-stream";
import { chartTable } from "@/lib/dashboard/dashboard-tables";
import { getDashboard } from "@/lib/dashboard/get-dashboard";
import { ZDashboardChart } from "@/lib/dashboard/dashboard-schemas";
import { parseInput } from "@/lib/validation";
import { z } from "zod";

export async function dashboardChartCsv(actor: Actor, chart: string, query: unknown): Promise<{ text: string; headers: Record<string, string> }> {
  const { chart: which } = parseInput(z.object({ chart: ZDashboardChart }), { chart });
  const d = await getDashboard(actor, query);
  const table = chartTable(d, which);
  const filename = `lantern-dashboard-${which}-${d.generatedAt.slice(0, 10)}.csv`;
  return { text: csvText(table.columns, table.rows), headers: csvHeaders(filename) };
}
