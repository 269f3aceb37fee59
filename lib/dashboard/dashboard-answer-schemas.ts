// GET /api/v1/dashboard's answer as a zod schema: the OpenAPI document describes it from this, and
// the compile-time check below keeps it equal to the Dashboard type of get-dashboard.ts.
import { z } from "zod";
import type { Dashboard } from "@/lib/dashboard/get-dashboard";

export const ZFigure = z.object({ label: z.string(), value: z.number(), href: z.string().nullable().describe("the list behind the figure, in the web app") });

export const ZDashboard = z
  .object({
    generatedAt: z.string(),
    filters: z.object({ from: z.string().nullable(), to: z.string().nullable(), severity: z.array(z.string()), tag: z.string().nullable(), leadId: z.string().nullable() }),
    tiles: z.array(
      ZFigure.extend({
        key: z.enum(["openCases", "criticalOpen", "overdueReviews", "revocationsAwaitingApproval", "accountsRevokedThisMonth", "flaggedNotOnRevocation"]),
      }),
    ),
    casesByStatus: z.array(z.object({ status: z.string(), total: z.number(), bySeverity: z.array(ZFigure) })),
    openedClosed: z.array(z.object({ week: z.string().describe("weeks start Monday 00:00 UTC"), opened: ZFigure, closed: ZFigure })),
    openCaseAge: z.array(ZFigure),
    openCasesPerLead: z.array(ZFigure.extend({ leadId: z.string().nullable() })),
    revocations: z.object({ byStatus: z.array(ZFigure), medianHoursToExecution: z.number().nullable(), executed: z.number() }),
    reviews: z.object({
      byStatus: z.array(ZFigure),
      overdue: z.object({
        total: z.number(),
        items: z.array(z.object({ id: z.string(), caseNumber: z.string(), referralBody: z.string(), status: z.string(), dueAt: z.string(), href: z.string() })),
      }),
    }),
    accountsRevoked: z.array(ZFigure.extend({ week: z.string() })).nullable().describe("null for a reader who may not read accounts"),
  })
  .describe(
    "Every figure counts only what the caller may see (restricted cases count for their members and admins alone). flaggedNotOnRevocation: risk score >= 70, " +
      "not REVOKED, on no revocation that was not rejected or reversed",
  );

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type DashboardAnswerSchemasAgree = [Assert<Same<z.output<typeof ZDashboard>, Dashboard>>];
