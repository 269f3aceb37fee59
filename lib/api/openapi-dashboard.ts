// The dashboard and the CSV list exports in the OpenAPI description: GET /dashboard (every figure
// as JSON), GET /dashboard/charts/{chart} (one chart as CSV), and the `format=csv` of the case,
// account and audit lists (decision 0018).
import { ZDashboardQuery, DASHBOARD_CHARTS } from "@/lib/dashboard/dashboard-schemas";
import type { OpenApiHelpers } from "@/lib/api/openapi-accounts";
import { ZDashboard, ZFigure } from "@/lib/dashboard/dashboard-answer-schemas";

type Json = Record<string, unknown>;

const CSV_NOTE =
  "CSV (RFC 4180, CRLF line ends, UTF-8, a header row), streamed. A cell that starts with = + - @ (or a tab or carriage return) gets a leading apostrophe so spreadsheets read it as text.";

/** The `format` query parameter of a list that can answer CSV. */
export const formatParameter: Json = {
  name: "format",
  in: "query",
  required: false,
  schema: { enum: ["json", "csv"], default: "json" },
  description: "csv: every matching row, newest first, as a streamed text/csv download (page, pageSize, sort and order do not apply); each export is an audit event",
};

/** A list operation that also answers text/csv with `format=csv`. */
export function withCsvFormat(operation: Json, columns: string[]): Json {
  const responses = operation.responses as Record<string, Json>;
  const ok = responses["200"] as { description: string; content?: Json };
  return {
    ...operation,
    parameters: [...((operation.parameters as Json[]) ?? []), formatParameter],
    responses: {
      ...responses,
      200: { ...ok, content: { ...(ok.content ?? {}), "text/csv": { schema: { type: "string", description: `${CSV_NOTE} Columns: ${columns.join(", ")}.` } } } },
    },
  };
}

export function dashboardSchemas({ answer }: Pick<OpenApiHelpers, "answer">): Json {
  return { DashboardFigure: answer(ZFigure), Dashboard: answer(ZDashboard) };
}

export function dashboardPaths({ queryParameters, ok, errors, ref }: OpenApiHelpers): Json {
  return {
    "/dashboard": {
      get: { summary: "The dashboard's figures for the caller, with the filters of the page", parameters: queryParameters(ZDashboardQuery), responses: { 200: ok("Tiles and charts", ref("Dashboard")), ...errors(400, 401) } },
    },
    "/dashboard/charts/{chart}": {
      get: {
        summary: "One chart of the dashboard as CSV (the same rows as the table under the chart)",
        parameters: [{ name: "chart", in: "path", required: true, schema: { enum: [...DASHBOARD_CHARTS] } }, ...queryParameters(ZDashboardQuery)],
        responses: { 200: { description: "The chart's rows", content: { "text/csv": { schema: { type: "string", description: CSV_NOTE } } } }, ...errors(400, 401) },
      },
    },
  };
}
