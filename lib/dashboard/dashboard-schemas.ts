// The dashboard's filters (query parameters of the page, GET /api/v1/dashboard and its CSV
// downloads): a period, and the case filters of the case list.
import { z } from "zod";
import { ZFromBound, ZSeverity, ZTag, ZToBound } from "@/lib/cases/case-schemas";
import { emptyToUndefined } from "@/lib/validation";

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v), z.array(item).optional());

export const ZDashboardQuery = z.object({
  from: ZFromBound.describe("start of the period (a date: from the start of that day, UTC); cases opened and actions created from then on"),
  to: ZToBound.describe("end of the period (a date: up to the end of that day, UTC); default now"),
  severity: csv(ZSeverity).describe("cases of these severities (comma-separated)"),
  tag: z.preprocess(emptyToUndefined, ZTag.optional()).describe("cases with this tag"),
  leadId: z.preprocess(emptyToUndefined, z.string().trim().min(1).max(64).optional()).describe('cases led by this user id, or "none"'),
});
export type TDashboardQuery = z.input<typeof ZDashboardQuery>;
export type DashboardFilters = z.output<typeof ZDashboardQuery>;

export const DASHBOARD_CHARTS = [
  "tiles",
  "cases-by-status",
  "opened-closed",
  "open-case-age",
  "open-cases-per-lead",
  "revocations",
  "reviews",
  "overdue-reviews",
  "accounts-revoked",
] as const;
export type DashboardChart = (typeof DASHBOARD_CHARTS)[number];
export const ZDashboardChart = z.enum(DASHBOARD_CHARTS);
